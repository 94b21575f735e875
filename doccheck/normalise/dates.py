"""Calendar dates in English and French, numeric and with month names.

Readings, in order of preference when several patterns overlap (longest wins):

- ISO and year-first numeric: "2027-03-01", "2027/03/01", "2027.03.01".
- Month names: "March 1, 2027", "Mar. 1st, 2027", "1 March 2027",
  "the 1st day of March, 2027", "1er mars 2027", "le 1 mars 2027",
  "01-MAR-2027", "2027-Mar-01", and "1-Mar-27" (a two-digit year is accepted
  only with a month name and "-", "/" or "." separators; 00–69 -> 20xx,
  70–99 -> 19xx).
- Day/month/year numeric: "13/03/2027" is day-first (13 cannot be a month),
  "03/13/2027" month-first. When both readings are valid dates and differ
  ("01/03/2027"), nothing is guessed silently: ``ambiguous`` is True, ``value``
  is the day-first reading (the order used on Canadian government forms that
  are not ISO) and ``alternatives`` holds the month-first reading.

A month and year without a day ("March 2027") is not a date: None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from doccheck.extract.prefilter import led

__all__ = ["ParsedDate", "DateMatch", "parse_date", "find_dates", "dates_equal"]

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan janvier janv",
        "february feb fevrier février fevr févr fev fév",
        "march mar mars",
        "april apr avril avr",
        "may mai",
        "june jun juin",
        "july jul juillet juil",
        "august aug aout août",
        "september sept sep septembre",
        "october oct octobre",
        "november nov novembre",
        "december dec decembre décembre déc",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num

_L = r"A-Za-zÀ-ÖØ-öø-ÿ"
_MONTH = r"(?<![" + _L + r"])(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?(?![" + _L + r"])"
_DAY = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|er|re)?(?!\d)"
_YEAR4 = r"(?P<year>\d{4})(?!\d)"
_YEAR2 = r"(?P<year>\d{2})(?![\d])"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (fmt, led(pattern, re.IGNORECASE))  # led by their first characters: scanned fast
    for fmt, pattern in (
        ("YYYY-MM-DD", r"(?<![\d.])(?P<year>\d{4}) ?(?P<sep>[-/.]) ?(?P<month>\d{1,2}) ?(?P=sep) ?(?P<day>\d{1,2})(?![\d])"),
        ("Month D, YYYY", _MONTH + r"\s*" + _DAY + r"(?:\s*,\s*|\s+)(?:of\s+)?" + _YEAR4),
        ("D Month YYYY", _DAY + r"(?:\s+day)?(?:\s+of)?[\s\-/.]*" + _MONTH + r"[\s\-/.,]*" + _YEAR4),
        ("DD-Mon-YY", _DAY + r"[\-/.]" + _MONTH + r"[\-/.]" + _YEAR2),
        ("YYYY Month D", r"(?<!\d)" + _YEAR4 + r"[\s\-/.,]+" + _MONTH + r"[\s\-/.,]+" + _DAY),
        ("DD/MM/YYYY", r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)" + _YEAR4 + r"(?![/.\-]\d)"),
    )
)


@dataclass(frozen=True)
class ParsedDate:
    """A date read from text: ISO value, other readings if ambiguous, and the format seen."""

    value: str  # ISO "YYYY-MM-DD"
    alternatives: tuple[str, ...] = ()  # other ISO readings when the order is ambiguous
    ambiguous: bool = False
    format: str = ""  # e.g. "Month D, YYYY", "DD/MM/YYYY"


@dataclass(frozen=True)
class DateMatch:
    """A date found in free text, with its character span."""

    start: int
    end: int
    raw: str
    parsed: ParsedDate


def _iso(year: int, month: int, day: int) -> str | None:
    """ISO string for a real calendar date in a plausible range, else None."""
    if not 1900 <= year <= 2199:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _expand_year(two_digits: str) -> int:
    yy = int(two_digits)
    return 2000 + yy if yy < 70 else 1900 + yy


def _read_numeric(match: re.Match[str]) -> ParsedDate | None:
    """Day/month order for "a/b/yyyy": unambiguous when only one reading is a date."""
    a, b, year, sep = int(match["a"]), int(match["b"]), int(match["year"]), match["sep"]
    day_first, month_first = _iso(year, b, a), _iso(year, a, b)
    fmt_dm, fmt_md = f"DD{sep}MM{sep}YYYY", f"MM{sep}DD{sep}YYYY"
    if day_first and month_first and day_first != month_first:
        return ParsedDate(day_first, (month_first,), True, fmt_dm)
    if day_first:
        return ParsedDate(day_first, (), False, fmt_dm)
    if month_first:
        return ParsedDate(month_first, (), False, fmt_md)
    return None


def _read(fmt: str, match: re.Match[str]) -> ParsedDate | None:
    """Turn one pattern match into a ParsedDate (None if it is not a real date)."""
    if fmt == "DD/MM/YYYY":
        return _read_numeric(match)
    groups = match.groupdict()
    month = int(groups["month"]) if groups.get("month") else _MONTHS[match["mon"].lower()]
    year = _expand_year(match["year"]) if fmt == "DD-Mon-YY" else int(match["year"])
    iso = _iso(year, month, int(match["day"]))
    return ParsedDate(iso, (), False, fmt) if iso else None


def find_dates(text: str) -> list[DateMatch]:
    """Every full date in ``text`` (see the module docstring for the forms read), in order.

    Overlapping readings are resolved in favour of the longest match.
    """
    if not text:
        return []
    found: list[DateMatch] = []
    for fmt, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _read(fmt, match)
            if parsed:
                found.append(DateMatch(match.start(), match.end(), match.group(0), parsed))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMatch] = []
    for match in sorted(found, key=lambda m: -(m.end - m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def parse_date(raw: str) -> ParsedDate | None:
    """Read the (first) full date in ``raw``; None when there is none ("March 2027", "TBD").

    A bare "20270301" (YYYYMMDD) is also read when it is the whole value.
    """
    if not raw:
        return None
    text = str(raw).strip()
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if compact:
        iso = _iso(int(compact[1]), int(compact[2]), int(compact[3]))
        return ParsedDate(iso, (), False, "YYYYMMDD") if iso else None
    matches = find_dates(text)
    return matches[0].parsed if matches else None


def _readings(value: ParsedDate | str | date) -> set[str]:
    if isinstance(value, ParsedDate):
        return {value.value, *value.alternatives}
    if isinstance(value, date):
        return {value.isoformat()}
    parsed = parse_date(value)
    return _readings(parsed) if parsed else set()


def dates_equal(a: ParsedDate | str | date, b: ParsedDate | str | date) -> bool:
    """True if any reading of ``a`` equals any reading of ``b`` (strings are parsed first)."""
    return bool(_readings(a) & _readings(b))
