"""YAML for the project's own data files, with libyaml's C loader when PyYAML has it (10x faster)."""

from __future__ import annotations

from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str) -> Any:
    """Parse trusted project data (safe loader: no Python objects)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader, C or Python


def data_text(name: str) -> str:
    """Text of ``rules/data/<name>``: the installed package's resource, else the source checkout's file."""
    try:
        from importlib.resources import files

        return (files("rules") / "data" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        from pathlib import Path

        return (Path(__file__).resolve().parents[1] / "rules" / "data" / name).read_text(encoding="utf-8")
