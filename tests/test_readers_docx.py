"""Tests for doccheck.readers.docx: text in document order, tables, text boxes, pages, refusals.

Ordinary documents are built with python-docx; text boxes, content controls, tracked changes
and broken packages are written as raw WordprocessingML into a zip by `_write_docx`.
All names and numbers are invented.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from doccheck.readers.base import UnreadableDocument
from doccheck.readers.docx import OLE_MAGIC, read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def _document_xml(body: str) -> str:
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f"{declaration}<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _write_docx(path: Path, body: str = "", *, parts: dict[str, str | bytes | None] | None = None) -> Path:
    """A minimal .docx: package relationships plus word/document.xml holding `body`; `parts` override (None drops)."""
    files: dict[str, str | bytes | None] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": _document_xml(body),
    }
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            if content is not None:
                zf.writestr(name, content)
    return path


def _lines(path: Path) -> list[str]:
    return read_docx(path, path.name).text.split("\n")


# --- text in document order -------------------------------------------------------------------


def test_read_docx_keeps_paragraphs_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Dear Ms. Ana Testwoman,", "We are pleased to offer you the position.", "Sincerely,"):
        document.add_paragraph(text)
    document.add_paragraph("")  # empty paragraphs are dropped
    path = tmp_path / "offer.docx"
    document.save(path)

    raw = read_docx(path, "offer.docx")

    assert raw.pages[0].lines == ["Dear Ms. Ana Testwoman,", "We are pleased to offer you the position.", "Sincerely,"]
    assert raw.page_count == 1
    assert raw.rel_path == "offer.docx"


def test_read_docx_reads_table_rows_as_lines_and_as_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Terms of employment")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Wage", "$41.25 per hour"
    table.cell(1, 0).text, table.cell(1, 1).text = "Hours", "37.5 per week"
    document.add_paragraph("After the table")
    path = tmp_path / "table.docx"
    document.save(path)

    page = read_docx(path, "table.docx").pages[0]

    assert page.lines == ["Terms of employment", "Wage | $41.25 per hour", "Hours | 37.5 per week", "After the table"]
    assert page.tables == [[["Wage", "$41.25 per hour"], ["Hours", "37.5 per week"]]]


def test_read_docx_reads_nested_tables_once_and_lists_both(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Position"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Title", "Senior Data Engineer"
    path = tmp_path / "nested.docx"
    document.save(path)

    page = read_docx(path, "nested.docx").pages[0]

    assert sum("Senior Data Engineer" in line for line in page.lines) == 1
    assert "Title | Senior Data Engineer" in page.lines
    assert [["Title", "Senior Data Engineer"]] in page.tables
    assert len(page.tables) == 2


def test_read_docx_reads_long_layout_cells_as_separate_lines(tmp_path: Path) -> None:
    # A one-cell table wrapping the whole letter is layout: each paragraph stays its own line.
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "Line 1"
    for n in range(2, 10):
        cell.add_paragraph(f"Line {n}")
    path = tmp_path / "layout.docx"
    document.save(path)

    assert _lines(path) == [f"Line {n}" for n in range(1, 10)]


@pytest.mark.parametrize(
    ("run_xml", "expected"),
    [
        # w:tab becomes a tab character inside the line
        ("<w:t>Wage:</w:t><w:tab/><w:t>$50,000</w:t>", ["Wage:\t$50,000"]),
        # a plain w:br starts a new line
        ("<w:t>123 Main Street</w:t><w:br/><w:t>Toronto ON</w:t>", ["123 Main Street", "Toronto ON"]),
        # a non-breaking hyphen is a hyphen
        ("<w:t>Jean</w:t><w:noBreakHyphen/><w:t>Luc</w:t>", ["Jean-Luc"]),
        # zero-width characters are dropped, no-break spaces become spaces
        ("<w:t>A\u200bB\u00a0C\ufeff</w:t>", ["AB C"]),
        # tab stops in paragraph properties are not text
        ("<w:t>plain</w:t>", ["plain"]),
    ],
)
def test_read_docx_renders_run_content(tmp_path: Path, run_xml: str, expected: list[str]) -> None:
    body = f'<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r>{run_xml}</w:r></w:p>'
    assert _lines(_write_docx(tmp_path / "runs.docx", body)) == expected


def test_read_docx_skips_deleted_and_keeps_inserted_tracked_changes(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Start date: </w:t></w:r>'
        '<w:del w:id="1" w:author="HR"><w:r><w:delText>March 1, 2026</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="HR"><w:r><w:t>April 6, 2026</w:t></w:r></w:ins></w:p>'
    )
    assert _lines(_write_docx(tmp_path / "tracked.docx", body)) == ["Start date: April 6, 2026"]


def test_read_docx_skips_hidden_text_and_field_codes(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Visible </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden note</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    assert _lines(_write_docx(tmp_path / "hidden.docx", body)) == ["Visible 1"]


# --- text boxes and content controls -------------------------------------------------------------


def _textbox_paragraph(choice: bool, fallback: bool) -> str:
    box = "<w:txbxContent>" + _p("Employer: Northwind Widgets Ltd.") + _p("Job title: Welder") + "</w:txbxContent>"
    choice_xml = (
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    )
    vml = f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
    if choice:
        fallback_xml = f"<mc:Fallback>{vml}</mc:Fallback>" if fallback else ""
        content = f"<mc:AlternateContent>{choice_xml}{fallback_xml}</mc:AlternateContent>"
    else:
        content = vml
    return f'<w:p><w:r><w:t xml:space="preserve">Anchor paragraph</w:t></w:r><w:r>{content}</w:r></w:p>'


@pytest.mark.parametrize(
    ("choice", "fallback"),
    [
        (True, True),  # Word 2010+: DrawingML choice plus a VML fallback with the same text
        (True, False),  # DrawingML only
        (False, True),  # legacy VML text box only
    ],
)
def test_read_docx_reads_text_box_text_exactly_once(tmp_path: Path, choice: bool, fallback: bool) -> None:
    body = _p("Before") + _textbox_paragraph(choice, fallback) + _p("After")
    lines = _lines(_write_docx(tmp_path / "box.docx", body))
    assert lines == ["Before", "Anchor paragraph", "Employer: Northwind Widgets Ltd.", "Job title: Welder", "After"]


def test_read_docx_reads_block_and_inline_content_controls(tmp_path: Path) -> None:
    body = (
        '<w:sdt><w:sdtPr><w:alias w:val="Worker name"/><w:tag w:val="worker"/></w:sdtPr>'
        f"<w:sdtContent>{_p('Ana Testwoman')}</w:sdtContent></w:sdt>"
        '<w:p><w:r><w:t xml:space="preserve">Start date: </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:tag w:val="start"/><w:date w:fullDate="2026-04-06T00:00:00Z"/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>6 April 2026</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    raw = read_docx(_write_docx(tmp_path / "controls.docx", body), "controls.docx")

    assert raw.pages[0].lines == ["Ana Testwoman", "Start date: 6 April 2026"]
    values = {v.name: (v.value, v.raw, v.page, v.label) for v in raw.form_values}
    assert values == {
        "worker": ("Ana Testwoman", "Ana Testwoman", 1, "Worker name"),
        "start": ("6 April 2026", "2026-04-06T00:00:00Z", 1, ""),
    }


def test_read_docx_skips_content_control_placeholder_prompt(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">End date: </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:tag w:val="end"/><w:showingPlcHdr/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>Click or tap to enter a date.</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    raw = read_docx(_write_docx(tmp_path / "placeholder.docx", body), "placeholder.docx")
    assert raw.pages[0].lines == ["End date:"]
    assert raw.form_values == []


# --- headers, footers, pages ----------------------------------------------------------------------


def test_read_docx_puts_header_first_and_footer_last_once(tmp_path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Northwind Widgets Ltd. | 100 Queen St W, Toronto"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Northwind Widgets Ltd. | 100 Queen St W, Toronto"
    section.footer.paragraphs[0].text = "Confidential"
    document.add_paragraph("Page one body")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Page two body")
    path = tmp_path / "header.docx"
    document.save(path)

    raw = read_docx(path, "header.docx")

    assert raw.pages[0].lines == ["Northwind Widgets Ltd. | 100 Queen St W, Toronto", "Page one body"]
    assert raw.pages[-1].lines == ["Page two body", "Confidential"]


def test_read_docx_splits_pages_on_explicit_page_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First page")
    document.add_page_break()
    document.add_paragraph("Second page")
    document.add_paragraph("Third page").paragraph_format.page_break_before = True
    path = tmp_path / "pages.docx"
    document.save(path)

    raw = read_docx(path, "pages.docx")

    assert [(p.number, p.lines) for p in raw.pages] == [(1, ["First page"]), (2, ["Second page"]), (3, ["Third page"])]
    assert raw.page_count == 3


def test_read_docx_ignores_last_rendered_page_break_hint(tmp_path: Path) -> None:
    body = _p("One") + "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Two</w:t></w:r></w:p>"
    raw = read_docx(_write_docx(tmp_path / "hint.docx", body), "hint.docx")
    assert raw.page_count == 1
    assert raw.pages[0].lines == ["One", "Two"]


def test_read_docx_page_break_inside_paragraph_splits_its_lines(tmp_path: Path) -> None:
    body = '<w:p><w:r><w:t>End of page one</w:t><w:br w:type="page"/><w:t>Top of page two</w:t></w:r></w:p>'
    raw = read_docx(_write_docx(tmp_path / "mid.docx", body), "mid.docx")
    assert [p.lines for p in raw.pages] == [["End of page one"], ["Top of page two"]]


def test_read_docx_caps_kept_text_with_a_warning(tmp_path: Path) -> None:
    body = "".join(_p(f"Paragraph number {n:03d}") for n in range(100))
    raw = read_docx(_write_docx(tmp_path / "long.docx", body), "long.docx", max_text_chars=200)
    assert 0 < len(raw.text) <= 200 + len(raw.pages[0].lines)
    assert any("very long" in w for w in raw.warnings)


# --- refusals in plain words ----------------------------------------------------------------------


def _written(data: bytes):
    """A maker writing `data` as the file."""

    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def _ole(stream_name: str):
    return _written(OLE_MAGIC + b"\x00" * 504 + stream_name.encode("utf-16-le") + b"\x00" * 64)


def _truncated(path: Path) -> Path:
    data = _write_docx(path, _p("x") * 50).read_bytes()
    path.write_bytes(data[:120])
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        # zero-byte file
        (_written(b""), "empty file"),
        # a plain text file renamed .docx
        (_written(b"Dear Sir, please find attached."), "not a Word document (not a zip file)"),
        # a zip that holds no word/document.xml
        (
            lambda p: _write_docx(p, parts={"word/document.xml": None, "_rels/.rels": None}),
            "damaged Word document: word/document.xml is missing",
        ),
        # document.xml that is not well-formed XML
        (
            lambda p: _write_docx(p, parts={"word/document.xml": "<w:document><w:body><w:p>"}),
            "damaged Word document: XML is malformed",
        ),
        # an encrypted .docx is an OLE compound file with an EncryptedPackage stream
        (_ole("EncryptedPackage"), "password-protected or encrypted Word document"),
        # any other OLE header bytes are treated as encrypted too
        (_written(OLE_MAGIC + b"\x00" * 100), "password-protected or encrypted Word document"),
        # a legacy .doc renamed .docx
        (_ole("WordDocument"), "old Word 97-2003 (.doc) file renamed .docx: save it as .docx or PDF"),
        # a zip cut short
        (_truncated, "damaged Word document: the file is truncated or corrupt"),
    ],
)
def test_read_docx_refuses_unreadable_files_in_plain_words(tmp_path: Path, make, reason: str) -> None:
    path = make(tmp_path / "case.docx")
    with pytest.raises(UnreadableDocument) as error:
        read_docx(path, "case.docx")
    assert str(error.value) == reason


def test_read_docx_refuses_declared_size_over_the_limit(tmp_path: Path) -> None:
    path = _write_docx(tmp_path / "big.docx", _p("x" * 5000))
    with pytest.raises(UnreadableDocument, match="possible zip bomb"):
        read_docx(path, "big.docx", max_uncompressed_bytes=4000)


def test_read_docx_refuses_extreme_compression_ratio(tmp_path: Path) -> None:
    # 2 MiB of zeros deflates ~1000:1, far over the 200:1 default.
    path = _write_docx(tmp_path / "ratio.docx", _p("ok"), parts={"word/media/blank.bin": b"\x00" * (2 << 20)})
    with pytest.raises(UnreadableDocument, match="Word file refused: declared uncompressed size too large"):
        read_docx(path, "ratio.docx")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.mark.parametrize(
    "encoding",
    [
        "utf-8",  # caught by the byte scan before parsing
        "utf-16",  # invisible to the byte scan, caught after a parse that expands nothing
    ],
)
def test_read_docx_refuses_entity_expansion(tmp_path: Path, encoding: str) -> None:
    xml = BILLION_LAUGHS.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    path = _write_docx(tmp_path / "lol.docx", parts={"word/document.xml": xml.encode(encoding)})
    with pytest.raises(UnreadableDocument, match="unsafe XML"):
        read_docx(path, "lol.docx")


def test_read_docx_skips_a_malformed_footer_with_a_warning(tmp_path: Path) -> None:
    path = _write_docx(tmp_path / "footer.docx", _p("Body"), parts={"word/footer1.xml": "<w:ftr"})
    raw = read_docx(path, "footer.docx")
    assert raw.pages[0].lines == ["Body"]
    assert raw.warnings == ["damaged Word header/footer (footer1.xml) was skipped"]


def test_read_docx_finds_main_part_through_package_relationships(tmp_path: Path) -> None:
    # Some generators name the main part differently; _rels/.rels says where it is.
    rels = PACKAGE_RELS.replace("word/document.xml", "word/main-body.xml")
    path = _write_docx(
        tmp_path / "renamed.docx",
        parts={"word/document.xml": None, "_rels/.rels": rels, "word/main-body.xml": _document_xml(_p("Found"))},
    )
    assert _lines(path) == ["Found"]


def test_read_docx_reads_iso_strict_namespace(tmp_path: Path) -> None:
    strict = _document_xml(_p("Strict text")).replace(W_NS, "http://purl.oclc.org/ooxml/wordprocessingml/main")
    path = _write_docx(tmp_path / "strict.docx", parts={"word/document.xml": strict})
    assert _lines(path) == ["Strict text"]
