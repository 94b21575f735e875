"""doccheck.toml: defaults for a case, acknowledgements of reviewed findings, clear errors for typos."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASES
from doccheck.cli import main
from doccheck.config import AcknowledgeEntry, Config, acknowledge, load_config, unmatched
from doccheck.models import Finding, Report, Summary

WAGE_ACK = """
[[acknowledge]]
rule = "DC101"
field = "wage"
reason = "Employer confirmed the raise; amended OE pending"
reviewer = "J. Tremblay, RCIC"
date = 2026-11-20
"""


def _invoke(*args: str):
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _case_with(tmp_path: Path, toml: str, case: str = "mismatch_wage") -> Path:
    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    (folder / "doccheck.toml").write_text(textwrap.dedent(toml), encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_acknowledged_finding_stays_in_the_json_and_no_longer_fails_the_run(tmp_path):
    case = _case_with(tmp_path, 'as-of = 2026-11-28\n' + WAGE_ACK)
    before = _snapshot(case)
    result = _invoke(str(case), "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    wage = next(f for f in report["findings"] if f["rule"] == "DC101")
    assert wage["severity"] == "error" and wage["acknowledged"] is True
    assert wage["acknowledgement"] == {"reason": "Employer confirmed the raise; amended OE pending",
                                       "reviewer": "J. Tremblay, RCIC", "date": "2026-11-20"}
    assert report["summary"]["errors"] == 1 and report["summary"]["acknowledged"] == 1
    assert report["checked_on"] == "2026-11-28"  # as-of from the file
    assert "doccheck.toml" not in {d["path"] for d in report["documents"]}
    assert _snapshot(case) == before  # the configuration is read, never written


@pytest.fixture
def stored_report(monkeypatch):
    """`doccheck check` answers with one wage error (no documents read): settings tests stay fast."""
    seen = []

    def fake_check_case(case_dir, options=None, *, case_label=None):
        seen.append(options)
        finding = Finding(rule="DC101", name="wage-mismatch", severity="error", fields=["wage"],
                          documents=["offer.pdf", "oe.pdf"], message="Wage differs: $1 vs $2", pfl_risk="risk",
                          fix="Make the wages the same.")
        return Report(case=case_label, checked_on=options.as_of.isoformat(), documents=[], findings=[finding],
                      summary=Summary(documents=0, errors=1, warnings=0, infos=0))

    monkeypatch.setattr("doccheck.pipeline.check_case", fake_check_case)
    return seen


@pytest.mark.parametrize("fmt, shown", [
    ("text", "Acknowledged by J. Tremblay, RCIC on 2026-11-20"),  # the panel says who and when
    ("markdown", "### ERROR DC101 wage-mismatch (acknowledged)"),  # the heading says it
    ("html", '<span class="badge acknowledged">ACKNOWLEDGED</span>'),  # a badge beside the severity
])
def test_acknowledged_finding_is_shown_as_acknowledged_in_every_human_format(tmp_path, stored_report, fmt, shown):
    case = _case_with(tmp_path, WAGE_ACK)
    result = _invoke(str(case), "--format", fmt)
    seen = " ".join(result.stdout.replace("│", " ").split())  # the terminal panel wraps lines
    assert result.exit_code == 0
    assert shown in seen
    assert "Employer confirmed the raise; amended OE pending" in seen


def test_config_file_sets_defaults_and_the_command_line_wins(tmp_path, stored_report):
    config = tmp_path / "team.toml"
    config.write_text('fail-on = "never"\nas-of = 2026-03-01\ndisabled = ["dc220"]\n', encoding="utf-8")
    case = str(CASES / "mismatch_wage")
    assert _invoke(case, "--config", str(config), "--format", "json").exit_code == 0  # fail-on never
    assert stored_report[-1].as_of.isoformat() == "2026-03-01" and "DC220" in stored_report[-1].disabled_rules
    result = _invoke(case, "--config", str(config), "--fail-on", "error", "--as-of", "2026-11-28", "--disable", "DC105")
    assert result.exit_code == 1
    assert stored_report[-1].as_of.isoformat() == "2026-11-28" and stored_report[-1].disabled_rules == {"DC220", "DC105"}


def test_config_option_replaces_the_case_folders_own_file(tmp_path, stored_report):
    case = _case_with(tmp_path, 'fail-on = "never"\n')
    other = tmp_path / "other.toml"
    other.write_text("workers = 2\n", encoding="utf-8")
    assert _invoke(str(case)).exit_code == 0
    assert _invoke(str(case), "--config", str(other)).exit_code == 1


@pytest.mark.parametrize("toml, message", [
    ('fail_on_x = "error"\n', "unknown key 'fail_on_x'"),  # a typo in a top-level key
    ('fail-on = "sometimes"\n', "fail-on"),  # not a severity
    ('as-of = "next week"\n', "as-of"),  # not a date
    ('workers = 0\n', "workers"),  # at least one worker
    ('disabled = ["DC10"]\n', "not a rule id: DC10"),  # malformed rule id
    ('disabled = ["DC999"]\n', "unknown rule DC999"),  # well-formed but no such rule
    ('[[acknowledge]]\nrule = "DC101"\nfeild = "wage"\nreason = "r"\nreviewer = "v"\n', "unknown key 'acknowledge.0.feild'"),
    ('[[acknowledge]]\nrule = "DC101"\nfield = "salary"\nreason = "r"\nreviewer = "v"\n', "unknown field 'salary'"),
    ('[[acknowledge]]\nrule = "DC101"\nfield = "wage"\nreason = "r"\n', "acknowledge.0.reviewer is required"),
    ('fail-on = "error\n', "not valid TOML"),  # unterminated string
])
def test_config_mistake_is_a_usage_error_naming_the_problem(tmp_path, stored_report, toml, message):
    case = _case_with(tmp_path, toml)
    result = _invoke(str(case))
    assert result.exit_code == 2
    assert message in result.output and "doccheck.toml" in result.output
    assert stored_report == []  # nothing was checked


def _finding(rule: str, fields: list[str], documents: list[str]) -> Finding:
    return Finding(rule=rule, name="x", severity="error", fields=fields, documents=documents, message="m",
                   pfl_risk="r", fix="f")


def _report(*findings: Finding) -> Report:
    return Report(case="c", checked_on="2026-11-28", documents=[], findings=list(findings),
                  summary=Summary(documents=0, errors=len(findings), warnings=0, infos=0))


@pytest.mark.parametrize("entry, expected", [
    ({"rule": "DC105", "field": "start_date"}, [True, False, False]),  # rule and field
    ({"rule": "dc105"}, [True, True, False]),  # rule only (case-insensitive id): every field
    ({"rule": "DC105", "field": "start_date", "document": "oe.pdf"}, [True, False, False]),  # document listed
    ({"rule": "DC105", "field": "start_date", "document": "letter.pdf"}, [False, False, False]),  # not listed
])
def test_acknowledgement_matches_rule_field_and_document(entry, expected):
    report = _report(_finding("DC105", ["start_date"], ["offer.pdf", "oe.pdf"]),
                     _finding("DC105", ["end_date"], ["offer.pdf", "oe.pdf"]),
                     _finding("DC101", ["start_date"], ["offer.pdf", "oe.pdf"]))
    entries = [AcknowledgeEntry(**entry, reason="ok", reviewer="R")]
    reviewed = acknowledge(report, entries)
    assert [f.acknowledged for f in reviewed.findings] == expected
    assert reviewed.summary.acknowledged == sum(expected)
    assert bool(unmatched(entries, report)) == (not any(expected))


def test_stale_acknowledgement_is_reported_on_stderr(tmp_path, stored_report):
    case = _case_with(tmp_path, '[[acknowledge]]\nrule = "DC105"\nfield = "start_date"\nreason = "r"\nreviewer = "v"\n')
    result = _invoke(str(case), "--format", "json")
    assert result.exit_code == 1
    assert "acknowledgement DC105/start_date matches no finding" in result.stderr
    assert json.loads(result.stdout)["summary"]["acknowledged"] == 0


def test_load_config_accepts_every_documented_key(tmp_path):
    path = tmp_path / "doccheck.toml"
    path.write_text('fail-on = "warning"\nas-of = "2026-03-01"\ndisabled = ["DC220"]\nworkers = 4\n' + WAGE_ACK, encoding="utf-8")
    config = load_config(path)
    assert isinstance(config, Config)
    assert (config.fail_on, config.as_of.isoformat(), config.disabled, config.workers) == ("warning", "2026-03-01", ["DC220"], 4)
    assert config.acknowledge[0].describe() == "DC101/wage"
