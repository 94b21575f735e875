"""`--redact`: passport numbers, dates of birth and the worker's name are masked in every format."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import pytest
from click.testing import CliRunner

from conftest import CASES
from doccheck.cli import main
from doccheck.models import Report
from doccheck.pipeline import CheckOptions, check_case
from doccheck.report.redact import mask_name, mask_passport, redact_report, text_scrubber

SECRETS = ("Sakura", "Suzuki", "SUZUKI", "HR2508402")  # the mismatch_wage worker (synthetic)


@lru_cache(maxsize=None)
def _real() -> str:
    case = CASES / "mismatch_wage"
    return check_case(case, CheckOptions(as_of=date(2026, 11, 28)), case_label=str(case)).model_dump_json()


@pytest.fixture
def stored(monkeypatch):
    monkeypatch.setattr("doccheck.pipeline.check_case",
                        lambda case_dir, options=None, *, case_label=None: Report.model_validate_json(_real()))


def _keys(value):
    """The structure of a JSON value: keys and list lengths, not the strings."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return type(value).__name__


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown", "html", "text"])
def test_redact_masks_name_and_passport_number_in_every_format(stored, fmt):
    result = CliRunner().invoke(main, ["check", str(CASES / "mismatch_wage"), "--format", fmt, "--redact"])
    assert result.exit_code == 1
    assert not [s for s in SECRETS if s in result.stdout]
    assert "HR•••02" in result.stdout and "S••• S•••" in result.stdout


def test_redacted_json_keeps_the_structure_and_the_findings(stored):
    plain, redacted = (json.loads(CliRunner().invoke(main, ["check", str(CASES / "mismatch_wage"), "--format", "json", *extra]).stdout)
                       for extra in ([], ["--redact"]))
    assert _keys(redacted) == _keys(plain)
    assert redacted != plain
    assert [f["rule"] for f in redacted["findings"]] == [f["rule"] for f in plain["findings"]]
    assert [f["documents"] for f in redacted["findings"]] == [f["documents"] for f in plain["findings"]]
    wage = [d["fields"]["wage"]["value"] for d in redacted["documents"] if "wage" in d["fields"]]
    assert wage == [d["fields"]["wage"]["value"] for d in plain["documents"] if "wage" in d["fields"]]


@pytest.mark.parametrize("number, masked", [
    ("P1234567", "P1•••67"),  # first two and last two kept
    ("HR2508402", "HR•••02"),
    ("AB123", "•••"),  # too short to show any of it
])
def test_mask_passport(number, masked):
    assert mask_passport(number) == masked


@pytest.mark.parametrize("name, masked", [
    ("Sakura Suzuki", "S••• S•••"),
    ("José García-Núñez", "J••• G•••-N•••"),  # accents and hyphenated family names
    ("O'Brien", "O•••'B•••"),
])
def test_mask_name_keeps_initials(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize("text, expected", [
    ("Dear Sakura Suzuki, welcome", "Dear S••• S•••, welcome"),  # the whole name
    ("Name: SUZUKI, Sakura", "Name: S•••, S•••"),  # family first, upper case
    ("Suzuki_offer.pdf", "S•••_offer.pdf"),  # the family name in a file name
    ("Passport no. HR2508402 issued", "Passport no. HR•••02 issued"),
    ("Passport HR 250 8402", "Passport HR•••02"),  # as written, with spaces
    ("Date of birth: 1990-05-14 | Sex F", "Date of birth: ••••-••-•• | Sex F"),
    ("DOB 14 MAY/MAI 90", "DOB ••••-••-••"),  # passport style
    ("Date de naissance (AAAA-MM-JJ) 14/05/1990", "Date de naissance (AAAA-MM-JJ) ••••-••-••"),
    ("née le 3 mars 1991 à Lyon", "née le ••••-••-•• à Lyon"),
    ("Start date: 2027-03-15", "Start date: 2027-03-15"),  # other dates stay
    ("P<JPNSUZUKI<<SAKURA<<<<<<<<<<<<<<<<<<<<<<<<<", "<MRZ redacted>"),  # machine-readable zone
    ("Suzukiana Road", "Suzukiana Road"),  # a longer word is not the name
])
def test_scrubber_masks_identifiers_in_free_text(text, expected):
    scrub = text_scrubber({"HR2508402", "HR 250 8402"}, {"Sakura Suzuki"})
    assert scrub(text) == expected


def test_redact_report_masks_names_without_accents_and_keeps_codes():
    report = Report.model_validate_json(_real())
    data = json.loads(report.model_dump_json())
    data["documents"][0]["fields"]["worker_name"]["value"] = "Zoé Lefèvre"
    data["documents"][0]["fields"]["worker_name"]["evidence"] = "ZOE LEFEVRE and Zoé Lefèvre"
    redacted = redact_report(Report.model_validate(data))
    field = redacted.documents[0].fields["worker_name"]
    assert field.value == "Z••• L•••" and field.evidence == "Z••• L••• and Z••• L•••"
    assert [f.rule for f in redacted.findings] == [f.rule for f in report.findings]
    assert [d.kind for d in redacted.documents] == [d.kind for d in report.documents]
