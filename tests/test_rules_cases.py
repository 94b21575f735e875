"""Every rule file has cases beside it; each case's documents (as extracted text) pass or fail as labelled.

A case is a mapping of document kind -> {field: raw text as a document states it}; the raw text goes
through the same normaliser as extraction, then the engine runs the one rule. ``expect`` lists the rule
ids that must fire (absent: the rule must stay silent); ``fields`` optionally the fields it must name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from doccheck.checks.context import CaseContext
from doccheck.engine import load_rules, rule_files, run_rules
from doccheck.extract.knowledge import labels
from doccheck.extract.values import parse_value
from doccheck.models import Document, ExtractedField

_RESERVED = {"expect", "fields", "as_of", "documents", "placeholders", "note"}


def _cases_path(rule_path: Path) -> Path:
    return rule_path.with_name(rule_path.stem + ".cases.yml")


def _all_cases():
    for path in rule_files():
        cases = yaml.safe_load(_cases_path(path).read_text(encoding="utf-8")) if _cases_path(path).exists() else {}
        for name, case in (cases or {}).items():
            if name == "rule":
                continue
            yield pytest.param(cases["rule"], case, id=f"{cases['rule']}-{name}")


def _document(path: str, kind: str, raw_fields: dict) -> Document:
    index = labels()
    hours = raw_fields.get("hours_per_week")
    fields = {}
    for name, raw in raw_fields.items():
        parsed = parse_value(index.types[name], str(raw), hours=float(hours) if hours else None)
        assert parsed is not None, f"{kind}.{name}: {raw!r} did not normalise"
        fields[name] = ExtractedField(raw=str(raw), value=parsed.value, page=1, evidence=str(raw), confidence=0.9, alternatives=parsed.alternatives)
    return Document(path=path, kind=kind, fields=fields)


def build_context(case: dict) -> CaseContext:
    docs = []
    for key, raw_fields in case.items():
        if key in _RESERVED:
            continue
        kind = key.split("@")[0]  # "offer_letter@2" for a second document of a kind
        docs.append(_document(f"{key}.pdf", kind, raw_fields or {}))
    for extra in case.get("documents", []):
        docs.append(Document(path=extra["path"], kind=extra["kind"], errors=extra.get("errors", [])))
    as_of = date.fromisoformat(str(case.get("as_of", "2026-11-28")))
    return CaseContext(documents=docs, as_of=as_of, placeholders=case.get("placeholders", {}))


def test_every_rule_has_cases_source_and_dates():
    for path in rule_files():
        rule = next(r for r in load_rules() if r.id == path.stem)
        assert rule.source and (rule.source_url or "").startswith("https://"), f"{rule.id} lacks a source URL"
        assert "effective_from" in yaml.safe_load(path.read_text()), f"{rule.id} lacks effective dates"
        cases = yaml.safe_load(_cases_path(path).read_text()) if _cases_path(path).exists() else None
        assert cases, f"{rule.id} has no {rule.id}.cases.yml beside it"
        expectations = [c.get("expect", []) for k, c in cases.items() if k != "rule"]
        assert any(rule.id in e for e in expectations), f"{rule.id}: no case where it fires"
        assert any(rule.id not in e for e in expectations), f"{rule.id}: no case where it stays silent"


@pytest.mark.parametrize("rule_id, case", list(_all_cases()))
def test_rule_case(rule_id: str, case: dict):
    findings = run_rules(build_context(case), only={rule_id})
    fired = [f for f in findings if f.severity != "info"]
    expected = case.get("expect", [])
    assert [f.rule for f in fired] == [r for r in expected if r == rule_id], [f.message for f in findings]
    if fired and "fields" in case:
        assert fired[0].fields == case["fields"]
