"""The contract's JSON: one REPORT, or {"schema_version", "cases": [...]} for several case folders."""

from __future__ import annotations

import json

from doccheck.models import SCHEMA_VERSION, Report


def render_json(reports: list[Report]) -> str:
    if len(reports) == 1:
        payload = reports[0].model_dump(mode="json")
    else:
        payload = {"schema_version": SCHEMA_VERSION, "cases": [r.model_dump(mode="json") for r in reports]}
    return json.dumps(payload, ensure_ascii=False, indent=2)
