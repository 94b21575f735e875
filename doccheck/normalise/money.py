"""Wages: amounts, currencies and pay periods in English and French, converted to hourly and annual.

Steps:

1. ``find_money`` finds amounts marked by a currency ("$42.50", "CAD 88,400",
   "42,50 $", "88 400 $", "USD 5,000", "$95K"), or unmarked amounts written
   with cents or thousands and directly followed by a pay period
   ("42.50 per hour"). Plain numbers (years, postal codes, phone, NOC and
   passport numbers) carry no currency and are never read as money.
2. A pay period directly after the amount ("per hour", "/hr", "annually",
   "par année", "de l'heure", "bi-weekly") or just before it ("an annual
   salary of", "salaire horaire de") is attached to it. Bi-weekly and
   semi-monthly amounts are converted to weekly and monthly ones, with a note.
3. ``parse_money`` takes the first amount with a period (else the first
   amount), infers a missing period from the size of the amount (< 200: hour,
   >= 10,000: year, otherwise None), and converts: annual = hourly × hours per
   week × 52. Hours come from the caller, else from the text ("40 hours per
   week"), else 40 are assumed and noted.

Number conventions read: "1,234.56", "1 234,56" (spaces may be U+00A0 or
U+202F), "1.234,56", "42,50". A single separator followed by exactly three
digits is a thousands separator ("88,400", "1.500").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from doccheck.extract import programs
from doccheck.extract.prefilter import led

__all__ = ["Money", "MoneyMatch", "parse_money", "find_money", "money_equal", "format_money"]

DEFAULT_HOURS_PER_WEEK = 40.0
WEEKS_PER_YEAR = 52

_SP = "[ \u00a0\u202f\u2009]"
_NUM = r"(?:\d{1,3}(?:[,.'\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
_PRE_CUR = (
    r"(?:(?:USD|US|CAD|CDN)\s\$|US\$|USD\$?|CAD\$|CDN\$|CAN\$|CA\$|C\$|\$\s?CAD|\$\s?CDN|\$\s?US|\$\s?CA(?![A-Za-z])"
    r"|CAD|CDN|USD|EUR|GBP|INR|MXN|PHP|€|£|₹|Rs\.?|\$)"
)
_POST_CUR = (
    r"(?:\$(?:\s?(?:CAD|CDN|CA|US|USD)(?![A-Za-z]))?|CAD\$?|CDN\$?|USD|EUR|GBP|INR|MXN|€|£"
    r"|dollars?(?:\s+(?:canadiens?|canadian|CAD|US|USD|am[ée]ricains?|american))?|euros?)"
)
# searched over whole sentences (the amount, the hours, the period before): led by their first characters
_AMOUNT_RE = led(
    r"(?<![A-Za-z0-9$€£₹.,])(?:(?P<pre>" + _PRE_CUR + r")" + _SP + r"?)?"
    r"(?P<num>" + _NUM + r")(?![\d])"
    r"(?:" + _SP + r"?(?P<k>[kK])(?![A-Za-z]))?"
    r"(?:" + _SP + r"?(?P<post>" + _POST_CUR + r"))?",
)
_PER = r"(?:per|an?|each|every|par|/|pour\s+une?|[àa]\s+l'|de\s+l'|l')"
_FOLLOW: dict[str, str] = {
    "biweekly": r"bi-?weekly|every\s+(?:two|2)\s+weeks|(?:per|/)\s*(?:two|2)\s+weeks|aux\s+deux\s+semaines|toutes\s+les\s+deux\s+semaines|par\s+quinzaine",
    "semimonthly": r"semi-?monthly|twice\s+(?:a|per)\s+month|deux\s+fois\s+par\s+mois|bimensuel(?:le)?(?:ment)?",
    "hour": _PER + r"\s*(?:hour|hr|heure|h)(?![A-Za-z])|hourly|horaire|p/h(?![A-Za-z])|p\.h\.",
    "week": _PER + r"\s*(?:week|wk|semaine|sem)(?![A-Za-z])|weekly|hebdomadaire(?:ment)?",
    "month": _PER + r"\s*(?:month|mo|mois)(?![A-Za-z])|monthly|mensuel(?:le)?(?:ment)?",
    "year": _PER + r"\s*(?:year|yr|annum|ann[ée]e|an)(?![A-Za-z])|annually|annual|yearly|p\.\s?a\.|annuel(?:le)?(?:ment)?",
}
_FILLER = r"(?:\s*(?:gross|brut|bruts|\(gross\)|\(brut\)|before\s+tax(?:es)?|avant\s+imp[ôo]ts?))?\s*"
_FOLLOW_RE = programs.compile(
    _FILLER + r"(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _FOLLOW.items()) + r")",
    re.IGNORECASE,
)
_PRECEDE_RE = led(
    r"(?:(?P<biweekly>bi-?weekly)|(?P<semimonthly>semi-?monthly)|(?P<hour>hourly|horaire)"
    r"|(?P<week>weekly|hebdomadaire)|(?P<month>monthly|mensuel(?:le)?)|(?P<year>annual|yearly|annuel(?:le)?)"
    r"|(?:salary|wage|rate|pay|salaire|taux|r[ée]mun[ée]ration)\s+(?:per|par|by\s+the|à\s+l')\s*"
    r"(?:(?P<hour2>hour|heure)|(?P<year2>year|annum|ann[ée]e|an)|(?P<month2>month|mois)|(?P<week2>week|semaine)))"
    r"(?![A-Za-z])[^\d$€£₹\n;]{0,40}$",
    re.IGNORECASE,
)
_HOURS_RE = led(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:hours?|hrs?|h|heures?)\s*(?:per|a|/|par|each|every|by|of|de|la)?\s*(?:the\s+)?(?:week|wk|semaine)",
    re.IGNORECASE,
)
_RANGE_JOIN_RE = programs.compile(r"\s*(?:-|–|—|to|à|a)\s*", re.IGNORECASE)
_LABEL_RE = programs.compile(r"^[^:\d]{0,60}:\s*")


@dataclass(frozen=True)
class Money:
    """A wage: the amount and period as stated, with hourly and annual equivalents."""

    amount: float
    period: str  # "hour" | "week" | "month" | "year"
    currency: str
    hourly: float
    annual: float
    hours_per_week: float
    hours_assumed: bool
    notes: tuple[str, ...] = ()

    def as_value(self) -> dict[str, Any]:
        """The contract's ``wage`` value: amount, period, currency, hourly, annual (2 decimals)."""
        return {
            "amount": round(self.amount, 2),
            "period": self.period,
            "currency": self.currency,
            "hourly": round(self.hourly, 2),
            "annual": round(self.annual, 2),
        }


@dataclass(frozen=True)
class MoneyMatch:
    """An amount of money found in free text (span covers a directly following period phrase)."""

    start: int
    end: int
    raw: str
    amount: float
    currency: str
    period: str | None  # "hour" | "week" | "month" | "year" | None
    note: str | None = None  # e.g. a bi-weekly amount converted to weekly


def _to_float(number: str) -> float | None:
    """Read "1,234.56", "1 234,56", "1.234,56", "42,50", "88,400" as a float."""
    text = re.sub(r"[\s\u00a0\u202f\u2009']", "", number)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        parts = text.split(sep)
        if len(parts[-1]) == 3 and all(len(p) == 3 for p in parts[1:]):
            text = "".join(parts)  # thousands: "88,400", "1.234.567"
        else:
            text = "".join(parts[:-1]) + "." + parts[-1]  # decimal: "42,50", "1,234,56"
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _currency(pre: str | None, post: str | None) -> str:
    """ISO currency code from the marks around an amount; a plain "$" or "dollars" is CAD."""
    marks = f"{pre or ''} {post or ''}"
    upper = marks.upper()
    if "€" in marks or "EUR" in upper:
        return "EUR"
    if "£" in marks or "GBP" in upper:
        return "GBP"
    if "₹" in marks or "INR" in upper or "RS" in upper:
        return "INR"
    if "MXN" in upper:
        return "MXN"
    if "PHP" in upper:
        return "PHP"
    if re.search(r"US|AM[EÉ]RICAIN|AMERICAN", upper) and "CAD" not in upper:
        return "USD"
    return "CAD"


def _period_from_groups(match: re.Match[str]) -> str | None:
    for name, value in match.groupdict().items():
        if value:
            return name.rstrip("2")
    return None


def _convert(amount: float, period: str | None) -> tuple[float, str | None, str | None]:
    """Turn bi-weekly / semi-monthly amounts into weekly / monthly ones, with a note."""
    if period == "biweekly":
        return amount / 2, "week", f"bi-weekly amount {amount:,.2f} halved to a weekly amount"
    if period == "semimonthly":
        return amount * 2, "month", f"semi-monthly amount {amount:,.2f} doubled to a monthly amount"
    return amount, period, None


def _is_bare_money(number: str) -> bool:
    """An amount without a currency mark must look like money: cents or thousands groups."""
    return bool(re.search(r"[.,]\d{2}$|\d[,.\u00a0\u202f\u2009' ]\d{3}", number))


def _match_at(text: str, match: re.Match[str]) -> MoneyMatch | None:
    """Build a MoneyMatch from an amount match, attaching a following or preceding period."""
    amount = _to_float(match["num"])
    if amount is None:
        return None
    if match["k"]:
        amount *= 1000
    end, period = match.end(), None
    follow = _FOLLOW_RE.match(text, end)
    if follow:
        period, end = _period_from_groups(follow), follow.end()
    elif not (match["pre"] or match["post"]):
        return None
    if not (match["pre"] or match["post"]) and not _is_bare_money(match["num"]):
        return None
    if period is None:
        line_start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 80)
        precede = _PRECEDE_RE.search(text[line_start : match.start()])
        if precede:
            period = _period_from_groups(precede)
    amount, period, note = _convert(amount, period)
    return MoneyMatch(match.start(), end, text[match.start() : end], amount, _currency(match["pre"], match["post"]), period, note)


def find_money(text: str) -> list[MoneyMatch]:
    """Every money amount in ``text`` with its pay period when one is stated next to it."""
    if not text:
        return []
    norm = str(text).replace("\u2019", "'")  # same length: offsets stay valid
    found: list[MoneyMatch] = []
    for match in _AMOUNT_RE.finditer(norm):
        money = _match_at(norm, match)
        if money is not None:
            raw = text[money.start : money.end]  # from the original text (curly apostrophes kept)
            found.append(MoneyMatch(money.start, money.end, raw, money.amount, money.currency, money.period, money.note))
    return _share_range_periods(norm, found)


def _is_range(text: str, low: MoneyMatch, high: MoneyMatch) -> bool:
    """True for "$40.00 - $45.00 per hour" / "de 40 $ à 45 $ l'heure": two amounts joined by a dash or "to"."""
    return _RANGE_JOIN_RE.fullmatch(text[low.end : high.start]) is not None


def _share_range_periods(text: str, found: list[MoneyMatch]) -> list[MoneyMatch]:
    """Give the lower bound of a range the period stated after the upper bound."""
    out = list(found)
    for i in range(len(out) - 1):
        low, high = out[i], out[i + 1]
        if low.period is None and high.period and _is_range(text, low, high):
            out[i] = MoneyMatch(low.start, low.end, low.raw, low.amount, low.currency, high.period, low.note)
    return out


def _hours_in(text: str) -> float | None:
    """Hours per week stated in the text ("40 hours per week", "37.5 h/semaine")."""
    match = _HOURS_RE.search(text)
    if not match:
        return None
    hours = float(match.group(1).replace(",", "."))
    return hours if 0 < hours <= 168 else None


def _bare_amount(text: str) -> MoneyMatch | None:
    """A value that is only a number ("42.50", "Wage: 88400 per year"), for labelled fields."""
    rest = _LABEL_RE.sub("", text.replace("\u2019", "'").strip())
    match = re.fullmatch(r"(?P<num>" + _NUM + r")(?:" + _SP + r"?(?P<k>[kK]))?(?P<tail>.*)", rest.strip(), re.DOTALL)
    if not match:
        return None
    tail = match["tail"].strip(" .;")
    period = None
    if tail:
        follow = _FOLLOW_RE.fullmatch(" " + tail)
        if not follow:
            return None
        period = _period_from_groups(follow)
    amount = _to_float(match["num"])
    if amount is None:
        return None
    if match["k"]:
        amount *= 1000
    if period is None:
        precede = _PRECEDE_RE.search(text[: max(text.find(":"), 0)] + " ")
        period = _period_from_groups(precede) if precede else None
    amount, period, note = _convert(amount, period)
    return MoneyMatch(0, len(text), text, amount, "CAD", period, note)


def _infer_period(amount: float) -> str | None:
    if amount < 200:
        return "hour"
    if amount >= 10000:
        return "year"
    return None


def _equivalents(amount: float, period: str, hours: float) -> tuple[float, float]:
    """(hourly, annual) for an amount paid per ``period`` at ``hours`` per week."""
    per_year = {"hour": hours * WEEKS_PER_YEAR, "week": WEEKS_PER_YEAR, "month": 12, "year": 1}[period]
    annual = amount * per_year
    return annual / (hours * WEEKS_PER_YEAR), annual


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def parse_money(raw: str, hours_per_week: float | None = None) -> Money | None:
    """Read a wage from ``raw``; None when there is no amount or its period cannot be told.

    >>> parse_money("$42.50 per hour").as_value()
    {'amount': 42.5, 'period': 'hour', 'currency': 'CAD', 'hourly': 42.5, 'annual': 88400.0}
    """
    if not raw or not str(raw).strip():
        return None
    text = str(raw)
    matches = find_money(text)
    chosen = next((m for m in matches if m.period), matches[0] if matches else None) or _bare_amount(text)
    if chosen is None or chosen.amount <= 0:
        return None
    notes: list[str] = [chosen.note] if chosen.note else []
    index = matches.index(chosen) if chosen in matches else -1
    if 0 <= index < len(matches) - 1 and _is_range(text.replace("\u2019", "'"), chosen, matches[index + 1]):
        notes.append(f"wage range {chosen.raw} to {matches[index + 1].raw}: the lower bound is used")
    period = chosen.period
    if period is None:
        period = _infer_period(chosen.amount)
        if period is None:
            return None
        notes.append(f"period '{period}' inferred from the amount")
    hours = hours_per_week if hours_per_week and hours_per_week > 0 else _hours_in(text)
    assumed = hours is None
    if assumed:
        hours = DEFAULT_HOURS_PER_WEEK
        notes.append("40 h/week assumed")
    hourly, annual = _equivalents(chosen.amount, period, float(hours))
    return Money(chosen.amount, period, chosen.currency, hourly, annual, float(hours), assumed, tuple(notes))


def format_money(money: Money) -> str:
    """A canonical written form that ``parse_money`` reads back: "$42.50 per hour", "USD 5,000.00 per month"."""
    mark = "$" if money.currency == "CAD" else f"{money.currency} "
    return f"{mark}{money.amount:,.2f} per {money.period}"


def money_equal(a: dict[str, Any], b: dict[str, Any], rel_tol: float = 0.01) -> bool:
    """True when two ``wage`` values are the same pay: same currency, annual or hourly within ``rel_tol``.

    "$85,000 per year" equals "$40.87/hour" at 40 h/week.
    """
    try:
        if a.get("currency") != b.get("currency"):
            return False
        for key in ("annual", "hourly"):
            x, y = a.get(key), b.get(key)
            if x is not None and y is not None and math.isclose(float(x), float(y), rel_tol=rel_tol):
                return True
    except (AttributeError, TypeError, ValueError):
        return False
    return False
