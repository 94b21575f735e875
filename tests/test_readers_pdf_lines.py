"""The PDF reader's line and cell reconstruction: text runs cut by character index, not by rectangle."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from doccheck.readers import pdf as pdf_reader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"


def _fixture_pages():
    """(file, page index, text page) of every page of every bundled fixture PDF that opens, each page
    and document closed once the caller moves on."""
    for path in sorted(FIXTURES.rglob("*.pdf")):
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue  # the deliberately damaged fixture
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                try:
                    yield path, index, textpage
                finally:
                    textpage.close()
                    page.close()
        finally:
            pdf.close()


def _pages_with_cells():
    """(file, page index) of every bundled fixture page laid out in cells (more runs than lines)."""
    found = []
    for path, index, textpage in _fixture_pages():
        lines = [line for line in textpage.get_text_range().splitlines() if line.strip()]
        if textpage.count_rects() != len(lines):
            found.append((path, index))
    return found


PAGES = _pages_with_cells()


def test_fixtures_have_pages_laid_out_in_cells():
    assert len(PAGES) >= 5  # OE printouts, IMM 1295 printouts, tables


@pytest.mark.parametrize("path,index", PAGES, ids=[f"{p.parent.name}/{p.name}#{i + 1}" for p, i in PAGES])
def test_runs_cut_by_index_match_the_text_inside_each_rectangle(path, index):
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        textpage = page.get_textpage()
        rects = textpage.count_rects()
        by_index = pdf_reader._run_segments(textpage, textpage.get_text_range())
        by_rectangle = pdf_reader._bounded_segments(textpage, rects)
        textpage.close()
        page.close()
    finally:
        pdf.close()
    assert by_index is not None
    assert [s[4] for s in by_index] == [s[4] for s in by_rectangle]
    assert [x for s in by_index for x in s[:4]] == pytest.approx([x for s in by_rectangle for x in s[:4]])


def test_pages_the_index_cannot_cut_are_read_by_rectangle(monkeypatch):
    path, _ = PAGES[0]
    expected = pdf_reader.read_pdf(path, path.name, ocr=False).pages
    monkeypatch.setattr(pdf_reader, "_run_segments", lambda textpage, text: None)
    fallback = pdf_reader.read_pdf(path, path.name, ocr=False).pages
    assert [p.lines for p in fallback] == [p.lines for p in expected]
    assert any(" | " in line for p in expected for line in p.lines)


def test_a_label_running_into_its_value_is_read_once(tmp_path):
    # The label's text run reaches into the value's column: each run's text is its own characters,
    # not whatever else lies inside its rectangle.
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "overlap.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.drawString(72, 700, "Name of the employer as registered")
    c.drawString(150, 700, "Acme Industrial Ltd")
    c.drawString(72, 680, "Job title:")
    c.drawString(200, 680, "Welder")
    c.save()
    lines = pdf_reader.read_pdf(path, path.name, ocr=False).pages[0].lines
    assert lines[0].count("Acme Industrial Ltd") == 1
    assert "mployer as registereAcme" not in lines[0]  # what the text inside the rectangles gave
    assert lines[1] == "Job title: | Welder"


def test_the_readers_own_text_page_reads_what_pypdfium2_reads():
    # _read_pages loads pages and text pages through pdfium's calls directly (no wrapper object per
    # page): the text, character count and rectangles must be pypdfium2's, page for page.
    import pypdfium2.raw as pdfium_raw

    pages = 0
    for path, index, helper in _fixture_pages():
        pages += 1
        own = pdf_reader._TextPage(pdfium_raw.FPDFText_LoadPage(helper.page.raw))
        try:
            assert own.get_text_range() == helper.get_text_range(), (path, index)
            assert own.count_chars() == helper.count_chars()
            count = own.count_rects()
            assert count == helper.count_rects()
            assert [own.get_rect(i) for i in range(count)] == [helper.get_rect(i) for i in range(count)]
        finally:
            pdfium_raw.FPDFText_ClosePage(own.raw)
    assert pages >= 50


def test_a_pdf_pdfium_cannot_open_is_reported_in_plain_words(tmp_path):
    from doccheck.readers.base import UnreadableDocument

    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nnot a pdf at all\n%%EOF\n")
    with pytest.raises(UnreadableDocument, match="damaged PDF"):
        pdf_reader.read_pdf(path, path.name, ocr=False)
