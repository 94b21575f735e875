"""``doccheck.toml``: per-case defaults and acknowledgements of reviewed findings.

1. ``find_config`` looks for ``doccheck.toml`` in a case folder (it is only ever read, never written);
   ``--config FILE`` replaces that lookup for every case.
2. ``load_config`` reads it with tomllib and validates it with pydantic (unknown keys are errors, so
   a typo fails loudly instead of being ignored).
3. ``acknowledge`` marks the findings a reviewer accepted: they stay in the report with the reason,
   the reviewer and the date, are counted in ``summary.acknowledged`` and no longer fail the run.

Example::

    fail-on = "warning"
    as-of = 2026-03-01
    disabled = ["DC220"]
    workers = 4

    [[acknowledge]]
    rule = "DC105"
    field = "start_date"
    reason = "Employer confirmed start moved; amended OE pending"
    reviewer = "J. Tremblay, RCIC"
    date = 2026-02-20            # optional
    document = "offer_letter.pdf"  # optional: only this document's finding
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from doccheck.models import CANONICAL_FIELDS, Finding, Report
from doccheck.report.contract import Acknowledgement, ReviewedFinding, ReviewedReport, reviewed

CONFIG_NAME = "doccheck.toml"


class ConfigError(ValueError):
    """The configuration file cannot be read or does not validate (a usage error)."""


class AcknowledgeEntry(BaseModel):
    """One ``[[acknowledge]]`` table: which findings a reviewer accepted and why."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(pattern=r"^DC\d{3}$")
    field: str | None = None
    document: str | None = None
    reason: str = Field(min_length=1)
    reviewer: str = Field(min_length=1)
    date: dt.date | None = None

    @field_validator("rule", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("field")
    @classmethod
    def _canonical(cls, value: str | None) -> str | None:
        if value is not None and value not in CANONICAL_FIELDS:
            raise ValueError(f"unknown field {value!r}; one of: {', '.join(CANONICAL_FIELDS)}")
        return value

    def matches(self, finding: Finding) -> bool:
        return (
            finding.rule == self.rule
            and (self.field is None or self.field in finding.fields)
            and (self.document is None or self.document in finding.documents)
        )

    def describe(self) -> str:
        return "/".join(part for part in (self.rule, self.field, self.document) if part)


class Config(BaseModel):
    """The whole file; every key is optional."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
    as_of: dt.date | None = Field(None, alias="as-of")
    disabled: list[str] = Field(default_factory=list)
    workers: int | None = Field(None, ge=1)
    acknowledge: list[AcknowledgeEntry] = Field(default_factory=list)

    @field_validator("disabled")
    @classmethod
    def _rule_ids(cls, values: list[str]) -> list[str]:
        ids = [v.strip().upper() for v in values]
        bad = [v for v in ids if not (len(v) == 5 and v.startswith("DC") and v[2:].isdigit())]
        if bad:
            raise ValueError(f"not a rule id: {', '.join(bad)} (rule ids look like DC105)")
        return ids


def find_config(case_dir: Path) -> Path | None:
    """The case folder's own ``doccheck.toml``, if it has one (a regular file, not a link out)."""
    path = case_dir / CONFIG_NAME
    return path if path.is_file() and not path.is_symlink() else None


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; any problem is a ``ConfigError`` naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: " + "; ".join(_problem(e) for e in exc.errors())) from None


def _problem(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"unknown key {where!r}"
    if error["type"] == "missing":
        return f"{where} is required"
    return f"{where}: {error['msg']}"


def acknowledge(report: Report, entries: list[AcknowledgeEntry]) -> ReviewedReport:
    """The report with every finding an entry matches marked as acknowledged (first matching entry wins)."""
    base = reviewed(report)
    if not entries:
        return base  # nothing to acknowledge: the review keys as they are (no copies)
    findings = [_review(finding, entries) for finding in base.findings]
    summary = base.summary.model_copy(update={"acknowledged": sum(f.acknowledged for f in findings)})
    return base.model_copy(update={"findings": findings, "summary": summary})


def _review(finding: ReviewedFinding, entries: list[AcknowledgeEntry]) -> ReviewedFinding:
    entry = next((e for e in entries if e.matches(finding)), None)
    if entry is None:
        return finding
    record = Acknowledgement(reason=entry.reason, reviewer=entry.reviewer, date=entry.date.isoformat() if entry.date else None)
    return finding.model_copy(update={"acknowledged": True, "acknowledgement": record})


def unmatched(entries: list[AcknowledgeEntry], report: Report) -> list[AcknowledgeEntry]:
    """Entries that acknowledge nothing in this report (stale, or a typo in a document name)."""
    return [e for e in entries if not any(e.matches(f) for f in report.findings)]


__all__ = [
    "CONFIG_NAME",
    "AcknowledgeEntry",
    "Config",
    "ConfigError",
    "acknowledge",
    "find_config",
    "load_config",
    "unmatched",
]
