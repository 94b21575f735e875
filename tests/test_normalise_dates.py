"""Tests for doccheck.normalise.dates: English/French dates, numeric order ambiguity."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.dates import ParsedDate, dates_equal, find_dates, parse_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("March 1, 2027", "2027-03-01"),  # English month first
        ("Mar. 1st, 2027", "2027-03-01"),  # abbreviation with period and ordinal
        ("March 1 2027", "2027-03-01"),  # no comma
        ("1 March 2027", "2027-03-01"),  # day first
        ("the 1st day of March, 2027", "2027-03-01"),  # legal style
        ("2027-03-01", "2027-03-01"),  # ISO
        ("2027/03/01", "2027-03-01"),  # year first with slashes
        ("2027.3.1", "2027-03-01"),  # year first with dots, no padding
        ("1er mars 2027", "2027-03-01"),  # French ordinal
        ("le 1 mars 2027", "2027-03-01"),  # French with article
        ("15 décembre 2026", "2026-12-15"),  # French accented month
        ("1 aout 2027", "2027-08-01"),  # French month without accent
        ("01-MAR-2027", "2027-03-01"),  # passport style, 4-digit year
        ("1-Mar-27", "2027-03-01"),  # 2-digit year with a month name
        ("2027-Mar-01", "2027-03-01"),  # year first with month name
        ("Sept. 15, 2026", "2026-09-15"),  # "Sept." abbreviation
        ("13/03/2027", "2027-03-13"),  # day > 12: day first, unambiguous
        ("03/13/2027", "2027-03-13"),  # second number > 12: month first, unambiguous
        ("03/03/2027", "2027-03-03"),  # both readings the same date
        ("20270301", "2027-03-01"),  # compact form as a whole value
        ("Start date: 2027-05-01 (tentative)", "2027-05-01"),  # labelled value
    ],
)
def test_parse_date_reads_common_formats(raw: str, iso: str) -> None:
    parsed = parse_date(raw)
    assert parsed is not None
    assert parsed.value == iso and not parsed.ambiguous


@pytest.mark.parametrize(
    ("raw", "value", "alternative"),
    [
        ("01/03/2027", "2027-03-01", "2027-01-03"),  # day-first reading is the value
        ("03/01/2027", "2027-01-03", "2027-03-01"),  # same rule the other way round
        ("05.06.2027", "2027-06-05", "2027-05-06"),  # dotted
    ],
)
def test_parse_date_flags_day_month_ambiguity_instead_of_guessing(raw: str, value: str, alternative: str) -> None:
    parsed = parse_date(raw)
    assert parsed == ParsedDate(value, (alternative,), True, parsed.format if parsed else "")
    assert parsed is not None and parsed.format.startswith("DD")


@pytest.mark.parametrize(
    "raw",
    [
        "March 2027",  # no day: not a full date
        "31/02/2027",  # not a real date either way
        "February 29, 2027",  # not a leap year
        "TBD",  # no date
        "",  # empty
        "1/3/27",  # two-digit year without a month name
        "Tel. 613-555-1234",  # phone number
        "NOC 21231",  # code
    ],
)
def test_parse_date_returns_none_for_non_dates(raw: str) -> None:
    assert parse_date(raw) is None


def test_find_dates_finds_every_date_with_its_span() -> None:
    text = "From March 1, 2027 to 2029-02-28 (le 1er mars 2027)."
    found = find_dates(text)
    assert [m.parsed.value for m in found] == ["2027-03-01", "2029-02-28", "2027-03-01"]
    assert all(text[m.start : m.end] == m.raw for m in found)


def test_find_dates_prefers_the_longest_reading() -> None:
    (match,) = find_dates("Effective the 1st day of March, 2027.")
    assert match.raw == "1st day of March, 2027"


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("March 1, 2027", "2027-03-01", True),  # same date, different formats
        ("01/03/2027", "2027-01-03", True),  # matches the alternative reading
        ("01/03/2027", "March 1, 2027", True),  # matches the main reading
        ("2027-03-01", "2027-03-02", False),  # different days
        ("March 2027", "2027-03-01", False),  # unreadable side never equals
    ],
)
def test_dates_equal_compares_all_readings(a: str, b: str, equal: bool) -> None:
    assert dates_equal(a, b) is equal


def test_dates_equal_accepts_parsed_dates_and_date_objects() -> None:
    parsed = parse_date("1 March 2027")
    assert parsed is not None
    assert dates_equal(parsed, date(2027, 3, 1))


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_parse_and_find_dates_never_raise_on_arbitrary_text(text: str) -> None:
    parse_date(text)
    find_dates(text)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_parsing_an_iso_value_gives_the_same_value(day: date) -> None:
    parsed = parse_date(day.isoformat())
    assert parsed is not None and parsed.value == day.isoformat()
    again = parse_date(parsed.value)
    assert again == parsed


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_month_name_forms_agree_with_iso(day: date) -> None:
    english = parse_date(day.strftime("%B %d, %Y"))
    day_first = parse_date(day.strftime("%d %b %Y"))
    assert english is not None and day_first is not None
    assert english.value == day_first.value == day.isoformat()
    assert dates_equal(english, day + timedelta(days=0))
