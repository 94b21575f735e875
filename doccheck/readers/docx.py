"""DOCX reader: word/document.xml read directly with a hardened lxml parser, in document order.

python-docx's plain API skips text boxes and content controls, so the package is read by hand.

Steps:
1. sniff the first bytes: an empty file, an OLE compound file (an encrypted .docx, or a legacy
   .doc) or anything that is not a zip is refused in plain words;
2. zip-bomb guard before any member is decompressed: the declared uncompressed total and each
   large member's compression ratio must stay under the limits (zipfile never inflates a member
   past its declared size, so the declaration bounds the work);
3. find the main part through the package relationships (fallback ``word/document.xml``) and
   parse it with entities, DTDs and network access off; any DOCTYPE is refused;
4. walk the body in document order: each paragraph is one line (``w:br`` starts a new line,
   ``w:tab`` is a tab, ``w:noBreakHyphen`` a hyphen); each table row is one line with cells joined
   by " | " and the table also goes to ``Page.tables`` (nested tables too); text boxes become
   their own lines after the paragraph that anchors them, reading one ``mc:AlternateContent``
   branch only; content controls are read (and named ones also become form values);
5. tracked deletions, hidden text (``w:vanish``), field codes and content-control placeholder
   prompts are skipped; insertions are kept;
6. headers (all header parts, de-duplicated) open page 1; footers close the last page.

Pages: a DOCX has no fixed pages. A new page starts at an explicit page break
(``w:br w:type="page"``) or at a paragraph with ``w:pageBreakBefore``. ``w:lastRenderedPageBreak``
(where Word last happened to break) and section breaks are ignored, so page numbers are a lower
bound of the printed ones, stable across machines.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from doccheck.extract import programs
from doccheck.readers.base import FormValue, Page, RawDocument, UnreadableDocument

if TYPE_CHECKING:
    from lxml import etree

CELL_SEP = " | "
MAX_TEXT_CHARS = 5_000_000
MAX_MEMBERS = 10_000
RATIO_FLOOR_BYTES = 1 << 20  # members smaller than 1 MiB are never ratio-checked
LAYOUT_CELL_LINES = 6  # a cell with more lines than this is page layout, not a data table

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"

_NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",  # ISO strict
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://purl.oclc.org/ooxml/officeDocument/math": "m",
    "http://schemas.openxmlformats.org/package/2006/relationships": "rel",
}
_FALSE = {"0", "false", "off"}
_ZERO_WIDTH = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
_SPACES = {ord(c): " " for c in "\u00a0\u202f\u2007"}
_TRANSLATE = {**_ZERO_WIDTH, **_SPACES}
# Elements never holding visible text: properties, tracked deletions, field codes.
_SKIP = frozenset(
    "w:" + n
    for n in (
        "pPr rPr tblPr tblGrid trPr tcPr sectPr sdtPr sdtEndPr del moveFrom instrText delText "
        "delInstrText fldData softHyphen commentReference footnoteReference endnoteReference "
        "bookmarkStart bookmarkEnd proofErr lastRenderedPageBreak"
    ).split()
)
_HEADER_FOOTER_NAME = programs.compile(r"^word/(header|footer)[^/]*\.xml$", re.IGNORECASE)


# --- events produced by the walk ---------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str


@dataclass(frozen=True)
class _Break:
    explicit: bool  # w:br type="page" always breaks; pageBreakBefore only on a non-empty page


@dataclass(frozen=True)
class _Table:
    rows: list[list[str]]


@dataclass(frozen=True)
class _Control:
    name: str
    value: str
    raw: str
    label: str


@dataclass(frozen=True)
class _Warning:
    text: str


_Event = _Line | _Break | _Table | _Control | _Warning


# --- public entry point -----------------------------------------------------------------------


def read_docx(
    path: Path,
    rel_path: str,
    *,
    max_uncompressed_bytes: int = 200_000_000,
    max_ratio: float = 200.0,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> RawDocument:
    """Read a .docx file's lines, tables and content-control values page by page.

    Raises:
        UnreadableDocument: with a reason a paralegal understands ("empty file",
            "password-protected or encrypted Word document", ...).
    """
    _sniff(path)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_zip_limits(zf.infolist(), max_uncompressed_bytes, max_ratio)  # every entry, duplicates too
            return _read_package(zf, _members(zf), path, rel_path, max_text_chars)
    except zipfile.BadZipFile:
        raise UnreadableDocument("damaged Word document: the file is truncated or corrupt") from None
    except NotImplementedError:  # zipfile: "zip file version 12.7", an unknown compression method
        raise UnreadableDocument("damaged Word document: its zip structure uses a version or method no reader supports") from None
    except OSError as exc:
        raise UnreadableDocument(f"cannot open the file ({exc.strerror or exc})") from None


# --- step 1-2: sniffing and the zip-bomb guard --------------------------------------------------


def _sniff(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnreadableDocument(f"cannot open the file ({exc.strerror or exc})") from None
    if not head:
        raise UnreadableDocument("empty file")
    if head.startswith(OLE_MAGIC):
        raise UnreadableDocument(_ole_reason(path))
    if not head.startswith(ZIP_MAGIC):
        raise UnreadableDocument("not a Word document (not a zip file)")


def _ole_reason(path: Path, scan_bytes: int = 32 << 20) -> str:
    """An OLE file is an encrypted .docx unless it holds a legacy 'WordDocument' stream."""
    with path.open("rb") as fh:
        data = fh.read(scan_bytes)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "password-protected or encrypted Word document"
    if "WordDocument".encode("utf-16-le") in data:
        return "old Word 97-2003 (.doc) file renamed .docx: save it as .docx or PDF"
    return "password-protected or encrypted Word document"


def _members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Zip members by lower-cased name (directories left out)."""
    return {info.filename.lower(): info for info in zf.infolist() if not info.is_dir()}


def _check_zip_limits(infos: list[zipfile.ZipInfo], max_bytes: int, max_ratio: float) -> None:
    bomb = "Word file refused: declared uncompressed size too large (possible zip bomb)"
    if len(infos) > MAX_MEMBERS:
        raise UnreadableDocument("Word file refused: too many parts inside (possible zip bomb)")
    if sum(info.file_size for info in infos) > max_bytes:
        raise UnreadableDocument(bomb)
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument("password-protected or encrypted Word document")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > max_ratio * max(info.compress_size, 1):
            raise UnreadableDocument(bomb)


# --- step 3: parts, relationships, safe XML -------------------------------------------------------


def _read_package(
    zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], path: Path, rel_path: str, max_chars: int
) -> RawDocument:
    main = _main_part(zf, members)
    if main is None:
        raise UnreadableDocument("damaged Word document: word/document.xml is missing")
    root = _parse(_read(zf, members[main]))
    if root is None:
        raise UnreadableDocument("damaged Word document: XML is malformed")
    body = next((c for c in root if _name(c.tag) == "w:body"), root)
    doc = RawDocument(path=path, rel_path=rel_path)
    budget = _Budget(max_chars)
    doc.pages, doc.form_values = _paginate(_guarded(_blocks(body)), budget, doc.warnings)
    headers, footers = _header_footer_parts(zf, members, main)
    _add_margins(doc, _margin_events(zf, members, headers, doc.warnings), budget, first=True)
    _add_margins(doc, _margin_events(zf, members, footers, doc.warnings), budget, first=False)
    if budget.truncated:
        doc.warnings.append(f"very long Word document: only the first {max_chars:,} characters were read")
    doc.page_count = len(doc.pages)
    return doc


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return zf.read(info)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, ValueError, RuntimeError, OSError):
        # OSError: a damaged header points zipfile's seek before the file start (EINVAL)
        raise UnreadableDocument("damaged Word document: the file is truncated or corrupt") from None


def _parse(data: bytes) -> etree._Element | None:
    """Parse one part with entities, DTDs and network off; None when malformed.

    Raises:
        UnreadableDocument: when the part declares a DOCTYPE (entity expansion attacks).
    """
    from lxml import etree

    unsafe = "Word file refused: unsafe XML inside (DOCTYPE or entity declarations)"
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableDocument(unsafe)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root.getroottree().docinfo.doctype:  # e.g. a UTF-16 part the byte scan could not see
        raise UnreadableDocument(unsafe)
    return root


def _relationships(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], part: str) -> list[tuple[str, str]]:
    """(type, member name) pairs of a part's internal relationships; [] when absent or broken."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    info = members.get(rels_name.lower())
    root = _parse(_read(zf, info)) if info is not None else None
    if root is None:
        return []
    found = []
    for rel in root:
        if _name(rel.tag) != "rel:Relationship" or rel.get("TargetMode", "").lower() == "external":
            continue
        target = rel.get("Target", "")
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Type", ""), posixpath.normpath(joined).lower()))
    return found


def _main_part(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> str | None:
    for rel_type, target in _relationships(zf, members, ""):
        if rel_type.endswith("/officeDocument") and target in members:
            return target
    return "word/document.xml" if "word/document.xml" in members else None


def _header_footer_parts(
    zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], main: str
) -> tuple[list[str], list[str]]:
    """Header and footer member names: those the main part links to, else those named header*/footer*."""
    linked = [(t.rsplit("/", 1)[-1], name) for t, name in _relationships(zf, members, main) if name in members]
    headers = [n for kind, n in linked if kind == "header"]
    footers = [n for kind, n in linked if kind == "footer"]
    if not linked:
        named = [n for n in members if _HEADER_FOOTER_NAME.match(n)]
        headers = [n for n in named if posixpath.basename(n).startswith("header")]
        footers = [n for n in named if posixpath.basename(n).startswith("footer")]
    return sorted(set(headers), key=_natural), sorted(set(footers), key=_natural)


def _natural(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


# --- step 4-5: the walk -----------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _name(tag: object) -> str:
    """'w:p' for a WordprocessingML paragraph; '?:x' for a foreign element; '' for non-elements."""
    if not isinstance(tag, str):
        return ""  # comments, processing instructions, entity references
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return f"{_NAMESPACES.get(ns, '?')}:{local}"


def _attr(el: etree._Element, local: str) -> str | None:
    """An attribute by local name, whatever its namespace (w:val, w:type ...)."""
    for key, value in el.attrib.items():
        if key == local or key.endswith("}" + local):
            return value
    return None


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _name(c.tag) == name), None)


def _flag_on(props: etree._Element | None, name: str) -> bool:
    """True when a toggle property (w:vanish, w:pageBreakBefore ...) is present and not switched off."""
    flag = _child(props, name) if props is not None else None
    return flag is not None and (_attr(flag, "val") or "true").lower() not in _FALSE


def _has_text(el: etree._Element) -> bool:
    return any(_name(d.tag) in ("w:t", "m:t") for d in el.iter())


def _branch(alternate: etree._Element) -> etree._Element | None:
    """One branch of mc:AlternateContent: the first Choice with text, else a Fallback with text."""
    choices = [c for c in alternate if _name(c.tag) == "mc:Choice"]
    fallback = _child(alternate, "mc:Fallback")
    for choice in choices:
        if _has_text(choice):
            return choice
    if fallback is not None and _has_text(fallback):
        return fallback
    return choices[0] if choices else fallback


def _guarded(events: Iterator[_Event]) -> Iterator[_Event]:
    try:
        yield from events
    except RecursionError:
        raise UnreadableDocument("damaged Word document: its structure is nested too deeply") from None


def _blocks(container: etree._Element) -> Iterator[_Event]:
    """Block-level content in document order: paragraphs, tables, block content controls."""
    for child in container:
        name = _name(child.tag)
        if not name or name in _SKIP:
            continue
        if name == "w:p":
            yield from _paragraph(child)
        elif name == "w:tbl":
            yield from _table(child)
        elif name == "w:sdt":
            yield from _block_control(child)
        elif name == "mc:AlternateContent":
            branch = _branch(child)
            if branch is not None:
                yield from _blocks(branch)
        elif name == "w:altChunk":
            yield _Warning("part of the Word document is an embedded file (altChunk) that was not read")
        else:  # w:customXml, w:ins, w:moveTo, w:smartTag ... wrap more blocks
            yield from _blocks(child)


def _paragraph(p: etree._Element) -> Iterator[_Event]:
    """One paragraph: its lines (split at w:br), page breaks, then its text boxes' lines."""
    if _flag_on(_child(p, "w:pPr"), "w:pageBreakBefore"):
        yield _Break(explicit=False)
    pieces: list[str | _Event] = []
    boxes: list[etree._Element] = []
    _inline(p, pieces, boxes)
    text: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            text.append(piece)
        elif isinstance(piece, _Break):
            yield from _split_lines("".join(text))
            text = []
            yield piece
        else:
            yield piece
    yield from _split_lines("".join(text))
    for box in boxes:
        yield from _blocks(box)


def _split_lines(text: str) -> Iterator[_Line]:
    for line in text.split("\n"):
        yield _Line(line)


def _inline(el: etree._Element, out: list[str | _Event], boxes: list[etree._Element]) -> None:
    """Run-level content of a paragraph into `out`; text boxes are collected into `boxes`."""
    for child in el:
        name = _name(child.tag)
        if not name or name in _SKIP:
            continue
        if name in ("w:t", "m:t"):
            out.append(child.text or "")
        elif name in ("w:tab", "w:ptab"):
            out.append("\t")
        elif name in ("w:br", "w:cr"):
            out.append(_Break(explicit=True) if _attr(child, "type") == "page" else "\n")
        elif name == "w:noBreakHyphen":
            out.append("-")
        elif name == "w:txbxContent":
            boxes.append(child)
        elif name == "mc:AlternateContent":
            branch = _branch(child)
            if branch is not None:
                _inline(branch, out, boxes)
        elif name == "w:r":
            if not _flag_on(_child(child, "w:rPr"), "w:vanish"):
                _inline(child, out, boxes)
        elif name == "w:sdt":
            _inline_control(child, out, boxes)
        else:  # w:hyperlink, w:ins, w:moveTo, w:fldSimple, w:smartTag, w:drawing, w:pict, shapes ...
            _inline(child, out, boxes)


def _control(sdt: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """(properties, content) of a content control; content is None while it shows its placeholder."""
    props = _child(sdt, "w:sdtPr")
    content = _child(sdt, "w:sdtContent")
    if _flag_on(props, "w:showingPlcHdr"):
        return props, None
    return props, content


def _control_event(props: etree._Element | None, value: str) -> Iterator[_Control]:
    """A form value for a named content control (name w:tag, else w:alias; label w:alias).

    Date controls keep their stored w:fullDate as ``raw``.
    """
    if props is None:
        return
    tag, alias = (_prop_value(props, n) for n in ("w:tag", "w:alias"))
    value = _clean(value)
    if not (tag or alias) or not value:
        return
    raw = _prop_value(props, "w:date", "fullDate") or value
    yield _Control(name=tag or alias, value=value, raw=raw, label=alias)


def _prop_value(props: etree._Element, name: str, attribute: str = "val") -> str:
    prop = _child(props, name)
    return (_attr(prop, attribute) or "").strip() if prop is not None else ""


def _inline_control(sdt: etree._Element, out: list[str | _Event], boxes: list[etree._Element]) -> None:
    props, content = _control(sdt)
    if content is None:
        return
    pieces: list[str | _Event] = []
    _inline(content, pieces, boxes)
    out.extend(pieces)
    out.extend(_control_event(props, "".join(p for p in pieces if isinstance(p, str))))


def _block_control(sdt: etree._Element) -> Iterator[_Event]:
    props, content = _control(sdt)
    if content is None:
        return
    events = list(_blocks(content))
    yield from events
    yield from _control_event(props, " ".join(e.text for e in events if isinstance(e, _Line)))


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """Table rows, also those wrapped in row-level content controls or custom XML."""
    for child in tbl:
        name = _name(child.tag)
        if name == "w:tr":
            if not _flag_on(_child(child, "w:trPr"), "w:del"):  # a tracked-deleted row
                yield child
        elif name == "w:sdt":
            content = _control(child)[1]
            if content is not None:
                yield from _rows(content)
        elif name == "w:customXml":
            yield from _rows(child)


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        name = _name(child.tag)
        if name == "w:tc":
            yield child
        elif name == "w:sdt":
            content = _control(child)[1]
            if content is not None:
                yield from _cells(content)
        elif name == "w:customXml":
            yield from _cells(child)


@dataclass
class _Cell:
    lines: list[str] = field(default_factory=list)
    extra: list[_Event] = field(default_factory=list)  # nested tables, control values, warnings


def _read_cell(tc: etree._Element) -> _Cell:
    """A cell's lines (nested tables as ' | ' rows); page breaks inside tables are ignored."""
    cell = _Cell()
    for event in _blocks(tc):
        if isinstance(event, _Line):
            text = _clean(event.text)
            if text:
                cell.lines.append(text)
        elif not isinstance(event, _Break):
            cell.extra.append(event)
    return cell


def _table(tbl: etree._Element) -> Iterator[_Event]:
    """The table itself, then per row: nested tables/values and one ' | ' line (or layout lines)."""
    rows = [[_read_cell(tc) for tc in _cells(tr)] for tr in _rows(tbl)]
    if any(c.lines for row in rows for c in row):
        yield _Table(rows=[["\n".join(c.lines) for c in row] for row in rows])
    for row in rows:
        for cell in row:
            yield from cell.extra
        if _is_layout_row(row):
            yield from (_Line(line) for cell in row for line in cell.lines)
        else:
            yield _Line(CELL_SEP.join(" ".join(c.lines) for c in row if c.lines))


def _is_layout_row(row: list[_Cell]) -> bool:
    """A row used for page layout (a cell holding a long text or another table) is read as lines."""
    return any(len(c.lines) > LAYOUT_CELL_LINES or any(isinstance(e, _Table) for e in c.extra) for c in row)


# --- step 6: pages, headers, footers --------------------------------------------------------------


def _clean(text: str) -> str:
    """Zero-width characters dropped, no-break spaces made plain, ends trimmed."""
    return text.translate(_TRANSLATE).strip()


@dataclass
class _Budget:
    limit: int
    used: int = 0
    truncated: bool = False

    def take(self, text: str) -> bool:
        """Count `text` against the cap; False (and truncated) once the cap would be passed."""
        if self.truncated or self.used + len(text) > self.limit:
            self.truncated = True
            return False
        self.used += len(text)
        return True


def _paginate(events: Iterable[_Event], budget: _Budget, warnings: list[str]) -> tuple[list[Page], list[FormValue]]:
    pages = [Page(number=1, lines=[])]
    values: list[FormValue] = []
    for event in events:
        page = pages[-1]
        match event:
            case _Line(text=text):
                text = _clean(text)
                if text and not budget.take(text):
                    break
                if text:
                    page.lines.append(text)
            case _Break(explicit=explicit):
                if explicit or page.lines or page.tables:
                    pages.append(Page(number=len(pages) + 1, lines=[]))
            case _Table(rows=rows):
                page.tables.append(rows)
            case _Control(name=name, value=value, raw=raw, label=label):
                values.append(FormValue(name=name, value=value, raw=raw, page=page.number, label=label))
            case _Warning(text=text):
                if text not in warnings:
                    warnings.append(text)
    return pages, values


def _margin_events(
    zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], parts: list[str], warnings: list[str]
) -> list[_Event]:
    """Events of header or footer parts; a malformed one is skipped with a warning."""
    events: list[_Event] = []
    for part in parts:
        root = _parse(_read(zf, members[part]))
        if root is None:
            warnings.append(f"damaged Word header/footer ({posixpath.basename(part)}) was skipped")
            continue
        events.extend(e for e in _guarded(_blocks(root)) if not isinstance(e, _Break))
    return events


def _add_margins(doc: RawDocument, events: list[_Event], budget: _Budget, *, first: bool) -> None:
    """De-duplicated header lines/tables at the start of page 1, or footer ones at the end of the last page."""
    pages, values = _paginate(events, budget, doc.warnings)
    lines = list(dict.fromkeys(pages[0].lines))
    tables = [t for i, t in enumerate(pages[0].tables) if t not in pages[0].tables[:i]]
    page = doc.pages[0] if first else doc.pages[-1]
    if first:
        page.lines[:0] = lines
        page.tables[:0] = tables
    else:
        page.lines.extend(lines)
        page.tables.extend(tables)
    seen = {(v.name, v.value) for v in doc.form_values}
    for value in values:
        if (value.name, value.value) not in seen:
            seen.add((value.name, value.value))
            doc.form_values.append(FormValue(value.name, value.value, value.raw, page.number, value.label))
