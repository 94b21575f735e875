"""What a check sees: the case's documents, the date rules are judged at, helpers to build findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from doccheck.models import Document, ExtractedField, Finding, RuleSpec


@dataclass
class CaseContext:
    documents: list[Document]
    as_of: date
    placeholders: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> field -> candidate info
    options: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # path -> (page, text)
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> e.g. all work locations
    # answers several checks ask for (e.g. the case's consensus wage): the documents do not change
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def stating(self, field_name: str, kinds: list[str] | None = None) -> list[tuple[Document, ExtractedField]]:
        """(document, field) for every document of these kinds that states the field."""
        found = []
        for doc in self.documents:
            if kinds is not None and doc.kind not in kinds:
                continue
            value = doc.fields.get(field_name)
            if value is not None:
                found.append((doc, value))
        return found

    def of_kind(self, *kinds: str) -> list[Document]:
        return [doc for doc in self.documents if doc.kind in kinds]


def evidence(doc: Document, field_name: str, value: ExtractedField) -> dict[str, Any]:
    return {
        "document": doc.path,
        "field": field_name,
        "page": value.page,
        "raw": value.raw,
        "snippet": value.evidence,
        "confidence": value.confidence,
    }


def make_finding(rule: RuleSpec, *, fields: list[str], documents: list[str], severity: str | None = None, evidence_items=None, **values: Any) -> Finding:
    """A finding from a rule's message template and the values a check found."""
    message = rule.message.format_map(_Defaults(values))
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity=severity or rule.severity,
        fields=fields,
        documents=documents,
        message=message,
        pfl_risk=" ".join(rule.pfl_risk.split()),
        fix=" ".join(rule.fix.split()),
        evidence=list(evidence_items or []),
        source=rule.source_url or rule.source,
        rule_version=f"{rule.id}@{rule.version}",
    )


def where(doc: Document, value: ExtractedField) -> str:
    return f"{doc.path} p{value.page}" if value.page else doc.path


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
