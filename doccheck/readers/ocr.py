"""OCR for scanned PDF pages and photographs of documents, using the Tesseract command-line tool.

Steps for one image:

1. convert to 8-bit grayscale (transparent areas become white paper);
2. rescale towards ~300 dpi: small scans and screenshots are enlarged, huge photos are shrunk;
3. run ``tesseract stdin stdout -l eng+fra --psm 3 tsv`` and rebuild the text lines from the
   TSV's block/paragraph/line numbers, with the mean word confidence;
4. when the result looks poor, ask Tesseract's orientation detection (``--psm 0``) whether the
   page is rotated, and keep the rotated reading if it is better.

Nothing is written next to the user's files: images go to Tesseract through its standard input.
Heavy libraries (Pillow, pypdfium2) are imported inside the functions that need them.
"""

from __future__ import annotations

import functools
import io
import re
import os
import shutil
import subprocess
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from doccheck.readers.base import Page, RawDocument, UnreadableDocument

if TYPE_CHECKING:  # pragma: no cover
    import pypdfium2
    from PIL import Image

__all__ = [
    "OcrCancel",
    "OcrError",
    "OcrResult",
    "OcrUnavailable",
    "available_languages",
    "lines_need_ocr",
    "needs_ocr",
    "ocr_image",
    "ocr_pdf_page",
    "read_image",
    "render_pdf_page",
    "tesseract_available",
]

DEFAULT_LANGUAGES = "eng+fra"
TARGET_DPI = 300
MIN_TEXT_CHARS = 20  # a PDF page with less text than this is treated as a scan
LOW_CONFIDENCE = 0.60  # below this, try other orientations and warn the reader
MAX_OCR_PIXELS = 30_000_000  # images are shrunk to this before OCR (time and memory)
MAX_UPSCALE = 3.0
MAX_FRAMES = 100  # pages read from one multi-page TIFF

UNAVAILABLE_MESSAGE = (
    "Tesseract OCR is not installed: scanned pages and images cannot be read "
    "(install tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-fra)"
)
DAMAGED_MESSAGE = "damaged image file"

# Pillow plugins that only decode raster data (EPS would start Ghostscript, so it is not listed).
_IMAGE_FORMATS = ("PNG", "JPEG", "MPO", "TIFF", "BMP", "GIF", "WEBP", "PPM", "JPEG2000")

# Errors Pillow raises on corrupt or truncated files.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError)


class OcrUnavailable(UnreadableDocument):
    """Tesseract (or every requested language) is missing, so scans cannot be read.

    A subclass of ``UnreadableDocument``: callers that do not care get a plain-words error;
    callers that do (a PDF whose other pages have text) can catch it first.
    """

    def __init__(self, message: str = UNAVAILABLE_MESSAGE) -> None:
        super().__init__(message)


class OcrError(UnreadableDocument):
    """Tesseract ran but failed (timeout, crash); the message is in plain words."""


@dataclass
class OcrResult:
    lines: list[str]
    mean_confidence: float  # 0..1, mean of Tesseract's word confidences; 0.0 when no words
    languages: str = DEFAULT_LANGUAGES  # languages actually used
    rotation: int = 0  # degrees clockwise the image was turned before the kept reading
    words: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class _Word:
    key: tuple[int, int, int, int]  # page, block, paragraph, line
    text: str
    confidence: float


# --------------------------------------------------------------------------- availability


def _tesseract_binary() -> str | None:
    return shutil.which("tesseract")


@functools.lru_cache(maxsize=8)
def _languages_of(binary: str) -> frozenset[str]:
    """Languages installed for one Tesseract binary (``--list-langs``; old versions use stderr)."""
    try:
        done = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(_parse_list_langs(done.stdout + "\n" + done.stderr))


def _parse_list_langs(output: str) -> set[str]:
    """Language codes from ``tesseract --list-langs`` output.

    >>> sorted(_parse_list_langs('List of available languages in "/x/" (2):\\neng\\nfra\\n'))
    ['eng', 'fra']
    """
    names = set()
    for line in output.splitlines():
        line = line.strip()
        if re.fullmatch(r"[A-Za-z0-9_\-]+", line):
            names.add(line)
    return names


def available_languages() -> set[str]:
    """Tesseract languages installed here (empty when Tesseract is missing)."""
    binary = _tesseract_binary()
    return set(_languages_of(binary)) if binary else set()


def tesseract_available(languages: str = "eng") -> bool:
    """Whether Tesseract is on PATH with at least one of ``languages`` (``"eng+fra"`` form)."""
    return bool(_usable_languages(languages))


def _usable_languages(languages: str) -> list[str]:
    installed = available_languages()
    return [lang for lang in languages.split("+") if lang and lang in installed]


def _require_tesseract(languages: str) -> tuple[str, str]:
    """The binary and the '+'-joined installed subset of ``languages``, or ``OcrUnavailable``."""
    binary = _tesseract_binary()
    usable = _usable_languages(languages) if binary else []
    if not binary or not usable:
        raise OcrUnavailable()
    return binary, "+".join(usable)


def needs_ocr(text: str, min_chars: int = MIN_TEXT_CHARS) -> bool:
    """Whether a PDF page's text layer is too thin to be the page's real content.

    >>> needs_ocr("  \\n 12 ")
    True
    >>> needs_ocr("Job title: Software Engineer")
    False
    """
    return lines_need_ocr([text], min_chars)


def lines_need_ocr(lines: list[str], min_chars: int = MIN_TEXT_CHARS) -> bool:
    """``needs_ocr("\\n".join(lines))``, counted line by line until the page has enough text.

    >>> lines_need_ocr(["  ", " 12 "])
    True
    >>> lines_need_ocr(["Job title: Software Engineer", "..."])
    False
    """
    total = 0
    for line in lines:
        total += sum(map(len, line.split()))  # characters that are not white space
        if total >= min_chars:
            return False
    return True


# --------------------------------------------------------------------------- running Tesseract


class OcrCancel:
    """Stops, from another thread, the Tesseract runs started for one document (``cancel()``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self.cancelled = False

    def started(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._running.add(proc)
            if self.cancelled:
                proc.kill()

    def finished(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(proc)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            for proc in self._running:
                proc.kill()


def _run_tesseract(args: list[str], png: bytes, timeout: float, cancel: OcrCancel | None = None) -> str:
    """Tesseract's standard output for ``png`` (as ``subprocess.run`` with a timeout, and cancellable)."""
    # One thread per Tesseract: its OpenMP pool costs ~4x the CPU on small machines; parallelism
    # comes from running several Tesseracts (pages, worker processes) instead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
            if cancel is not None:
                cancel.started(proc)
            try:
                stdout, stderr = proc.communicate(png, timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                raise OcrError(f"OCR timed out after {timeout:g} seconds") from None
            finally:
                if cancel is not None:
                    cancel.finished(proc)
    except OSError as exc:
        raise OcrUnavailable() from exc
    if cancel is not None and cancel.cancelled:
        raise OcrError("OCR stopped (the file's time limit was reached)")
    if proc.returncode != 0:
        detail = _last_stderr_line(stderr.decode("utf-8", "replace"))
        raise OcrError(f"OCR failed ({detail})" if detail else "OCR failed")
    return stdout.decode("utf-8", "replace")


def _last_stderr_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _parse_tsv(tsv: str) -> list[_Word]:
    """Words (level 5 rows) of Tesseract TSV output, in reading order."""
    words: list[_Word] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = "\t".join(cells[11:]).strip()
        if not text:
            continue
        try:
            key = (int(cells[1]), int(cells[2]), int(cells[3]), int(cells[4]))
            confidence = float(cells[10])
        except ValueError:
            continue
        words.append(_Word(key, text, confidence))
    return words


def _result_from_words(words: list[_Word], languages: str, rotation: int = 0) -> OcrResult:
    lines: dict[tuple[int, int, int, int], list[str]] = {}
    for word in words:
        lines.setdefault(word.key, []).append(word.text)
    confidences = [w.confidence for w in words if w.confidence >= 0]
    mean = sum(confidences) / len(confidences) / 100 if confidences else 0.0
    return OcrResult(
        lines=[" ".join(line) for line in lines.values()],
        mean_confidence=min(1.0, max(0.0, mean)),
        languages=languages,
        rotation=rotation,
        words=len(words),
    )


def _parse_osd_rotation(osd: str) -> tuple[int, float]:
    """Clockwise degrees to turn the image upright, and Tesseract's confidence in that.

    >>> _parse_osd_rotation("Rotate: 90\\nOrientation confidence: 3.5\\n")
    (90, 3.5)
    """
    rotate = re.search(r"Rotate:\s*(\d+)", osd)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    return (
        int(rotate.group(1)) % 360 if rotate else 0,
        float(confidence.group(1)) if confidence else 0.0,
    )


# --------------------------------------------------------------------------- image preparation


def _to_grayscale(image: Image.Image) -> Image.Image:
    """8-bit grayscale on white: alpha flattened, 16-bit and float scans scaled down."""
    from PIL import Image

    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "RGBa", "La"):
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
        paper.alpha_composite(image.convert("RGBA"))
        image = paper
    if image.mode.startswith("I;16") or image.mode == "I":
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.point(lambda v: v * 255).convert("L")
    return image if image.mode == "L" else image.convert("L")


def _effective_dpi(size: tuple[int, int], dpi: float | None) -> float:
    """Resolution of the page in the image, from declared dpi or assuming a letter-size page.

    Phone photos often claim 72 dpi; the page-size estimate keeps those from being enlarged.
    """
    by_page = max(size) / 11.0
    declared = dpi if dpi and 30 <= dpi <= 2400 else 0.0
    return max(by_page, declared)


def _scale_factor(size: tuple[int, int], dpi: float | None) -> float:
    width, height = size
    factor = 1.0
    effective = _effective_dpi(size, dpi)
    if effective < TARGET_DPI * 0.85:
        factor = min(TARGET_DPI / effective, MAX_UPSCALE)
    pixels = width * height * factor * factor
    if pixels > MAX_OCR_PIXELS:
        factor *= (MAX_OCR_PIXELS / pixels) ** 0.5
    return factor


def _prepare(image: Image.Image, dpi: float | None) -> tuple[Image.Image, int]:
    """Grayscale image rescaled for OCR, and the dpi to tell Tesseract."""
    from PIL import Image

    gray = _to_grayscale(image)
    factor = _scale_factor(gray.size, dpi)
    if abs(factor - 1.0) > 0.05:
        new_size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
        gray = gray.resize(new_size, Image.Resampling.LANCZOS)
    resolution = _effective_dpi(image.size, dpi) * factor
    return gray, int(min(max(resolution, 70), 1200))


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _declared_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        return float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None


# --------------------------------------------------------------------------- public OCR


def ocr_image(
    image: Image.Image,
    *,
    languages: str = DEFAULT_LANGUAGES,
    timeout: float = 60,
    dpi: float | None = None,
    auto_rotate: bool = True,
    cancel: OcrCancel | None = None,
) -> OcrResult:
    """OCR one image of a page.

    Args:
        image: any Pillow image; it is not modified.
        languages: Tesseract languages joined by '+'; missing ones are dropped.
        timeout: seconds allowed for each Tesseract run.
        dpi: the scan's resolution if known (defaults to the image's own dpi tag).
        auto_rotate: when the reading is poor, detect a rotated page and read it upright.
        cancel: an ``OcrCancel``; once cancelled (from another thread), a running Tesseract is stopped.

    Raises:
        OcrUnavailable: Tesseract or all requested languages are missing.
        OcrError: Tesseract failed or timed out.
    """
    binary, langs = _require_tesseract(languages)
    prepared, resolution = _prepare(image, dpi if dpi is not None else _declared_dpi(image))
    result = _ocr_prepared(binary, langs, prepared, resolution, timeout, cancel=cancel)
    if auto_rotate and result.words and result.mean_confidence < LOW_CONFIDENCE:
        result = _best_rotation(binary, langs, prepared, resolution, timeout, result, cancel=cancel)
    return result


def _ocr_prepared(
    binary: str, langs: str, image: Image.Image, resolution: int, timeout: float, rotation: int = 0,
    *, cancel: OcrCancel | None = None,
) -> OcrResult:
    args = [binary, "stdin", "stdout", "-l", langs, "--psm", "3", "--dpi", str(resolution), "tsv"]
    tsv = _run_tesseract(args, _png_bytes(image), timeout, cancel)
    return _result_from_words(_parse_tsv(tsv), langs, rotation)


def _best_rotation(
    binary: str,
    langs: str,
    image: Image.Image,
    resolution: int,
    timeout: float,
    first: OcrResult,
    *,
    cancel: OcrCancel | None = None,
) -> OcrResult:
    """Re-read a poorly read page upright when orientation detection says it is rotated."""
    if "osd" not in available_languages():
        return first
    args = [binary, "stdin", "stdout", "--psm", "0", "--dpi", str(resolution)]
    try:
        osd = _run_tesseract(args, _png_bytes(image), timeout, cancel)
    except OcrError:  # "too few characters" and similar: keep the first reading
        return first
    rotation, _confidence = _parse_osd_rotation(osd)
    if rotation == 0:
        return first
    upright = image.rotate(-rotation, expand=True, fillcolor=255)
    second = _ocr_prepared(binary, langs, upright, resolution, timeout, rotation, cancel=cancel)
    return second if second.mean_confidence > first.mean_confidence else first


def ocr_pdf_page(
    pdf: pypdfium2.PdfDocument,
    index: int,
    *,
    dpi: float = TARGET_DPI,
    languages: str = DEFAULT_LANGUAGES,
    timeout: float = 60,
    auto_rotate: bool = True,
) -> OcrResult:
    """OCR page ``index`` (0-based) of an open pypdfium2 document, rendered at ~``dpi``."""
    _require_tesseract(languages)  # fail before rendering
    image, rendered_dpi = render_pdf_page(pdf, index, dpi=dpi)
    return ocr_image(
        image, languages=languages, timeout=timeout, dpi=rendered_dpi, auto_rotate=auto_rotate
    )


def render_pdf_page(pdf: pypdfium2.PdfDocument, index: int, *, dpi: float = TARGET_DPI) -> tuple[Image.Image, float]:
    """Page ``index`` (0-based) as a grayscale image at ~``dpi`` (less for oversized pages), and its dpi.

    pdfium is not thread-safe: render in the thread that owns ``pdf``; ``ocr_image`` may then run
    anywhere (Tesseract is a separate process).
    """
    page = pdf[index]
    try:
        width_pt, height_pt = page.get_size()
        scale = dpi / 72.0
        pixels = width_pt * height_pt * scale * scale
        if pixels > MAX_OCR_PIXELS:  # posters and oversized pages
            scale *= (MAX_OCR_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
        try:
            image = bitmap.to_pil().copy()  # own the pixels before the bitmap is freed
        finally:
            bitmap.close()
    finally:
        page.close()
    return image, scale * 72.0


# --------------------------------------------------------------------------- image files


def read_image(
    path: Path,
    rel_path: str,
    *,
    max_pixels: int = 40_000_000,
    languages: str = DEFAULT_LANGUAGES,
    timeout: float = 60,
) -> RawDocument:
    """Read a PNG, JPEG or TIFF (one page per frame) by OCR.

    The image size is checked from the file header before any pixels are decoded.

    Raises:
        UnreadableDocument: damaged, unsupported or too large image.
        OcrUnavailable: Tesseract is not installed.
    """
    with _open_image(path, max_pixels) as image:
        frame_count = _frame_count(image)
        _require_tesseract(languages)
        doc = RawDocument(path=path, rel_path=rel_path, page_count=frame_count)
        if frame_count > MAX_FRAMES:
            doc.warnings.append(f"only the first {MAX_FRAMES} of {frame_count} pages were read")
        for index in range(min(frame_count, MAX_FRAMES)):
            frame = _load_frame(image, index, max_pixels)
            result = ocr_image(frame, languages=languages, timeout=timeout)
            doc.pages.append(
                Page(index + 1, result.lines, ocr=True, confidence=result.mean_confidence)
            )
            doc.warnings.extend(_quality_warnings(index + 1, result))
    return doc


def _open_image(path: Path, max_pixels: int) -> Image.Image:
    """Open lazily (header only) and refuse images too large to decode safely."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            Image.init()  # registers every plugin, so `formats` can name MPO and TIFF
            allowed = [name for name in _IMAGE_FORMATS if name in Image.OPEN]
            image = Image.open(path, formats=allowed)
    except Image.DecompressionBombError as exc:
        raise UnreadableDocument(_too_large_message(_pixels_in_message(str(exc)))) from exc
    except UnidentifiedImageError as exc:
        raise UnreadableDocument(_unidentified_message(path)) from exc
    except _DECODE_ERRORS as exc:
        raise UnreadableDocument(DAMAGED_MESSAGE) from exc
    _check_size(image, max_pixels)
    return image


def _check_size(image: Image.Image, max_pixels: int) -> None:
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise UnreadableDocument(_too_large_message(width * height))


def _too_large_message(pixels: int | None) -> str:
    if pixels is None:
        return "image too large to OCR safely"
    return f"image too large to OCR safely ({pixels / 1_000_000:.0f} megapixels)"


def _pixels_in_message(message: str) -> int | None:
    found = re.search(r"\((\d+) pixels\)", message)
    return int(found.group(1)) if found else None


def _unidentified_message(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("heic", "heif"):
        return "unsupported image format (HEIC): export the photo as JPEG or PDF"
    if suffix in ("png", "jpg", "jpeg", "tif", "tiff"):
        return DAMAGED_MESSAGE
    return "unsupported image format: use PDF, PNG, JPEG or TIFF"


def _frame_count(image: Image.Image) -> int:
    try:
        return max(1, int(getattr(image, "n_frames", 1)))
    except _DECODE_ERRORS as exc:
        raise UnreadableDocument(DAMAGED_MESSAGE) from exc


def _load_frame(image: Image.Image, index: int, max_pixels: int) -> Image.Image:
    """Decode frame ``index`` upright (EXIF orientation applied); damaged data is reported."""
    from PIL import Image, ImageOps

    try:
        image.seek(index)
        _check_size(image, max_pixels)  # each TIFF frame has its own size
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            upright = ImageOps.exif_transpose(image)  # always a new, decoded image
    except UnreadableDocument:
        raise
    except Image.DecompressionBombError as exc:
        raise UnreadableDocument(_too_large_message(None)) from exc
    except _DECODE_ERRORS as exc:
        raise UnreadableDocument(DAMAGED_MESSAGE) from exc
    if upright is None:  # only with in_place=True; keeps the type checker content
        raise UnreadableDocument(DAMAGED_MESSAGE)
    if "dpi" in image.info:
        upright.info.setdefault("dpi", image.info["dpi"])
    return upright


def _quality_warnings(page: int, result: OcrResult) -> list[str]:
    if not result.lines:
        return [f"page {page}: OCR found no text"]
    if result.mean_confidence < LOW_CONFIDENCE:
        return [
            f"page {page}: OCR confidence is low ({result.mean_confidence:.0%}); "
            "check values against the image"
        ]
    return []
