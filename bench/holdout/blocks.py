"""A tiny document model (blocks) and three renderers: PDF drawn on a canvas, PDF flowed with platypus, DOCX.

Templates describe *what* a document says as a list of blocks; the renderer decides how it looks
(fonts, two-column label/value, ruled tables, stacked labels), so one template yields many layouts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Block:
    kind: str  # title, heading, para, kv, table, letterhead, mono, small, gap
    text: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)  # kv
    rows: list[list[str]] = field(default_factory=list)  # table (first row = header when header=True)
    header: bool = False
    lines: list[str] = field(default_factory=list)  # letterhead, mono
    style: str | None = None  # kv: columns, colon, stacked, grid; None = renderer's choice


def title(text: str) -> Block:
    return Block("title", text)


def heading(text: str) -> Block:
    return Block("heading", text)


def para(text: str) -> Block:
    return Block("para", text.replace("..", "."))


def small(text: str) -> Block:
    return Block("small", text)


def kv(pairs: list[tuple[str, str]], style: str | None = None) -> Block:
    return Block("kv", pairs=pairs, style=style)


def table(rows: list[list[str]], header: bool = True) -> Block:
    return Block("table", rows=rows, header=header)


def letterhead(lines: list[str]) -> Block:
    return Block("letterhead", lines=lines)


def mono(lines: list[str]) -> Block:
    return Block("mono", lines=lines)


def gap() -> Block:
    return Block("gap")


FONTS = (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold"))


def render(blocks: list[Block], path: Path, engine: str, rng: random.Random) -> None:
    """Write the blocks to ``path`` with one of the engines (canvas, flow, docx); same input, same bytes for PDFs."""
    from reportlab import rl_config

    rl_config.invariant = 1  # no creation date or random document id: reproducible PDFs
    if engine == "canvas":
        _render_canvas(blocks, path, rng)
    elif engine == "flow":
        _render_flow(blocks, path, rng)
    elif engine == "docx":
        _render_docx(blocks, path, rng)
    else:  # pragma: no cover - programming error
        raise ValueError(engine)


# -- PDF on a canvas ---------------------------------------------------------------------------

def _render_canvas(blocks: list[Block], path: Path, rng: random.Random) -> None:
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    size = rng.choice([LETTER, LETTER, A4])
    regular, bold = rng.choice(FONTS[:2]) if rng.random() < 0.85 else FONTS[2]
    base = 10 if regular != "Courier" else 9
    kv_style = rng.choice(["columns", "columns", "colon", "stacked"])
    label_x_ratio = rng.choice([0.36, 0.42, 0.48])
    c = canvas.Canvas(str(path), pagesize=size)
    c.setTitle("")
    width, height = size
    left, right = 56, width - 56
    y = height - 60

    def need(h: float) -> None:
        nonlocal y
        if y - h < 50:
            c.showPage()
            y = height - 60

    def text_lines(text: str, font: str, fsize: float, x: float, max_w: float, lead: float) -> None:
        nonlocal y
        for line in simpleSplit(text, font, fsize, max_w) or [""]:
            need(lead)
            c.setFont(font, fsize)
            c.drawString(x, y, line)
            y -= lead

    for b in blocks:
        if b.kind == "letterhead":
            for i, line in enumerate(b.lines):
                need(14)
                c.setFont(bold if i == 0 else regular, base + 3 if i == 0 else base - 1)
                c.drawRightString(right, y, line) if rng.random() < 0.0 else c.drawString(left, y, line)
                y -= 14 if i == 0 else 11
            c.line(left, y + 4, right, y + 4)
            y -= 14
        elif b.kind == "title":
            need(24)
            text_lines(b.text, bold, base + 4, left, right - left, base + 8)
            y -= 4
        elif b.kind == "heading":
            need(22)
            y -= 4
            text_lines(b.text, bold, base + 1, left, right - left, base + 5)
            c.setLineWidth(0.4)
            c.line(left, y + base - 2, right, y + base - 2)
            y -= 2
        elif b.kind in ("para", "small"):
            fsize = base if b.kind == "para" else base - 2
            text_lines(b.text, regular, fsize, left, right - left, fsize + 4)
            y -= 5
        elif b.kind == "gap":
            y -= 10
        elif b.kind == "mono":
            for line in b.lines:
                need(14)
                c.setFont("Courier", 10)
                c.drawString(left, y, line)
                y -= 13
            y -= 4
        elif b.kind == "kv":
            style = b.style or kv_style
            if style == "grid":
                style = "columns"
            value_x = left + (right - left) * label_x_ratio
            for label, value in b.pairs:
                if style == "columns":
                    label_lines = simpleSplit(label, regular, base, value_x - left - 10) or [""]
                    value_lines = simpleSplit(value, bold, base, right - value_x) or [""]
                    rows = max(len(label_lines), len(value_lines))
                    need(rows * (base + 4))
                    for i in range(rows):
                        c.setFont(regular, base)
                        if i < len(label_lines):
                            c.drawString(left, y, label_lines[i])
                        c.setFont(bold, base)
                        if i < len(value_lines):
                            c.drawString(value_x, y, value_lines[i])
                        y -= base + 4
                    y -= 2
                elif style == "stacked":
                    need(2 * base + 10)
                    c.setFillGray(0.35)
                    text_lines(label, regular, base - 1.5, left, right - left, base + 2)
                    c.setFillGray(0)
                    text_lines(value, bold, base, left + 8, right - left - 8, base + 4)
                    y -= 4
                else:
                    text_lines(f"{label}: {value}", regular, base, left, right - left, base + 4)
            y -= 4
        elif b.kind == "table":
            ncol = max(len(r) for r in b.rows)
            col_w = (right - left) / ncol
            c.setLineWidth(0.6)
            for r_i, row in enumerate(b.rows):
                cells = [simpleSplit(cell, regular, base - 1, col_w - 8) or [""] for cell in row]
                h = max(len(cl) for cl in cells) * (base + 3) + 6
                need(h)
                top = y + base + 2
                for c_i, cl in enumerate(cells):
                    x = left + c_i * col_w
                    c.rect(x, top - h, col_w, h)
                    c.setFont(bold if (b.header and r_i == 0) or c_i == 0 and ncol == 2 else regular, base - 1)
                    for l_i, line in enumerate(cl):
                        c.drawString(x + 4, top - 3 - (l_i + 1) * (base + 2), line)
                y -= h
            y -= 10
    c.save()


# -- PDF flowed with platypus --------------------------------------------------------------------

def _render_flow(blocks: list[Block], path: Path, rng: random.Random) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    regular, bold = rng.choice(FONTS[:2])
    base = rng.choice([9.5, 10, 10.5])
    grid = rng.random() < 0.7
    kv_as = rng.choice(["table", "table", "colon"])
    body = ParagraphStyle("body", fontName=regular, fontSize=base, leading=base + 3.5, spaceAfter=6)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=base - 0.5, leading=base + 2.5)
    cell_b = ParagraphStyle("cellb", parent=cell, fontName=bold)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=base + 5, leading=base + 9, spaceAfter=8)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=base + 1.5, leading=base + 5, spaceBefore=8, spaceAfter=4,
                        textColor=colors.HexColor(rng.choice(["#000000", "#1f3864", "#26374a"])))
    story = []
    doc = SimpleDocTemplate(str(path), pagesize=rng.choice([LETTER, A4]), leftMargin=54, rightMargin=54,
                            topMargin=50, bottomMargin=50, title="")
    avail = doc.width

    def tstyle(header: bool) -> TableStyle:
        cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4)]
        if grid:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        else:
            cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey))
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7e6e6")))
        return TableStyle(cmds)

    for b in blocks:
        if b.kind == "letterhead":
            story.append(Paragraph(escape(b.lines[0]), ParagraphStyle("lh", fontName=bold, fontSize=base + 4, leading=base + 7)))
            for line in b.lines[1:]:
                story.append(Paragraph(escape(line), ParagraphStyle("lh2", fontName=regular, fontSize=base - 1.5, leading=base + 1)))
            story.append(Spacer(1, 14))
        elif b.kind == "title":
            story.append(Paragraph(escape(b.text), h1))
        elif b.kind == "heading":
            story.append(Paragraph(escape(b.text), h2))
        elif b.kind == "para":
            story.append(Paragraph(escape(b.text), body))
        elif b.kind == "small":
            story.append(Paragraph(escape(b.text), ParagraphStyle("sm", parent=body, fontSize=base - 2, leading=base)))
        elif b.kind == "gap":
            story.append(Spacer(1, 10))
        elif b.kind == "mono":
            for line in b.lines:
                story.append(Paragraph(escape(line).replace(" ", "&nbsp;"), ParagraphStyle("mono", fontName="Courier", fontSize=10, leading=13)))
        elif b.kind == "kv":
            if (b.style in ("colon",)) or (b.style is None and kv_as == "colon"):
                for label, value in b.pairs:
                    story.append(Paragraph(f"<font name='{bold}'>{escape(label)}:</font> {escape(value)}", body))
            else:
                rows = [[Paragraph(escape(k), cell_b), Paragraph(escape(v), cell)] for k, v in b.pairs]
                t = Table(rows, colWidths=[avail * 0.38, avail * 0.62])
                t.setStyle(tstyle(False))
                story += [t, Spacer(1, 8)]
        elif b.kind == "table":
            ncol = max(len(r) for r in b.rows)
            rows = [[Paragraph(escape(x), cell_b if (b.header and i == 0) else cell) for x in r] for i, r in enumerate(b.rows)]
            t = Table(rows, colWidths=[avail / ncol] * ncol)
            t.setStyle(tstyle(b.header))
            story += [t, Spacer(1, 8)]
    doc.build(story)


# -- DOCX ------------------------------------------------------------------------------------------

def _render_docx(blocks: list[Block], path: Path, rng: random.Random) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    font = rng.choice(["Calibri", "Arial", "Georgia", "Cambria", "Garamond"])
    d.styles["Normal"].font.name = font
    d.styles["Normal"].font.size = Pt(rng.choice([10, 10.5, 11]))
    kv_as = rng.choice(["table", "table", "bold", "tab"])
    letterhead_in_header = rng.random() < 0.6
    for b in blocks:
        if b.kind == "letterhead":
            if letterhead_in_header:
                header = d.sections[0].header
                p = header.paragraphs[0]
                r = p.add_run(b.lines[0])
                r.bold = True
                for line in b.lines[1:]:
                    header.add_paragraph(line)
            else:
                p = d.add_paragraph()
                p.add_run(b.lines[0]).bold = True
                for line in b.lines[1:]:
                    p.add_run("\n" + line)
        elif b.kind == "title":
            d.add_heading(b.text, level=1)
        elif b.kind == "heading":
            if rng.random() < 0.5:
                d.add_heading(b.text, level=2)
            else:
                d.add_paragraph().add_run(b.text).bold = True
        elif b.kind in ("para", "small"):
            d.add_paragraph(b.text)
        elif b.kind == "gap":
            d.add_paragraph("")
        elif b.kind == "mono":
            for line in b.lines:
                r = d.add_paragraph().add_run(line)
                r.font.name = "Courier New"
        elif b.kind == "kv":
            style = b.style if b.style in ("colon",) else kv_as
            if style == "table":
                t = d.add_table(rows=0, cols=2)
                t.style = "Table Grid"
                for k, v in b.pairs:
                    cells = t.add_row().cells
                    cells[0].text = k
                    cells[1].text = v
                d.add_paragraph("")
            elif style == "tab":
                for k, v in b.pairs:
                    d.add_paragraph(f"{k}:\t{v}")
            else:
                for k, v in b.pairs:
                    p = d.add_paragraph()
                    p.add_run(f"{k}: ").bold = True
                    p.add_run(v)
        elif b.kind == "table":
            ncol = max(len(r) for r in b.rows)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(b.rows):
                cells = t.add_row().cells
                for j, x in enumerate(row):
                    cells[j].text = x
                    if b.header and i == 0:
                        for r in cells[j].paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph("")
    import datetime
    import io
    import zipfile

    fixed = datetime.datetime(2026, 11, 1, 9, 0, 0)
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.core_properties.created = fixed
    d.core_properties.modified = fixed
    d.core_properties.last_modified_by = ""
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():  # fixed member dates: same input, same bytes
            info = zipfile.ZipInfo(item.filename, date_time=fixed.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
