"""Load the rules in ``rules/`` and run them on a case's documents.

Steps: read every ``rules/**/DCnnn.yml`` through ``RuleSpec`` (a typo fails loudly); keep the rules
in force on the ``as_of`` date and not disabled; run each rule's check; sort the findings.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from doccheck.yamlio import load_yaml_text

from doccheck.checks import get_check
from doccheck.checks.context import CaseContext
from doccheck.models import SEVERITY_RANK, Finding, RuleSpec


class RuleError(Exception):
    """A rule file is malformed or names an unknown check."""


def rule_files() -> list[Path]:
    root = Path(str(resources.files("rules")))
    return sorted(p for p in root.rglob("DC*.yml") if not p.name.endswith(".cases.yml"))


@lru_cache(maxsize=1)
def load_rules() -> tuple[RuleSpec, ...]:
    rules = []
    for path in rule_files():
        try:
            rules.append(RuleSpec.model_validate(load_yaml_text(path.read_text(encoding="utf-8"))))
        except Exception as exc:  # noqa: BLE001 - re-raised with the file's name
            raise RuleError(f"{path.name}: {exc}") from exc
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuleError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(sorted(rules, key=lambda r: r.id))


def get_rule(rule_id: str) -> RuleSpec | None:
    return next((r for r in load_rules() if r.id == rule_id.upper()), None)


def in_force(rule: RuleSpec, as_of: date) -> bool:
    if rule.effective_from and as_of < rule.effective_from:
        return False
    if rule.effective_until and as_of >= rule.effective_until:
        return False
    return True


def run_rules(ctx: CaseContext, *, disabled: set[str] | None = None, only: set[str] | None = None) -> list[Finding]:
    disabled = {d.upper() for d in (disabled or set())}
    findings: list[Finding] = []
    for rule in load_rules():
        if rule.id in disabled or (only and rule.id not in only) or not in_force(rule, ctx.as_of):
            continue
        findings.extend(get_check(rule.check)(rule, ctx))
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.rule, f.documents))
    return findings


def rules_catalogue() -> list[dict]:
    """Every rule as `doccheck rules --format json` and the service's GET /v1/rules list it."""
    return [
        {
            "id": r.id,
            "name": r.name,
            "severity": r.severity,
            "summary": r.summary,
            "source": r.source_url or r.source,
            "effective_from": r.effective_from.isoformat() if r.effective_from else None,
            "effective_until": r.effective_until.isoformat() if r.effective_until else None,
            "version": r.version,
        }
        for r in load_rules()
    ]
