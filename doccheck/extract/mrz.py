"""The machine-readable zone of a passport data page (ICAO 9303, TD3: two lines of 44 characters)."""

from __future__ import annotations

from datetime import date

from doccheck.extract import programs

# ICAO 9303 nationality codes that are not ISO alpha-3 ("D<<" is Germany; the British variants are GB).
_ICAO_ONLY = {"D<<": "DEU", "GBD": "GBR", "GBN": "GBR", "GBO": "GBR", "GBS": "GBR", "GBP": "GBR", "RKS": "XKX"}
_LINE1 = programs.compile(r"^P[A-Z<][A-Z<]{3}[A-Z<]{39}$")
_LINE2 = programs.compile(r"^[A-Z0-9<]{9}[0-9<][A-Z<]{3}\d{6}[0-9<][MFX<]\d{6}[0-9<][A-Z0-9<]{14}[0-9<][0-9<]$")


def parse_mrz(lines: list[str]) -> dict[str, str]:
    """Passport number, expiry, nationality and name from a TD3 MRZ, or {} when there is none."""
    for i in range(len(lines) - 1):
        if lines[i].lstrip()[:1] not in ("P", "p"):
            continue  # the first line starts with "P" (after upper-casing): no other line is compacted
        first, second = _compact(lines[i]), _compact(lines[i + 1])
        if _LINE1.match(first) and _LINE2.match(second):
            return _fields(first, second)
    return {}


def _compact(line: str) -> str:
    return "".join(line.split()).upper()


def _fields(first: str, second: str) -> dict[str, str]:
    names = first[5:].split("<<", 1)
    family = names[0].replace("<", " ").strip()
    given = names[1].replace("<", " ").strip() if len(names) > 1 else ""
    found = {
        "passport_number": second[0:9].replace("<", ""),
        "citizenship": _ICAO_ONLY.get(second[10:13], second[10:13].replace("<", "")),
    }
    expiry = _yymmdd(second[21:27], future=True)
    if expiry:
        found["passport_expiry"] = expiry
    if family and given:
        found["family_name"] = family.title()
        found["given_name"] = given.title()
    return found


def _yymmdd(text: str, *, future: bool) -> str | None:
    if not text.isdigit():
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    year = 2000 + yy if future or yy <= date.today().year % 100 else 1900 + yy
    try:
        return date(year, mm, dd).isoformat()
    except ValueError:
        return None
