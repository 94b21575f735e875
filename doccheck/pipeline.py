"""A case folder in, a Report out: find files, read, classify, extract, run the rules.

Every file is read on its own: one that fails becomes an ``unreadable`` document with the reason
in words, and the rest of the case is still checked. Nothing is written to the case folder.
"""

from __future__ import annotations

import _signal
import logging
import os
import signal
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from doccheck.checks.context import CaseContext
from doccheck.models import Document, Report, Summary

log = logging.getLogger("doccheck")

SKIP_NAMES = {"doccheck.toml", ".ds_store", "thumbs.db", "desktop.ini"}


@dataclass
class CheckOptions:
    as_of: date = field(default_factory=date.today)
    max_pages: int = 500
    ocr: bool = True
    disabled_rules: set[str] = field(default_factory=set)
    max_file_bytes: int = 200 * 1024 * 1024
    file_timeout: float = 300.0  # seconds one file may take to read and extract (0: no limit)
    max_ocr_pages: int = 60  # scanned pages OCR'd per PDF (a 300-page scan bundle is reported, not hung on)
    ocr_threads: int | None = None  # Tesseract runs at once on one PDF's scanned pages (None: one per core, up to 4)


class FileTimeout(BaseException):  # not an Exception: readers catching Exception must not swallow it
    """Reading one file took longer than the per-file time limit."""


@contextmanager
def time_limit(seconds: float):
    """Interrupt the block after ``seconds`` (main thread only; elsewhere the page cap bounds the cost)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    # ``_signal``'s own calls: ``signal.signal`` wraps each in enum conversions that cost more than the
    # call, twice for every file of a batch
    previous = _signal.signal(signal.SIGALRM, _expire)
    _signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _signal.setitimer(signal.ITIMER_REAL, 0)
        _signal.signal(signal.SIGALRM, previous)


def _expire(signum, frame):
    raise FileTimeout()


def case_files(case_dir: Path) -> list[Path]:
    """Every file in the case folder and its sub-folders, links out of the folder not followed."""
    return [path for path, _ in case_entries(case_dir)]


def case_entries(case_dir: Path) -> list[tuple[Path, str]]:
    """``case_files`` with each file's path relative to the folder ("/"-separated), in the order
    ``os.walk`` lists them (a folder's files by name, then its sub-folders by name); the folder's
    entries are read once with ``os.scandir``, whose entries know whether they are links."""
    found: list[tuple[Path, str]] = []
    _walk(os.fspath(case_dir), "", found, cache(case_dir.resolve))  # the real path: looked up only if a link needs it
    return found


def _walk(folder: str, rel: str, found: list[tuple[Path, str]], real_root: Callable[[], Path]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:  # an unreadable folder is passed over, as os.walk does
        return
    folders, files = [], []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (folders if is_dir else files).append(entry)
    base = Path(folder)
    for entry in sorted(files, key=lambda e: e.name):
        name = entry.name
        if name.startswith((".", "~$")) or name.lower() in SKIP_NAMES:
            continue
        path = base / name
        if entry.is_symlink():
            target = path.resolve()
            if real_root() not in target.parents or not target.is_file():
                log.warning("skipped link out of the case folder: %s", path)
                continue
        found.append((path, rel + name))
    for entry in sorted(folders, key=lambda e: e.name):
        if not entry.name.startswith(".") and not entry.is_symlink():  # links to folders are not followed
            _walk(os.path.join(folder, entry.name), f"{rel}{entry.name}/", found, real_root)


@dataclass
class ReadResult:
    document: Document
    placeholders: dict = field(default_factory=dict)  # fields named but left empty / "see attached"
    texts: list[tuple[int, str]] = field(default_factory=list)  # (page, text) for sentence-level rules
    extras: dict = field(default_factory=dict)  # e.g. every work location an OE lists


def read_and_extract(path: Path, rel: str, options: CheckOptions) -> ReadResult:
    """One file to a Document (never raises for a bad file), with what sentence-level rules need."""
    try:
        with time_limit(options.file_timeout):
            return _read_and_extract(path, rel, options)
    except FileTimeout:
        reason = f"took longer than the {options.file_timeout:g} s limit for one file (very large or damaged?)"
        return ReadResult(Document(path=rel, kind="unreadable", errors=[reason]))


def _read_and_extract(path: Path, rel: str, options: CheckOptions) -> ReadResult:
    from doccheck.classify import classify
    from doccheck.extract.fields import extract_fields
    from doccheck.readers import DOCUMENT_SUFFIXES, UnreadableDocument, read_document

    if path.suffix.lower() not in DOCUMENT_SUFFIXES and not _looks_like_document(path):
        return ReadResult(Document(path=rel, kind="other"))
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise UnreadableDocument(f"file too large to check ({size // (1024 * 1024)} MB; limit {options.max_file_bytes // (1024 * 1024)} MB)")
        raw = read_document(path, rel, max_pages=options.max_pages, ocr=options.ocr, max_ocr_pages=options.max_ocr_pages,
                            ocr_threads=options.ocr_threads)
    except UnreadableDocument as exc:
        return ReadResult(Document(path=rel, kind="unreadable", errors=[str(exc)]))
    except Exception as exc:  # noqa: BLE001 - a crafted file must not stop the case
        log.debug("reader crashed on %s", rel, exc_info=True)
        return ReadResult(Document(path=rel, kind="unreadable", errors=[f"could not be read ({exc.__class__.__name__})"]))
    kind, confidence = classify(raw)
    extraction = extract_fields(raw, kind)
    if kind == "other":
        kind, confidence, extraction = _states_the_job(raw, extraction)
    language = _language(raw)
    doc = Document(
        path=rel,
        kind=kind,
        fields=extraction.fields,
        errors=list(raw.errors),
        pages=raw.page_count if raw.page_count is not None else len(raw.pages),
        language=language,
        form=raw.form,
        kind_confidence=confidence,
        warnings=list(raw.warnings),
    )
    placeholders = {name: {"raw": c.raw, "page": c.page, "evidence": c.evidence} for name, c in extraction.placeholders.items()}
    texts = [(page.number, "\n".join(page.lines)) for page in raw.pages[:_TEXT_PAGES]]
    return ReadResult(doc, placeholders, texts, {"work_locations": extraction.locations})


_TEXT_PAGES = 40


_JOB_TERMS = {"job_title", "wage", "start_date", "work_location", "noc_code", "hours_per_week", "duration_months", "end_date"}


def _states_the_job(raw, extraction):
    """An unclassified document that states three or more terms of the job reads as an offer letter."""
    from doccheck.extract.fields import extract_fields

    if not _JOB_TERMS & set(extraction.fields) and raw.text_length() > 200_000:
        return "other", 0.3, extraction  # a long document with no job term read as "other": not worth a second pass
    as_letter = extract_fields(raw, "offer_letter")
    if len(_JOB_TERMS & set(as_letter.fields)) >= 3:
        return "offer_letter", 0.5, as_letter
    return "other", 0.3, extraction


def _looks_like_document(path: Path) -> bool:
    """A PDF or an image whatever its name (a DOCX must be named .docx: other zips are not documents)."""
    from doccheck.readers import sniff

    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False
    return sniff(head) in {"pdf", "png", "jpeg", "tiff"}


def _language(raw) -> str | None:
    from doccheck.extract.knowledge import fold

    text = fold(raw.head(6000))
    if not text.strip():
        return None
    fr = sum(text.count(w) for w in (" le ", " la ", " les ", " des ", " du ", " est ", " une ", " pour ", " avec "))
    en = sum(text.count(w) for w in (" the ", " and ", " of ", " to ", " is ", " for ", " with ", " your "))
    return "fr" if fr > en else "en"


def check_case(case_dir: Path, options: CheckOptions | None = None, *, case_label: str | None = None) -> Report:
    from doccheck.engine import run_rules

    options = options or CheckOptions()
    results = [read_and_extract(path, rel, options) for path, rel in case_entries(case_dir)]
    documents = [r.document for r in results]
    ctx = CaseContext(
        documents=documents,
        as_of=options.as_of,
        placeholders={r.document.path: r.placeholders for r in results if r.placeholders},
        texts={r.document.path: r.texts for r in results},
        extras={r.document.path: r.extras for r in results},
    )
    findings = run_rules(ctx, disabled=options.disabled_rules)
    summary = Summary(
        documents=len(documents),
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
        infos=sum(f.severity == "info" for f in findings),
    )
    return Report(
        case=case_label if case_label is not None else str(case_dir),
        checked_on=options.as_of.isoformat(),
        documents=documents,
        findings=findings,
        summary=summary,
    )
