"""The report as every output format renders it: the shared models plus the review additions.

``doccheck.models`` holds the contract's models (schema_version "1"). Output adds keys, never
renames them: each finding gains ``acknowledged`` (bool) and ``acknowledgement`` (reason, reviewer,
date, or null) and the summary gains ``acknowledged`` (how many findings were acknowledged).
``CasesReport`` is the wrapper for several case folders. The JSON Schema (``doccheck schema``) is
generated from these models.
"""

from __future__ import annotations

from typing import Any, Union

from pydantic import BaseModel, TypeAdapter

from doccheck.models import CANONICAL_FIELDS, DOCUMENT_KINDS, SCHEMA_VERSION, Finding, Report, Summary


class Acknowledgement(BaseModel):
    """Who accepted a finding after review, and why."""

    reason: str
    reviewer: str
    date: str | None = None  # ISO date of the review, when recorded


class ReviewedFinding(Finding):
    acknowledged: bool = False
    acknowledgement: Acknowledgement | None = None


class ReviewedSummary(Summary):
    acknowledged: int = 0


class ReviewedReport(Report):
    findings: list[ReviewedFinding]
    summary: ReviewedSummary


class CasesReport(BaseModel):
    """``--format json`` with several case folders: one REPORT per case, in the order given."""

    schema_version: str = SCHEMA_VERSION
    cases: list[ReviewedReport]


def reviewed(report: Report) -> ReviewedReport:
    """The report with the review keys (nothing acknowledged yet); a ReviewedReport is returned as is."""
    if isinstance(report, ReviewedReport):
        return report
    return ReviewedReport.model_validate(report, from_attributes=True)


def report_payload(report: Report) -> dict[str, Any]:
    """One REPORT as JSON-ready data (the shape every JSON output uses)."""
    return reviewed(report).model_dump(mode="json")


def json_schema() -> dict[str, Any]:
    """JSON Schema of ``--format json`` output: one REPORT, or the ``cases`` wrapper for several."""
    schema = TypeAdapter(Union[ReviewedReport, CasesReport]).json_schema(mode="serialization")  # noqa: UP007
    defs = schema["$defs"]
    for name in ("ReviewedReport", "ReviewedFinding", "ReviewedSummary"):
        defs[name]["title"] = name.removeprefix("Reviewed")
    for name in ("ReviewedReport", "CasesReport"):
        defs[name]["properties"]["schema_version"] = {"const": SCHEMA_VERSION, "title": "Schema Version"}
        defs[name]["required"] = sorted({*defs[name]["required"], "schema_version"})
    document = defs["Document"]["properties"]
    document["kind"] = {"enum": list(DOCUMENT_KINDS), "title": "Kind"}
    document["fields"]["propertyNames"] = {"enum": list(CANONICAL_FIELDS)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"doccheck report (schema_version {SCHEMA_VERSION})",
        "description": "One REPORT for one case folder; {schema_version, cases: [REPORT, ...]} for several. "
        "`--format jsonl` writes one REPORT per line: validate each against $defs/ReviewedReport.",
        **schema,
    }


__all__ = [
    "Acknowledgement",
    "CasesReport",
    "ReviewedFinding",
    "ReviewedReport",
    "ReviewedSummary",
    "json_schema",
    "report_payload",
    "reviewed",
]
