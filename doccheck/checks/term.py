"""term: the end of employment agrees across documents, whether stated as an end date or a duration.

"24 months from 2027-05-01", "until 2029-04-30" and "until 2029-05-01" agree (within a day: the
anniversary convention varies). A duration is turned into an end date from the start date most
documents agree on, so a changed start date is reported once, by the start-date rule, not again here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from doccheck.checks import check
from doccheck.checks.compare import date_readings, display
from doccheck.checks.context import CaseContext, evidence, make_finding, where
from doccheck.models import Document, ExtractedField, Finding, RuleSpec

_TOLERANCE_DAYS = 1


@dataclass
class _Term:
    doc: Document
    field: str  # end_date or duration_months
    value: ExtractedField
    ends: frozenset[date]  # possible end dates ({} when a duration has no start to count from)
    months: int | None


def _consensus_start(ctx: CaseContext, kinds: list[str] | None) -> date | None:
    counts: Counter[date] = Counter()
    for _, value in ctx.stating("start_date", kinds):
        for reading in date_readings(value):
            counts[reading] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _terms(ctx: CaseContext, kinds: list[str] | None) -> list[_Term]:
    start = _consensus_start(ctx, kinds)
    terms: list[_Term] = []
    for doc, value in ctx.stating("end_date", kinds):
        terms.append(_Term(doc, "end_date", value, frozenset(date_readings(value)), None))
    for doc, value in ctx.stating("duration_months", kinds):
        months = int(value.value)
        ends = frozenset({start + relativedelta(months=months)}) if start else frozenset()
        terms.append(_Term(doc, "duration_months", value, ends, months))
    return terms


def _agree(a: _Term, b: _Term) -> bool:
    if a.months is not None and b.months is not None:
        return a.months == b.months
    if not a.ends or not b.ends:
        return True
    return any(abs((x - y).days) <= _TOLERANCE_DAYS for x in a.ends for y in b.ends)


def _groups(terms: list[_Term]) -> list[list[_Term]]:
    groups: list[list[_Term]] = []
    for term in terms:
        for group in groups:
            if all(_agree(term, other) for other in group):
                group.append(term)
                break
        else:
            groups.append([term])
    groups.sort(key=lambda g: -len({t.doc.path for t in g}))
    return groups


@check("term")
def term(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    report_field = rule.params["field"]
    kinds = rule.params.get("kinds")
    terms = _terms(ctx, kinds)
    if len({t.doc.path for t in terms}) < 2:
        return []
    groups = _groups(terms)
    if len(groups) < 2:
        return []
    majority = {t.doc.path for t in groups[0]}
    tie = len({t.doc.path for t in groups[1]}) == len(majority)
    outliers = [t for group in (groups if tie else groups[1:]) for t in group]
    flagged = [
        t for t in outliers
        if t.field == report_field and not any(_moved_together(t, u) for u in terms if u.doc.path != t.doc.path)
    ]
    if not flagged:
        return []
    values = " vs ".join(
        "; ".join(f"{_show(t)} ({where(t.doc, t.value)})" for t in group) for group in groups
    )
    docs = sorted({t.doc.path for group in groups for t in group})
    items = [evidence(t.doc, t.field, t.value) for group in groups for t in group]
    severity = "info" if all(t.value.confidence < 0.55 for t in flagged) else None
    return [make_finding(rule, fields=[report_field], documents=docs, severity=severity, evidence_items=items, values=values)]


def _moved_together(term: _Term, other: _Term) -> bool:
    """The document moved its whole period: its start differs from another's by as much as its end.

    Then the start date is the one difference (the start-date rule reports it), not the end.
    """
    own, theirs = term.doc.fields.get("start_date"), other.doc.fields.get("start_date")
    if own is None or theirs is None:
        return False
    for s1 in date_readings(own):
        for s2 in date_readings(theirs):
            shift = (s1 - s2).days
            if shift == 0:
                continue
            own_ends = term.ends if term.months is None else {s1 + relativedelta(months=term.months)}
            their_ends = other.ends if other.months is None else {s2 + relativedelta(months=other.months)}
            if any(abs((a - b).days - shift) <= _TOLERANCE_DAYS for a in own_ends for b in their_ends):
                return True
    return False


def _show(t: _Term) -> str:
    if t.field == "duration_months":
        return f"{t.months} months"
    return f"ends {display('end_date', t.value)}"
