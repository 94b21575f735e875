"""OCR of scans and photographs: synthetic offer-letter snippets drawn with Pillow, read back by Tesseract."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from doccheck.readers import ocr
from doccheck.readers.base import UnreadableDocument

ENGLISH = ["Job title: Software Engineer", "Wage: $42.50 per hour", "NOC 21231"]
FRENCH = ["Titre du poste : Ingénieur logiciel", "Salaire : 42,50 $ de l'heure", "1er mars 2027"]

needs_tesseract = pytest.mark.skipif(
    not ocr.tesseract_available("eng"), reason="Tesseract OCR is not installed"
)
needs_french = pytest.mark.skipif(
    not ocr.tesseract_available("fra"), reason="Tesseract French data is not installed"
)


def _font_path() -> Path | None:
    """A TrueType font with accents: DejaVu (fonts-dejavu-core) or Vera, shipped with reportlab."""
    candidates = [
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
        Path("/Library/Fonts/Arial.ttf"),
        Path("C:/Windows/Fonts/arial.ttf"),
    ]
    try:
        import reportlab

        candidates.append(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")
    except ImportError:  # pragma: no cover
        pass
    return next((path for path in candidates if path.is_file()), None)


FONT = _font_path()
needs_font = pytest.mark.skipif(FONT is None, reason="no TrueType font found")


def _page_image(lines: list[str], *, size: int = 28, width: int = 1275) -> Image.Image:
    """A white 'scan' at ~150 dpi (12 pt text is ~25 px) with black text lines."""
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("RGB", (width, 110 + 60 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((80, 60 + 60 * number), line, font=font, fill="black")
    return image


def _text(lines: list[str]) -> str:
    return "\n".join(lines)


def _assert_english(text: str) -> None:
    assert "Software Engineer" in text
    assert "42.50" in text
    assert "21231" in text


def _assert_french(text: str) -> None:
    assert "Ingénieur" in text or "Ingenieur" in text
    assert "42,50" in text
    assert "mars 2027" in text


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height but whose pixel data is a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 16))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def english_image() -> Image.Image:
    if FONT is None:
        pytest.skip("no TrueType font found")
    return _page_image(ENGLISH)


@pytest.fixture(scope="module")
def french_image() -> Image.Image:
    if FONT is None:
        pytest.skip("no TrueType font found")
    return _page_image(FRENCH)


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),  # no text layer at all
        ("  \n\n 3 \n", True),  # only a page number
        ("Scanned by CamScanner", True),  # a scanner app's watermark is not the page's content
        (_text(ENGLISH), False),  # a typed offer letter
        ("a b c d e f g h i j k l m n o p q r s", True),  # spaces do not count
    ],
)
def test_needs_ocr_flags_pages_with_a_thin_text_layer(text: str, expected: bool) -> None:
    assert ocr.needs_ocr(text) is expected


def test_tsv_lines_are_rebuilt_from_block_paragraph_and_line_numbers() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
        "4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tWage:",
        "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t80\t$42.50",
        "5\t1\t1\t2\t1\t1\t0\t0\t10\t10\t70\tNOC",  # new paragraph, same line number
        "5\t1\t2\t1\t1\t1\t0\t0\t10\t10\t60\t21231",  # new block
        "5\t1\t2\t1\t1\t2\t0\t0\t10\t10\t-1\t ",  # empty word: ignored
    ]
    words = ocr._parse_tsv("\n".join([header, *rows]))
    result = ocr._result_from_words(words, "eng")
    assert result.lines == ["Wage: $42.50", "NOC", "21231"]
    assert result.mean_confidence == pytest.approx(0.75)


def test_osd_rotation_is_parsed() -> None:
    osd = "Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 1.94\n"
    assert ocr._parse_osd_rotation(osd) == (90, 1.94)


@pytest.mark.parametrize(
    ("size", "dpi", "expected"),
    [
        ((1275, 1650), 150.0, 2.0),  # letter page scanned at 150 dpi: doubled
        ((2550, 3300), 300.0, 1.0),  # letter page at 300 dpi: untouched
        ((3024, 4032), 72.0, 1.0),  # phone photo claiming 72 dpi: the page estimate wins
        ((400, 100), None, ocr.MAX_UPSCALE),  # a tiny crop: enlarged, but capped
    ],
)
def test_scale_factor_targets_about_300_dpi(
    size: tuple[int, int], dpi: float | None, expected: float
) -> None:
    assert ocr._scale_factor(size, dpi) == pytest.approx(expected, rel=0.02)


def test_scale_factor_keeps_huge_images_within_the_ocr_pixel_budget() -> None:
    factor = ocr._scale_factor((7000, 6000), None)
    assert 7000 * 6000 * factor * factor <= ocr.MAX_OCR_PIXELS * 1.01


@pytest.mark.parametrize(
    "image",
    [
        Image.new("I;16", (4, 4), 65535),  # 16-bit grayscale scan: white stays white
        Image.new("RGBA", (4, 4), (0, 0, 0, 0)),  # transparent screenshot: becomes paper
        Image.new("1", (4, 4), 1),  # 1-bit fax TIFF
        Image.new("CMYK", (4, 4), (0, 0, 0, 0)),  # print-shop JPEG
    ],
)
def test_grayscale_conversion_gives_white_paper(image: Image.Image) -> None:
    gray = ocr._to_grayscale(image)
    assert gray.mode == "L"
    assert gray.getpixel((0, 0)) >= 250


# --------------------------------------------------------------------------- unreadable files


def test_oversized_image_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "poster.png"
    path.write_bytes(_png_header_only(8000, 6000))  # 48 MP claimed, almost no pixel data
    with pytest.raises(UnreadableDocument, match=r"image too large to OCR safely \(48 megapixels\)"):
        ocr.read_image(path, "poster.png")


def test_decompression_bomb_is_refused_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(30000, 30000))  # beyond Pillow's own bomb limit
    with pytest.raises(UnreadableDocument, match="image too large to OCR safely"):
        ocr.read_image(path, "bomb.png")


def test_max_pixels_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    Image.new("L", (200, 100), 255).save(path)
    with pytest.raises(UnreadableDocument, match="too large"):
        ocr.read_image(path, "small.png", max_pixels=10_000)


@needs_font
def test_truncated_png_is_reported_damaged(tmp_path: Path, english_image: Image.Image) -> None:
    whole = tmp_path / "whole.png"
    english_image.save(whole)
    path = tmp_path / "cut.png"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(UnreadableDocument, match="damaged image file"):
        ocr.read_image(path, "cut.png")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scan.png", "damaged image file"),  # wrong bytes under an image suffix
        ("IMG_0042.HEIC", "HEIC"),  # iPhone photo Pillow cannot open
        ("notes.xyz", "unsupported image format"),  # not an image at all
    ],
)
def test_files_that_are_not_images_are_explained(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"this is not an image" * 10)
    with pytest.raises(UnreadableDocument, match=message):
        ocr.read_image(path, name)


def test_missing_tesseract_raises_ocr_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scan.png"
    Image.new("L", (300, 200), 255).save(path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract here
    assert not ocr.tesseract_available()
    assert ocr.available_languages() == set()
    with pytest.raises(ocr.OcrUnavailable, match="Tesseract OCR is not installed") as caught:
        ocr.read_image(path, "scan.png")
    assert "tesseract-ocr-fra" in str(caught.value)
    assert isinstance(caught.value, UnreadableDocument)  # generic handlers still report it
    with pytest.raises(ocr.OcrUnavailable):
        ocr.ocr_image(Image.new("L", (10, 10), 255))


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    stored = Image.new("RGB", (100, 300), "white")  # phone stored it sideways...
    exif = Image.Exif()
    exif[0x0112] = 6  # ...and says "rotate 90 degrees clockwise to display"
    stored.save(path, exif=exif)
    with ocr._open_image(path, 1_000_000) as image:
        upright = ocr._load_frame(image, 0, 1_000_000)
    assert upright.size == (300, 100)


# --------------------------------------------------------------------------- OCR round trips


@needs_tesseract
@needs_font
def test_png_offer_letter_is_read_by_ocr(tmp_path: Path, english_image: Image.Image) -> None:
    path = tmp_path / "offer.png"
    english_image.save(path, dpi=(150, 150))
    doc = ocr.read_image(path, "offer.png")
    assert doc.page_count == 1
    [page] = doc.pages
    assert page.ocr and page.number == 1
    assert page.confidence is not None and page.confidence > 0.6
    _assert_english(doc.text)
    assert "Job title: Software Engineer" in page.lines  # one line per printed line


@needs_tesseract
@needs_french
@needs_font
def test_jpeg_french_offer_letter_is_read_by_ocr(tmp_path: Path, french_image: Image.Image) -> None:
    path = tmp_path / "lettre.jpg"
    french_image.save(path, quality=85)  # no dpi tag: the size estimate is used
    doc = ocr.read_image(path, "lettre.jpg")
    _assert_french(doc.text)


@needs_tesseract
@needs_french
@needs_font
def test_two_frame_tiff_gives_one_page_per_frame(
    tmp_path: Path, english_image: Image.Image, french_image: Image.Image
) -> None:
    path = tmp_path / "scan.tif"
    # copies: Image.save leaves encoder settings on shared fixture images
    first, second = english_image.copy(), french_image.copy()
    first.save(path, save_all=True, append_images=[second], dpi=(150, 150))
    doc = ocr.read_image(path, "scan.tif")
    assert doc.page_count == 2
    assert [page.number for page in doc.pages] == [1, 2]
    assert all(page.ocr for page in doc.pages)
    _assert_english("\n".join(doc.pages[0].lines))
    _assert_french("\n".join(doc.pages[1].lines))


@needs_tesseract
@needs_font
def test_scanned_pdf_page_is_read_by_ocr(tmp_path: Path, english_image: Image.Image) -> None:
    import pypdfium2

    path = tmp_path / "scan.pdf"
    english_image.save(path, "PDF", resolution=150.0)
    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        assert ocr.needs_ocr(textpage.get_text_range())  # image only, no text layer
        textpage.close()
        page.close()
        result = ocr.ocr_pdf_page(pdf, 0)
    finally:
        pdf.close()
    _assert_english(result.text)
    assert result.mean_confidence > 0.6


@needs_tesseract
@needs_font
def test_sideways_scan_is_turned_upright(english_image: Image.Image) -> None:
    sideways = english_image.rotate(90, expand=True, fillcolor="white")
    result = ocr.ocr_image(sideways)
    assert result.rotation == 90
    _assert_english(result.text)


@needs_tesseract
def test_blank_page_gives_no_lines_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    Image.new("L", (850, 1100), 255).save(path)
    doc = ocr.read_image(path, "blank.png")
    assert doc.pages[0].lines == []
    assert doc.warnings == ["page 1: OCR found no text"]


@needs_tesseract
@needs_font
def test_missing_languages_are_dropped(english_image: Image.Image) -> None:
    result = ocr.ocr_image(english_image, languages="eng+xxx_not_installed")
    assert result.languages == "eng"
    _assert_english(result.text)


@needs_tesseract
def test_only_missing_languages_raise_ocr_unavailable() -> None:
    with pytest.raises(ocr.OcrUnavailable):
        ocr.ocr_image(Image.new("L", (10, 10), 255), languages="xxx_not_installed")


def _multi_page_scan(path: Path, pages: list[list[str]]) -> None:
    images = [_page_image(lines).convert("L") for lines in pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=150.0)


@needs_tesseract
@needs_font
def test_scanned_pages_read_in_parallel_equal_one_at_a_time(tmp_path: Path) -> None:
    # Tesseract reads several pages at once while pdfium renders the next ones (in this thread):
    # the document must be the same, page for page, as when the pages are read one by one.
    from doccheck.readers.pdf import read_pdf

    path = tmp_path / "scan_0007.pdf"
    _multi_page_scan(path, [ENGLISH, ["Page two", "Start date: 2027-03-01"], ENGLISH[::-1], ["Passport number P1234567"]])
    one = read_pdf(path, "scan_0007.pdf", ocr_threads=1)
    many = read_pdf(path, "scan_0007.pdf", ocr_threads=3)
    assert [(p.number, p.lines, p.ocr, p.confidence) for p in many.pages] == [(p.number, p.lines, p.ocr, p.confidence) for p in one.pages]
    assert many.warnings == one.warnings
    assert [p.number for p in many.pages] == [1, 2, 3, 4] and all(p.ocr for p in many.pages)
    assert "2027-03-01" in _text(many.pages[1].lines)


@needs_font
def test_scanned_pdf_without_tesseract_warns_once_and_keeps_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from doccheck.readers.pdf import read_pdf

    path = tmp_path / "scan.pdf"
    _multi_page_scan(path, [ENGLISH, ENGLISH])
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract here
    doc = read_pdf(path, "scan.pdf", ocr_threads=2)
    assert [p.number for p in doc.pages] == [1, 2] and not any(p.ocr for p in doc.pages)
    assert doc.warnings == [ocr.UNAVAILABLE_MESSAGE]


def test_a_running_tesseract_is_killed_at_its_timeout_or_when_cancelled() -> None:
    import shutil
    import threading
    import time

    sleeper = shutil.which("sleep")
    if sleeper is None:  # pragma: no cover
        pytest.skip("no sleep command")
    started = time.monotonic()
    with pytest.raises(ocr.OcrError, match="timed out after 0.3 seconds"):
        ocr._run_tesseract([sleeper, "30"], b"png", 0.3)
    cancel = ocr.OcrCancel()
    threading.Timer(0.3, cancel.cancel).start()
    with pytest.raises(ocr.OcrError, match="stopped"):
        ocr._run_tesseract([sleeper, "30"], b"png", 60, cancel)
    assert time.monotonic() - started < 10  # neither waited for the 30 s sleep


def test_scanned_pages_still_being_read_are_stopped_when_the_file_is_abandoned(monkeypatch: pytest.MonkeyPatch) -> None:
    # A file that hits its time limit leaves _read_pages through close(): the Tesseracts running
    # for it must be stopped, not waited for.
    import shutil
    import threading
    import time

    from doccheck.readers import pdf as pdf_reader
    from doccheck.readers.base import RawDocument

    stopped: list[bool] = []
    sleeper = shutil.which("sleep")
    if sleeper is None:  # pragma: no cover
        pytest.skip("no sleep command")

    def slow_ocr(image, *, dpi=None, cancel=None, **kwargs):  # a Tesseract that would take 30 s
        started = time.monotonic()
        try:
            ocr._run_tesseract([sleeper, "30"], b"png", 60, cancel)
        finally:
            stopped.append(time.monotonic() - started < 10)

    monkeypatch.setattr(ocr, "_require_tesseract", lambda languages: ("tesseract", "eng"))
    monkeypatch.setattr(ocr, "render_pdf_page", lambda pdf, index: (Image.new("L", (10, 10), 255), 150.0))
    monkeypatch.setattr(ocr, "ocr_image", slow_ocr)
    scans = pdf_reader._ScanPages(RawDocument(path=Path("scan.pdf"), rel_path="scan.pdf"), threads=2)
    scans.add(None, 0, 0)
    scans.add(None, 1, 1)
    timer = threading.Timer(0.2, scans.close)
    timer.start()
    timer.join()
    for _, _, job in scans._jobs:
        job.result(timeout=5)
    assert stopped == [True, True]
