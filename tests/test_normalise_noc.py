"""Tests for doccheck.normalise.noc: NOC 2021 codes, TEER, job titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.noc import normalise_title, parse_noc, teer_of, title_key, titles_match

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("NOC 21231", "21231"),  # label and code
        ("21231", "21231"),  # code alone
        ("NOC 2021: 21231", "21231"),  # version year is not the code
        ("NOC 2021 21231", "21231"),  # version year without colon
        ("CNP 21231", "21231"),  # French label
        ("NOC code 21231 – Software engineers and designers", "21231"),  # code with title
        ("21231 (TEER 1)", "21231"),  # code with TEER
        ("Software engineers (NOC 21231)", "21231"),  # title first
        ("00010", "00010"),  # leading zero kept
        ("21231.00", "21231"),  # OaSIS profile suffix
        ("Wage $21231, NOC 41200", "41200"),  # the labelled code wins
    ],
)
def test_parse_noc_reads_five_digit_codes(raw: str, code: str) -> None:
    assert parse_noc(raw) == code


@pytest.mark.parametrize(
    "raw",
    [
        "NOC 2173",  # NOC 2016 four-digit code
        "NOC 2016: 2173",  # labelled as 2016
        "27231",  # TEER 7 does not exist
        "212310",  # six digits
        "",  # empty
        "Software engineer",  # no code
    ],
)
def test_parse_noc_returns_none_for_non_2021_codes(raw: str) -> None:
    assert parse_noc(raw) is None


@pytest.mark.parametrize(("code", "teer"), [("21231", 1), ("00010", 0), ("65200", 5), ("72010", 2)])
def test_teer_of_is_the_second_digit(code: str, teer: int) -> None:
    assert teer_of(code) == teer


@pytest.mark.parametrize("code", ["2173", "27231", "abcde", ""])
def test_teer_of_rejects_invalid_codes(code: str) -> None:
    with pytest.raises(ValueError):
        teer_of(code)


@pytest.mark.skipif(not (REFERENCE / "noc2021_structure.json").exists(), reason="reference data not present")
def test_every_noc_2021_unit_group_parses_with_its_teer() -> None:
    rows = json.loads((REFERENCE / "noc2021_structure.json").read_text(encoding="utf-8"))
    units = [row["code"] for row in rows if row["level"] == 5]
    assert len(units) == 516
    for code in units:
        assert parse_noc(f"NOC {code}") == code
        assert 0 <= teer_of(code) <= 5


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ('  "Software   Engineer". ', "Software Engineer"),  # quotes, spaces, trailing period
        ("«Ingénieure logicielle»", "Ingénieure logicielle"),  # French quotes, accents kept
        ("Cook", "Cook"),  # unchanged
    ],
)
def test_normalise_title_cleans_but_keeps_case(raw: str, title: str) -> None:
    assert normalise_title(raw) == title


def test_title_key_folds_case_accents_and_punctuation() -> None:
    assert title_key("Ingénieur(e) R&D – Logiciel") == "ingenieur e r and d logiciel"


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("Software Engineer", "software engineer", True),  # case
        ("Software Engineers", "Software Engineer", True),  # trailing plural
        ("Full-stack developer", "Full stack developer", True),  # hyphen vs space
        ("Research & Development Manager", "Research and Development Manager", True),  # ampersand
        ("Ingénieur logiciel", "INGENIEUR LOGICIEL", True),  # accents
        ("Senior Software Engineer", "Software Engineer", False),  # extra word
        ("Software Engineer", "Software Developer", False),  # different title
        ("", "Cook", False),  # empty
    ],
)
def test_titles_match_only_tolerates_formatting_and_plural(a: str, b: str, match: bool) -> None:
    assert titles_match(a, b) is match


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_noc_functions_never_raise_on_arbitrary_text(text: str) -> None:
    parse_noc(text)
    normalise_title(text)
    title_key(text)
    titles_match(text, "Cook")


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    title = normalise_title(text)
    assert normalise_title(title) == title
    assert title_key(title_key(text)) == title_key(text)
    code = parse_noc(text)
    if code is not None:
        assert parse_noc(code) == code
