"""Check types that rule files name in their ``check:`` key (like Vale's ``extends:``).

Each check is a function ``(rule, context) -> list[Finding]``; rules give it its parameters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from doccheck.checks.context import CaseContext
from doccheck.models import Finding, RuleSpec

CheckFn = Callable[[RuleSpec, CaseContext], list[Finding]]
_REGISTRY: dict[str, CheckFn] = {}


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        _REGISTRY[name] = fn
        return fn

    return register


def get_check(name: str) -> CheckFn:
    _load_all()
    return _REGISTRY[name]


def known_checks() -> set[str]:
    _load_all()
    return set(_REGISTRY)


@lru_cache(maxsize=1)
def _load_all() -> None:
    """Import every check module once (importing one of them directly must not hide the others)."""
    from doccheck.checks import documents, same_value, term  # noqa: F401

    try:
        from doccheck.checks import imp  # noqa: F401
    except ImportError:  # the IMP rule pack's checks are optional while it is built
        pass
