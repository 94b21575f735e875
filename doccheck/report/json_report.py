"""The contract's JSON: one REPORT, or {"schema_version", "cases": [...]} for several case folders.

``render_jsonl`` writes one REPORT per line (no wrapper) for pipelines. Every JSON output carries
the review keys (``acknowledged``, ``acknowledgement``, ``summary.acknowledged``): additions to the
contract, see ``doccheck.report.contract``.
"""

from __future__ import annotations

from doccheck.models import SCHEMA_VERSION, Report
from doccheck.report.contract import CasesReport, reviewed


def render_json(reports: list[Report]) -> str:
    """Indented as ``json.dumps(indent=2, ensure_ascii=False)``, serialised by pydantic's Rust core."""
    if len(reports) == 1:
        return reviewed(reports[0]).model_dump_json(indent=2)
    return CasesReport(schema_version=SCHEMA_VERSION, cases=[reviewed(r) for r in reports]).model_dump_json(indent=2)


def render_jsonl_line(report: Report) -> str:
    """One REPORT on one line (no trailing newline): what ``to_json(report_payload(report))`` writes,
    serialised straight from the model (no Python dict in between)."""
    return reviewed(report).model_dump_json()
