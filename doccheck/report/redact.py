"""``--redact``: mask personal identifiers in a report before any format renders it.

What is masked, everywhere a string appears (values, raw text, evidence snippets, messages,
document paths and the case label; the structure and the keys stay the same):

- **passport numbers** (every ``passport_number`` a document states, as written and normalised):
  the first two and last two characters are kept, the rest becomes ``•••`` — ``HR2508402`` →
  ``HR•••02``; a number of six characters or fewer becomes ``•••``. Two different numbers still
  look different, so a mismatch stays visible.
- **names** (every ``worker_name``, the whole name and each part of it, with or without accents,
  in any letter case): each part keeps its initial — ``Sakura Suzuki`` → ``S••• S•••``.
- **dates of birth** (a date after "date of birth", "DOB", "birth date", "date de naissance",
  "né(e) le"): ``••••-••-••``.
- **machine-readable zones** (passport MRZ lines, which hold all three): ``<MRZ redacted>``.

Rule ids, severities, kinds, field names and dates other than birth dates are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from doccheck.extract import programs
from doccheck.models import Report
from doccheck.report.contract import ReviewedReport, report_payload

MASK = "•••"
DATE_MASK = "••••-••-••"
MRZ_MASK = "<MRZ redacted>"

# Keys whose values are codes of the contract, never personal data: left as they are.
_STRUCTURAL_KEYS = frozenset(
    {"schema_version", "checked_on", "rule", "name", "severity", "kind", "fields", "field", "method", "source",
     "rule_version", "language", "period", "currency", "province", "form", "confidence", "page", "pages"}
)

_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 1990-05-14
    r"|\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}"  # 14/05/1990
    r"|\d{1,2}\s+[^\W\d_]{3,}\.?(?:\s*/\s*[^\W\d_]{3,}\.?)?\s+\d{2,4}"  # 14 May 1990, 14 MAY/MAI 90
    r"|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}"  # May 14, 1990
    r"|\d{6,8})"  # 19900514
)
_BIRTH_DATE = programs.compile(
    r"(?P<label>\b(?:date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?|date\s+de\s+naissance|n[ée]e?\s+le)\b"
    r"(?:\s*\([^)]{0,16}\))?[\s:|.\-–]*)" + _DATE,
    re.IGNORECASE,
)
_MRZ = programs.compile(r"(?<![A-Z0-9<])(?=[A-Z0-9<]{30,})[A-Z0-9<]*<<[A-Z0-9<]*")  # a 30+ character run with "<<"


def mask_passport(number: str) -> str:
    """``HR2508402`` → ``HR•••02``; short numbers are masked whole.

    >>> mask_passport("P1234567")
    'P1•••67'
    """
    text = number.strip()
    return MASK if len(text) <= 6 else f"{text[:2]}{MASK}{text[-2:]}"


def mask_name(name: str) -> str:
    """Each part of a name keeps its initial.

    >>> mask_name("José García-Núñez")
    'J••• G•••-N•••'
    """
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0] + MASK, name)


def redact_report(report: Report) -> ReviewedReport:
    """The same report, every personal identifier masked (see the module docstring)."""
    data = report_payload(report)
    scrub = text_scrubber(_passport_numbers(data), _names(data))
    return ReviewedReport.model_validate(_walk(data, scrub, key=None))


def text_scrubber(passports: set[str], names: set[str]) -> Callable[[str], str]:
    """A function masking these passport numbers, these names, birth dates and MRZ lines in a text."""
    replacements: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = []
    for number in sorted(passports, key=len, reverse=True):
        replacements.append((re.compile(_boundary(re.escape(number)), re.IGNORECASE), lambda m: mask_passport(m.group(0))))
    for name in sorted(_name_variants(names), key=len, reverse=True):
        pattern = r"[\s,]+".join(re.escape(part) for part in name.split())
        flags = re.IGNORECASE if len(name) > 2 else 0  # "Le", "Li": only as written, not "le" in French prose
        replacements.append((re.compile(_boundary(pattern), flags), lambda m: mask_name(m.group(0))))

    def scrub(text: str) -> str:
        text = _MRZ.sub(MRZ_MASK, text)
        text = _BIRTH_DATE.sub(lambda m: m.group("label") + DATE_MASK, text)
        for pattern, replace in replacements:
            text = pattern.sub(replace, text)
        return text

    return scrub


def _boundary(pattern: str) -> str:
    """Not inside a longer word or number (``_`` and ``-`` count as separators, as in file names)."""
    return rf"(?<![^\W_])(?:{pattern})(?![^\W_])"


def _field_values(data: dict, field: str) -> set[str]:
    found: set[str] = set()
    for document in data.get("documents", []):
        item = document.get("fields", {}).get(field)
        if item:
            found |= {str(v).strip() for v in (item.get("raw"), item.get("value")) if isinstance(v, str) and v.strip()}
    for finding in data.get("findings", []):
        for evidence in finding.get("evidence", []):
            if evidence.get("field") == field and isinstance(evidence.get("raw"), str) and evidence["raw"].strip():
                found.add(evidence["raw"].strip())
    return found


def _passport_numbers(data: dict) -> set[str]:
    numbers = _field_values(data, "passport_number")
    return numbers | {re.sub(r"[\s-]", "", n) for n in numbers}


def _names(data: dict) -> set[str]:
    return _field_values(data, "worker_name")


def _name_variants(names: set[str]) -> set[str]:
    """Each whole name, its parts (two letters or more), "Family, Given" order, without accents too."""
    variants: set[str] = set()
    for name in names:
        parts = re.findall(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*", name)
        variants.add(" ".join(name.split()))
        variants |= {p for p in parts if len(p) >= 2}
        if len(parts) >= 2:
            variants.add(" ".join(parts[-1:] + parts[:-1]))
    return variants | {_fold(v) for v in variants}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _walk(value: Any, scrub: Callable[[str], str], key: str | None) -> Any:
    if key in _STRUCTURAL_KEYS and not isinstance(value, dict):  # a document's `fields` map is walked
        return value
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_walk(v, scrub, key) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, scrub, k) for k, v in value.items()}
    return value


__all__ = ["mask_name", "mask_passport", "redact_report", "text_scrubber"]
