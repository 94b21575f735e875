"""Shared helpers: the repository root, bundled fixtures and a CLI runner that returns parsed JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "cases"
sys.path.insert(0, str(ROOT))  # fixtures.generator, tests.xfa_builder
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(autouse=True)
def _no_wage_table(tmp_path_factory, monkeypatch):
    """Tests never read a wage table a developer imported on this machine."""
    monkeypatch.setenv("DOCCHECK_DATA_DIR", str(tmp_path_factory.mktemp("doccheck-data")))


def run_check(*args: str) -> tuple[int, dict]:
    from doccheck.cli import main

    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "--as-of", "2026-11-28"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def document_named(report: dict, path: str) -> dict:
    """The report's entry for the document at ``path`` (relative to the case folder)."""
    return next(d for d in report["documents"] if d["path"] == path)


def document_fields(report: dict, path: str) -> dict:
    """The normalised value of every field the report extracted from the document at ``path``."""
    return {name: field["value"] for name, field in document_named(report, path)["fields"].items()}


def flagged(report: dict) -> set[str]:
    return {f for x in report["findings"] if x["severity"] in ("error", "warning") for f in x["fields"]}
