"""The parsing floor and the naive peer for ``bench/benchmark.py``, run as its own process.

    python bench/benchmark_floor.py MODE LIST_FILE

LIST_FILE holds one file path per line. MODE is one of:

- ``pdfium``: the floor. PDF: open with pypdfium2, per page ``get_textpage().get_text_range()``,
  close page and text page, close the document. DOCX: python-docx paragraph text.
- ``ocr``: the floor for scans. As ``pdfium``, and a page whose text layer has fewer than 20
  non-space characters is rendered at 300 dpi (grayscale) and read by
  ``tesseract stdin stdout -l eng+fra --psm 3`` with ``OMP_THREAD_LIMIT=1`` (one thread a page:
  on a busy machine Tesseract's OpenMP threads cost several times the CPU for the same text) —
  the least work any OCR-based reader must do.
- ``plumber``: the naive peer. PDF: ``pdfplumber.open`` and ``page.extract_text()`` for every
  page. DOCX: python-docx paragraph text (pdfplumber reads no DOCX).

Prints one JSON line: files, pages and characters read (so a silent failure shows up).
Only the libraries a mode needs are imported, inside the functions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OCR_DPI = 300
MIN_TEXT_CHARS = 20


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def pdfium_pages(path: Path, *, ocr: bool = False) -> list[str]:
    import pypdfium2 as pdfium

    texts: list[str] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                if ocr and sum(not ch.isspace() for ch in text) < MIN_TEXT_CHARS:
                    text = _ocr(page)
            finally:
                page.close()
            texts.append(text)
    finally:
        pdf.close()
    return texts


def _ocr(page) -> str:
    import io
    import os
    import subprocess

    bitmap = page.render(scale=OCR_DPI / 72.0, grayscale=True)
    try:
        image = bitmap.to_pil()
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
    finally:
        bitmap.close()
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "eng+fra", "--psm", "3", "--dpi", str(OCR_DPI)],
                          input=buffer.getvalue(), capture_output=True, check=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return done.stdout.decode("utf-8", "replace")


def plumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def read_file(path: Path, mode: str) -> list[str]:
    if path.suffix.lower() == ".docx":
        return [docx_text(path)]
    if mode == "plumber":
        return plumber_pages(path)
    return pdfium_pages(path, ocr=mode == "ocr")


def main(argv: list[str]) -> int:
    mode, list_file = argv
    if mode not in ("pdfium", "ocr", "plumber"):
        raise SystemExit(f"unknown mode {mode!r}")
    paths = [Path(line) for line in Path(list_file).read_text(encoding="utf-8").splitlines() if line.strip()]
    pages = chars = 0
    for path in paths:
        texts = read_file(path, mode)
        pages += len(texts)
        chars += sum(len(t) for t in texts)
    print(json.dumps({"mode": mode, "files": len(paths), "pages": pages, "chars": chars}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
