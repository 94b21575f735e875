"""The contract's JSON: one REPORT, or {"schema_version", "cases": [...]} for several case folders.

``render_jsonl`` writes one REPORT per line (no wrapper) for pipelines. Every JSON output carries
the review keys (``acknowledged``, ``acknowledgement``, ``summary.acknowledged``): additions to the
contract, see ``doccheck.report.contract``.
"""

from __future__ import annotations

import json

from doccheck.models import SCHEMA_VERSION, Report
from doccheck.report.contract import report_payload


def render_json(reports: list[Report]) -> str:
    if len(reports) == 1:
        payload = report_payload(reports[0])
    else:
        payload = {"schema_version": SCHEMA_VERSION, "cases": [report_payload(r) for r in reports]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def render_jsonl_line(report: Report) -> str:
    """One REPORT on one line (no trailing newline)."""
    return json.dumps(report_payload(report), ensure_ascii=False, separators=(",", ":"))
