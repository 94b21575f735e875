"""Typed models at the boundaries: extracted fields, documents, findings, reports, rule specs.

The JSON shape of `Report` is the public contract in ``report-contract.md`` (schema_version "1").
Fields beyond the contract are additions, never renames.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

DOCUMENT_KINDS: tuple[str, ...] = (
    "offer_letter",
    "offer_of_employment",
    "work_permit_application",
    "employment_reference",
    "reciprocity_letter",
    "support_letter",
    "language_test",
    "credential",
    "passport",
    "other",
    "unreadable",
)

CANONICAL_FIELDS: tuple[str, ...] = (
    "worker_name",
    "employer_name",
    "job_title",
    "noc_code",
    "teer",
    "wage",
    "hours_per_week",
    "work_location",
    "start_date",
    "end_date",
    "duration_months",
    "exemption_code",
    "oe_number",
    "passport_number",
    "passport_expiry",
    "citizenship",
    "business_number",
    "duties",
)


class ExtractedField(BaseModel):
    """One field as a document states it: raw text, normalised value, where it was found."""

    raw: str
    value: Any
    page: int | None = None
    evidence: str = ""
    confidence: float = Field(ge=0.0, le=1.0)
    # Additions to the contract (never required by consumers):
    method: str | None = None  # "label", "prose", "table", "form", "xfa", "ocr", "derived"
    notes: list[str] = Field(default_factory=list)  # assumptions, ambiguity, OCR provenance
    alternatives: list[Any] | None = None  # other readings of an ambiguous value (e.g. dates)

    model_config = ConfigDict(extra="forbid")


class Document(BaseModel):
    path: str
    kind: str
    fields: dict[str, ExtractedField] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)
    # Additions:
    pages: int | None = None
    language: str | None = None
    form: str | None = None  # e.g. "IMM 1295 (.ENU-10-2019)"
    kind_confidence: float | None = None
    warnings: list[str] = Field(default_factory=list)  # read, but with a caveat (OCR missing, page cap)


class Finding(BaseModel):
    rule: str
    name: str
    severity: Severity
    fields: list[str]
    documents: list[str]
    message: str
    pfl_risk: str
    fix: str
    # Additions:
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    source: str | None = None
    rule_version: str | None = None


class Summary(BaseModel):
    documents: int
    errors: int
    warnings: int
    infos: int


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    case: str
    checked_on: str
    documents: list[Document]
    findings: list[Finding]
    summary: Summary


class RuleCaseDoc(BaseModel):
    model_config = ConfigDict(extra="allow")


class RuleSpec(BaseModel):
    """A rule file in ``rules/`` (validated strictly so a YAML typo fails loudly)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^DC\d{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    severity: Severity
    summary: str  # what it checks, one line
    message: str
    pfl_risk: str
    fix: str
    source: str
    source_url: str | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    version: str = "1"
    check: str
    params: dict[str, Any] = Field(default_factory=dict)
    why: str | None = None  # why an officer cares (longer doc)
    example: str | None = None
