"""Readers: a file on disk -> RawDocument (pages of lines, tables, form values) or a plain-words error.

The file type is decided by its first bytes, not its extension (files arrive as ``scan_0003.pdf``).
"""

from __future__ import annotations

import os
from pathlib import Path

from doccheck.readers.base import FormValue, Page, RawDocument, UnreadableDocument

__all__ = ["FormValue", "Page", "RawDocument", "UnreadableDocument", "read_document", "sniff"]

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def sniff(head: bytes) -> str:
    """The file type from its first bytes: pdf, zip, ole, png, jpeg, tiff, text, empty or binary."""
    if not head:
        return "empty"
    stripped = head.lstrip(b"\x00\t\r\n ")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if stripped.startswith((b"<html", b"<!DOCTYPE", b"<!doctype", b"<HTML")):
        return "html"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "binary"


_TYPE_WORDS = {
    "text": "looks like plain text",
    "html": "looks like a web page (HTML)",
    "binary": "unknown binary format",
    "zip": "a zip archive",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "tiff": "a TIFF image",
    "pdf": "a PDF",
    "ole": "a legacy or encrypted Microsoft Office file",
}


def read_document(path: Path, rel_path: str, *, max_pages: int = 500, ocr: bool = True, max_ocr_pages: int = 60,
                  ocr_threads: int | None = None) -> RawDocument:
    """Read one file by its content type; raise UnreadableDocument with a reason a paralegal understands."""
    try:  # os calls: no buffered file object for one read of the first bytes
        fd = os.open(path, os.O_RDONLY)
        try:
            head = os.read(fd, 2048)
        finally:
            os.close(fd)
    except OSError as exc:
        raise UnreadableDocument(f"cannot open file: {exc.strerror or exc}") from None
    kind = sniff(head)
    suffix = path.suffix.lower()
    if kind == "empty":
        raise UnreadableDocument("empty file (0 bytes)")
    if kind == "pdf":
        from doccheck.readers.pdf import read_pdf

        return read_pdf(path, rel_path, max_pages=max_pages, ocr=ocr, max_ocr_pages=max_ocr_pages, ocr_threads=ocr_threads)
    if kind == "zip":
        from doccheck.readers.docx import read_docx

        return read_docx(path, rel_path)
    if kind == "ole":
        if suffix == ".docx":
            raise UnreadableDocument("password-protected or encrypted Word document")
        raise UnreadableDocument("legacy Microsoft Office file (.doc/.xls) or encrypted file: save it as PDF or DOCX")
    if kind in {"png", "jpeg", "tiff"}:
        from doccheck.readers.ocr import read_image

        return read_image(path, rel_path)
    expected = {".pdf": "not a PDF", ".docx": "not a Word document"}.get(suffix, "not a supported document")
    raise UnreadableDocument(f"{expected} ({_TYPE_WORDS.get(kind, kind)})")
