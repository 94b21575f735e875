"""`doccheck check` end to end on real PDF and DOCX case folders: the contract, exit codes, bad files."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASES, ROOT, flagged, run_check
from doccheck.cli import main
from doccheck.models import CANONICAL_FIELDS, DOCUMENT_KINDS

LABELS = json.loads((ROOT / "fixtures" / "labels.json").read_text(encoding="utf-8"))
CLEAN = sorted(name for name, label in LABELS.items() if not label["mutated_fields"] and not label["unreadable"])
MISMATCH = sorted(name for name, label in LABELS.items() if label["mutated_fields"])


@pytest.mark.parametrize("case", CLEAN)
def test_clean_case_exits_0_with_no_error_or_warning(case):
    code, report = run_check(str(CASES / case))
    assert code == 0
    assert [f for f in report["findings"] if f["severity"] != "info"] == []


@pytest.mark.parametrize("case", MISMATCH)
def test_mismatch_case_is_flagged_on_the_right_field(case):
    code, report = run_check(str(CASES / case))
    assert code == 1
    assert flagged(report) == set(LABELS[case]["mutated_fields"])


def test_report_follows_the_contract():
    _, report = run_check(str(CASES / "mismatch_wage"))
    assert report["schema_version"] == "1"
    assert set(report) >= {"schema_version", "case", "checked_on", "documents", "findings", "summary"}
    assert report["checked_on"] == "2026-11-28"
    for doc in report["documents"]:
        assert doc["kind"] in DOCUMENT_KINDS
        assert set(doc["fields"]) <= set(CANONICAL_FIELDS)
        for field in doc["fields"].values():
            assert {"raw", "value", "page", "evidence", "confidence"} <= set(field)
            assert field["value"] is not None
    wage = next(f for f in report["findings"] if f["rule"] == "DC101")
    assert wage["name"] == "wage-mismatch" and wage["severity"] == "error" and wage["fields"] == ["wage"]
    assert {"message", "pfl_risk", "fix", "documents"} <= set(wage)
    wages = [d["fields"]["wage"]["value"] for d in report["documents"] if "wage" in d["fields"]]
    assert all({"amount", "period", "currency", "hourly", "annual"} <= set(w) for w in wages)
    summary = report["summary"]
    assert summary["documents"] == len(report["documents"])
    assert summary["errors"] == sum(f["severity"] == "error" for f in report["findings"])


def test_unreadable_files_are_reported_and_the_rest_is_checked():
    code, report = run_check(str(CASES / "with_unreadable_file"))
    assert code == 1
    bad = {d["path"]: d for d in report["documents"] if d["kind"] == "unreadable"}
    assert set(bad) == set(LABELS["with_unreadable_file"]["unreadable"])
    assert all(d["errors"] for d in bad.values())
    assert {f["documents"][0] for f in report["findings"] if f["rule"] == "DC001"} == set(bad)
    good = [d for d in report["documents"] if d["kind"] != "unreadable"]
    assert good and all(d["fields"] for d in good if d["kind"] in ("offer_letter", "offer_of_employment"))


def test_several_case_folders_give_a_cases_list():
    code, payload = run_check(str(CASES / "clean_c63_ict"), str(CASES / "mismatch_wage"))
    assert code == 1
    assert payload["schema_version"] == "1" and len(payload["cases"]) == 2


def test_missing_case_folder_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "/nonexistent/case", "--format", "json"])
    assert result.exit_code == 2


def test_fail_on_lowers_the_severity_that_fails_the_run():
    case = str(CASES / "clean_t36_cusma")
    code, report = run_check(case)
    assert code == 0 and {f["severity"] for f in report["findings"]} == {"info"}  # DC220: no wage table
    code, _ = run_check(case, "--fail-on", "info")
    assert code == 1


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_check_writes_nothing_into_the_case_folder(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(CASES / "with_unreadable_file", case)
    before = _snapshot(case)
    run_check(str(case))
    assert _snapshot(case) == before


def test_check_opens_no_network_socket(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("doccheck tried to open a network socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    code, report = run_check(str(CASES / "clean_c16_francophone"))
    assert code == 0 and report["documents"]


def test_links_out_of_the_case_folder_are_not_followed(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(CASES / "clean_t36_cusma", case)
    outside = tmp_path / "outside.pdf"
    shutil.copy(CASES / "mismatch_wage" / sorted(os.listdir(CASES / "mismatch_wage"))[0], outside)
    (case / "linked.pdf").symlink_to(outside)
    _, report = run_check(str(case))
    assert "linked.pdf" not in {d["path"] for d in report["documents"]}


def test_terminal_report_shows_the_field_table_and_the_fix():
    result = CliRunner().invoke(main, ["check", str(CASES / "mismatch_wage"), "--as-of", "2026-11-28"])
    assert result.exit_code == 1
    assert "Fields by document" in result.output
    assert "DC101" in result.output and "Fix:" in result.output


def test_check_loads_no_pydantic_plugin(tmp_path):
    # a pydantic plugin (an observability hook) would be handed every value the models validate:
    # passport data. One is installed here as a package with an entry point; importing the models
    # alone loads it (the control), ``doccheck check`` does not
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    marker = tmp_path / "plugin-loaded"
    (site / "spy_plugin.py").write_text(
        f"open({str(marker)!r}, 'w').close()\n"
        "class Spy:\n    def new_schema_validator(self, *args, **kwargs):\n        return None, None, None\n"
        "plugin = Spy()\n")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    run = [sys.executable, "-c"]

    subprocess.run([*run, "import doccheck.models"], env=env, check=True, capture_output=True)
    assert marker.exists(), "the test's plugin was not loaded: the control failed"
    marker.unlink()
    subprocess.run([*run, "from doccheck.cli import main; main()", "check", "--format", "json", "-q", "-o", str(tmp_path / "r.json"),
                    str(CASES / "clean_c63_ict")], env=env, capture_output=True, cwd=tmp_path)
    assert (tmp_path / "r.json").exists()
    assert not marker.exists()
