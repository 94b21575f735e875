"""YAML for the project's own data files, read from a parsed copy when the package ships one.

The rules, extractors and data tables are YAML (the source of truth, edited by people). Parsing
~50 files, and importing PyYAML, is a tenth of a second at every start, so the package also ships
``parsed_yaml.jsonl``: each file's parsed content as JSON, keyed by a digest of the file's text.
A file whose text has no entry (edited, added) is parsed with libyaml's C loader as before, so an
edit never reads stale data. Regenerate the copy with ``python -m doccheck.derived``; a test checks
that it matches every shipped file.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

_PARSED = Path(__file__).with_name("parsed_yaml.jsonl")
_ROOT = Path(__file__).resolve().parents[1]


def load_yaml_text(text: str) -> Any:
    """Parse trusted project data (safe loader: no Python objects); a fresh structure each call."""
    stored = _parsed().get(_digest(text))
    if stored is not None:
        return json.loads(stored, object_hook=_dates)
    return parse_yaml(text)


def parse_yaml(text: str) -> Any:
    """Parse YAML text with libyaml's C loader when PyYAML has it (10x faster than the Python one)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, C or Python


def data_text(name: str) -> str:
    """Text of ``rules/data/<name>``: the installed package's resource, else the source checkout's file."""
    try:
        from importlib.resources import files

        return (files("rules") / "data" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return (_ROOT / "rules" / "data" / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the parsed copy


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _parsed() -> dict[str, str]:
    """digest -> the file's content as JSON text (decoded on use)."""
    try:
        lines = _PARSED.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return dict(line.split("\t", 1) for line in lines if "\t" in line)


def _dates(obj: dict) -> Any:
    if len(obj) == 1 and "$date" in obj:
        return date.fromisoformat(obj["$date"])
    return obj


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} in YAML data has no JSON form")


def shipped_yaml_files() -> list[Path]:
    """The YAML the package reads at run time (rule cases are test data: not included)."""
    files = [*(_ROOT / "rules").rglob("*.yml"), *(_ROOT / "extractors").rglob("*.yml")]
    return sorted(p for p in files if not p.name.endswith(".cases.yml"))


def parsed_lines(files: list[Path]) -> list[str]:
    """The lines of ``parsed_yaml.jsonl`` for these files, sorted by digest."""
    lines = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines.add(f"{_digest(text)}\t{json.dumps(parse_yaml(text), default=_encode, ensure_ascii=False, separators=(',', ':'))}")
    return sorted(lines)
