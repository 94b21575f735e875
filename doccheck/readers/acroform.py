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


# --------------------------------------------------------------------------- through pdfium

_PUSHBUTTON, _CHECKBOX, _RADIO, _SIGNATURE = 1, 2, 3, 7


def page_widgets(form_handle, page_handle, number: int, seen: set[str]) -> list[FormValue]:
    """The filled fields whose widgets sit on one pdfium page (each field once, at its first widget).

    Reads what ``read_acroform`` reads (full name, value, tooltip, page) from the document pdfium
    has already parsed, so a plain AcroForm needs no second parser.

    A text or choice field's value comes from the form itself. Whether a box is ticked (and its
    export value) is known to the page's view only: pdfium builds that view, with a form control
    for every widget of the page, only for a page that has a check box or a radio button.

    Args:
        form_handle: the document's form environment (``PdfDocument.init_forms()``, ``formenv.raw``).
        page_handle: the loaded page (``PdfPage.raw``).
        number: the page number (1-based) to record.
        seen: names already read; filled in as fields are read.
    """
    import pypdfium2.raw as pdfium_raw

    view = _PageView(pdfium_raw, form_handle, page_handle)
    try:
        return _page_widgets(pdfium_raw, form_handle, page_handle, number, seen, view)
    finally:
        view.close()


class _PageView:
    """The page's form view (``FORM_OnAfterLoadPage``), opened on first need, closed with the page."""

    def __init__(self, pdfium_raw, form_handle, page_handle) -> None:
        self._raw, self._form, self._page = pdfium_raw, form_handle, page_handle
        self._open = False

    def open(self) -> None:
        if not self._open:
            self._raw.FORM_OnAfterLoadPage(self._page, self._form)
            self._open = True

    def close(self) -> None:
        if self._open:
            self._raw.FORM_OnBeforeClosePage(self._page, self._form)
            self._open = False


def _page_widgets(pdfium_raw, form_handle, page_handle, number: int, seen: set[str], view: _PageView) -> list[FormValue]:
    values: list[FormValue] = []
    for index in range(pdfium_raw.FPDFPage_GetAnnotCount(page_handle)):
        annot = pdfium_raw.FPDFPage_GetAnnot(page_handle, index)
        if not annot:
            continue
        try:
            if pdfium_raw.FPDFAnnot_GetSubtype(annot) != pdfium_raw.FPDF_ANNOT_WIDGET:
                continue
            name = _widget_string(pdfium_raw.FPDFAnnot_GetFormFieldName, form_handle, annot)
            if not name or name in seen:
                continue
            text = _widget_value(pdfium_raw, form_handle, annot, view)
            if text is None:
                continue
            seen.add(name)
            label = _widget_string(pdfium_raw.FPDFAnnot_GetFormFieldAlternateName, form_handle, annot)
            values.append(FormValue(name=name, value=text, raw=text, page=number, label=" ".join(label.split())))
        finally:
            pdfium_raw.FPDFPage_CloseAnnot(annot)
    return values


def _widget_value(pdfium_raw, form_handle, annot, view: _PageView) -> str | None:
    """The field's display value; None for an empty field, an unticked box, a button or a signature."""
    kind = pdfium_raw.FPDFAnnot_GetFormFieldType(form_handle, annot)
    if kind in (_PUSHBUTTON, _SIGNATURE):
        return None
    if kind in (_CHECKBOX, _RADIO):  # a group's value is the export value of its ticked widget
        view.open()
        if not pdfium_raw.FPDFAnnot_IsChecked(form_handle, annot):
            return None
        raw = _widget_string(pdfium_raw.FPDFAnnot_GetFormFieldExportValue, form_handle, annot)
    else:
        raw = _widget_string(pdfium_raw.FPDFAnnot_GetFormFieldValue, form_handle, annot)
    text = _as_text(raw)
    return text or None


def _widget_string(function, form_handle, annot) -> str:
    """A UTF-16 string out of a pdfium ``FPDFAnnot_GetFormField*`` call (size query, then fill)."""
    import ctypes

    size = function(form_handle, annot, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    function(form_handle, annot, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
