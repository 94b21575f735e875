"""AcroForm field values (fillable PDFs whose answers live only in form fields)."""

from __future__ import annotations

from doccheck.readers.base import FormValue


def read_acroform(reader, *, skip: set[str] | None = None) -> list[FormValue]:
    """Every filled text/choice field of a pypdf reader, with its tooltip and page.

    Args:
        reader: an opened (and decrypted) ``pypdf.PdfReader``.
        skip: field names already read another way (e.g. from XFA).
    """
    skip = skip or set()
    pages = _widget_pages(reader)
    fields = reader.get_fields() or {}
    values: list[FormValue] = []
    for name, field in fields.items():
        if name in skip:
            continue
        raw = field.get("/V")
        text = _as_text(raw)
        if not text:
            continue
        label = _as_text(field.get("/TU")) or ""
        values.append(FormValue(name=name, value=text, raw=text, page=pages.get(name), label=label))
    return values


def _as_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, list):
        return ", ".join(_as_text(item) for item in raw if _as_text(item))
    text = str(raw)
    if text.startswith("/"):  # checkbox / radio export value
        text = text[1:]
        if text.lower() in {"off", "no"}:
            return ""
    return " ".join(text.split())


def _widget_pages(reader) -> dict[str, int]:
    pages: dict[str, int] = {}
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            name = _full_name(obj)
            if name and name not in pages:
                pages[name] = number
        if number > 50:
            break
    return pages


def _full_name(obj) -> str:
    parts: list[str] = []
    node = obj
    for _ in range(20):
        title = node.get("/T")
        if title is not None:
            parts.append(str(title))
        parent = node.get("/Parent")
        if parent is None:
            break
        node = parent.get_object()
    return ".".join(reversed(parts))
