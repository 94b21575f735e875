"""Small builders for test documents: text PDFs, fillable PDFs, scanned PDFs and images, DOCX letters."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


def font_path() -> Path | None:
    import reportlab

    for candidate in (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
        Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
    ):
        if candidate.is_file():
            return candidate
    return None


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page text PDF, one line per row (label/value rows as 'Label: value')."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("TestSans", str(font_path())))
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("TestSans", 10)
    y = 740
    for line in lines:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def fillable_pdf(path: Path, fields: list[tuple[str, str, str]]) -> Path:
    """An AcroForm PDF whose values live only in form fields: (field name, tooltip, value)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.drawString(60, 750, "Application for Work Permit Made Outside of Canada")
    y = 710
    for name, tooltip, value in fields:
        c.drawString(60, y + 4, tooltip)
        c.acroForm.textfield(name=name, tooltip=tooltip, value=value, x=300, y=y, width=220, height=16)
        y -= 28
    c.showPage()
    c.save()
    return path


def page_image(lines: list[str], *, size: int = 30) -> Image.Image:
    font = ImageFont.truetype(str(font_path()), size)
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((110, 120 + int(size * 2) * number), line, font=font, fill=0)
    return image


def scanned_pdf(path: Path, lines: list[str]) -> Path:
    """An image-only PDF (no text layer), as a scanner makes."""
    page_image(lines).save(path, "PDF", resolution=200.0)
    return path


def docx_letter(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def tesseract_missing() -> bool:
    return shutil.which("tesseract") is None
