"""Tests for doccheck.normalise.duration: durations in months and end-date agreement."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.duration import add_months, end_date_agrees, find_durations, months_between, parse_duration


@pytest.mark.parametrize(
    ("raw", "months"),
    [
        ("24 months", 24),  # months
        ("2 years", 24),  # years
        ("two (2) years", 24),  # legal style word and numeral
        ("deux (2) ans", 24),  # French legal style
        ("18 mois", 18),  # French months
        ("1 year and 6 months", 18),  # compound
        ("1 an et 6 mois", 18),  # French compound
        ("2 years, 3 months", 27),  # compound with a comma
        ("3-year", 36),  # hyphenated adjective
        ("36-month", 36),  # hyphenated months
        ("104 weeks", 24),  # weeks converted
        ("one year", 12),  # word number
        ("twenty-four (24) months", 24),  # hyphenated word number
        ("1.5 years", 18),  # decimal years
        ("one and a half years", 18),  # "and a half"
        ("un an et demi", 18),  # French "et demi"
        ("a term of two years", 24),  # number inside prose
        ("12 mos.", 12),  # abbreviation
    ],
)
def test_parse_duration_reads_months(raw: str, months: int) -> None:
    assert parse_duration(raw) == months


@pytest.mark.parametrize(
    "raw",
    [
        "nonsense",  # no duration
        "",  # empty
        "0 months",  # zero is not a duration
        "3 weeks",  # below a month
        "40 hours per week",  # hours are not a duration in months
        "$88,400 a year",  # a pay period, not a duration
    ],
)
def test_parse_duration_returns_none_for_non_durations(raw: str) -> None:
    assert parse_duration(raw) is None


def test_find_durations_reports_compound_as_one_match() -> None:
    text = "for a period of 1 year and 6 months, renewable for 2 years"
    found = find_durations(text)
    assert [(m.raw, m.months) for m in found] == [("1 year and 6 months", 18), ("2 years", 24)]
    assert all(text[m.start : m.end] == m.raw for m in found)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2027, 5, 1), date(2029, 4, 30), 24),  # ends the day before the anniversary
        (date(2027, 5, 1), date(2029, 5, 1), 24),  # ends on the anniversary
        (date(2027, 1, 31), date(2027, 2, 28), 1),  # month-end start
        (date(2027, 5, 1), date(2027, 5, 20), 0),  # under a month
        (date(2029, 5, 1), date(2027, 5, 1), -24),  # reversed dates
    ],
)
def test_months_between_tolerates_the_anniversary_convention(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


@pytest.mark.parametrize(
    ("end", "agrees"),
    [
        (date(2029, 4, 30), True),  # day before the anniversary
        (date(2029, 5, 1), True),  # anniversary
        (date(2029, 4, 28), False),  # three days short
        (date(2029, 6, 1), False),  # a month too long
    ],
)
def test_end_date_agrees_within_a_day(end: date, agrees: bool) -> None:
    assert end_date_agrees(date(2027, 5, 1), 24, end) is agrees


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2027, 5, 1), 24, date(2029, 5, 1)),  # plain anniversary
        (date(2027, 1, 31), 1, date(2027, 2, 28)),  # clipped to the month's end
        (date(2027, 12, 15), 2, date(2028, 2, 15)),  # across a year
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # leap day
    ],
)
def test_add_months_clips_to_month_end(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_parse_and_find_durations_never_raise_on_arbitrary_text(text: str) -> None:
    parse_duration(text)
    find_durations(text)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=600))
def test_parsing_the_canonical_form_gives_the_same_months(months: int) -> None:
    assert parse_duration(f"{months} months") == months
    assert parse_duration(f"{parse_duration(f'{months} months')} months") == months


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=1, max_value=120))
def test_end_date_from_months_agrees_and_counts_back(start: date, months: int) -> None:
    end = add_months(start, months)
    assert end_date_agrees(start, months, end)
    assert months_between(start, end) == months
