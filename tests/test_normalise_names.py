"""Tests for doccheck.normalise.names: person names, employer names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doccheck.normalise.names import employer_key, employers_match, fold, name_key, names_match, normalise_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SINGH, Arjun", "Arjun Singh"),  # "Family, Given" swapped
        ("Singh, Arjun Kumar", "Arjun Kumar Singh"),  # middle name kept with given names
        ("ARJUN SINGH", "Arjun Singh"),  # all caps title-cased
        ("Mr. Arjun Singh", "Arjun Singh"),  # English honorific
        ("Dr Priya Sharma, PhD", "Priya Sharma"),  # honorific and post-nominal
        ("M. Jean-François TREMBLAY", "Jean-François Tremblay"),  # French "M.", accents kept
        ("Mme MARIE-ÈVE CÔTÉ", "Marie-Ève Côté"),  # "Mme", accented capitals
        ("PATRICK O'BRIEN", "Patrick O'Brien"),  # O' prefix
        ("RONALD MCDONALD", "Ronald McDonald"),  # Mc prefix
        ("MARIA DE LA CRUZ", "Maria de la Cruz"),  # particles lower case inside
        ("Thanh LE", "Thanh Le"),  # last-token particle-like family name stays capitalised
        ("  José   Álvarez ", "José Álvarez"),  # whitespace collapsed, accents kept
        ("Ana MacLeod", "Ana MacLeod"),  # mixed case left as written
    ],
)
def test_normalise_name_gives_given_family_order(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_name_key_sorts_folded_tokens_and_splits_hyphens() -> None:
    assert name_key("TREMBLAY, Jean-François") == ("francois", "jean", "tremblay")


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("Arjun Singh", "SINGH, Arjun", True),  # order and case
        ("José Álvarez", "JOSE ALVAREZ", True),  # accents
        ("Arjun Singh", "Arjun Kumar Singh", True),  # missing middle name
        ("Jean-Pierre Roy", "Jean Pierre Roy", True),  # hyphen vs space
        ("Arjun", "Arjun Singh", False),  # only one token in common
        ("Arjun Singh", "Arjun Sing", False),  # spelling differs
        ("Arjun Singh", "Priya Singh", False),  # other person, same family
        ("A. Singh", "Arjun Singh", False),  # initials are not matched
        ("", "Arjun Singh", False),  # empty
    ],
)
def test_names_match_is_order_and_accent_insensitive(a: str, b: str, match: bool) -> None:
    assert names_match(a, b) is match


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Maple Leaf Software Ltd.", "maple leaf software"),  # Ltd.
        ("MAPLE LEAF SOFTWARE LIMITED", "maple leaf software"),  # Limited, caps
        ("Les Entreprises Côté Ltée", "les entreprises cote"),  # Ltée, accents
        ("A & B Consulting Inc.", "a and b consulting"),  # ampersand
        ("Acme Corporation Inc.", "acme"),  # several suffixes
        ("Tremblay S.E.N.C.", "tremblay"),  # French partnership
        ("Northwind Holdings ULC", "northwind holdings"),  # ULC
        ("The Great Company LLP", "great company"),  # leading "the", LLP
        ("1234567 Ontario Inc.", "1234567 ontario"),  # numbered company
    ],
)
def test_employer_key_drops_legal_suffixes_and_punctuation(raw: str, key: str) -> None:
    assert employer_key(raw) == key


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("Maple Leaf Software Ltd.", "MAPLE LEAF SOFTWARE LIMITED", True),  # suffix variants
        ("Northern Lights Technologies Inc", "Northern Light Technologies Inc.", True),  # fuzzy, one letter
        ("Acme", "Acme Foods", False),  # a different company
        ("Maple Leaf Software", "Maple Leaf Hardware", False),  # a different word
        ("Inc.", "Ltd.", False),  # nothing left to compare
    ],
)
def test_employers_match_uses_keys_then_a_strict_fuzzy_score(a: str, b: str, match: bool) -> None:
    assert employers_match(a, b) is match


def test_fold_removes_case_and_accents() -> None:
    assert fold("ÉTATS-Unis Québec") == "etats-unis quebec"


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_name_functions_never_raise_on_arbitrary_text(text: str) -> None:
    normalise_name(text)
    name_key(text)
    names_match(text, "Arjun Singh")
    employer_key(text)
    employers_match(text, "Maple Leaf Software Ltd.")


_NAME_PART = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèçôàABCDEFGHIJKLMNOPQRSTUVWXYZÉÈÇÔ'-", min_size=1, max_size=10).filter(
    lambda s: s[0].isalpha() and s[-1].isalpha() and "--" not in s and "''" not in s
)


@settings(max_examples=120, deadline=None)
@given(st.lists(_NAME_PART, min_size=1, max_size=4))
def test_normalising_a_normalised_name_gives_the_same_name(parts: list[str]) -> None:
    once = normalise_name(" ".join(parts))
    assert normalise_name(once) == once
    assert employer_key(employer_key(once)) == employer_key(once)
