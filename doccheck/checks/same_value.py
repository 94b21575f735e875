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


_CONFUSABLE = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "S": "5", "B": "8", "Z": "2", "G": "6"})


def ocr_misreading(a: ExtractedField, b: ExtractedField) -> bool:
    """Two values that differ only as OCR misreads characters (0/O, 1/I, 5/S, ç/g), one side read by OCR."""
    if "ocr" not in f"{a.method}{b.method}":
        return False
    x, y = str(a.value), str(b.value)
    if x.upper().translate(_CONFUSABLE) == y.upper().translate(_CONFUSABLE):
        return True
    from rapidfuzz.distance import Levenshtein

    ops = Levenshtein.editops(x, y)
    if len(ops) != 1 or ops[0].tag != "replace":
        return False
    # one character replaced, and it is one OCR tends to misread: an accented letter ("ç" read "g")
    return not x[ops[0].src_pos].isascii() or not y[ops[0].dest_pos].isascii()


def _finding(rule: RuleSpec, field_name: str, groups: list[list[Stated]]) -> Finding:
    minority = [item for group in groups[1:] for item in group]
    low = rule.params.get("low_confidence", 0.55)
    severity = "info" if all(v.confidence < low for _, v in minority) else None
    ocr_only = all(any(ocr_misreading(v, w) for _, w in groups[0]) for _, v in minority)
    if ocr_only:
        severity = "info"
    values = " vs ".join(
        f"{display(field_name, group[0][1])} ({', '.join(where(d, v) for d, v in group)})" for group in groups
    )
    docs = sorted({d.path for group in groups for d, _ in group})
    items = [evidence(d, field_name, v) for group in groups for d, v in group]
    finding = make_finding(rule, fields=[field_name], documents=docs, severity=severity, evidence_items=items, values=values)
    if ocr_only:
        finding.message += " (the values differ only as OCR misreads characters: compare the scan by hand)"
    elif severity == "info":
        finding.message += " (the differing value was read with low confidence: check it by hand)"
    return finding
