"""same_value: every document of the named kinds that states the field states the same thing."""

from __future__ import annotations

from doccheck.checks import check
from doccheck.checks.compare import COMPARATORS, display
from doccheck.checks.context import CaseContext, evidence, make_finding, where
from doccheck.models import Document, ExtractedField, Finding, RuleSpec

Stated = tuple[Document, ExtractedField]


def group_values(items: list[Stated], same) -> list[list[Stated]]:
    """Groups of documents whose values mean the same thing, largest group first."""
    groups: list[list[Stated]] = []
    for item in items:
        for group in groups:
            if all(same(item[1], other[1]) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    groups.sort(key=lambda g: (-len(g), min(d.path for d, _ in g)))
    return groups


@check("same_value")
def same_value(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    field_name = rule.params["field"]
    same = COMPARATORS[rule.params.get("compare", "exact")]
    items = ctx.stating(field_name, rule.params.get("kinds"))
    if len(items) < 2:
        return []
    groups = group_values(items, same)
    if len(groups) < 2:
        return []
    return [_finding(rule, field_name, groups)]


def _finding(rule: RuleSpec, field_name: str, groups: list[list[Stated]]) -> Finding:
    minority = [item for group in groups[1:] for item in group]
    low = rule.params.get("low_confidence", 0.55)
    severity = "info" if all(v.confidence < low for _, v in minority) else None
    values = " vs ".join(
        f"{display(field_name, group[0][1])} ({', '.join(where(d, v) for d, v in group)})" for group in groups
    )
    docs = sorted({d.path for group in groups for d, _ in group})
    items = [evidence(d, field_name, v) for group in groups for d, v in group]
    finding = make_finding(rule, fields=[field_name], documents=docs, severity=severity, evidence_items=items, values=values)
    if severity == "info":
        finding.message += " (the differing value was read with low confidence: check it by hand)"
    return finding
