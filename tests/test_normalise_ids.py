"""Tests for doccheck.normalise.ids: OE numbers, business numbers, exemption codes, passports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.ids import (
    find_oe_numbers,
    is_valid_oe_number,
    normalise_passport,
    parse_business_number,
    parse_exemption_code,
    parse_oe_number,
)

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


@pytest.mark.parametrize(
    ("raw", "oe", "valid"),
    [
        ("A1234567", "A1234567", True),  # canonical
        ("a1234567", "A1234567", True),  # lower case
        ("A-1234567", "A1234567", True),  # hyphen
        ("A 1234567", "A1234567", True),  # space
        ("Offer of Employment number: A1234567", "A1234567", True),  # with its label
        ("A123456", "A123456", False),  # one digit short, returned for reporting
        ("B1234567", "B1234567", False),  # wrong letter
        ("1234567", "1234567", False),  # letter missing
        ("OE #: a-12345678", "A12345678", False),  # one digit too many
    ],
)
def test_parse_oe_number_cleans_and_validity_is_separate(raw: str, oe: str, valid: bool) -> None:
    assert parse_oe_number(raw) == oe
    assert is_valid_oe_number(oe) is valid


@pytest.mark.parametrize("raw", ["", "N/A", "pending"])
def test_parse_oe_number_returns_none_without_a_number(raw: str) -> None:
    assert parse_oe_number(raw) is None


def test_find_oe_numbers_finds_well_formed_numbers_in_prose() -> None:
    text = "OE A1234567 was submitted; a 1234567 is not one; see also A-7654321."
    assert find_oe_numbers(text) == [(3, 11, "A1234567"), (58, 67, "A7654321")]


@pytest.mark.parametrize(
    ("raw", "bn"),
    [
        ("123456789", "123456789"),  # plain
        ("123456789 RT0001", "123456789"),  # with program account
        ("123456789RC0001", "123456789"),  # program account attached
        ("12345 6789 RC0001", "123456789"),  # CRA spacing
        ("BN: 123-456-789", "123456789"),  # hyphens with a label
    ],
)
def test_parse_business_number_returns_nine_digits(raw: str, bn: str) -> None:
    assert parse_business_number(raw) == bn


@pytest.mark.parametrize("raw", ["", "12345678", "1234567890", "BN pending"])
def test_parse_business_number_returns_none_without_nine_digits(raw: str) -> None:
    # empty, too short, too long, no number
    assert parse_business_number(raw) is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("C63", "C63"),  # canonical
        ("c-63", "C63"),  # lower case, hyphen
        ("C 63", "C63"),  # space
        ("LMIA exemption code: T36", "T36"),  # labelled
        ("R205(c)(ii) – C16", "C16"),  # regulation reference before the code
        ("A70 – Post-graduation", "A70"),  # A code
        ("Exemption code C10 (significant benefit)", "C10"),  # code in prose
    ],
)
def test_parse_exemption_code_reads_letter_and_two_digits(raw: str, code: str) -> None:
    assert parse_exemption_code(raw) == code


@pytest.mark.parametrize("raw", ["", "R205(c)(ii)", "significant benefit", "C123"])
def test_parse_exemption_code_returns_none_without_a_code(raw: str) -> None:
    # empty, regulation only, words only, too many digits
    assert parse_exemption_code(raw) is None


@pytest.mark.skipif(not (REFERENCE / "lmia_exemption_codes.csv").exists(), reason="reference data not present")
def test_every_published_exemption_code_parses() -> None:
    with (REFERENCE / "lmia_exemption_codes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = {row["code_current"] for row in rows if len(row["code_current"]) == 3}
    assert codes
    for code in codes:
        assert parse_exemption_code(code) == code
        assert parse_exemption_code(code.lower()) == code


@pytest.mark.parametrize(
    ("raw", "passport"),
    [
        ("  ab1234567 ", "AB1234567"),  # upper case, outer spaces stripped
        ("AB 123-4567", "AB 123-4567"),  # inner space and hyphen kept exactly
        ("p  123", "P  123"),  # double inner space kept
    ],
)
def test_normalise_passport_keeps_inner_spacing(raw: str, passport: str) -> None:
    assert normalise_passport(raw) == passport


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_id_functions_never_raise_and_are_idempotent(text: str) -> None:
    oe = parse_oe_number(text)
    if oe is not None:
        assert parse_oe_number(oe) == oe
        is_valid_oe_number(oe)
    bn = parse_business_number(text)
    if bn is not None:
        assert parse_business_number(bn) == bn
    code = parse_exemption_code(text)
    if code is not None:
        assert parse_exemption_code(code) == code
    passport = normalise_passport(text)
    assert normalise_passport(passport) == passport
    find_oe_numbers(text)
