"""Batch checks: `--cases ROOT` and several CASE_DIRs in worker processes, streamed JSON Lines,
a summary table on stderr, and one broken case that never stops the others."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from doccheck.cli import main
from doccheck.models import Finding, Report, Summary

forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                            reason="patching check_case reaches worker processes only when they are forked")


@pytest.fixture(scope="module")
def generated_root(tmp_path_factory) -> tuple[Path, list]:
    from fixtures.generator.cases import generate_batch

    root = tmp_path_factory.mktemp("batch")
    labels = generate_batch(6, root, seed=11)
    (root / ".hidden").mkdir()  # not a case
    (root / "notes.txt").write_text("not a case either", encoding="utf-8")
    return root, labels


def _invoke(*args: str):
    result = CliRunner().invoke(main, ["check", *args, "--as-of", "2026-11-28"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_cases_checks_every_sub_folder_in_workers_and_json_keeps_their_order(generated_root):
    root, labels = generated_root
    result = _invoke(str(root), "--cases", "--workers", "2", "--format", "json")
    payload = json.loads(result.stdout)
    expected = [str(label.case_dir) for label in labels]
    assert [case["case"] for case in payload["cases"]] == expected
    for case, label in zip(payload["cases"], labels):
        assert {d["path"] for d in case["documents"]} == set(label.documents)  # each case read in full
        assert case["summary"]["errors"] == sum(f["severity"] == "error" for f in case["findings"])
    assert result.exit_code == int(any(c["summary"]["errors"] for c in payload["cases"]))
    table = result.stderr
    assert "cases checked" in table and "status" in table and "6 cases" in table
    assert all(Path(case).name in table for case in expected)


def _quick_report(case_dir: Path, label: str, as_of) -> Report:
    finding = Finding(rule="DC101", name="wage-mismatch", severity="error", fields=["wage"], documents=["a.pdf", "b.pdf"],
                      message=f"Wage differs in {case_dir.name}", pfl_risk="r", fix="f")
    findings = [finding] if case_dir.name.startswith("bad") else []
    return Report(case=label, checked_on=as_of.isoformat(), documents=[], findings=findings,
                  summary=Summary(documents=0, errors=len(findings), warnings=0, infos=0))


@pytest.fixture
def case_root(tmp_path) -> Path:
    for name in ("alpha", "bad_beta", "gamma", "delta"):
        (tmp_path / "root" / name).mkdir(parents=True)
    return tmp_path / "root"


@forked
def test_a_case_that_raises_becomes_a_failed_report_and_the_others_are_checked(case_root, monkeypatch):
    def check_case(case_dir, options=None, *, case_label=None):
        if case_dir.name == "gamma":
            raise RuntimeError("reader exploded")
        return _quick_report(case_dir, case_label, options.as_of)

    monkeypatch.setattr("doccheck.pipeline.check_case", check_case)
    result = _invoke(str(case_root), "--cases", "--workers", "2", "--format", "json")
    cases = {Path(c["case"]).name: c for c in json.loads(result.stdout)["cases"]}
    assert result.exit_code == 1
    assert set(cases) == {"alpha", "bad_beta", "gamma", "delta"}
    failed = cases["gamma"]["findings"]
    assert [(f["rule"], f["name"], f["severity"]) for f in failed] == [("DC000", "case-not-checked", "error")]
    assert "RuntimeError: reader exploded" in failed[0]["message"]
    assert cases["gamma"]["summary"]["errors"] == 1 and cases["gamma"]["documents"] == []
    assert cases["alpha"]["findings"] == [] and cases["delta"]["findings"] == []
    summary = " ".join(result.stderr.replace("│", " ").split())
    assert "not checked" in summary and "2 pass 1 fail 1 not checked" in summary


@forked
def test_a_worker_process_that_dies_loses_only_its_own_case(case_root, monkeypatch):
    def check_case(case_dir, options=None, *, case_label=None):
        if case_dir.name == "gamma":
            os._exit(3)  # a crash no exception handler sees (a segfaulting parser, the OOM killer)
        return _quick_report(case_dir, case_label, options.as_of)

    monkeypatch.setattr("doccheck.pipeline.check_case", check_case)
    result = _invoke(str(case_root), "--cases", "--workers", "2", "--format", "json", "--quiet")
    cases = {Path(c["case"]).name: c for c in json.loads(result.stdout)["cases"]}
    assert set(cases) == {"alpha", "bad_beta", "gamma", "delta"}
    assert "worker process checking it stopped" in cases["gamma"]["findings"][0]["message"]
    assert cases["alpha"]["findings"] == [] and cases["bad_beta"]["summary"]["errors"] == 1


@forked
def test_jsonl_streams_each_report_as_its_case_finishes(case_root, monkeypatch, tmp_path):
    out = tmp_path / "reports.jsonl"

    def check_case(case_dir, options=None, *, case_label=None):
        if case_dir.name == "alpha":  # finishes last: waits until another case's line is in the file
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not (out.exists() and out.read_text(encoding="utf-8").strip()):
                time.sleep(0.05)
        return _quick_report(case_dir, case_label, options.as_of)

    monkeypatch.setattr("doccheck.pipeline.check_case", check_case)
    result = _invoke(str(case_root), "--cases", "--workers", "2", "--format", "jsonl", "-o", str(out), "--quiet")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert result.exit_code == 1 and result.stderr == ""  # --quiet: no progress, no table
    assert len(lines) == 4 and all(line["schema_version"] == "1" for line in lines)
    assert Path(lines[-1]["case"]).name == "alpha"  # order of completion, not the order given


def test_one_case_is_checked_without_a_process_pool(case_root, monkeypatch):
    class NoPool:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a single case must not start worker processes")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", NoPool)  # imported where a pool starts
    monkeypatch.setattr("doccheck.pipeline.check_case",
                        lambda case_dir, options=None, *, case_label=None: _quick_report(case_dir, case_label, options.as_of))
    result = _invoke(str(case_root / "bad_beta"), "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["summary"]["errors"] == 1
    assert result.stderr == ""  # one case: no summary table


def test_cases_needs_sub_folders(tmp_path):
    (tmp_path / "file.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--cases"])
    assert result.exit_code == 2 and "has no sub-folders" in result.output


def test_case_folders_lists_visible_sub_folders_sorted(tmp_path):
    from doccheck.batch import case_folders

    for name in ("b", "a", ".git"):
        (tmp_path / name).mkdir()
    (tmp_path / "c.pdf").write_bytes(b"")
    assert [p.name for p in case_folders(tmp_path)] == ["a", "b"]


def test_progress_bar_counts_finished_cases(capsys):
    from doccheck.batch import batch_progress

    with batch_progress(3, enabled=True) as advance:
        for label in ("one", "two", "three"):
            advance(label)
    assert "3/3" in capsys.readouterr().err
