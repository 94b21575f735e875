"""The machine-readable zone of a passport data page (ICAO 9303, TD3: two lines of 44 characters)."""

from __future__ import annotations

from datetime import date

from doccheck.extract import programs

# ICAO 9303 nationality codes that are not ISO alpha-3 ("D<<" is Germany; the British variants are GB).
_ICAO_ONLY = {"D<<": "DEU", "GBD": "GBR", "GBN": "GBR", "GBO": "GBR", "GBS": "GBR", "GBP": "GBR", "RKS": "XKX"}
_LINE1 = programs.compile(r"^P[A-Z<][A-Z<]{3}[A-Z<]{39}$")
_LINE2 = programs.compile(r"^[A-Z0-9<]{9}[0-9<][A-Z<]{3}\d{6}[0-9<][MFX<]\d{6}[0-9<][A-Z0-9<]{14}[0-9<][0-9<]$")


def parse_mrz(lines: list[str]) -> dict[str, str]:
    """Passport number, expiry, nationality and name from a TD3 MRZ, or {} when there is none.

    A scan's MRZ read by OCR is accepted too when its check digits hold: fillers misread ("<" as
    "c", "e", "«"), stray spaces, "O" for "0" in the date and check-digit positions.
    """
    for i in range(len(lines) - 1):
        if lines[i].lstrip()[:1] not in ("P", "p"):
            continue  # the first line starts with "P" (after upper-casing): no other line is compacted
        first, second = _compact(lines[i]), _compact(lines[i + 1])
        if _LINE1.match(first) and _LINE2.match(second):
            return _fields(first, second)
        repaired = _repaired(first, second)
        if repaired:
            return _fields(*repaired)
    return {}


_DIGIT_POSITIONS = (9, *range(13, 20), *range(21, 28))  # the number's check digit, birth and expiry dates with theirs
_AS_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8", "G": "6"})
_FILLER_RUN = programs.compile(r"<{3}.*$")


def _repaired(first: str, second: str) -> tuple[str, str] | None:
    """An OCR'd MRZ made whole when the passport number's and the expiry's check digits both hold."""
    first = first.replace("«", "<")
    second = second.replace("«", "<")
    if len(first) < 10 or not first.startswith("P") or len(second) < 28:
        return None
    chars = list(second[:44].ljust(44, "<"))
    for pos in _DIGIT_POSITIONS:
        chars[pos] = chars[pos].translate(_AS_DIGIT)
    chars[10:13] = list("".join(chars[10:13]).replace("0", "O"))
    second = "".join(chars)
    if not (_check(second[0:9]) == second[9] and _check(second[21:27]) == second[27]):
        return None
    names = _FILLER_RUN.sub("", first[5:])  # the names end where the fillers start: what follows is misread filler
    first = (first[:5] + names).ljust(44, "<")[:44]
    if not _LINE1.match(first):
        return None
    return first, second


def _check(text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, "<" as 0."""
    total = 0
    for n, ch in enumerate(text):
        value = int(ch) if ch.isdigit() else (ord(ch) - 55 if "A" <= ch <= "Z" else 0)
        total += value * (7, 3, 1)[n % 3]
    return str(total % 10)


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
