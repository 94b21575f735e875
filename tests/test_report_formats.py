"""Every output format from the same report model: JSON kept as contracted, JSON Lines, Markdown, HTML.

The case is checked once for real (``mismatch_wage``); CLI runs then reuse that report through a
patched ``check_case`` so each format is exercised end to end through `doccheck check` quickly.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import pytest
from click.testing import CliRunner

from conftest import CASES
from doccheck.cli import main
from doccheck.models import ExtractedField, Report
from doccheck.pipeline import CheckOptions, check_case  # the real one, before any test patches it

AS_OF = "2026-11-28"


@lru_cache(maxsize=None)
def _real(case: str) -> str:
    report = check_case(CASES / case, CheckOptions(as_of=date(2026, 11, 28)), case_label=str(CASES / case))
    return report.model_dump_json()


@pytest.fixture
def patched(monkeypatch):
    """`doccheck check` returns the stored report of the case folder's name (no re-reading)."""
    reports: dict[str, Report] = {}

    def fake_check_case(case_dir, options=None, *, case_label=None):
        report = reports.get(case_dir.name) or Report.model_validate_json(_real(case_dir.name))
        return report.model_copy(update={"case": case_label})

    monkeypatch.setattr("doccheck.pipeline.check_case", fake_check_case)
    return reports


def _run(*args: str):
    result = CliRunner().invoke(main, ["check", *args, "--as-of", AS_OF])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_json_keeps_the_contract_shape_and_only_adds_review_keys(patched):
    result = _run(str(CASES / "mismatch_wage"), "--format", "json")
    report = json.loads(result.stdout)
    original = json.loads(_real("mismatch_wage"))
    assert result.exit_code == 1
    assert list(report) == list(original)  # same keys, same order: one REPORT for one case
    assert report["documents"] == original["documents"]
    for ours, theirs in zip(report["findings"], original["findings"]):
        assert {k: v for k, v in ours.items() if k not in ("acknowledged", "acknowledgement")} == theirs
        assert ours["acknowledged"] is False and ours["acknowledgement"] is None
    assert report["summary"] == {**original["summary"], "acknowledged": 0}


def test_json_for_several_cases_is_the_cases_wrapper_in_the_given_order(patched):
    cases = [str(CASES / "mismatch_wage"), str(CASES / "clean_c63_ict")]
    patched["clean_c63_ict"] = Report(case="x", checked_on=AS_OF, documents=[], findings=[],
                                      summary={"documents": 0, "errors": 0, "warnings": 0, "infos": 0})
    result = _run(*cases, "--format", "json", "--workers", "1", "--quiet")
    payload = json.loads(result.stdout)
    assert set(payload) == {"schema_version", "cases"} and payload["schema_version"] == "1"
    assert [c["case"] for c in payload["cases"]] == cases


def test_jsonl_writes_one_compact_report_per_line(patched, tmp_path):
    out = tmp_path / "reports.jsonl"
    result = _run(str(CASES / "mismatch_wage"), "--format", "jsonl", "-o", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 1 and result.stdout == ""
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["schema_version"] == "1" and report["summary"]["errors"] == 1


def test_markdown_has_summary_matrix_with_the_wage_marked_and_the_fix(patched):
    result = _run(str(CASES / "mismatch_wage"), "--format", "markdown")
    text = result.stdout
    assert result.exit_code == 1
    assert text.startswith("# doccheck: ")
    assert "**1 error**" in text
    wage_row = next(line for line in text.splitlines() if line.startswith("| wage |"))
    assert wage_row.count("❌") == 2  # the offer letter and the OE disagree
    assert "### ERROR DC101 wage-mismatch" in text
    assert "- **Fix:** Correct the Offer of Employment" in text
    assert "(LOE.docx, page 1)" in text


def _hostile() -> Report:
    """A report whose document values try to inject markup (documents are untrusted)."""
    report = Report.model_validate_json(_real("mismatch_wage"))
    doc = report.documents[0]
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)> | **bold** [link](http://evil.example)"
    fields = {**doc.fields, "job_title": ExtractedField(raw=evil, value=evil, page=1, evidence=evil, confidence=0.9)}
    documents = [doc.model_copy(update={"fields": fields, "path": "<b>x</b>.pdf"}), *report.documents[1:]]
    return report.model_copy(update={"documents": documents})


def test_html_escapes_every_document_value(patched):
    patched["mismatch_wage"] = _hostile()
    html = _run(str(CASES / "mismatch_wage"), "--format", "html").stdout
    assert "<script>" not in html and "<img" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html and "<link" not in html and "src=" not in html.replace("src=x", "")


def test_markdown_escapes_every_document_value(patched):
    patched["mismatch_wage"] = _hostile()
    text = _run(str(CASES / "mismatch_wage"), "--format", "markdown").stdout
    assert "<script>" not in text and "[link](" not in text and "**bold**" not in text
    title_row = next(line for line in text.splitlines() if line.startswith("| job_title |"))
    assert title_row.count(" | ") == text.splitlines()[text.splitlines().index(title_row) - 1].count(" | ")


def test_html_is_one_self_contained_file(patched, tmp_path):
    out = tmp_path / "report.html"
    result = _run(str(CASES / "mismatch_wage"), "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html and "<link" not in html and "@import" not in html and "url(" not in html
    assert "@media print" in html and "break-inside: avoid" in html
    assert 'class="error" data-state="error"' in html
