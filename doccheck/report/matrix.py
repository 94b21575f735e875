"""The documents x fields matrix every human-readable format shows, with the differences marked.

A cell is marked when an error or warning finding names the field and lists the document; a finding
that a reviewer acknowledged marks its cells ``acknowledged`` (an open finding on the same cell wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from doccheck.models import CANONICAL_FIELDS, Document, Report

CellState = Literal["", "error", "warning", "acknowledged"]
MATRIX_FIELDS: tuple[str, ...] = tuple(f for f in CANONICAL_FIELDS if f not in {"duties", "teer"})
_PRECEDENCE = {"": 0, "acknowledged": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Cell:
    text: str  # the value as a person reads it ("" when the document does not state the field)
    raw: str = ""
    page: int | None = None
    state: CellState = ""


@dataclass(frozen=True)
class Matrix:
    documents: list[Document]
    fields: list[str]
    cells: dict[tuple[str, str], Cell]  # (field, document path) -> cell

    def cell(self, field: str, path: str) -> Cell:
        return self.cells.get((field, path), Cell(""))


def field_matrix(report: Report) -> Matrix | None:
    """Documents that state fields, the fields any of them states, and every cell; None when empty."""
    from doccheck.checks.compare import display

    docs = [d for d in report.documents if d.fields]
    fields = [f for f in MATRIX_FIELDS if any(f in d.fields for d in docs)]
    if not docs or not fields:
        return None
    states = cell_states(report)
    cells = {
        (name, doc.path): Cell(display(name, value), value.raw, value.page, states.get((name, doc.path), ""))
        for doc in docs
        for name, value in doc.fields.items()
        if name in fields
    }
    return Matrix(docs, fields, cells)


def cell_states(report: Report) -> dict[tuple[str, str], CellState]:
    """(field, document) -> the strongest mark any error/warning finding puts on it."""
    states: dict[tuple[str, str], CellState] = {}
    for finding in report.findings:
        if finding.severity == "info":
            continue
        state: CellState = "acknowledged" if getattr(finding, "acknowledged", False) else finding.severity
        for name in finding.fields:
            for path in finding.documents:
                if _PRECEDENCE[state] > _PRECEDENCE[states.get((name, path), "")]:
                    states[(name, path)] = state
    return states


__all__ = ["Cell", "CellState", "MATRIX_FIELDS", "Matrix", "cell_states", "field_matrix"]
