"""Durations of employment in months, and how they relate to start and end dates.

Read: "24 months", "2 years", "two (2) years", "deux (2) ans", "18 mois",
"1 year and 6 months", "1 an et 6 mois", "3-year", "36-month",
"1.5 years", "one and a half years", "104 weeks" (weeks -> months as
weeks × 12 / 52, rounded). A numeral in brackets after a number word
("two (2) years") is the value used.

The anniversary convention varies ("24 months from 2027-05-01" ends on
2029-04-30 or 2029-05-01), so ``months_between`` counts whole months up to the
day after the end date, and ``end_date_agrees`` allows a day either way.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from doccheck.extract import programs

__all__ = ["DurationMatch", "parse_duration", "find_durations", "add_months", "months_between", "end_date_agrees"]

_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-four": 24, "twenty four": 24, "thirty": 30, "thirty-six": 36, "thirty six": 36,
    "forty-eight": 48, "forty eight": 48, "sixty": 60, "half a": 0.5, "half an": 0.5,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "dix-huit": 18, "dix huit": 18, "vingt": 20,
    "vingt-quatre": 24, "vingt quatre": 24, "trente": 30, "trente-six": 36, "trente six": 36,
    "soixante": 60, "demi": 0.5, "une demi": 0.5,
}
_UNITS = {"year": 12.0, "month": 1.0, "week": 12.0 / 52.0}

_NUMBER = (
    r"(?P<num>\d+(?:[.,]\d+)?|"
    + "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
    + r")"
)
_BRACKET = r"(?:\s*\(\s*(?P<digits>\d+(?:[.,]\d+)?)\s*\))?"
_HALF = r"(?P<half>\s+and\s+a\s+half|\s+et\s+demie?)?"
_UNIT = (
    r"(?P<unit>years?|yrs?|ans?|ann[ée]es?|months?|mos?|mois|weeks?|wks?|semaines?)"
)
_COMPONENT = _NUMBER + _BRACKET + _HALF + r"\s*-?\s*" + _UNIT + r"(?P<half2>\s+and\s+a\s+half|\s+et\s+demie?)?"
_COMPONENT_RE = programs.compile(r"(?<![\w.,])" + _COMPONENT + r"(?![\w])", re.IGNORECASE)
_JOIN_RE = programs.compile(r"\s*(?:,|and|et|&|plus)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DurationMatch:
    """A duration found in free text, in months."""

    start: int
    end: int
    raw: str
    months: int


def _unit_months(unit: str) -> float:
    unit = unit.lower()
    if unit.startswith(("y", "an")):
        return _UNITS["year"]
    if unit.startswith(("w", "s")):
        return _UNITS["week"]
    return _UNITS["month"]


def _component_months(match: re.Match[str]) -> float | None:
    """Months for one "<number> <unit>" match, or None if the number is not usable."""
    raw_num = match["digits"] or match["num"]
    word = raw_num.lower()
    if word in _WORDS:
        number = _WORDS[word]
    else:
        try:
            number = float(raw_num.replace(",", "."))
        except ValueError:
            return None
    if match["half"] or match["half2"]:
        number += 0.5
    if number <= 0:
        return None
    return number * _unit_months(match["unit"])


def find_durations(text: str) -> list[DurationMatch]:
    """Every duration in ``text``; "1 year and 6 months" is one match of 18 months.

    Durations below one month (a few weeks) are left out.
    """
    if not text:
        return []
    components = [(m, _component_months(m)) for m in _COMPONENT_RE.finditer(text)]
    components = [(m, months) for m, months in components if months is not None]
    out: list[DurationMatch] = []
    i = 0
    while i < len(components):
        match, months = components[i]
        start, end, total = match.start(), match.end(), months
        while i + 1 < len(components):
            nxt, nxt_months = components[i + 1]
            gap = text[end : nxt.start()]
            joinable = _JOIN_RE.fullmatch(gap) and _unit_months(nxt["unit"]) < _unit_months(
                components[i][0]["unit"]
            )
            if not joinable:
                break
            total += nxt_months
            end = nxt.end()
            i += 1
        i += 1
        if total >= 1:
            out.append(DurationMatch(start, end, text[start:end], round(total)))
    return out


def parse_duration(raw: str) -> int | None:
    """Duration in whole months for the first duration in ``raw`` ("two (2) years" -> 24), else None."""
    matches = find_durations(str(raw)) if raw else []
    return matches[0].months if matches else None


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, the day clipped to the month's end (Jan 31 + 1 -> Feb 28)."""
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``, tolerant of the anniversary convention.

    2027-05-01 -> 2029-04-30 and 2027-05-01 -> 2029-05-01 are both 24 months
    (counted up to the day after ``end``). Negative when ``end`` precedes ``start``.
    """
    if end < start:
        return -months_between(end, start)
    stop = end + timedelta(days=1)
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and add_months(start, months) > stop:
        months -= 1
    return months


def end_date_agrees(start: date, months: int, end: date, tolerance_days: int = 1) -> bool:
    """True if ``end`` is ``months`` after ``start`` within ``tolerance_days``.

    With the default of one day both conventions agree: 24 months from
    2027-05-01 may end on 2029-04-30 or 2029-05-01.
    """
    try:
        expected = add_months(start, months)
    except (ValueError, OverflowError):
        return False
    return abs((end - expected).days) <= tolerance_days
