"""The IMP domain catalogue: LMIA-exemption codes, NOC 2021 unit groups, dated policy facts.

The knowledge lives as data in ``rules/data/`` (shipped in the wheel with the
``rules`` package); this module only loads it:

1. read ``exemption_codes.yml``, ``noc2021.csv`` or ``policy_changes.yml`` as a
   package resource (falling back to the repository path in a source checkout);
2. validate every entry with a pydantic model that forbids unknown keys, so a
   typo in a data file fails loudly;
3. cache the result: each file is read at most once per process, on first use.

Nothing is read at import time.

>>> get_code("C63").max_initial_months
36
>>> is_retired("C12"), get_code("C12").replaced_by
(True, ['C61', 'C62', 'C63'])
>>> noc_title("21231")
'Software engineers and designers'
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from doccheck.models import DOCUMENT_KINDS

__all__ = [
    "Condition",
    "DocumentRequirement",
    "ExemptionCode",
    "NocGroup",
    "PolicyChange",
    "exemption_codes",
    "get_code",
    "is_retired",
    "noc_groups",
    "noc_title",
    "policy",
    "policy_changes",
    "synthetic_noc_codes",
]

Permit = Literal["employer_specific", "open", "varies"]
Certainty = Literal["stated", "inferred", "uncertain"]
_CODE_PATTERN = r"^[A-Z]\d{2}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentRequirement(_Strict):
    """A kind of document (report-contract kind) the file should hold for a code, and why."""

    kind: str
    note: str
    source: str

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in DOCUMENT_KINDS:
            raise ValueError(f"unknown document kind {value!r}")
        return value


class Condition(_Strict):
    """A free-text eligibility condition or caveat, with the instruction it comes from."""

    text: str
    source: str


class ExemptionCode(_Strict):
    """One LMIA-exemption code, current or retired.

    ``permit`` is ``varies`` (and ``requires_oe`` None) where the permit type
    depends on the sub-category, e.g. C21 (IEC). ``requires_oe`` is True when the
    employer must submit an offer of employment in the Employer Portal and pay
    the compliance fee, unless the employer is exempt from the compliance
    regime. ``permit_certainty`` says whether a reference page states the
    permit type or it is inferred from the category. A retired code has ``retired_on`` and ``replaced_by`` (most common
    replacement first) and no permit facts.
    """

    code: str = Field(pattern=_CODE_PATTERN)
    name: str
    section: str
    source: str
    permit: Permit | None = None
    permit_certainty: Literal["stated", "inferred"] | None = None
    requires_oe: bool | None = None
    max_initial_months: int | None = Field(default=None, gt=0)
    max_initial_months_source: str | None = None
    max_initial_months_note: str | None = None
    max_months_by_country: dict[str, dict[str, int]] | None = None
    max_months_by_country_source: str | None = None
    required_documents: list[DocumentRequirement] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    former_codes: list[str] = Field(default_factory=list)
    retired_on: date | None = None
    replaced_by: list[str] = Field(default_factory=list)
    note: str | None = None

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @model_validator(mode="after")
    def _consistent(self) -> ExemptionCode:
        if self.max_initial_months is not None and not self.max_initial_months_source:
            raise ValueError(f"{self.code}: max_initial_months needs max_initial_months_source")
        if self.max_months_by_country and not self.max_months_by_country_source:
            raise ValueError(f"{self.code}: max_months_by_country needs max_months_by_country_source")
        if self.retired and not self.replaced_by:
            raise ValueError(f"{self.code}: a retired code needs replaced_by")
        if not self.retired and (self.permit is None or self.permit_certainty is None or self.replaced_by):
            raise ValueError(f"{self.code}: a current code needs permit, permit_certainty and no replaced_by")
        return self


class _SyntheticNoc(_Strict):
    code: str = Field(pattern=r"^\d{5}$")
    meaning: str
    source: str


class _ExemptionFile(_Strict):
    exemption_codes: list[ExemptionCode]
    retired_codes: list[ExemptionCode]
    synthetic_noc_codes: list[_SyntheticNoc]


class NocGroup(_Strict):
    """A NOC 2021 unit group (5 digits); the TEER is its second digit."""

    code: str = Field(pattern=r"^\d[0-5]\d{3}$")
    teer: int = Field(ge=0, le=5)
    title_en: str
    title_fr: str
    title_fr_certainty: Literal["known", "approximate"]

    @model_validator(mode="after")
    def _teer_is_second_digit(self) -> NocGroup:
        if int(self.code[1]) != self.teer:
            raise ValueError(f"{self.code}: TEER {self.teer} is not the second digit")
        return self


class PolicyChange(_Strict):
    """A dated policy fact that rules depend on; ``certainty`` says how far the source supports it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    effective_from: date | None
    effective_until: date | None
    summary: str
    source: str
    certainty: Certainty
    value: Any = None
    note: str | None = None

    def in_force_on(self, day: date) -> bool:
        """True when ``day`` falls within [effective_from, effective_until] (open ends allowed)."""
        starts = self.effective_from is None or self.effective_from <= day
        return starts and (self.effective_until is None or day <= self.effective_until)


class _PolicyFile(_Strict):
    policy_changes: list[PolicyChange]


def _load_yaml(name: str) -> Any:
    from doccheck.yamlio import data_text, load_yaml_text

    return load_yaml_text(data_text(name))


@lru_cache(maxsize=1)
def _exemption_file() -> _ExemptionFile:
    return _ExemptionFile.model_validate(_load_yaml("exemption_codes.yml"))


@lru_cache(maxsize=1)
def exemption_codes() -> dict[str, ExemptionCode]:
    """Every code, current and retired, keyed by code (upper case)."""
    data = _exemption_file()
    table: dict[str, ExemptionCode] = {}
    for entry in [*data.exemption_codes, *data.retired_codes]:
        if entry.code in table:
            raise ValueError(f"duplicate exemption code {entry.code}")
        table[entry.code] = entry
    return table


def get_code(code: str) -> ExemptionCode | None:
    """The catalogue entry for ``code`` ("c63", " T36 " accepted), or None when unknown."""
    return exemption_codes().get(str(code).strip().upper())


def is_retired(code: str) -> bool:
    """True when ``code`` is a known code that is no longer in use (unknown codes: False)."""
    entry = get_code(code)
    return entry is not None and entry.retired


@lru_cache(maxsize=1)
def synthetic_noc_codes() -> dict[str, str]:
    """IRCC's synthetic NOC codes (not NOC 2021 unit groups): code -> meaning."""
    return {entry.code: entry.meaning for entry in _exemption_file().synthetic_noc_codes}


@lru_cache(maxsize=1)
def noc_groups() -> dict[str, NocGroup]:
    """The 516 NOC 2021 unit groups keyed by 5-digit code."""
    from doccheck.yamlio import data_text

    reader = csv.DictReader(io.StringIO(data_text("noc2021.csv")))
    groups = [NocGroup.model_validate(row) for row in reader]
    return {group.code: group for group in groups}


def noc_title(code: str, lang: Literal["en", "fr"] = "en") -> str | None:
    """Title of a NOC 2021 unit group (English by default), or None for an unknown code."""
    group = noc_groups().get(str(code).strip())
    if group is None:
        return None
    return group.title_fr if lang == "fr" else group.title_en


@lru_cache(maxsize=1)
def policy_changes() -> dict[str, PolicyChange]:
    """Every dated policy fact keyed by id."""
    entries = _PolicyFile.model_validate(_load_yaml("policy_changes.yml")).policy_changes
    table: dict[str, PolicyChange] = {}
    for entry in entries:
        if entry.id in table:
            raise ValueError(f"duplicate policy id {entry.id}")
        table[entry.id] = entry
    return table


def policy(policy_id: str) -> PolicyChange:
    """The policy fact with this id; KeyError names the id when it does not exist."""
    try:
        return policy_changes()[policy_id]
    except KeyError:
        raise KeyError(f"unknown policy id {policy_id!r}") from None
