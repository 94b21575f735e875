"""Tests for doccheck.normalise.places: provinces, cities, postal codes, place equality."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.places import Place, city_key, parse_place, places_equal, province_code

ALL_CODES = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]


def test_province_data_covers_every_province_and_territory_once() -> None:
    import yaml

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "rules" / "data" / "provinces.yml").read_text(encoding="utf-8"))
    codes = [entry["code"] for entry in data["provinces"]]
    assert sorted(codes) == ALL_CODES
    for entry in data["provinces"]:
        assert province_code(entry["en"]) == province_code(entry["fr"]) == entry["code"]
        assert all(province_code(str(v)) == entry["code"] for v in entry["variants"])
        assert entry["postal_prefixes"] and all(len(p) == 1 for p in entry["postal_prefixes"])


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Ontario", "ON"),  # English name
        ("ON", "ON"),  # code
        ("Ont.", "ON"),  # traditional abbreviation
        ("Québec", "QC"),  # French name with accent
        ("Quebec", "QC"),  # without accent
        ("QC", "QC"),  # code
        ("Qc", "QC"),  # French-style code
        ("PQ", "QC"),  # old code
        ("P.Q.", "QC"),  # old code with periods
        ("Que.", "QC"),  # English abbreviation
        ("British Columbia", "BC"),  # English
        ("B.C.", "BC"),  # with periods
        ("Colombie-Britannique", "BC"),  # French
        ("C.-B.", "BC"),  # French abbreviation
        ("Terre-Neuve-et-Labrador", "NL"),  # French, hyphenated
        ("Newfoundland & Labrador", "NL"),  # ampersand
        ("Nfld.", "NL"),  # old abbreviation
        ("Île-du-Prince-Édouard", "PE"),  # French with accents
        ("P.E.I.", "PE"),  # initials
        ("Nouveau-Brunswick", "NB"),  # French
        ("Nouvelle-Écosse", "NS"),  # French
        ("Northwest Territories", "NT"),  # territory
        ("T.N.-O.", "NT"),  # French abbreviation
        ("Nunavut", "NU"),  # territory
        ("Yukon", "YT"),  # territory
        ("Sask.", "SK"),  # abbreviation
        ("Alta.", "AB"),  # abbreviation
        ("Man.", "MB"),  # abbreviation
        ("province of Ontario", "ON"),  # with a prefix
        ("ONTARIO", "ON"),  # all caps
    ],
)
def test_province_code_reads_names_and_abbreviations(raw: str, code: str) -> None:
    assert province_code(raw) == code


@pytest.mark.parametrize("raw", ["Toronto", "Canada", "", "hello world", "New York", "Ontario Street West"])
def test_province_code_returns_none_for_other_text(raw: str) -> None:
    # cities, the country, empty text and streets are not provinces
    assert province_code(raw) is None


@pytest.mark.parametrize(
    ("raw", "city", "province", "postal"),
    [
        ("Toronto, ON", "Toronto", "ON", None),  # city, code
        ("Toronto, Ontario", "Toronto", "ON", None),  # city, name
        ("Montréal (Québec)", "Montréal", "QC", None),  # French style, accents kept
        ("123 King Street West, Suite 400, Toronto, Ontario M5H 1A1", "Toronto", "ON", "M5H 1A1"),  # full address
        ("Vancouver BC V6B 1A1", "Vancouver", "BC", "V6B 1A1"),  # no commas
        ("Calgary, Alberta, Canada", "Calgary", "AB", None),  # with country
        ("St. John's, NL", "St. John's", "NL", None),  # apostrophe and abbreviation
        ("TORONTO, ON", "Toronto", "ON", None),  # all caps city title-cased
        ("ST. JOHN'S, NEWFOUNDLAND AND LABRADOR A1C 5M2", "St. John's", "NL", "A1C 5M2"),  # all caps
        ("SAINT-JEAN-SUR-RICHELIEU (QUÉBEC) J3B1A1", "Saint-Jean-sur-Richelieu", "QC", "J3B 1A1"),  # caps, compact postal
        ("Work location: Ottawa, Ontario K1A 0B1", "Ottawa", "ON", "K1A 0B1"),  # label before
        ("Ottawa Ontario", "Ottawa", "ON", None),  # province as trailing word
        ("Saint John, New Brunswick", "Saint John", "NB", None),  # two-word province
        ("Niagara-on-the-Lake, ON", "Niagara-on-the-Lake", "ON", None),  # "on" inside a city name
        ("Quebec City, Quebec", "Quebec City", "QC", None),  # city named after province
        ("Toronto", "Toronto", None, None),  # city only
        ("Ontario", None, "ON", None),  # province only
        ("Yellowknife, NT X1A 2L9", "Yellowknife", "NT", "X1A 2L9"),  # territory, X prefix
    ],
)
def test_parse_place_reads_city_province_and_postal_code(raw: str, city: str | None, province: str | None, postal: str | None) -> None:
    place = parse_place(raw)
    assert place is not None
    assert place.as_value() == {"city": city, "province": province, "postal_code": postal}


def test_parse_place_checks_postal_code_against_province() -> None:
    good = parse_place("Toronto, ON M5H 1A1")
    bad = parse_place("Toronto, BC M5H 1A1")
    assert good is not None and good.postal_matches_province is True
    assert bad is not None and bad.postal_matches_province is False


def test_parse_place_does_not_guess_a_city_from_a_street_address() -> None:
    place = parse_place("123 Main St Toronto ON")
    assert place == Place(city=None, province="ON", postal_code=None, postal_matches_province=None)


def test_parse_place_does_not_read_symbols_or_the_country_as_a_city() -> None:
    place = parse_place("$ Canada ON")
    assert place is not None and place.city is None and place.province == "ON"


@pytest.mark.parametrize("raw", ["", "Canada", "Remote", "Multiple locations across Canada"])
def test_parse_place_returns_none_without_a_place(raw: str) -> None:
    # empty, the country alone, or prose
    assert parse_place(raw) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("St. John's", "Saint Johns"),  # St. spelled out, apostrophe ignored
        ("Saint-Jean-sur-Richelieu", "St Jean sur Richelieu"),  # hyphens vs spaces
        ("Montréal", "MONTREAL"),  # case and accents
        ("City of Toronto", "Toronto"),  # municipal prefix
        ("Ste-Foy", "Sainte Foy"),  # Ste.
    ],
)
def test_city_key_unifies_spellings(a: str, b: str) -> None:
    assert city_key(a) == city_key(b)


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("Toronto, ON", "Toronto, Ontario", True),  # code vs name
        ("Toronto, ON M5H 1A1", "TORONTO, Ontario M5V 2T6", True),  # postal codes do not decide
        ("Montréal (Québec)", "Montreal, QC", True),  # French vs English writing
        ("Toronto", "Toronto, ON", True),  # province missing on one side
        ("Windsor, ON", "Windsor, NS", False),  # same city name, other province
        ("Toronto, ON", "Ottawa, ON", False),  # other city
    ],
)
def test_places_equal_compares_city_and_province(a: str, b: str, equal: bool) -> None:
    pa, pb = parse_place(a), parse_place(b)
    assert pa is not None and pb is not None
    assert places_equal(pa.as_value(), pb.as_value()) is equal


def test_places_equal_needs_something_in_common() -> None:
    assert places_equal({"city": "Toronto", "province": None}, {"city": None, "province": "ON"}) is False
    assert places_equal(None, {"city": "Toronto"}) is False  # type: ignore[arg-type]


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_place_functions_never_raise_on_arbitrary_text(text: str) -> None:
    parse_place(text)
    province_code(text)
    city_key(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ALL_CODES), st.sampled_from(["Toronto", "Montréal", "St. John's", "Trois-Rivières", "Saint-Jean-sur-Richelieu"]))
def test_parsing_a_normalised_place_gives_the_same_place(code: str, city: str) -> None:
    place = parse_place(f"{city}, {code}")
    assert place is not None and place.as_value() == {"city": city, "province": code, "postal_code": None}
    assert province_code(code) == code
    again = parse_place(f"{place.city}, {place.province}")
    assert again == place
