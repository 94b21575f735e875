"""same_value: differences that come only from OCR misreading characters are not errors."""

from __future__ import annotations

import pytest

from doccheck.checks.same_value import ocr_misreading
from doccheck.models import ExtractedField


def _field(value: str, method: str) -> ExtractedField:
    return ExtractedField(raw=value, value=value, page=1, evidence=value, confidence=0.7, method=method)


@pytest.mark.parametrize(
    "scanned, typed, expected",
    [
        ("ZRO63800", "ZR063800", True),  # letter O read for digit 0
        ("P12345S7", "P1234557", True),  # S for 5
        ("Beatriz Gongalves", "Beatriz Gonçalves", True),  # cedilla lost
        ("P1234561", "P1234567", False),  # a different digit is a real difference
        ("Priya Sherma", "Priya Sharma", False),  # a different ASCII letter is a real difference
    ],
)
def test_ocr_misreading_only_excuses_characters_ocr_confuses(scanned, typed, expected):
    assert ocr_misreading(_field(scanned, "label+ocr"), _field(typed, "label")) is expected


def test_two_typed_documents_are_never_excused():
    assert ocr_misreading(_field("ZRO63800", "label"), _field("ZR063800", "label")) is False
