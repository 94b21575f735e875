"""The IMP catalogue (exemption codes, NOC 2021, policy facts) against the reference material."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pycountry
import pytest
from pydantic import ValidationError

from doccheck import catalogue
from doccheck.catalogue import ExemptionCode, NocGroup, PolicyChange
from doccheck.models import DOCUMENT_KINDS

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
CANADA_CA = "https://www.canada.ca/"

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference not present")


def _reference_units() -> list[dict]:
    rows = json.loads((REFERENCE / "noc2021_structure.json").read_text(encoding="utf-8"))
    return [row for row in rows if row["level"] == 5]


def _reference_code_rows() -> list[tuple[str, list[str]]]:
    """(code before 2022-12-15, current codes) per row of the reference CSV."""
    with (REFERENCE / "lmia_exemption_codes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        before = row["code_before_2022-12-15"].strip()
        current = list(dict.fromkeys(re.findall(r"\b[A-Z]\d{2}\b", row["code_current"])))
        out.append((before if re.fullmatch(r"[A-Z]\d{2}", before) else "", current))
    return out


def _reference_urls() -> set[str]:
    urls = set()
    for path in (REFERENCE / "ircc").glob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines()[:5]:
            if line.startswith("url: "):
                urls.add(line.split(" ", 1)[1].strip())
    return urls


def _all_sources() -> list[tuple[str, str]]:
    """(where, url) for every source URL in the catalogue."""
    out = []
    for code, entry in catalogue.exemption_codes().items():
        out.append((code, entry.source))
        if entry.max_initial_months:
            out.append((f"{code} max_initial_months", entry.max_initial_months_source or ""))
        out += [(f"{code} document", req.source) for req in entry.required_documents]
        out += [(f"{code} condition", cond.source) for cond in entry.conditions]
    out += [(pid, change.source) for pid, change in catalogue.policy_changes().items()]
    return out


# --- NOC 2021 -------------------------------------------------------------------------


@needs_reference
def test_noc_groups_equal_the_reference_unit_groups_code_and_english_title():
    reference = {row["code"]: row["title"] for row in _reference_units()}
    ours = {code: group.title_en for code, group in catalogue.noc_groups().items()}
    assert len(reference) == 516
    assert ours == reference


def test_noc_teer_is_the_second_digit_and_french_title_is_never_empty():
    for code, group in catalogue.noc_groups().items():
        assert group.teer == int(code[1])
        assert group.title_fr.strip()


def test_noc_title_reads_english_and_french_and_none_for_unknown():
    assert catalogue.noc_title("21231") == "Software engineers and designers"
    assert catalogue.noc_title(" 21231 ", lang="fr")
    assert catalogue.noc_title("99999") is None  # synthetic code, not a unit group


def test_noc_group_rejects_a_teer_that_is_not_the_second_digit():
    with pytest.raises(ValidationError):
        NocGroup(code="21231", teer=2, title_en="x", title_fr="x", title_fr_certainty="known")


# --- exemption codes: current and retired -----------------------------------------------


@needs_reference
def test_every_current_reference_code_is_in_the_catalogue_and_not_retired():
    current = {code for _, codes in _reference_code_rows() for code in codes}
    assert current, "reference CSV parsed to nothing"
    for code in sorted(current):
        entry = catalogue.get_code(code)
        assert entry is not None, code
        assert not catalogue.is_retired(code), code


@needs_reference
def test_catalogue_has_no_current_code_missing_from_the_reference():
    current = {code for _, codes in _reference_code_rows() for code in codes}
    ours = {code for code, entry in catalogue.exemption_codes().items() if not entry.retired}
    assert ours == current


@needs_reference
def test_codes_only_in_the_before_column_are_retired_with_all_their_replacements():
    rows = _reference_code_rows()
    current = {code for _, codes in rows for code in codes}
    replacements: dict[str, set[str]] = {}
    for before, codes in rows:
        if before:
            replacements.setdefault(before, set()).update(codes)
    retired = {before for before in replacements if before not in current}
    assert retired == {code for code, e in catalogue.exemption_codes().items() if e.retired}
    for code in retired:
        entry = catalogue.get_code(code)
        assert entry.retired_on == date(2022, 12, 15)
        assert set(entry.replaced_by) == replacements[code]


@needs_reference
def test_former_codes_follow_the_reference_before_column():
    for before, codes in _reference_code_rows():
        for code in codes:
            if before:
                assert before in catalogue.get_code(code).former_codes, (code, before)


@pytest.mark.parametrize(
    ("code", "first_replacements"),
    [
        ("C12", ["C61", "C62", "C63"]),  # R205(a) intra-company transferees split by capacity
        ("T23", ["T36"]),  # FTA professionals: CUSMA first, then F12, F22, ...
        ("T24", ["T37", "T38"]),  # FTA intra-company transferees: CUSMA first
        ("T21", ["T34"]),  # FTA traders
        ("T22", ["T35"]),  # FTA investors
    ],
)
def test_retired_code_lists_most_common_replacement_first(code, first_replacements):
    entry = catalogue.get_code(code)
    assert catalogue.is_retired(code)
    assert entry.retired_on == date(2022, 12, 15)
    assert entry.replaced_by[: len(first_replacements)] == first_replacements


def test_t23_replacements_cover_every_free_trade_agreement_professional_code():
    assert set(catalogue.get_code("T23").replaced_by) == {"T36", "F12", "F22", "F32", "F42", "F52"}


def test_iec_is_c21_under_r204d_with_a_permit_type_that_varies_by_category():
    entry = catalogue.get_code("C21")
    assert "International Experience Canada" in entry.name
    assert entry.section == "R204(d)"
    assert entry.permit == "varies"
    assert entry.requires_oe is None


def test_iec_country_durations_use_iso_codes_and_known_categories():
    entry = catalogue.get_code("C21")
    assert entry.max_initial_months is None
    assert entry.max_months_by_country_source
    for country, categories in entry.max_months_by_country.items():
        assert pycountry.countries.get(alpha_2=country) is not None, country
        assert set(categories) <= {"working_holiday", "young_professionals", "international_coop"}
        assert all(0 < months <= 24 for months in categories.values())
    assert entry.max_months_by_country["FR"]["working_holiday"] == 24  # France: 24-month participation
    assert entry.max_months_by_country["DE"]["young_professionals"] == 12


@pytest.mark.parametrize(
    ("code", "months"),
    [
        ("T36", 36),  # CUSMA professionals: 3 years on the initial document
        ("T37", 36),  # CUSMA ICT executives
        ("T38", 36),  # CUSMA ICT specialized knowledge
        ("C61", 12),  # ICT start-up: 1 year
        ("C62", 36),  # ICT executives and managers
        ("C63", 36),  # ICT specialized knowledge
        ("C11", 18),  # business owners seeking only temporary residence
        ("C60", 24),  # provincial business candidates
        ("T52", 12),  # CPTPP professionals
    ],
)
def test_max_initial_months_match_the_instructions(code, months):
    entry = catalogue.get_code(code)
    assert entry.max_initial_months == months
    assert entry.max_initial_months_source.startswith(CANADA_CA)


def test_every_max_initial_months_has_a_source():
    for code, entry in catalogue.exemption_codes().items():
        if entry.max_initial_months is not None:
            assert entry.max_initial_months_source, code


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("C61", "employment_reference"),  # 1 year with the foreign enterprise in the last 3
        ("C62", "support_letter"),  # letter of introduction from the enterprise
        ("C63", "employment_reference"),
        ("T36", "credential"),  # CUSMA minimum education or alternative credentials
        ("C16", "language_test"),  # French NCLC 5 evidence
        ("C20", "reciprocity_letter"),  # evidence that reciprocity exists
        ("C10", "support_letter"),  # significant benefit explanation
    ],
)
def test_required_documents_name_contract_document_kinds(code, kind):
    kinds = [req.kind for req in catalogue.get_code(code).required_documents]
    assert kind in kinds
    assert all(req.note for req in catalogue.get_code(code).required_documents)


def test_every_required_document_kind_is_a_report_contract_kind():
    for entry in catalogue.exemption_codes().values():
        for req in entry.required_documents:
            assert req.kind in DOCUMENT_KINDS


@pytest.mark.parametrize(
    ("code", "permit", "requires_oe"),
    [
        ("C62", "employer_specific", True),  # ICT: Employer Portal offer + compliance fee
        ("T36", "employer_specific", True),  # CUSMA professional
        ("C16", "employer_specific", True),  # francophone mobility
        ("C41", "open", False),  # spousal open work permit
        ("C43", "open", False),  # PGWP
        ("A75", "open", False),  # bridging open work permit
    ],
)
def test_permit_type_and_offer_of_employment_requirement(code, permit, requires_oe):
    entry = catalogue.get_code(code)
    assert (entry.permit, entry.requires_oe) == (permit, requires_oe)
    assert entry.permit_certainty == "stated"


def test_every_current_code_says_how_certain_its_permit_type_is():
    for code, entry in catalogue.exemption_codes().items():
        assert entry.retired or entry.permit_certainty in {"stated", "inferred"}, code


def test_get_code_ignores_case_and_spaces_and_returns_none_for_unknown():
    assert catalogue.get_code(" c63 ").code == "C63"
    assert catalogue.get_code("Z99") is None
    assert catalogue.is_retired("Z99") is False


def test_synthetic_noc_codes_are_open_work_permit_and_entrepreneur():
    codes = catalogue.synthetic_noc_codes()
    assert set(codes) == {"99999", "88888"}
    assert "open" in codes["99999"].lower()
    assert "entrepreneur" in codes["88888"].lower()
    assert not set(codes) & set(catalogue.noc_groups())


# --- sources ------------------------------------------------------------------------------


@needs_reference
def test_every_source_is_a_reference_file_url_or_a_canada_ca_page():
    reference_urls = _reference_urls()
    for where, url in _all_sources():
        assert url, where
        assert url in reference_urls or url.startswith(CANADA_CA), (where, url)


@needs_reference
def test_policy_sources_are_reference_file_urls():
    reference_urls = _reference_urls()
    for pid, change in catalogue.policy_changes().items():
        assert change.source in reference_urls, pid


# --- policy facts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy_id", "effective_from", "certainty"),
    [
        ("lmia_exemption_renumbering", date(2022, 12, 15), "stated"),
        ("employer_attestation_no_recruitment_fees", date(2022, 9, 26), "stated"),
        ("c16_nclc5_all_teer", date(2023, 6, 15), "stated"),
        ("c20_reciprocity_own_citizenship", date(2026, 2, 20), "uncertain"),  # not in the reference copy
        ("c10_quantified_benefit", date(2026, 2, 24), "uncertain"),  # C10 page is a stub
        ("permit_not_beyond_passport", None, "stated"),
    ],
)
def test_policy_facts_carry_dates_and_certainty(policy_id, effective_from, certainty):
    change = catalogue.policy(policy_id)
    assert change.effective_from == effective_from
    assert change.certainty == certainty


def test_compliance_fee_policy_states_the_amount():
    assert catalogue.policy("employer_compliance_fee").value == 230


def test_c16_old_rule_ends_the_day_before_the_new_one_starts():
    old, new = catalogue.policy("c16_clb7_teer0_3"), catalogue.policy("c16_nclc5_all_teer")
    assert old.in_force_on(date(2023, 6, 14)) and not old.in_force_on(date(2023, 6, 15))
    assert new.in_force_on(date(2023, 6, 15)) and not new.in_force_on(date(2023, 6, 14))


def test_policy_with_unknown_id_raises_key_error_naming_it():
    with pytest.raises(KeyError, match="no_such_policy"):
        catalogue.policy("no_such_policy")


# --- the models reject malformed data -------------------------------------------------------


def _valid_code() -> dict:
    return {
        "code": "C63",
        "name": "x",
        "section": "R205(a)",
        "source": CANADA_CA,
        "permit": "employer_specific",
        "permit_certainty": "stated",
    }


@pytest.mark.parametrize(
    "change",
    [
        {"max_initial_month": 36},  # typo key
        {"max_initial_months": 36},  # a duration without its source
        {"permit": "closed"},  # not a permit type
        {"permit": None},  # a current code must say its permit type
        {"retired_on": "2022-12-15"},  # retired without replacements
        {"required_documents": [{"kind": "diploma", "note": "x", "source": CANADA_CA}]},  # not a contract kind
        {"code": "C6"},  # not a code
    ],
)
def test_exemption_code_model_rejects_malformed_entries(change):
    with pytest.raises(ValidationError):
        ExemptionCode.model_validate(_valid_code() | change)


def test_policy_change_model_rejects_a_typo_key():
    entry = catalogue.policy("c16_nclc5_all_teer").model_dump() | {"efective_until": None}
    with pytest.raises(ValidationError):
        PolicyChange.model_validate(entry)


def test_yaml_typo_key_fails_validation_of_the_whole_file():
    import yaml

    from doccheck.yamlio import data_text

    data = yaml.safe_load(data_text("exemption_codes.yml"))
    data["exemption_codes"][0]["permt"] = "open"
    with pytest.raises(ValidationError):
        catalogue._ExemptionFile.model_validate(data)
