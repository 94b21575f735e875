"""The contract's JSON: one REPORT, or {"schema_version", "cases": [...]} for several case folders.

``render_jsonl`` writes one REPORT per line (no wrapper) for pipelines. Every JSON output carries
the review keys (``acknowledged``, ``acknowledgement``, ``summary.acknowledged``): additions to the
contract, see ``doccheck.report.contract``.
"""

from __future__ import annotations

from pydantic_core import to_json

from doccheck.models import SCHEMA_VERSION, Report
from doccheck.report.contract import report_payload


def render_json(reports: list[Report]) -> str:
    if len(reports) == 1:
        payload = report_payload(reports[0])
    else:
        payload = {"schema_version": SCHEMA_VERSION, "cases": [report_payload(r) for r in reports]}
    return to_json(payload, indent=2).decode("utf-8")  # as json.dumps(indent=2), written by pydantic's Rust core


def render_jsonl_line(report: Report) -> str:
    """One REPORT on one line (no trailing newline)."""
    return to_json(report_payload(report)).decode("utf-8")
