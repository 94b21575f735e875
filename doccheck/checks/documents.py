"""Checks about the documents themselves: unreadable or damaged files."""

from __future__ import annotations

from doccheck.checks import check
from doccheck.checks.context import CaseContext, make_finding
from doccheck.models import Finding, RuleSpec


@check("unreadable")
def unreadable(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """One finding per document that could not be read at all."""
    return [
        make_finding(rule, fields=[], documents=[doc.path], document=doc.path, reason="; ".join(doc.errors) or "unknown error")
        for doc in ctx.documents
        if doc.kind == "unreadable"
    ]


@check("damaged")
def damaged(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """One finding per document that was read in part (a truncated PDF that could be recovered)."""
    return [
        make_finding(rule, fields=[], documents=[doc.path], document=doc.path, reason="; ".join(doc.errors))
        for doc in ctx.documents
        if doc.kind != "unreadable" and doc.errors
    ]


@check("not_checked")
def not_checked(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """DC000 is made by the batch runner for a case whose check raised (doccheck.batch.failed_report)."""
    return []
