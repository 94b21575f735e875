"""`doccheck schema`: the JSON Schema generated from the report models validates real reports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import CASES, run_check
from doccheck.cli import main

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def two_cases() -> dict:
    _, payload = run_check(str(CASES / "mismatch_wage"), str(CASES / "with_unreadable_file"), "--workers", "1", "--quiet")
    return payload


def test_schema_describes_a_report_and_the_cases_wrapper(validator):
    defs = validator.schema["$defs"]
    assert {"ReviewedReport", "CasesReport", "Document", "ExtractedField", "ReviewedFinding"} <= set(defs)
    assert validator.schema["$schema"].endswith("2020-12/schema")
    assert "acknowledged" in defs["ReviewedFinding"]["properties"] and "acknowledged" in defs["ReviewedSummary"]["properties"]


def test_real_reports_validate_one_case_and_several(validator, two_cases):
    validator.validate(two_cases)
    for report in two_cases["cases"]:
        validator.validate(report)  # a single REPORT (and so each JSON Lines line)
    kinds = {d["kind"] for case in two_cases["cases"] for d in case["documents"]}
    assert "unreadable" in kinds and "offer_letter" in kinds


def test_a_failed_case_and_an_acknowledged_finding_validate(validator, two_cases):
    from doccheck.batch import CaseJob, failed_report
    from doccheck.config import AcknowledgeEntry, acknowledge
    from doccheck.models import Report
    from doccheck.pipeline import CheckOptions
    from doccheck.report.json_report import render_json

    failed = failed_report(CaseJob(CASES / "x", "x", CheckOptions()), "RuntimeError: boom")
    real = Report.model_validate(two_cases["cases"][0])
    acked = acknowledge(real, [AcknowledgeEntry(rule="DC101", field="wage", reason="checked", reviewer="R")])
    payload = json.loads(render_json([failed, acked]))
    validator.validate(payload)
    assert payload["cases"][1]["summary"]["acknowledged"] == 1


@pytest.mark.parametrize("break_it", [
    lambda r: r.pop("summary"),  # a required key missing
    lambda r: r["documents"][0].update(kind="letter"),  # not a document kind of the contract
    lambda r: r["documents"][0]["fields"].update(salary=r["documents"][0]["fields"]["wage"]),  # not a canonical field
    lambda r: r["findings"][0].update(severity="fatal"),  # not a severity
    lambda r: r.update(schema_version="2"),  # another contract version
])
def test_schema_rejects_reports_that_break_the_contract(validator, two_cases, break_it):
    report = json.loads(json.dumps(two_cases["cases"][0]))
    break_it(report)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(report)
