"""PDF reader: pypdfium2 for text lines (with cell gaps kept) page by page, pypdf for form values.

Steps:
1. open with pdfium (an empty user password opens silently; a real one is reported);
2. per page: text segments with their boxes -> lines, cells separated by " | " where a wide gap
   splits a line; aligned multi-cell lines -> a table; the page is closed before the next;
3. plain AcroForm values through pdfium, on the pages it has loaded anyway; XFA datasets (and the
   AcroForm fields beside them) through pypdf, only when the file has such a form.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import Future
from functools import cached_property
from pathlib import Path

from doccheck.extract import programs
from doccheck.readers.base import Page, RawDocument, UnreadableDocument
from doccheck.readers.ocr import lines_need_ocr

log = logging.getLogger(__name__)

CELL_SEP = " | "
_FORM_NONE = 0
_FORM_ACRO = 1  # FORMTYPE_ACRO_FORM: fields only, no XFA


def read_pdf(path: Path, rel_path: str, *, max_pages: int = 500, ocr: bool = True, max_ocr_pages: int = 60,
             ocr_threads: int | None = None) -> RawDocument:
    """Read a PDF's text lines, tables and form values; raise UnreadableDocument in plain words."""
    import pypdfium2 as pdfium

    data_tail = _tail(path)
    doc = RawDocument(path=path, rel_path=rel_path)
    if b"%%EOF" not in data_tail:
        doc.errors.append("damaged PDF: ends early (the file looks truncated); read what could be recovered")
    try:
        pdf = _open(path)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(_pdfium_reason(exc, path)) from None
    try:
        form_type = _form_type(pdf)
        widgets = form_type == _FORM_ACRO and _init_forms(pdf)
        doc.page_count = len(pdf)
        doc.pages = _read_pages(pdf, min(len(pdf), max_pages), ocr=ocr, doc=doc, max_ocr_pages=max_ocr_pages, widgets=widgets,
                                ocr_threads=ocr_threads)
        if len(pdf) > max_pages:
            doc.warnings.append(f"only the first {max_pages} of {len(pdf)} pages were read (page cap)")
    finally:
        pdf.close()
    if (form_type != _FORM_NONE and not widgets) or _mentions_forms(doc):
        _read_form_values(path, doc)
    if doc.page_count == 0 and not doc.form_values:
        raise UnreadableDocument("damaged PDF: it has no pages")
    if not doc.pages and not doc.form_values:
        raise UnreadableDocument("damaged PDF: none of its pages could be read")
    return doc


def _open(path: Path):
    """The document opened by pdfium from its path, as ``pdfium.PdfDocument(path)`` opens it, without
    resolving the path first (``realpath`` looks up every folder of it: a tenth of opening a small PDF)."""
    import os

    import pypdfium2 as pdfium
    import pypdfium2.internal as pdfium_i
    import pypdfium2.raw as pdfium_raw

    raw = pdfium_raw.FPDF_LoadDocument(os.fsencode(path), None)
    if pdfium_raw.FPDF_GetPageCount(raw) < 1:  # not opened (or no page): pypdfium2's own check and error
        code = pdfium_raw.FPDF_GetLastError()
        if raw:
            pdfium_raw.FPDF_CloseDocument(raw)
        raise pdfium.PdfiumError(f"Failed to load document (PDFium: {pdfium_i.ErrorToStr.get(code)}).", err_code=code)
    return pdfium.PdfDocument(raw)


def _tail(path: Path, size: int = 2048) -> bytes:
    """The file's last ``size`` bytes (os calls: no buffered file object for one read)."""
    import os

    fd = os.open(path, os.O_RDONLY)
    try:
        end = os.lseek(fd, 0, os.SEEK_END)
        return os.pread(fd, min(size, end), max(0, end - size))
    finally:
        os.close(fd)


def _pdfium_reason(exc: Exception, path: Path) -> str:
    text = str(exc).lower()
    if "password" in text:
        return "password-protected PDF (it needs a password to open)"
    if "format" in text or "corrupt" in text:
        if b"%%EOF" not in _tail(path):
            return "damaged PDF: ends early (the file is truncated)"
        return "damaged PDF: the file structure is broken"
    if "security" in text:
        return "PDF uses an unsupported security handler"
    return f"damaged PDF: {exc}"


def _form_type(pdf) -> int:
    try:
        return int(pdf.get_formtype())
    except Exception:  # noqa: BLE001 - a form we cannot init is treated as no form
        return _FORM_NONE


def _init_forms(pdf) -> bool:
    """Open the form environment so widgets can be read page by page (False: pypdf reads them later)."""
    try:
        pdf.init_forms()
        return pdf.formenv is not None
    except Exception:  # noqa: BLE001 - a form pdfium cannot set up is read by pypdf instead
        return False


def _mentions_forms(doc: RawDocument) -> bool:
    return bool(doc.pages) and "please wait" in "\n".join(doc.pages[0].lines).lower()


def _read_pages(pdf, count: int, *, ocr: bool, doc: RawDocument, max_ocr_pages: int = 60, widgets: bool = False,
                ocr_threads: int | None = None) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    from doccheck.readers.acroform import page_widgets

    seen_fields: set[str] = set()
    pages: list[Page] = []
    scans = _ScanPages(doc, ocr_threads)
    broken: list[int] = []
    try:
        # pages and text pages through pdfium's own calls, each closed before the next page: what
        # ``pdf[index]`` and ``get_textpage()`` do, without a tracked wrapper object per page. The form
        # fields' values are read through the form handle; ``page_widgets`` opens a page view only where a
        # box's ticked state needs it
        form = pdf.formenv.raw if pdf.formenv else None
        for index in range(count):
            page = pdfium_raw.FPDF_LoadPage(pdf.raw, index)
            if not page:  # one damaged page must not lose the others
                broken.append(index + 1)
                continue
            try:
                raw_text = pdfium_raw.FPDFText_LoadPage(page)
                if not raw_text:
                    raise pdfium.PdfiumError("Failed to load text page.")
                try:
                    lines, tables = _page_lines(_TextPage(raw_text))
                finally:
                    pdfium_raw.FPDFText_ClosePage(raw_text)
                if widgets:
                    doc.form_values.extend(page_widgets(form, page, index + 1, seen_fields))
                # a page that draws nothing (no objects, no annotations) has nothing to OCR: skip the render
                blank = pdfium_raw.FPDFPage_CountObjects(page) <= 0 and pdfium_raw.FPDFPage_GetAnnotCount(page) <= 0
                if ocr and not blank and lines_need_ocr(lines):
                    if scans.queued < max_ocr_pages:
                        scans.add(pdf, index, len(pages))
                    else:
                        scans.skipped += 1
                pages.append(Page(number=index + 1, lines=lines, tables=tables))
            finally:
                pdfium_raw.FPDF_ClosePage(page)
        scans.finish(pages)
    finally:
        scans.close()
    if scans.skipped:
        doc.warnings.append(f"{scans.skipped} scanned page(s) were not OCR'd (limit {max_ocr_pages} per PDF; see --max-ocr-pages)")
    if broken:  # not raised: form values (read later) may still be there
        shown = ", ".join(map(str, broken[:10])) + (" ..." if len(broken) > 10 else "")
        rest = "; the others were read" if pages else ""
        doc.errors.append(f"damaged PDF: {len(broken)} page(s) could not be read (page {shown}){rest}")
    return pages


class _ScanPages:
    """Scanned pages OCR'd while the following pages are read.

    pdfium is not thread-safe, so every page is rendered here, in order; Tesseract, a separate
    process, reads up to ``threads`` pages at once. The results (and any warning) are applied in
    page order, so the document is the same as when the pages are read one by one. At most
    ``threads + 1`` rendered pages wait in memory.
    """

    def __init__(self, doc: RawDocument, threads: int | None) -> None:
        from doccheck.readers.ocr import OcrCancel

        self.doc = doc
        self._cancel = OcrCancel()  # cancelled by close(): a Tesseract still running is stopped
        self._requested = threads
        self.queued = 0
        self.skipped = 0
        self._jobs: list[tuple[int, int, object]] = []  # (position in pages, page index, Future or outcome)
        self._pool = None

    @cached_property
    def threads(self) -> int:
        """Tesseract runs at once (asked for the first scanned page only: most PDFs have none)."""
        import os

        return max(1, self._requested if self._requested is not None else min(os.cpu_count() or 1, 4))

    def add(self, pdf, index: int, position: int) -> None:
        from doccheck.readers import ocr

        self.queued += 1
        try:
            ocr._require_tesseract(ocr.DEFAULT_LANGUAGES)  # missing: no page is rendered for nothing
            image, dpi = ocr.render_pdf_page(pdf, index)
        except Exception as exc:  # noqa: BLE001 - applied (as a warning) in page order by finish()
            self._jobs.append((position, index, exc))
            return
        if self.threads == 1:
            self._jobs.append((position, index, _outcome(ocr.ocr_image, image, dpi)))
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="doccheck-ocr")
        running = [job for job in self._jobs if isinstance(job[2], Future) and not job[2].done()]
        if len(running) > self.threads:
            running[0][2].exception()  # wait for the oldest: bounded memory
        self._jobs.append((position, index, self._pool.submit(_outcome, ocr.ocr_image, image, dpi, self._cancel)))

    def finish(self, pages: list[Page]) -> None:
        """Each OCR'd page in place of its empty text layer; failures as warnings, in page order."""
        from doccheck.readers import ocr

        warned = False
        for position, index, job in self._jobs:
            outcome = job.result() if isinstance(job, Future) else job
            if isinstance(outcome, ocr.OcrUnavailable):
                if not warned:
                    self.doc.warnings.append(str(outcome))
                    warned = True
            elif isinstance(outcome, Exception):
                self.doc.warnings.append(f"page {index + 1}: OCR failed ({outcome.__class__.__name__})")
            else:
                pages[position] = Page(number=index + 1, lines=outcome.lines, ocr=True, confidence=outcome.mean_confidence)

    def close(self) -> None:
        """After finish() nothing runs; after a time limit stopped the file, running Tesseracts are killed."""
        if self._pool is not None:
            self._cancel.cancel()
            self._pool.shutdown(wait=False, cancel_futures=True)


def _outcome(read, image, dpi, cancel=None):
    """``read(image, dpi=dpi)``, or the exception it raised (an OCR failure loses one page only)."""
    try:
        return read(image, dpi=dpi, cancel=cancel)
    except Exception as exc:  # noqa: BLE001
        return exc


class _TextPage:
    """A pdfium text page handle with the few reads this module makes, as pypdfium2's ``PdfTextPage``
    makes them (same calls, same results, same errors); opened and closed by ``_read_pages``."""

    __slots__ = ("raw", "_as_parameter_", "_lib", "_error")

    def __init__(self, raw) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_raw

        self.raw = raw
        self._as_parameter_ = raw  # passed to pdfium calls as the handle itself
        self._lib, self._error = pdfium_raw, pdfium.PdfiumError

    def count_chars(self) -> int:
        n_chars = self._lib.FPDFText_CountChars(self.raw)
        if n_chars == -1:
            raise self._error("Failed to get character count.")
        return n_chars

    def count_rects(self, index: int = 0, count: int = -1) -> int:
        n_rects = self._lib.FPDFText_CountRects(self.raw, index, count)
        if n_rects == -1:
            raise self._error("Failed to count rectangles.")
        return n_rects

    def get_rect(self, index: int) -> tuple[float, float, float, float]:
        import ctypes

        left, bottom, right, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        if not self._lib.FPDFText_GetRect(self.raw, index, left, top, right, bottom):
            raise self._error("Failed to get rectangle.")
        return (left.value, bottom.value, right.value, top.value)

    def get_text_range(self) -> str:
        """The whole page's text; characters pdfium leaves out at either end are skipped, as
        pypdfium2 does (it would otherwise read past the range: pypdfium2 issue 261)."""
        import ctypes

        first, last = 0, self.count_chars() - 1
        text_index = self._lib.FPDFText_GetTextIndexFromCharIndex
        while first <= last and text_index(self.raw, first) == -1:
            first += 1
        while first <= last and text_index(self.raw, last) == -1:
            last -= 1
        if first > last:
            return ""
        t_start, t_end = text_index(self.raw, first), text_index(self.raw, last)
        buffer = (ctypes.c_ushort * (t_end + 2 - t_start))()
        out_count = self._lib.FPDFText_GetText(self.raw, first, last + 1 - first, buffer)
        return memoryview(buffer)[: out_count - 1].tobytes().decode("utf-16-le", errors="ignore")


def _page_lines(textpage) -> tuple[list[str], list[list[list[str]]]]:
    rect_count = textpage.count_rects()
    page_text = textpage.get_text_range()
    plain = [" ".join(line.split()) for line in page_text.splitlines()]
    plain = [line for line in plain if line]
    if rect_count == len(plain):
        return plain, []  # one text run per line (prose): no cells to separate, no table
    segments = _run_segments(textpage, page_text)
    if segments is None:
        segments = _bounded_segments(textpage, rect_count)
    cell_rows = _join_wrapped_cells([(_row_cells(row), bottom, top) for row, bottom, top in _group_rows(segments)])
    lines = [CELL_SEP.join(text for _, text in cells) for cells in cell_rows]
    return lines, _tables(cell_rows)


def _run_segments(textpage, text: str) -> list[tuple[float, float, float, float, str]] | None:
    """Each text run of each line with its rectangle, the text cut from the page text by character index.

    pdfium's rectangles follow the characters in order, one per run of one text object; within a
    line (the page text between ``\\r\\n``) the start of each run is found by bisection on the
    number of rectangles a character range has. None when the page text is not one character per
    index (characters outside the BMP, excluded characters): ``_bounded_segments`` reads those.
    """
    import ctypes

    import pypdfium2.raw as pdfium_raw

    raw = textpage.raw
    if len(text) != pdfium_raw.FPDFText_CountChars(raw):
        return None
    count_rects, get_rect = pdfium_raw.FPDFText_CountRects, pdfium_raw.FPDFText_GetRect
    left, top, right, bottom = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    segments = []
    end = -2
    for line in text.split("\r\n"):
        start, end = end + 2, end + 2 + len(line)
        if not line.strip():
            continue
        runs = count_rects(raw, start, end - start)  # also selects the line's rectangles for get_rect
        if runs <= 0:
            continue
        boxes = []
        for i in range(runs):
            get_rect(raw, i, left, top, right, bottom)
            boxes.append((left.value, bottom.value, right.value, top.value))
        # short runs (a character each, as in an MRZ line) are found faster by galloping from the last
        # start than by halving the rest of the line
        gallop = 2 * (end - start) < runs * runs
        cuts = [start]
        for run in range(1, runs):  # where run `run` starts: the last character of the shortest prefix holding it
            low, high = cuts[-1] + 1, end
            if gallop:  # probe 1, 2, 4, 8 … characters on, then halve the last gap
                origin, reach = low, 1
                while low < high:
                    probe = min(origin + reach - 1, high - 1)
                    if count_rects(raw, start, probe - start) > run:
                        high = probe
                        break
                    low, reach = probe + 1, reach * 2
            while low < high:
                mid = (low + high) // 2
                if count_rects(raw, start, mid - start) > run:
                    high = mid
                else:
                    low = mid + 1
            cuts.append(low - 1)
        cuts.append(end)
        for i, box in enumerate(boxes):
            words = " ".join(text[cuts[i]:cuts[i + 1]].split())
            if words:
                segments.append((*box, words))
    return segments


def _bounded_segments(textpage, rect_count: int) -> list[tuple[float, float, float, float, str]]:
    """Each rectangle of the page with the text pdfium finds inside it (one call per rectangle)."""
    segments = []
    bounded = _BoundedText(textpage)
    textpage.count_rects()  # get_rect reads the rectangles of the last count: the whole page's
    for i in range(rect_count):
        left, bottom, right, top = textpage.get_rect(i)
        words = " ".join(bounded(left, bottom, right, top).split())
        if words:
            segments.append((left, bottom, right, top, words))
    return segments


class _BoundedText:
    """The text inside a rectangle of one text page, one pdfium call each (pypdfium2's
    ``get_text_bounded`` makes two: one for the length, one for the text) into a shared buffer."""

    def __init__(self, textpage) -> None:
        import ctypes

        self._textpage = textpage
        self._size = 2 * max(textpage.count_chars(), 0) + 16  # more than all the page's characters
        self._buffer = (ctypes.c_ushort * self._size)()

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        import ctypes

        import pypdfium2.raw as pdfium_raw

        copied = pdfium_raw.FPDFText_GetBoundedText(self._textpage, left, top, right, bottom, self._buffer, self._size)
        if copied <= 0:
            return ""
        return ctypes.string_at(self._buffer, 2 * copied).decode("utf-16-le", errors="ignore").rstrip("\x00")


_OPEN_END = programs.compile(r"(?:[–—\-/,]|\b(?:of|or|and|the|a|an|de|du|des|la|le|et|ou|to|for|in))\s*$", re.I)


def _join_wrapped_cells(rows: list[tuple[list[tuple[float, str]], float, float]]) -> list[list[tuple[float, str]]]:
    """Re-join a table cell that wrapped onto the next visual row.

    A lone segment right below a two-column row continues that row's cell at the same x: the value
    column ("…supervise" / "laboratory projects…") or the label column when the label was left open
    ("Duration of expected employment –" / "From", "…Offer of" / "employment number").
    """
    out: list[list[tuple[float, str]]] = []
    previous: tuple[float, float] | None = None  # (bottom, height) of the last row kept
    for cells, bottom, top in rows:
        height = max(top - bottom, 4.0)
        if out and previous and len(cells) == 1 and len(out[-1]) >= 2 and previous[0] - top < 1.2 * height:
            x, text = cells[0]
            last = out[-1]
            if abs(x - last[-1][0]) <= 6 and not re.match(r"^[A-ZÀ-Ý][^:]{0,40}:\s", text):
                last[-1] = (last[-1][0], f"{last[-1][1]} {text}")
                previous = (bottom, height)
                continue
            if abs(x - last[0][0]) <= 6 and len(text.split()) <= 4 and (_OPEN_END.search(last[0][1]) or text[:1].islower()):
                last[0] = (last[0][0], f"{last[0][1]} {text}")
                previous = (bottom, height)
                continue
        out.append(list(cells))
        previous = (bottom, height)
    return out


def _group_rows(segments):
    """Group text segments into visual rows (overlapping vertical extents), top to bottom: each row
    as (its segments left to right, its bottom, its top)."""
    segments.sort(key=lambda s: (-(s[1] + s[3]) / 2, s[0]))
    rows: list[list] = []  # [segments, bottom, top]
    for seg in segments:
        mid = (seg[1] + seg[3]) / 2
        if rows:
            last = rows[-1]
            if last[1] <= mid <= last[2]:
                last[0].append(seg)
                last[1], last[2] = min(last[1], seg[1]), max(last[2], seg[3])
                continue
        rows.append([[seg], seg[1], seg[3]])
    return [(sorted(row, key=lambda s: s[0]), bottom, top) for row, bottom, top in rows]


def _row_cells(row) -> list[tuple[float, str]]:
    cells: list[tuple[float, str]] = []
    prev_right = None
    for left, bottom, right, top, text in row:
        height = max(top - bottom, 4.0)
        if prev_right is not None and left - prev_right < 1.2 * height and cells:
            x, previous = cells[-1]
            cells[-1] = (x, f"{previous} {text}")
        else:
            cells.append((left, text))
        prev_right = right
    return cells


def _tables(cell_rows: list[list[tuple[float, str]]]) -> list[list[list[str]]]:
    """Runs of >= 2 consecutive multi-cell rows whose cells start at the same x positions."""
    tables: list[list[list[str]]] = []
    run: list[list[tuple[float, str]]] = []

    def flush() -> None:
        if len(run) >= 2:
            tables.append([[text for _, text in row] for row in run])
        run.clear()

    for cells in cell_rows:
        if len(cells) >= 2 and (not run or _aligned(run[-1], cells)):
            run.append(cells)
        else:
            flush()
            if len(cells) >= 2:
                run.append(cells)
    flush()
    return tables


def _aligned(a: list[tuple[float, str]], b: list[tuple[float, str]], tol: float = 6.0) -> bool:
    if len(a) != len(b):
        return False
    return all(abs(xa - xb) <= tol for (xa, _), (xb, _) in zip(a, b))


def _read_form_values(path: Path, doc: RawDocument) -> None:
    """AcroForm field values and XFA datasets through pypdf (opened with the empty password)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover
        return
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            doc.errors.append("password-protected PDF: its form values could not be read")
            return
        from doccheck.readers import acroform, xfa

        result = xfa.read_xfa(reader) if xfa.has_xfa(reader) else None
        if result is not None:
            doc.form = result.form
            doc.warnings.extend(getattr(result, "warnings", []) or [])
            doc.form_values.extend(result.values)
            extra = [v for v in result.all_values if v.canonical is None]
            doc.form_values.extend(extra)
        doc.form_values.extend(acroform.read_acroform(reader, skip={v.name for v in doc.form_values}))
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        doc.warnings.append(f"form values could not be read ({exc.__class__.__name__})")
