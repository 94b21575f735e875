"""When do two normalised values of a field mean the same thing?"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from doccheck.models import ExtractedField
from doccheck.normalise import money, names, noc, places


def date_readings(field: ExtractedField) -> list[date]:
    """Every reading of a date field (two for an ambiguous 01/03/2027)."""
    values = [field.value] + list(field.alternatives or [])
    return [date.fromisoformat(v) for v in values if isinstance(v, str)]


def _dates(a: ExtractedField, b: ExtractedField) -> bool:
    return bool(set(date_readings(a)) & set(date_readings(b)))


def _money(a: ExtractedField, b: ExtractedField) -> bool:
    return money.money_equal(a.value, b.value)


def _place(a: ExtractedField, b: ExtractedField) -> bool:
    """Same city and province ("Grand Sudbury" / "Greater Sudbury" and "Sudbury" are one city); an offer
    that lists several places of work agrees with a document that names one of them."""
    return any(isinstance(x, dict) and isinstance(y, dict) and places.places_equal(x, y)
               for x in [a.value] + list(a.alternatives or []) for y in [b.value] + list(b.alternatives or []))


def _name(a: ExtractedField, b: ExtractedField) -> bool:
    """Order, accents and apostrophes aside ("O'CONNOR" in a passport MRZ reads "O CONNOR")."""
    return names.names_match(a.value, b.value) or names.names_match(_no_apostrophe(a.value), _no_apostrophe(b.value))


def _no_apostrophe(name: str) -> str:
    return name.replace("'", " ").replace("’", " ")


def _employer(a: ExtractedField, b: ExtractedField) -> bool:
    """Same legal name, or one name's words (two or more) all inside the other's: "Northern Lights
    Ltée" in "Solutions numériques Northern Lights Ltée" (letters drop descriptive words)."""
    from rapidfuzz import fuzz

    key_a, key_b = names.employer_key(a.value), names.employer_key(b.value)
    if key_a == key_b or fuzz.ratio(key_a.replace(" ", ""), key_b.replace(" ", "")) >= 97:
        return True  # spacing and punctuation aside; "Harbourline" vs "Harbourside" is another company
    ka, kb = set(key_a.split()), set(key_b.split())
    shorter, longer = sorted((ka, kb), key=len)
    return len(shorter) >= 2 and shorter <= longer


def _title(a: ExtractedField, b: ExtractedField) -> bool:
    return noc.titles_match(a.value, b.value)


def _number(a: ExtractedField, b: ExtractedField) -> bool:
    return abs(float(a.value) - float(b.value)) < 0.5


def _exact(a: ExtractedField, b: ExtractedField) -> bool:
    return a.value == b.value


COMPARATORS: dict[str, Callable[[ExtractedField, ExtractedField], bool]] = {
    "date": _dates,
    "money": _money,
    "place": _place,
    "name": _name,
    "employer": _employer,
    "title": _title,
    "number": _number,
    "exact": _exact,
}


def display(field_name: str, field: ExtractedField) -> str:
    """A value as a person reads it in a message."""
    value: Any = field.value
    if field_name == "wage" and isinstance(value, dict):
        period = value.get("period")
        return f"${value['amount']:,.2f}/{period} ({value.get('currency', 'CAD')}, ≈ ${value['annual']:,.0f}/year)"
    if field_name == "work_location" and isinstance(value, dict):
        return ", ".join(str(v) for v in (value.get("city"), value.get("province")) if v)
    if field.alternatives:
        return f"{value} or {', '.join(map(str, field.alternatives))} (ambiguous: {field.raw})"
    return str(value)


__all__ = ["COMPARATORS", "date_readings", "display"]
