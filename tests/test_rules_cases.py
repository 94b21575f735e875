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

_RESERVED = {"expect", "fields", "as_of", "documents", "placeholders", "note", "wage_table"}
WAGES_CSV = Path(__file__).parent / "data" / "jobbank_wages_sample.csv"


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
    """A document as extraction leaves it; ``text`` is its page text, ``locations`` every OE location."""
    index = labels()
    raw_fields = {k: v for k, v in raw_fields.items() if k not in ("text", "locations")}
    hours = parse_value("hours", str(raw_fields["hours_per_week"])) if "hours_per_week" in raw_fields else None
    fields = {}
    for name, raw in raw_fields.items():
        parsed = parse_value(index.types[name], str(raw), hours=float(hours.value) if hours else None)
        assert parsed is not None, f"{kind}.{name}: {raw!r} did not normalise"
        fields[name] = ExtractedField(raw=str(raw), value=parsed.value, page=1, evidence=str(raw), confidence=0.9, alternatives=parsed.alternatives)
    return Document(path=path, kind=kind, fields=fields)


def build_context(case: dict) -> CaseContext:
    docs, texts, extras = [], {}, {}
    for key, raw_fields in case.items():
        if key in _RESERVED:
            continue
        kind = key.split("@")[0]  # "offer_letter@2" for a second document of a kind
        raw_fields = raw_fields or {}
        doc = _document(f"{key}.pdf", kind, raw_fields)
        docs.append(doc)
        texts[doc.path] = [(1, raw_fields.get("text", ""))]
        locations = [parse_value("place", loc).value for loc in raw_fields.get("locations", [])]
        extras[doc.path] = {"work_locations": locations}
    for extra in case.get("documents", []):
        docs.append(Document(path=extra["path"], kind=extra["kind"], errors=extra.get("errors", [])))
    as_of = date.fromisoformat(str(case.get("as_of", "2026-11-28")))
    placeholders = {f"{kind}.pdf": fields for kind, fields in (case.get("placeholders") or {}).items()}
    return CaseContext(documents=docs, as_of=as_of, placeholders=placeholders, texts=texts, extras=extras)


def _reference_urls() -> set[str]:
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "ircc"
    if not folder.is_dir():
        pytest.skip("reference folder not available")
    return {f.read_text(encoding="utf-8").splitlines()[1].removeprefix("url: ").strip() for f in folder.glob("*.md")}


def test_every_rule_cites_an_officer_instruction_page():
    urls = _reference_urls()
    for rule in load_rules():
        assert rule.source_url in urls, f"{rule.id}: {rule.source_url} is not one of the IRCC reference pages"


# Findings made outside the engine, each tested where it is made.
MADE_ELSEWHERE = {"DC000": "tests/test_batch.py (a case whose check raises)"}


def test_every_rule_has_cases_source_and_dates():
    for path in rule_files():
        if path.stem in MADE_ELSEWHERE:
            continue
        rule = next(r for r in load_rules() if r.id == path.stem)
        assert rule.source and (rule.source_url or "").startswith("https://"), f"{rule.id} lacks a source URL"
        assert "effective_from" in yaml.safe_load(path.read_text()), f"{rule.id} lacks effective dates"
        cases = yaml.safe_load(_cases_path(path).read_text()) if _cases_path(path).exists() else None
        assert cases, f"{rule.id} has no {rule.id}.cases.yml beside it"
        expectations = [c.get("expect", []) for k, c in cases.items() if k != "rule"]
        assert any(rule.id in e for e in expectations), f"{rule.id}: no case where it fires"
        assert any(rule.id not in e for e in expectations), f"{rule.id}: no case where it stays silent"


@pytest.mark.parametrize("rule_id, case", list(_all_cases()))
def test_rule_case(rule_id: str, case: dict, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_DATA_DIR", str(tmp_path))  # no wage table unless the case imports one
    if case.get("wage_table"):
        from doccheck.wages import import_wages

        import_wages(WAGES_CSV)
    findings = run_rules(build_context(case), only={rule_id})
    fired = [f for f in findings if f.severity != "info"]
    expected = case.get("expect", [])
    assert [f.rule for f in fired] == [r for r in expected if r == rule_id], [f.message for f in findings]
    if fired and "fields" in case:
        assert fired[0].fields == case["fields"]
