"""Tests for doccheck.normalise.countries: citizenship to ISO 3166-1 alpha-2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.countries import country_code, country_name


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("India", "IN"),  # English short name
        ("IND", "IN"),  # alpha-3
        ("IN", "IN"),  # alpha-2
        ("USA", "US"),  # alpha-3 / common abbreviation
        ("U.S.A.", "US"),  # with periods
        ("United States", "US"),  # short name
        ("United States of America", "US"),  # official name
        ("États-Unis", "US"),  # French
        ("MEX", "MX"),  # alpha-3
        ("Mexique", "MX"),  # French
        ("Indian citizen", "IN"),  # demonym with "citizen"
        ("citizen of Mexico", "MX"),  # "citizen of"
        ("Mexican national", "MX"),  # "national"
        ("Republic of Korea", "KR"),  # official-style name
        ("Korea, South", "KR"),  # inverted form
        ("Korea, Republic of", "KR"),  # ISO name
        ("Philippines", "PH"),  # plural name
        ("Filipino", "PH"),  # demonym
        ("Viet Nam", "VN"),  # ISO spelling
        ("Vietnam", "VN"),  # common spelling
        ("Côte d'Ivoire", "CI"),  # accent and apostrophe
        ("cote d ivoire", "CI"),  # without them
        ("Citizenship: India", "IN"),  # with a label
        ("citoyen du Mexique", "MX"),  # French wrapper
        ("Nationalité : française", "FR"),  # French label and demonym
        ("French", "FR"),  # English demonym
        ("American", "US"),  # demonym
        ("Iran (Islamic Republic of)", "IR"),  # parenthesised qualifier
        ("Allemagne", "DE"),  # French name from pycountry's translations
        ("UK", "GB"),  # abbreviation
        ("people's republic of china", "CN"),  # lower case
    ],
)
def test_country_code_reads_names_codes_and_demonyms(raw: str, code: str) -> None:
    assert country_code(raw) == code


@pytest.mark.parametrize(
    "raw",
    [
        "",  # empty
        "hello world",  # unrelated text
        "Toronto",  # a city
        "in",  # a lower-case English word, not the code
        "us",  # same
        "Korea",  # ambiguous without North/South
        "Software Engineer",  # another field's value
    ],
)
def test_country_code_never_guesses(raw: str) -> None:
    assert country_code(raw) is None


def test_extra_country_data_uses_valid_codes_and_reads_back() -> None:
    import pycountry
    import yaml

    path = Path(__file__).resolve().parents[1] / "rules" / "data" / "countries_extra.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("names", "demonyms"):
        for code, names in data[section].items():
            assert pycountry.countries.get(alpha_2=code) is not None, code
            for name in names:
                assert country_code(name) == code, name


@pytest.mark.parametrize(("code", "name"), [("IN", "India"), ("kr", "Korea, Republic of"), ("MX", "Mexico")])
def test_country_name_gives_the_iso_short_name(code: str, name: str) -> None:
    assert country_name(code) == name


@pytest.mark.parametrize("code", ["ZZ", "ß", "", "Canada"])
def test_country_name_returns_unknown_codes_unchanged(code: str) -> None:
    # unassigned code, "ß" (upper-cases to "SS"), empty, a name
    assert country_name(code) == code


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_country_code_never_raises_and_is_idempotent(text: str) -> None:
    code = country_code(text)
    if code is not None:
        assert country_code(code) == code
