"""Hypothesis properties the tests/test_normalise_<module>.py files do not already state.

Already covered there (not repeated): every normaliser never raises on arbitrary text (except
occupations, below), ids and NOC idempotent on arbitrary text, dates/durations/money idempotent on
their canonical forms, names idempotent on name-like text, places idempotent on sampled places.

Added here:
- occupations: never raises (title_fit, duties_teer_signal, tokens);
- idempotence from *arbitrary* text: whatever a normaliser reads from any text, reading its
  canonical form again gives the same value (dates, durations, money, places, names, countries);
- comparison helpers are reflexive and symmetric on what the normalisers produce.

Every property runs at most 200 examples with no deadline, so the suite stays fast, and derandomized
(the same examples every run), so CI never fails at random; a longer random search (3,000 examples
per property) found the two cases kept as regression tests at the end.
"""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doccheck.normalise.countries import country_code, country_name
from doccheck.normalise.dates import dates_equal, parse_date
from doccheck.normalise.duration import parse_duration
from doccheck.normalise.money import format_money, money_equal, parse_money
from doccheck.normalise.names import fold, name_key, names_match, normalise_name
from doccheck.normalise.noc import parse_noc, teer_of
from doccheck.normalise.occupations import duties_teer_signal, title_fit, tokens
from doccheck.normalise.places import city_key, parse_place, places_equal

FAST = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# Text shaped like the values the normalisers meet: words, digits, separators, accents, currency marks,
# mixed with arbitrary unicode so odd characters still reach every branch.
_PIECES = st.sampled_from(
    [
        "$", "CAD", "per hour", "/yr", "annually", "par an", "42.50", "88,400", "1 234,56", "95K",
        "March", "mars", "1er", "2027", "03", "01/03/2027", "2027-02-30", "months", "mois", "24", "two years",
        "Toronto", "Montréal", "ON", "Québec", "BC", "M5V 2T6", "Canada", "St. John's", "(", ")", ",", "-", "/",
        "SINGH", "Arjun", "Mr.", "O'NEIL", "de la", "Mc", "India", "IND", "Mexique", "citizen of",
        "21231", "NOC", "TEER", ":", "\n", " ", "é", "\u00a0", "\u202f",
    ]
)
MESSY = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=10).map(" ".join), st.lists(_PIECES, max_size=10).map("".join))


# --- occupations: never raises ---------------------------------------------------------------------


@FAST
@given(st.text(max_size=80), st.one_of(st.text(max_size=8), st.sampled_from(["21231", "00012", "65201", "99999", ""])))
def test_occupation_functions_never_raise_on_arbitrary_text(title: str, code: str) -> None:
    tokens(title)
    fit = title_fit(title, code)
    assert fit is None or 0.0 <= fit.stated_score <= 100.0 and 0.0 <= fit.best_score <= 100.0
    duties_teer_signal(title)


@FAST
@given(MESSY)
def test_occupation_tokens_are_lowercase_ascii_words(text: str) -> None:
    assert all(word.isascii() and word.isalnum() and word == word.lower() for word in tokens(text).split())


# --- idempotence from arbitrary text -----------------------------------------------------------------


@FAST
@given(MESSY)
def test_a_date_read_from_any_text_reads_back_the_same_from_its_value(text: str) -> None:
    parsed = parse_date(text)
    if parsed is not None:
        again = parse_date(parsed.value)
        assert again is not None and again.value == parsed.value and not again.ambiguous
        assert dates_equal(parsed, parsed.value) and dates_equal(parsed.value, parsed)


@FAST
@given(MESSY)
def test_a_duration_read_from_any_text_reads_back_the_same_from_its_canonical_form(text: str) -> None:
    months = parse_duration(text)
    if months is not None:
        assert parse_duration(f"{months} months") == months


@FAST
@given(MESSY)
def test_a_wage_read_from_any_text_reads_back_the_same_from_its_canonical_form(text: str) -> None:
    money = parse_money(text)
    if money is not None:
        again = parse_money(format_money(money), hours_per_week=money.hours_per_week)
        assert again is not None
        assert (again.period, again.currency) == (money.period, money.currency)
        assert money_equal(again.as_value(), money.as_value())
        assert money_equal(money.as_value(), money.as_value())


@FAST
@given(MESSY)
def test_a_place_read_from_any_text_reads_back_the_same_from_its_parts(text: str) -> None:
    place = parse_place(text)
    if place is not None:
        written = ", ".join(part for part in (place.city, place.province, place.postal_code) if part)
        again = parse_place(written)
        assert again is not None and again.as_value() == place.as_value()
        if place.city or place.province:
            assert places_equal(place.as_value(), again.as_value())


@FAST
@given(st.text(max_size=60))
def test_city_keys_and_folding_are_idempotent(text: str) -> None:
    assert city_key(city_key(text)) == city_key(text)
    assert fold(fold(text)) == fold(text)


@FAST
@given(MESSY)
def test_normalising_any_normalised_name_changes_nothing(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert name_key(once) == name_key(text)


@FAST
@given(MESSY, MESSY)
def test_name_matching_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert names_match(a, b) == names_match(b, a)
    if name_key(a):
        assert names_match(a, a)


@FAST
@given(st.sampled_from(sorted(c.alpha_2 for c in pycountry.countries)))
def test_every_iso_country_name_reads_back_as_its_code(code: str) -> None:
    assert country_code(country_name(code)) == code
    assert country_code(code) == code


@FAST
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_country_name_never_raises_and_keeps_unknown_ascii_codes(text: str) -> None:
    name = country_name(text)
    if country_code(text) is None and len(text.strip()) != 2:
        assert name == text


@FAST
@given(MESSY)
def test_a_noc_code_read_from_any_text_has_a_teer(text: str) -> None:
    code = parse_noc(text)
    if code is not None:
        assert len(code) == 5 and code.isdigit()
        assert teer_of(code) in range(6)


# --- regressions: found by the longer search (3,000 random examples per property), now fixed ---------


def test_a_currency_sign_and_the_country_are_not_a_city() -> None:
    place = parse_place("$ Canada ON")
    assert place is not None and place.city is None and place.province == "ON"


def test_country_name_keeps_a_non_ascii_unknown_code() -> None:
    assert country_name("ß") == "ß"
