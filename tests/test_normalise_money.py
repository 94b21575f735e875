"""Tests for doccheck.normalise.money: wages in English and French, periods, conversions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.money import Money, find_money, format_money, money_equal, parse_money


@pytest.mark.parametrize(
    ("raw", "amount", "period", "currency"),
    [
        ("$42.50 per hour", 42.5, "hour", "CAD"),  # the plain English form
        ("$42.50/hr", 42.5, "hour", "CAD"),  # slash abbreviation
        ("42.50 $/h", 42.5, "hour", "CAD"),  # currency after, "$/h"
        ("$42.50 an hour", 42.5, "hour", "CAD"),  # "an hour"
        ("$42.50 hourly", 42.5, "hour", "CAD"),  # adverb after
        ("CAD 88,400 per annum", 88400.0, "year", "CAD"),  # ISO code before, "per annum"
        ("$88,400.00 annually", 88400.0, "year", "CAD"),  # cents and "annually"
        ("$7,366.67 monthly", 7366.67, "month", "CAD"),  # monthly
        ("$1,700 per week", 1700.0, "week", "CAD"),  # weekly
        ("88 400 $ par année", 88400.0, "year", "CAD"),  # French, space thousands
        ("88\u00a0400\u00a0$ par année", 88400.0, "year", "CAD"),  # no-break spaces
        ("88\u202f400 $ par année", 88400.0, "year", "CAD"),  # narrow no-break space
        ("42,50 $ l'heure", 42.5, "hour", "CAD"),  # French decimal comma
        ("42,50 $ de l\u2019heure", 42.5, "hour", "CAD"),  # curly apostrophe
        ("42,50 $/heure", 42.5, "hour", "CAD"),  # French slash form
        ("salaire annuel de 88 400 $", 88400.0, "year", "CAD"),  # period before the amount (French)
        ("an annual salary of $88,400", 88400.0, "year", "CAD"),  # period before the amount (English)
        ("salaire horaire de 42,50 $", 42.5, "hour", "CAD"),  # "horaire" before
        ("CAD$ 95,000 / year", 95000.0, "year", "CAD"),  # "CAD$" and spaced slash
        ("$95K per year", 95000.0, "year", "CAD"),  # K suffix
        ("USD 5,000 per month", 5000.0, "month", "USD"),  # foreign currency kept
        ("US$ 5,000 per month", 5000.0, "month", "USD"),  # "US$"
        ("1.234,56 € per month", 1234.56, "month", "EUR"),  # European separators
        ("1 234,56 $ par semaine", 1234.56, "week", "CAD"),  # French thousands and decimals
        ("$88,400 a year gross", 88400.0, "year", "CAD"),  # "a year", filler after
        ("Hourly rate: 42.50", 42.5, "hour", "CAD"),  # labelled bare number
        ("42.50 per hour", 42.5, "hour", "CAD"),  # no currency mark but a period
        ("$3,400 every two weeks", 1700.0, "week", "CAD"),  # bi-weekly phrase
        ("USD $5,000 per month", 5000.0, "month", "USD"),  # code before a dollar sign
        ("$42.50 CAD per hour", 42.5, "hour", "CAD"),  # code after the amount
        ("Salary: $88,400/annum", 88400.0, "year", "CAD"),  # "/annum"
        ("95k$ par an", 95000.0, "year", "CAD"),  # French "par an", K suffix
    ],
)
def test_parse_money_reads_amount_period_and_currency(raw: str, amount: float, period: str, currency: str) -> None:
    money = parse_money(raw)
    assert money is not None
    assert (money.amount, money.period, money.currency) == (pytest.approx(amount), period, currency)


def test_parse_money_converts_hourly_to_annual_at_assumed_40_hours() -> None:
    money = parse_money("$42.50 per hour")
    assert money is not None
    assert money.as_value() == {"amount": 42.5, "period": "hour", "currency": "CAD", "hourly": 42.5, "annual": 88400.0}
    assert money.hours_assumed and "40 h/week assumed" in money.notes


def test_parse_money_uses_given_hours_per_week() -> None:
    money = parse_money("$40.00 per hour", hours_per_week=37.5)
    assert money is not None
    assert money.annual == pytest.approx(40 * 37.5 * 52)
    assert not money.hours_assumed and money.hours_per_week == 37.5


def test_parse_money_reads_hours_stated_in_the_text() -> None:
    money = parse_money("$42.50 per hour for 37.5 hours per week")
    assert money is not None
    assert money.hours_per_week == 37.5 and not money.hours_assumed


def test_parse_money_derives_hourly_from_annual() -> None:
    money = parse_money("$88,400 per year")
    assert money is not None
    assert money.hourly == pytest.approx(42.5)


def test_parse_money_halves_bi_weekly_amount_with_a_note() -> None:
    money = parse_money("$3,400 bi-weekly")
    assert money is not None
    assert (money.amount, money.period, money.annual) == (1700.0, "week", pytest.approx(88400.0))
    assert any("bi-weekly" in note for note in money.notes)


@pytest.mark.parametrize(
    ("raw", "period"),
    [
        ("$42.50", "hour"),  # small amount: hourly
        ("$88,400", "year"),  # large amount: yearly
        ("Salary: 88400", "year"),  # bare labelled number
    ],
)
def test_parse_money_infers_missing_period_from_amount_with_a_note(raw: str, period: str) -> None:
    money = parse_money(raw)
    assert money is not None and money.period == period
    assert any("inferred" in note for note in money.notes)


@pytest.mark.parametrize(
    "raw",
    [
        "$5,000",  # neither hourly nor yearly size: period cannot be inferred
        "nothing here",  # no amount
        "",  # empty
        "$0",  # zero is not a wage
        "40 hours per week",  # hours are not money
    ],
)
def test_parse_money_returns_none_when_no_wage_can_be_read(raw: str) -> None:
    assert parse_money(raw) is None


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("$1,234.56 per month", 1234.56),  # English separators
        ("1 234,56 $ par mois", 1234.56),  # French separators
        ("1.234,56 $ per month", 1234.56),  # European separators
        ("$1,234,567.00 per year", 1234567.0),  # several thousands groups
    ],
)
def test_parse_money_reads_all_number_conventions(number: str, value: float) -> None:
    money = parse_money(number)
    assert money is not None and money.amount == pytest.approx(value)


@pytest.mark.parametrize(
    "raw",
    [
        "$40.00 - $45.00 per hour",  # English range
        "de 40,00 $ à 45,00 $ l'heure",  # French range
    ],
)
def test_parse_money_uses_lower_bound_of_a_range_with_a_note(raw: str) -> None:
    money = parse_money(raw)
    assert money is not None and (money.amount, money.period) == (40.0, "hour")
    assert any("range" in note for note in money.notes)


def test_find_money_finds_amounts_with_their_periods_in_prose() -> None:
    text = "We offer $42.50 per hour (an annual salary of $88,400), i.e. 42,50 $ de l'heure."
    found = [(m.raw, m.amount, m.period) for m in find_money(text)]
    assert found == [("$42.50 per hour", 42.5, "hour"), ("$88,400", 88400.0, "year"), ("42,50 $ de l'heure", 42.5, "hour")]


def test_find_money_spans_point_into_the_text() -> None:
    text = "Salary: CAD 95,000 / year."
    (match,) = find_money(text)
    assert text[match.start : match.end] == match.raw == "CAD 95,000 / year"


@pytest.mark.parametrize(
    "text",
    [
        "Start in 2027 at the Toronto office",  # a year
        "Postal code M5H 1A1",  # a postal code
        "Phone: 613-555-1234 or (416) 555 0199",  # phone numbers
        "NOC 21231 (TEER 1)",  # a NOC code
        "Passport AB1234567, OE A1234567",  # passport and OE numbers
        "40 hours per week, 2 weeks of vacation",  # hours and counts
    ],
)
def test_find_money_ignores_numbers_that_are_not_money(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(
    ("a", "b", "hours_b", "equal"),
    [
        ("$85,000 per year", "$40.87/hour", None, True),  # same pay within rounding at 40 h
        ("$88,400 per year", "$42.50 per hour", None, True),  # exact equivalence
        ("$42.50 per hour", "$38.00 per hour", None, False),  # different hourly wages
        ("$42.50 per hour", "USD 42.50 per hour", None, False),  # different currency
        ("$78,000 per year", "$40.00 per hour", 37.5, True),  # equivalence at stated 37.5 h
    ],
)
def test_money_equal_compares_annual_or_hourly_values(a: str, b: str, hours_b: float | None, equal: bool) -> None:
    ma, mb = parse_money(a), parse_money(b, hours_per_week=hours_b)
    assert ma is not None and mb is not None
    assert money_equal(ma.as_value(), mb.as_value()) is equal


def test_money_equal_is_false_for_malformed_values() -> None:
    assert money_equal({}, {"currency": "CAD"}) is False
    assert money_equal({"currency": "CAD", "annual": "x"}, {"currency": "CAD", "annual": 1.0}) is False


def test_money_value_is_frozen() -> None:
    money = parse_money("$42.50 per hour")
    with pytest.raises(AttributeError):
        money.amount = 1.0  # type: ignore[misc, union-attr]


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_parse_and_find_money_never_raise_on_arbitrary_text(text: str) -> None:
    parse_money(text)
    find_money(text)


@settings(max_examples=150, deadline=None)
@given(
    st.decimals(min_value="0.01", max_value="5000000", places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["hour", "week", "month", "year"]),
    st.sampled_from(["CAD", "USD", "EUR"]),
)
def test_parsing_the_canonical_form_gives_the_same_value(amount, period: str, currency: str) -> None:
    money = Money(float(amount), period, currency, 0.0, 0.0, 40.0, True)
    once = parse_money(format_money(money))
    assert once is not None
    twice = parse_money(format_money(once))
    assert twice is not None and twice.as_value() == once.as_value()
    assert (once.amount, once.period, once.currency) == (pytest.approx(float(amount)), period, currency)
