"""What every reader returns: pages of text lines, tables and form values, or an error in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class UnreadableDocument(Exception):
    """The file cannot be read; the message is written for a paralegal ("password-protected PDF")."""


@dataclass
class Page:
    number: int  # 1-based
    lines: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cell strings
    ocr: bool = False
    confidence: float | None = None  # OCR mean word confidence, 0..1


@dataclass
class FormValue:
    """A value from a fillable form (AcroForm field or XFA dataset node)."""

    name: str  # full field name or XFA path
    value: str  # display value (codes decoded)
    raw: str  # as stored (e.g. the IRCC code "205")
    page: int | None = None
    label: str = ""  # tooltip / caption where the form has one
    canonical: str | None = None  # contract field name when a form mapping names it


@dataclass
class RawDocument:
    path: Path
    rel_path: str
    pages: list[Page] = field(default_factory=list)
    form_values: list[FormValue] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    form: str | None = None  # "IMM 1295 (.ENU-10-2019)" for recognised IRCC forms
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line for page in self.pages for line in page.lines)

    def head(self, chars: int) -> str:
        """The first ``chars`` characters of ``text``, without joining a long document's every page."""
        parts: list[str] = []
        size = 0
        for page in self.pages:
            for line in page.lines:
                parts.append(line)
                size += len(line) + 1
                if size >= chars:
                    return "\n".join(parts)[:chars]
        return "\n".join(parts)

    def text_length(self) -> int:
        """``len(text)``, counted."""
        lines = [len(line) for page in self.pages for line in page.lines]
        return sum(lines) + max(len(lines) - 1, 0)
