"""Turn a raw value string into the contract's normalised value, by the field's type.

Returns None when the text is not a value of that type (a label that introduced prose,
a blank, "N/A"): extraction then keeps looking rather than recording a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from doccheck.extract import programs
from doccheck.normalise import countries, dates, duration, ids, money, names, noc, places

_EMPTY = programs.compile(r"^\s*(?:n/?a|none|nil|tbd|tba|-+|—|\.+|not applicable|sans objet|s\.o\.)\s*$", re.I)
_SEE_ATTACHED = programs.compile(r"^\s*(?:see|refer to|voir)\b.{0,20}(?:attach|annex|pièce|piece|joint|enclosed|letter|lettre)", re.I)


@dataclass
class Parsed:
    value: Any
    raw: str
    notes: list[str] = field(default_factory=list)
    alternatives: list[Any] | None = None


def is_placeholder(raw: str) -> bool:
    """Empty, "N/A" or "See attached": the document names the field but states no value."""
    return not raw.strip() or bool(_EMPTY.match(raw)) or bool(_SEE_ATTACHED.match(raw))


def parse_value(field_type: str, raw: str, *, hours: float | None = None) -> Parsed | None:
    raw = _clean(raw)
    if not raw or is_placeholder(raw):
        return None
    parser = _PARSERS.get(field_type)
    if parser is None:
        return None
    try:
        return parser(raw, hours)
    except (ValueError, TypeError, OverflowError):
        return None


def _clean(raw: str) -> str:
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ").strip()
    return raw.strip(" \t:;|•·*").strip()


def _money(raw: str, hours: float | None) -> Parsed | None:
    parsed = money.parse_money(raw, hours_per_week=hours)
    if parsed is None:
        return None
    return Parsed(parsed.as_value(), raw, list(parsed.notes))


def _date(raw: str, _hours) -> Parsed | None:
    parsed = dates.parse_date(raw)
    if parsed is None:
        return None
    notes = []
    alternatives = None
    if parsed.ambiguous:
        notes.append(f"ambiguous day/month order: read as {parsed.value} or {', '.join(parsed.alternatives)}")
        alternatives = list(parsed.alternatives)
    return Parsed(parsed.value, raw, notes, alternatives)


def _duration(raw: str, _hours) -> Parsed | None:
    months = duration.parse_duration(raw)
    if months is None or not 0 < months <= 240:
        return None
    return Parsed(months, raw)


def _hours(raw: str, _hours) -> Parsed | None:
    match = re.search(r"(\d{1,2}(?:[\.,]\d{1,2})?)", raw)
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    if not 1 <= value <= 80:
        return None
    if re.search(r"\b(?:day|jour|month|mois|year|an)\b", raw, re.I) and not re.search(r"week|semaine|wk", raw, re.I):
        return None
    return Parsed(int(value) if value.is_integer() else value, raw)


def _place(raw: str, _hours) -> Parsed | None:
    from doccheck.extract.placefinder import find_places

    found = find_places(raw)
    distinct: list = []
    for candidate in found:
        if not any(places.places_equal(candidate.as_value(), other.as_value()) for other in distinct):
            distinct.append(candidate)
    if len(distinct) > 1:  # "Location(s) of work | 145 King St W, Toronto, ON …  5100 Spectrum Way, Mississauga, ON …"
        place, others = distinct[0], [other.as_value() for other in distinct[1:]]
    else:
        place, others = (found[-1] if found else places.parse_place(raw)), None  # an address ends with its city and province
    if place is None or not place.city:
        return None
    notes = []
    if place.postal_matches_province is False:
        notes.append(f"postal code {place.postal_code} does not belong to {place.province}")
    return Parsed(place.as_value(), raw, notes, alternatives=others)


def _place_in_text(raw: str, _hours) -> Parsed | None:
    """A sentence window: only an explicit "City, Province" in it counts."""
    from doccheck.extract.placefinder import find_places

    found = find_places(raw)
    return Parsed(found[0].as_value(), raw) if found else None


_UNITS = [
    ("hour", r"hour|hourly|hr|/h\b|heure|horaire"),
    ("week", r"week|weekly|semaine|hebdomadaire"),
    ("month", r"month|monthly|mois|mensuel"),
    ("year", r"year|yearly|annual|annually|annum|salary|an\b|année|annuel"),
]


def _wage_unit(raw: str, _hours) -> Parsed | None:
    """The pay period named on its own ("Wage type: Annual salary", "Wage unit: Hour")."""
    for unit, pattern in _UNITS:
        if re.search(pattern, raw, re.I):
            return Parsed(unit, raw)
    return None


def _city(raw: str, _hours) -> Parsed | None:
    if len(raw) > 60 or re.search(r"\d{3}", raw):
        return None
    if "," in raw or "(" in raw:  # "City/Town | Toronto, Ontario", "Gatineau (Québec)": the city, its province aside
        place = places.parse_place(raw)
        if place and place.city and place.province:
            raw_city = place.city
            return Parsed(raw_city.title() if raw_city.isupper() else raw_city, raw)
    return Parsed(raw.strip().title() if raw.isupper() else raw.strip(), raw)


def _province(raw: str, _hours) -> Parsed | None:
    code = places.province_code(raw)
    return Parsed(code, raw) if code else None


_SIGNATURE_LINE = programs.compile(r"^_{3,}\s*\(([^()]+)\)$")  # "______________ (Aoife Brennan)": a signature line


def _name(raw: str, _hours) -> Parsed | None:
    signature = _SIGNATURE_LINE.match(raw.strip())
    if signature:
        raw = signature.group(1)
    if len(raw) > 80 or re.search(r"\d", raw) or len(raw.split()) > 6 or "__" in raw:
        return None
    value = names.normalise_name(raw)
    if len(value.split()) < 2:
        return None
    return Parsed(value, raw)


def _name_part(raw: str, _hours) -> Parsed | None:
    if len(raw) > 60 or re.search(r"\d", raw):
        return None
    value = raw.strip()
    return Parsed(value.title() if value.isupper() else value, raw)


def _text(raw: str, _hours) -> Parsed | None:
    if len(raw) > 120 or len(raw) < 2:
        return None
    return Parsed(" ".join(raw.split()), raw)


def _title(raw: str, _hours) -> Parsed | None:
    if _NOC_STATEMENT.match(raw):
        return None  # "NOC 2021 21399 - Other professional engineers": the occupation's group, not the job's title
    value = noc.normalise_title(raw)
    value = re.sub(r"\s*\((?:NOC|CNP|TEER)[^)]*\)\s*$", "", value, flags=re.I).strip()
    value = re.sub(r"\s*[-–,]\s*(?:NOC|CNP)\s*\d{4,5}.*$", "", value, flags=re.I).strip()
    if not 2 <= len(value) <= 80 or len(value.split()) > 10:
        return None
    if re.fullmatch(r"[\d\W_]+", value):  # digits, punctuation, a blank line to sign on
        return None
    return Parsed(value, raw)


_NOC_STATEMENT = programs.compile(r"\s*(?:NOC|CNP)(?:\s*2021|\s*2016)?\s*[:#\-–]?\s*\d{4,5}\b", re.I)
_SYNTHETIC_NOC = programs.compile(r"(?<!\d)(99999|88888)(?!\d)")


def _noc(raw: str, _hours) -> Parsed | None:
    code = noc.parse_noc(raw)
    if code is None:
        synthetic = _SYNTHETIC_NOC.search(raw)  # IRCC's codes for open permits and business owners
        code = synthetic.group(1) if synthetic else None
    return Parsed(code, raw) if code else None


def _teer(raw: str, _hours) -> Parsed | None:
    match = re.search(r"\b([0-5])\b", raw)
    return Parsed(int(match.group(1)), raw) if match else None


def _exemption_code(raw: str, _hours) -> Parsed | None:
    code = ids.parse_exemption_code(raw)
    return Parsed(code, raw) if code else None


_DATE_SHAPED = programs.compile(r"\s*(?:\d{4}[-/\.]\d{1,2}[-/\.]\d{1,2}|\d{1,2}[-/\.]\d{1,2}[-/\.]\d{4})\s*$")


def _oe(raw: str, _hours) -> Parsed | None:
    if _DATE_SHAPED.match(raw):
        return None  # "OFFER OF EMPLOYMENT 2027-05-02": a letter's title and its date, no number
    value = ids.parse_oe_number(raw)
    if not value or not re.search(r"\d{5}", value):
        return None
    return Parsed(value, raw)


_DOCUMENT_TYPES = {"P", "PP", "PD", "PO", "PS", "PN", "PE", "D"}  # a bio page's "Type" box (and Germany's "D" code)


def _passport(raw: str, _hours) -> Parsed | None:
    tokens = raw.split()
    # "Type | Code | Passport No." read as one line ("P IND Z8667006"): the type and the state's code are no part of it
    while len(tokens) > 1 and (tokens[0].upper() in _DOCUMENT_TYPES or (len(tokens[0]) == 3 and tokens[0].isalpha()
                                                                         and tokens[0].isupper() and countries.country_code(tokens[0]))):
        tokens.pop(0)
    if len(tokens) == 1 and tokens[0] != raw.strip() and len(tokens[0]) >= 6 and any(c.isdigit() for c in tokens[0]):
        raw = tokens[0]
    value = ids.normalise_passport(raw)
    compact = re.sub(r"[\s\-]", "", value)
    if not 5 <= len(compact) <= 15 or not re.search(r"\d", compact) or not compact.isalnum():
        return None
    return Parsed(value, raw)


def _country(raw: str, _hours) -> Parsed | None:
    code = countries.country_code(raw)
    return Parsed(code, raw) if code else None


def _business_number(raw: str, _hours) -> Parsed | None:
    value = ids.parse_business_number(raw)
    return Parsed(value, raw) if value else None


def _duties(raw: str, _hours) -> Parsed | None:
    value = " ".join(raw.split())
    return Parsed(value, raw) if len(value) >= 10 else None


_PARSERS: dict[str, Callable[[str, float | None], Parsed | None]] = {
    "money": _money,
    "date": _date,
    "duration": _duration,
    "hours": _hours,
    "place": _place,
    "place_in_text": _place_in_text,
    "city": _city,
    "wage_unit": _wage_unit,
    "province": _province,
    "name": _name,
    "name_part": _name_part,
    "text": _text,
    "title": _title,
    "noc": _noc,
    "teer": _teer,
    "exemption_code": _exemption_code,
    "oe_number": _oe,
    "passport": _passport,
    "country": _country,
    "business_number": _business_number,
    "duties": _duties,
}
