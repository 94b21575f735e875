"""Hostile and broken files next to good documents: nothing crashes, nothing is lost, nothing leaks.

One case folder is built once per test session (``hostile_run``): the four good documents of the
bundled ``clean_c63_ict`` case (some under unicode names, one 20 folders deep) plus every broken or
crafted file below. ``doccheck check CASE --format json`` then runs in a subprocess, so a crash
would show as a traceback or as stdout that is not JSON. Each test asserts one behaviour on that one
run: the exit status and the JSON, the plain-words reason for each bad file, the good files' fields,
the case folder untouched, and no field value in the log.

Not repeated here (see tests/test_cli_check.py): no network socket during a check
(``test_check_opens_no_network_socket``) and the basic write-nothing check on a bundled case.

The expensive files are cheap to build: the 2,000-page PDF is blank pages written by pypdf (<1 s),
and the zip bombs deflate zeros at the fastest levels (~1 s for 250 MB declared).
All names and numbers are invented.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CASES, ROOT

GOOD_CASE = CASES / "clean_c63_ict"
PASSPORT = "R09257334"  # the OE's (synthetic) passport number in clean_c63_ict
DEEP = "/".join(f"niveau {i:02d}" for i in range(1, 21))  # 20 nested folders
UNICODE_LETTER = "Dossier client – été/Lettre d'offre – été 2027 (copie).docx"
RENAMED_DOCX = "offer letter (Word file renamed).pdf"
CLI = "import sys; from doccheck.cli import main; sys.exit(main())"  # the console script, without needing it installed


# --- builders: each writes one hostile file and returns nothing ------------------------------------


def _truncated_pdf(path: Path) -> None:
    data = (GOOD_CASE / "attestation.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _pdf_with_a_broken_page(path: Path) -> None:
    """Three text pages; the second page's dictionary is damaged (its "<<" overwritten), as the fuzzer found."""
    import re

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in (1, 2, 3):
        pdf.drawString(72, 700, f"Page {number}. Job title: Software Engineer. Wage: $48.25 per hour.")
        pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    page_objects = list(re.finditer(rb"\d+ 0 obj\s*<<(?:(?!endobj).)*?/Type /Page\b(?!s)(?:(?!endobj).)*endobj", data, re.S))
    at = data.index(b"<<", page_objects[1].start())
    path.write_bytes(data[:at] + b"\x7f" + data[at + 1 :])


def _encrypted_pdf(path: Path, user_password: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(GOOD_CASE / "attestation.pdf"))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)


def _rewrite_zip(source: Path, path: Path, replace: dict[str, bytes | None]) -> None:
    """Copy a zip member by member; ``replace`` maps a member name to new bytes (None drops it)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info, src.read(info))


def _docx_with_garbage_xml(path: Path) -> None:
    _rewrite_zip(GOOD_CASE / "letter.docx", path, {"word/document.xml": os.urandom(4096) + b"\x00<w:document"})


def _docx_with_corrupt_stream(path: Path) -> None:
    """A valid zip directory whose word/document.xml compressed bytes are overwritten with garbage."""
    data = bytearray((GOOD_CASE / "letter.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    data[start : start + min(info.compress_size, 512)] = b"\xff\x13\x37" * (min(info.compress_size, 512) // 3) + b"\xff" * (
        min(info.compress_size, 512) % 3
    )
    path.write_bytes(bytes(data))


def _docx_missing_bytes(path: Path) -> None:
    """1,000 bytes cut out near the start: zipfile then seeks before the file start (OSError EINVAL)."""
    data = (GOOD_CASE / "letter.docx").read_bytes()
    path.write_bytes(data[:40] + data[1040:])


def _docx_unknown_zip_version(path: Path) -> None:
    """Central directory entries that need "zip version 12.7" to extract (found by bench/fuzz.py)."""
    data = bytearray((GOOD_CASE / "letter.docx").read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6 : at + 8] = (127).to_bytes(2, "little")  # version needed to extract
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _zip_without_document(path: Path) -> None:
    _rewrite_zip(GOOD_CASE / "letter.docx", path, {"word/document.xml": None, "_rels/.rels": None})


def _zip_bomb(path: Path, megabytes: int, level: int) -> None:
    """A DOCX whose word/document.xml inflates to ``megabytes`` MB of zeros (streamed, never in memory)."""
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)


def _blank_pages_pdf(path: Path, pages: int) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    with path.open("wb") as fh:
        writer.write(fh)


def _long_line_docx(path: Path) -> None:
    """One paragraph of 1 MB with no line break: a converted file that lost its paragraph marks.

    Ordinary prose: the same 1 MB made of amounts, dates and places takes ~40 s to extract (reported
    to the lead), which this suite cannot afford.
    """
    import docx

    sentence = "The employee will report to the engineering manager and work with the team on several projects. "
    document = docx.Document()
    document.add_paragraph("Employment terms")
    document.add_paragraph((sentence * (1_000_000 // len(sentence) + 1))[:1_000_000])
    document.save(path)


def _long_line_pdf(path: Path) -> None:
    """One text line of ~1 MB drawn across (and far past) the page."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(20, 700, ("Wage: $52,000 per year Start date: 2027-05-01 " * 22_000)[:1_000_000])
    pdf.showPage()
    pdf.save()


def _xfa_entity_bomb(path: Path) -> None:
    """An IMM 1295 whose datasets packet declares nested entities (billion laughs) used as the passport number."""
    import xfa_builder

    doctype = (
        '<!DOCTYPE xfa:datasets [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + "]>"
    ).encode()
    original = xfa_builder.datasets_xml

    def with_entities(data: dict[str, str], **kwargs) -> bytes:
        return doctype + original(data, **kwargs).replace(b"&amp;lol9;", b"&lol9;")

    xfa_builder.datasets_xml = with_entities
    try:
        xfa_builder.build_xfa_pdf(path, "IMM 1295", answers={"passport_number": "&lol9;"})
    finally:
        xfa_builder.datasets_xml = original


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_bomb(path: Path, width: int, height: int) -> None:
    """A tiny PNG whose header declares width x height grey pixels (only the first row is stored)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    first_row = zlib.compress(b"\x00" * (width + 1), 9)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", first_row) + _png_chunk(b"IEND", b""))


def _truncated_jpeg(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), "white")
    draw = ImageDraw.Draw(image)
    for y in range(0, 900, 30):
        draw.text((20, y), "Job title: Software Engineer  Wage: $48.25 per hour", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) // 2])


@dataclass(frozen=True)
class Hostile:
    """A broken or crafted file: its path in the case, how to build it, the reason expected (None: read)."""

    path: str
    build: object  # Callable[[Path], None]
    reason: str | None


HOSTILE = [
    # a zero-byte upload
    Hostile("empty.pdf", lambda p: p.write_bytes(b""), "empty file"),
    # a download cut at 50 %
    Hostile("attestation (truncated).pdf", _truncated_pdf, "damaged PDF: ends early"),
    # a text file saved with a .pdf extension
    Hostile("notes.pdf", lambda p: p.write_text("Call the employer about the start date.\n" * 20), "not a PDF (looks like plain text)"),
    # an HTML error page saved as the download
    Hostile("portal_download.pdf", lambda p: p.write_text("<!DOCTYPE html><html><body>Session expired</body></html>"), "not a PDF (looks like a web page"),
    # a PDF that needs a password to open
    Hostile("attestation (protected).pdf", lambda p: _encrypted_pdf(p, "secret"), "password-protected PDF"),
    # random bytes with a .docx extension
    Hostile("random.docx", lambda p: p.write_bytes(os.urandom(3000)), "not a Word document"),
    # a DOCX whose document.xml holds garbage bytes
    Hostile("letter (garbage xml).docx", _docx_with_garbage_xml, "damaged Word document: XML is malformed"),
    # a DOCX whose compressed document.xml stream is corrupt
    Hostile("letter (corrupt stream).docx", _docx_with_corrupt_stream, "damaged Word document"),
    # a DOCX with bytes missing near the start (found by bench/fuzz.py: was "cannot open the file (Invalid argument)")
    Hostile("letter (bytes missing).docx", _docx_missing_bytes, "damaged Word document: the file is truncated or corrupt"),
    # a DOCX whose zip entries need an unknown zip version (was "could not be read (NotImplementedError)")
    Hostile("letter (zip version).docx", _docx_unknown_zip_version, "damaged Word document: its zip structure uses a version or method"),
    # a zip with the DOCX parts but no word/document.xml
    Hostile("letter (no body).docx", _zip_without_document, "word/document.xml is missing"),
    # 250 MB declared in one member: over the 200 MB total
    Hostile("bomb (250 MB).docx", lambda p: _zip_bomb(p, 250, 1), "possible zip bomb"),
    # 60 MB declared: under the total, but compressed more than 200:1
    Hostile("bomb (ratio).docx", lambda p: _zip_bomb(p, 60, 4), "possible zip bomb"),
    # a 40,000 x 40,000 PNG (1.6 gigapixels) stored in a few hundred bytes
    Hostile("scan (bomb).png", lambda p: _png_bomb(p, 40_000, 40_000), "image too large"),
    # a 9,000 x 9,000 PNG: under Pillow's own bomb limit, over the OCR pixel cap
    Hostile("photo (huge).png", lambda p: _png_bomb(p, 9_000, 9_000), "image too large"),
    # a photo cut at 50 %
    Hostile("passport photo (truncated).jpg", _truncated_jpeg, "damaged image"),
]
READ_NORMALLY = [
    # a PDF encrypted with an empty user password opens like any PDF (IRCC forms are)
    Hostile("attestation (empty password).pdf", lambda p: _encrypted_pdf(p, ""), None),
    # a DOCX renamed .pdf: the reader sniffs the content and reads it as Word
    Hostile(RENAMED_DOCX, lambda p: shutil.copy(GOOD_CASE / "letter.docx", p), None),
    # 2,000 blank pages: only the first 500 (--max-pages default) are read
    Hostile("bundle (2000 blank pages).pdf", lambda p: _blank_pages_pdf(p, 2000), None),
    # one paragraph of 1 MB
    Hostile("long line.docx", _long_line_docx, None),
    # one PDF text line of 1 MB
    Hostile("long line.pdf", _long_line_pdf, None),
    # an XFA form whose datasets declare nested entities: not expanded, the rest of the form read
    Hostile("imm1295 (entities).pdf", _xfa_entity_bomb, None),
    # page 2 of 3 cannot be loaded: pages 1 and 3 are read, the damage is reported (DC002)
    Hostile("offer (page 2 damaged).pdf", _pdf_with_a_broken_page, None),
]


# --- the one run ---------------------------------------------------------------------------------


@dataclass
class Run:
    case: Path
    outside: Path
    returncode: int
    stdout: str
    stderr: str
    before: dict[str, tuple]
    after: dict[str, tuple]

    @property
    def report(self) -> dict:
        return json.loads(self.stdout)

    def document(self, path: str) -> dict:
        found = [d for d in self.report["documents"] if d["path"] == path]
        assert len(found) == 1, f"{path} not reported once: {[d['path'] for d in self.report['documents']]}"
        return found[0]


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (links not followed): type, size, mode and mtime."""
    snapshot = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            snapshot[str(path.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return snapshot


def _build_case(root: Path) -> tuple[Path, Path]:
    case = root / "Case – été (2027)"
    case.mkdir()
    shutil.copy(GOOD_CASE / "portal_summary.pdf", case / "portal_summary.pdf")
    shutil.copy(GOOD_CASE / "scan_0030.pdf", case / "scan_0030.pdf")
    (case / UNICODE_LETTER).parent.mkdir()
    shutil.copy(GOOD_CASE / "letter.docx", case / UNICODE_LETTER)
    (case / DEEP).mkdir(parents=True)
    shutil.copy(GOOD_CASE / "attestation.pdf", case / DEEP / "attestation.pdf")
    for item in HOSTILE + READ_NORMALLY:
        item.build(case / item.path)
    outside = root / "outside" / "other_case_oe.pdf"  # a real document of another case
    outside.parent.mkdir()
    shutil.copy(CASES / "mismatch_wage" / sorted(os.listdir(CASES / "mismatch_wage"))[0], outside)
    (case / "link to another case.pdf").symlink_to(outside)
    (case / "link to the OE.pdf").symlink_to(case / "portal_summary.pdf")
    locked = case / "locked.pdf"
    shutil.copy(GOOD_CASE / "attestation.pdf", locked)
    locked.chmod(0)
    return case, outside


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    case, outside = _build_case(root)
    before = _snapshot(case)
    env = {**os.environ, "DOCCHECK_DATA_DIR": str(root / "no-wage-table"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CLI, "check", str(case), "--format", "json", "--as-of", "2026-11-28"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    run = Run(case, outside, done.returncode, done.stdout, done.stderr, before, _snapshot(case))
    (case / "locked.pdf").chmod(0o644)  # let pytest clean up
    return run


# --- the run as a whole --------------------------------------------------------------------------


def test_the_run_exits_0_or_1_with_a_json_report_and_no_traceback(hostile_run):
    assert hostile_run.returncode in (0, 1), hostile_run.stderr
    assert "Traceback" not in hostile_run.stderr
    report = hostile_run.report  # raises if stdout is not JSON
    assert report["schema_version"] == "1"
    assert report["summary"]["documents"] == len(report["documents"])


@pytest.mark.parametrize("item", HOSTILE, ids=[h.path for h in HOSTILE])
def test_each_bad_file_is_unreadable_with_a_reason_in_plain_words(hostile_run, item):
    doc = hostile_run.document(item.path)
    assert doc["kind"] == "unreadable"
    assert any(item.reason in error for error in doc["errors"]), doc["errors"]
    assert all("Error" not in e and "Exception" not in e for e in doc["errors"]), "a Python class name is not a reason"
    dc001 = [f for f in hostile_run.report["findings"] if f["rule"] == "DC001" and f["documents"] == [item.path]]
    assert dc001, "an unreadable file gets its own DC001 finding"


def test_the_good_files_fields_are_still_extracted(hostile_run):
    oe = hostile_run.document("portal_summary.pdf")
    assert oe["kind"] == "offer_of_employment"
    assert {"job_title", "wage", "passport_number", "start_date", "work_location"} <= set(oe["fields"])
    assert oe["fields"]["wage"]["value"]["hourly"] == pytest.approx(48.25)
    application = hostile_run.document("scan_0030.pdf")
    assert application["kind"] == "work_permit_application"
    assert application["fields"]["passport_number"]["value"] == PASSPORT


def test_unicode_spaces_and_apostrophes_in_names_are_read(hostile_run):
    letter = hostile_run.document(UNICODE_LETTER)
    assert letter["kind"] == "offer_letter"
    assert {"job_title", "wage", "start_date"} <= set(letter["fields"])


def test_a_file_twenty_folders_deep_is_read(hostile_run):
    reference = hostile_run.document(f"{DEEP}/attestation.pdf")
    assert reference["kind"] == "employment_reference" and reference["fields"]


def test_a_pdf_with_an_empty_user_password_is_read_normally(hostile_run):
    doc = hostile_run.document("attestation (empty password).pdf")
    assert doc["kind"] == "employment_reference"
    assert doc["errors"] == [] and doc["fields"]["job_title"]["value"]


def test_a_docx_renamed_pdf_is_read_as_word_by_its_content(hostile_run):
    doc = hostile_run.document(RENAMED_DOCX)
    assert doc["kind"] == "offer_letter"
    assert {"job_title", "wage"} <= set(doc["fields"])


def test_a_2000_page_pdf_is_read_up_to_the_page_cap(hostile_run):
    doc = hostile_run.document("bundle (2000 blank pages).pdf")
    assert doc["kind"] != "unreadable", doc["errors"]  # blank pages are not sent to OCR, so no time-out
    assert doc["pages"] == 2000
    assert any("first 500 of 2000 pages" in w for w in doc["warnings"])


@pytest.mark.parametrize("path", ["long line.docx", "long line.pdf"])
def test_a_one_megabyte_line_is_read_without_error(hostile_run, path):
    doc = hostile_run.document(path)
    assert doc["kind"] != "unreadable" and doc["errors"] == []


def test_xfa_entities_are_not_expanded_and_the_form_is_still_read(hostile_run):
    doc = hostile_run.document("imm1295 (entities).pdf")
    assert doc["kind"] == "work_permit_application"
    assert doc["fields"]["job_title"]["value"] == "Robotics Software Developer"
    assert "lollol" not in json.dumps(doc)  # 10^9 "lol"s would be ~3 GB: never built
    assert "lollol" not in hostile_run.stdout


def test_a_pdf_page_that_cannot_be_loaded_loses_only_that_page(hostile_run):
    doc = hostile_run.document("offer (page 2 damaged).pdf")
    assert doc["kind"] != "unreadable" and doc["pages"] == 3
    assert any("damaged PDF: 1 page(s) could not be read (page 2)" in e for e in doc["errors"])
    assert doc["fields"]["wage"]["raw"].startswith("$48.25")
    dc002 = [f for f in hostile_run.report["findings"] if f["rule"] == "DC002" and f["documents"] == [doc["path"]]]
    assert dc002 and "page 2" in dc002[0]["message"]


def test_a_link_out_of_the_case_folder_is_not_followed_and_one_inside_is_read(hostile_run):
    paths = {d["path"] for d in hostile_run.report["documents"]}
    assert "link to another case.pdf" not in paths
    assert hostile_run.outside.name not in hostile_run.stdout
    assert hostile_run.document("link to the OE.pdf")["kind"] == "offer_of_employment"


def test_a_file_without_read_permission_is_unreadable_with_the_reason(hostile_run):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading (see the in-process test below)")
    doc = hostile_run.document("locked.pdf")
    assert doc["kind"] == "unreadable" and any("ermission" in e for e in doc["errors"])


def test_a_permission_error_on_open_is_a_plain_words_reason(tmp_path, monkeypatch):
    """The same as the chmod 000 case, in-process, so it also runs as root: open() itself refuses."""
    from doccheck.pipeline import CheckOptions, read_and_extract

    path = tmp_path / "locked.pdf"
    shutil.copy(GOOD_CASE / "attestation.pdf", path)
    real_open, real_os_open = Path.open, os.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def refuse_fd(name, *args, **kwargs):  # the readers open with os calls
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_os_open(name, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(os, "open", refuse_fd)
    doc = read_and_extract(path, "locked.pdf", CheckOptions(ocr=False)).document
    assert doc.kind == "unreadable" and any("Permission denied" in e for e in doc.errors)


def test_the_case_folder_tree_and_mtimes_are_unchanged(hostile_run):
    assert hostile_run.after == hostile_run.before


def test_the_log_holds_no_field_value_without_verbose(hostile_run):
    assert PASSPORT not in hostile_run.stderr
    for value in ("48.25", "Ramírez", "RAMÍREZ", "Robotics Software Developer", "2031-06-30"):
        assert value not in hostile_run.stderr


def test_a_billion_laughs_datasets_packet_keeps_the_answers_after_the_entity():
    """libxml2 refuses the amplification; the recovery parse must not drop the rest of the form."""
    from doccheck.readers.xfa import parse_datasets

    declarations = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    packet = (
        f'<!DOCTYPE d [<!ENTITY l0 "lol">{declarations}]>'
        '<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1>'
        "<Page1><Before>A1</Before><Name>&l9;</Name><After>Z9</After></Page1></form1></xfa:data></xfa:datasets>"
    ).encode()
    texts = {leaf.som: leaf.text for leaf in parse_datasets(packet).leaves()}
    assert texts["form1/Page1/Before"] == "A1" and texts["form1/Page1/After"] == "Z9"
    assert "lol" not in (texts.get("form1/Page1/Name") or "")
