"""Identifiers: Offer of Employment numbers, CRA business numbers, exemption codes, passports.

Each parser takes the raw text of a labelled field (label words may still be
in it) and returns the identifier in its canonical written form, or None when
there is nothing that looks like one. Validity is a separate question
(``is_valid_oe_number``): a malformed OE number is still returned, cleaned, so
that a check can report it.
"""

from __future__ import annotations

import re

from doccheck.extract import programs

__all__ = [
    "parse_oe_number",
    "is_valid_oe_number",
    "find_oe_numbers",
    "parse_business_number",
    "parse_exemption_code",
    "normalise_passport",
]

_OE_RE = programs.compile(r"(?<![A-Za-z0-9])A[ \-]?(\d{7})(?![\d])")
_OE_ANYCASE_RE = programs.compile(r"(?<![A-Za-z0-9])[Aa][ \-]?(\d{7})(?![\d])")
_OE_LOOSE_RE = programs.compile(r"(?<![A-Za-z0-9])([A-Za-z]?[ \-]?\d[\d \-]*\d|[A-Za-z][ \-]?\d)(?![\d])")
_PROGRAM_ACCOUNT_RE = programs.compile(r"(?<![A-Za-z])[A-Za-z]{2} ?-? ?\d{4}\b")
_BN_RE = programs.compile(r"(?<![\d \-]\d)(?<!\d)\d(?:[ \-]?\d){8}(?![ \-]?\d)")
_EXEMPTION_RE = programs.compile(r"(?<![A-Za-z0-9])([A-Za-z])[ \-]?(\d{2})(?![\d])")
_EXEMPTION_PREFIXES = set("ACFHRST")  # letters used by IRCC exemption codes (A70, C10, F12, H81, R01, S61, T36)


def parse_oe_number(raw: str) -> str | None:
    """The Offer of Employment number in ``raw``: "A1234567" from "a1234567", "A-1234567", "A 1234567".

    A malformed number ("A123456", "B1234567", "1234567") is returned cleaned
    (upper case, spaces and hyphens removed) for ``is_valid_oe_number`` to judge.
    """
    if not raw:
        return None
    text = str(raw)
    match = _OE_ANYCASE_RE.search(text)
    if match:
        return "A" + match.group(1)
    loose = [m for m in _OE_LOOSE_RE.finditer(text) if sum(c.isdigit() for c in m.group(1)) >= 4]
    if not loose:
        return None
    return re.sub(r"[ \-]", "", loose[0].group(1)).upper()


def is_valid_oe_number(s: str) -> bool:
    """True for a well-formed OE number: "A" followed by exactly seven digits."""
    return bool(s) and re.fullmatch(r"A\d{7}", re.sub(r"[ \-]", "", str(s).strip()).upper()) is not None


def find_oe_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every well-formed OE number ("A1234567", "A-1234567") in free text: (start, end, "A1234567").

    Only an upper-case "A" counts here, so "a 1234567" in prose is not read as one.
    """
    return [(m.start(), m.end(), "A" + m.group(1)) for m in _OE_RE.finditer(text or "")]


def parse_business_number(raw: str) -> str | None:
    """The 9-digit CRA business number, digits only: "123456789" from "12345 6789 RC0001" or "BN: 123-456-789"."""
    if not raw:
        return None
    text = _PROGRAM_ACCOUNT_RE.sub(" ", str(raw))
    match = _BN_RE.search(text)
    if not match:
        return None
    return re.sub(r"\D", "", match.group(0))


def parse_exemption_code(raw: str) -> str | None:
    """The LMIA-exemption code, a letter and two digits upper-cased: "C63" from "c-63" or "R205(c)(ii) – C16".

    Codes with an IRCC prefix letter (A, C, F, H, R, S, T) are preferred; a code
    with another letter is returned only when nothing better is there.
    """
    if not raw:
        return None
    candidates = [(m.group(1).upper() + m.group(2)) for m in _EXEMPTION_RE.finditer(str(raw))]
    if not candidates:
        return None
    known = [c for c in candidates if c[0] in _EXEMPTION_PREFIXES]
    return (known or candidates)[0]


def normalise_passport(raw: str) -> str:
    """Passport number as written, upper case, surrounding whitespace stripped; inner spaces and hyphens kept.

    IRCC links the Offer of Employment to the application by an exact match, so
    "ab 123-456" stays "AB 123-456" (a check can then flag the spacing).
    """
    return str(raw).strip().upper()
