"""Read IRCC XFA forms (IMM 1295, IMM 5710): answers from the datasets packet, decoded with the form's own code lists.

A filled IRCC form keeps its answers in XML inside the PDF, not on the pages (the page text is only
"Please wait..."). Steps:

1. `xfa_packets(reader)`: the ``/AcroForm/XFA`` packets, an array of name/stream pairs or one XDP stream.
2. `parse_datasets(xml)`: the code lists (every element with a ``lic`` attribute inside ``LOVFile``, grouped
   by list) and the data tree below ``xfa:data``; parsed without DTDs, entities or network.
3. `identify_form(...)`: form number and version from ``FormVersion``, the XMP packet, the PDF title, or,
   failing those, the data layout named in ``extractors/forms/*.yml``.
4. `map_values(datasets, mapping)`: the mapping's trailing paths name the nodes; coded answers are decoded
   with the lists of the same file (the raw code is kept in ``FormValue.raw``).

The PDF reader opens the file; the functions here take an opened ``pypdf.PdfReader``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from doccheck.extract import programs
from doccheck.readers.base import FormValue, UnreadableDocument

if TYPE_CHECKING:  # pragma: no cover
    import pypdf
    from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024
XFA_DATA_NS = "http://www.xfa.org/schema/xfa-data/1.0/"
_DATA_DESCRIPTION_NS = "http://ns.adobe.com/data-description/"
_XHTML_NS = "http://www.w3.org/1999/xhtml"

XFA_PLACEHOLDER_RE = programs.compile(
    r"please\s+wait.{0,40}?(not\s+eventually\s+be\s+replaced|not\s+eventually\s+replaced|proper\s+contents)"
    r"|veuillez\s+patienter",
    re.IGNORECASE | re.DOTALL,
)
_FORM_NUMBER_RE = programs.compile(r"\bIMM\s*[-_]?\s*(\d{4})", re.IGNORECASE)
_VERSION_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (programs.compile(r"(?<![A-Za-z])\.?([A-Z]{3})-(\d{2})-(\d{4})"), ".{0}-{1}-{2}"),  # .ENU-10-2019
    (programs.compile(r"(?<!\d)(0[1-9]|1[0-2])[-/](\d{4})(?!\d)"), "{0}-{1}"),  # (10-2019)
)
_PAGE_RE = programs.compile(r"^page(\d+)$", re.IGNORECASE)
_INDEX_RE = programs.compile(r"\[\d+\]$")
_DATE_PART_RES: dict[str, re.Pattern[str]] = {
    "year": programs.compile(r"(yyyy|year|yr|yy)$", re.IGNORECASE),
    "month": programs.compile(r"(mm|month|mon|mo)$", re.IGNORECASE),
    "day": programs.compile(r"(dd|day)$", re.IGNORECASE),
}
# Full province/territory names, for code lists that decode to names instead of abbreviations.
_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "alberta": "AB", "british columbia": "BC", "colombie-britannique": "BC", "manitoba": "MB",
    "new brunswick": "NB", "nouveau-brunswick": "NB", "newfoundland and labrador": "NL",
    "terre-neuve-et-labrador": "NL", "nova scotia": "NS", "nouvelle-écosse": "NS",
    "northwest territories": "NT", "territoires du nord-ouest": "NT", "nunavut": "NU",
    "ontario": "ON", "prince edward island": "PE", "île-du-prince-édouard": "PE", "quebec": "QC",
    "québec": "QC", "saskatchewan": "SK", "yukon": "YT",
}


class XfaError(ValueError):
    """The XFA packets cannot be read (malformed or oversized XML); the message is plain words."""


# --- models -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeList:
    """One LOVFile list: ``<CountryOfCitizenshipList><CountryOfCitizenship lic="205">India</...>``."""

    name: str  # the list element, e.g. "CountryOfCitizenshipList"
    entry: str  # the entry element, e.g. "CountryOfCitizenship"
    codes: dict[str, str]  # lic -> text, first occurrence wins


@dataclass
class DataNode:
    """A node of the answers tree; ``path`` runs from the data root ("form1"), SOM-indexed when repeated."""

    path: tuple[str, ...]
    text: str | None  # stripped leaf text; None for a group
    children: list[DataNode] = field(default_factory=list)

    @property
    def name(self) -> str:
        return _INDEX_RE.sub("", self.path[-1])

    @property
    def key(self) -> tuple[str, ...]:
        """Lower-case names without SOM indexes: what mapping paths are compared with."""
        return tuple(_INDEX_RE.sub("", part).lower() for part in self.path)

    @property
    def som(self) -> str:
        return "/".join(self.path)


@dataclass
class Datasets:
    code_lists: list[CodeList]
    roots: list[DataNode]
    warnings: list[str] = field(default_factory=list)

    def nodes(self) -> Iterator[DataNode]:
        """Every data node, document order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def leaves(self) -> Iterator[DataNode]:
        return (node for node in self.nodes() if node.text is not None)


@dataclass
class Decoded:
    value: str
    code_list: str | None = None  # the list that decoded it
    note: str | None = None  # why it was not decoded, or how it was


@dataclass
class XfaResult:
    form: str | None  # e.g. "IMM 1295 (.ENU-10-2019)"
    values: list[FormValue]  # canonical (pseudo-)fields named by the mapping
    all_values: list[FormValue]  # every non-empty data leaf; canonical None where unmapped
    warnings: list[str] = field(default_factory=list)  # about the whole form
    notes: dict[str, list[str]] = field(default_factory=dict)  # FormValue.name -> notes (decoding, loose match)
    packets: list[str] = field(default_factory=list)  # packet names found in /XFA


class FieldMap(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    field: str
    path: str | list[str]
    decode: str | None = None
    kind: Literal["text", "date"] = "text"

    @property
    def paths(self) -> list[tuple[str, ...]]:
        alternatives = [self.path] if isinstance(self.path, str) else self.path
        return [_split_path(path) for path in alternatives]


class Detect(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    form_number: str
    paths: list[str] = []


class FormMapping(BaseModel):
    """An ``extractors/forms/*.yml`` file (validated strictly so a YAML typo fails loudly)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    form: str
    versions: list[str] = []
    detect: Detect
    code_lists: dict[str, list[str]] = {}
    exclude: list[str] = []
    fields: list[FieldMap]

    @model_validator(mode="after")
    def _decoders_exist(self) -> FormMapping:
        for item in self.fields:
            if item.decode is not None and item.decode not in self.code_lists:
                raise ValueError(f"{self.form}: field {item.field} decodes with unknown list {item.decode!r}")
        return self


# --- public API ---------------------------------------------------------------------------------


def is_xfa_placeholder(text: str) -> bool:
    """True for the "Please wait..." page text that XFA-only PDFs show instead of their contents."""
    return bool(XFA_PLACEHOLDER_RE.search(text))


def has_xfa(reader: pypdf.PdfReader) -> bool:
    """True when the PDF carries XFA packets (``/Root/AcroForm/XFA``).

    Raises:
        UnreadableDocument: the PDF needs a non-empty user password.
    """
    _ensure_decrypted(reader)
    return _xfa_object(reader) is not None


def read_xfa(reader: pypdf.PdfReader) -> XfaResult | None:
    """Read the XFA answers of an opened PDF; None when it has no XFA.

    Raises:
        UnreadableDocument: the PDF needs a non-empty user password.
    """
    _ensure_decrypted(reader)
    packets = xfa_packets(reader)
    if packets is None:
        return None
    names = [name for name, _ in packets]
    try:
        datasets = parse_datasets(_datasets_bytes(packets))
    except XfaError as exc:
        return XfaResult(form=None, values=[], all_values=[], warnings=[str(exc)], packets=names)
    mapping, form, form_warnings = identify_form(datasets, _identity_texts(reader, packets), load_mappings())
    values, notes, map_warnings = map_values(datasets, mapping) if mapping else ([], {}, [])
    if mapping is None:
        map_warnings.append(f"no field mapping for {form or 'this XFA form'}: answers listed without field names")
    return XfaResult(
        form=form,
        values=values,
        all_values=_all_values(datasets, values),
        warnings=datasets.warnings + form_warnings + map_warnings,
        notes=notes,
        packets=names,
    )


def xfa_packets(reader: pypdf.PdfReader) -> list[tuple[str, bytes]] | None:
    """The XFA packets as (name, bytes): an array's name/stream pairs, or [("xdp", whole)] for one stream."""
    xfa = _xfa_object(reader)
    if xfa is None:
        return None
    if hasattr(xfa, "get_data"):
        return [("xdp", xfa.get_data())]
    items = [item.get_object() for item in xfa]
    packets: list[tuple[str, bytes]] = []
    for name, stream in zip(items[0::2], items[1::2]):
        try:
            packets.append((str(name), stream.get_data()))
        except Exception:  # a broken or foreign packet: the others may still hold the answers
            continue
    return packets


def parse_datasets(xml_bytes: bytes) -> Datasets:
    """Parse a ``datasets`` packet (or a whole XDP) into code lists and the answers tree.

    Raises:
        XfaError: oversized (> 50 MB) or malformed XML.
    """
    root = _parse_xml(xml_bytes)
    warnings = []
    if root.getroottree().docinfo.internalDTD is not None:
        warnings.append("XFA datasets declare a DTD; its entities were not expanded")
    datasets = _find_datasets(root)
    lov_files = [el for el in datasets.iter() if isinstance(el.tag, str) and _local(el) == "LOVFile"]
    return Datasets(
        code_lists=[cl for lov in lov_files for cl in _code_lists(lov)],
        roots=[_data_node(el, (_som_name(el),)) for el in _data_roots(datasets)],
        warnings=warnings,
    )


def decode_code(raw: str, code_lists: Sequence[CodeList], hints: Sequence[str]) -> Decoded:
    """Decode an IRCC code with the file's own lists; keep the raw text (and say why) when it cannot.

    >>> decode_code("205", [CodeList("CountryOfCitizenshipList", "CountryOfCitizenship", {"205": "India"})],
    ...             ["CountryOfCitizenship"]).value
    'India'
    """
    holders = [cl for cl in code_lists if _lookup(cl, raw) is not None]
    if not holders:
        if any(raw.casefold() == text.casefold() for cl in code_lists for text in cl.codes.values()):
            return Decoded(raw)  # already the display text
        return Decoded(raw, note=f"code {raw!r} not found in the form's code lists; kept as written")
    ranked = sorted(holders, key=lambda cl: -_affinity(cl, hints))
    best = ranked[0]
    value = _lookup(best, raw) or raw
    if _affinity(best, hints) > 0:
        return Decoded(value, best.name)
    if len({_lookup(cl, raw) for cl in holders}) > 1:
        lists = ", ".join(cl.name for cl in holders)
        return Decoded(raw, note=f"code {raw!r} is in several unrelated code lists ({lists}); not decoded")
    return Decoded(value, best.name, note=f"decoded with code list {best.name}, whose name does not match")


def identify_form(
    datasets: Datasets, texts: Sequence[str], mappings: Sequence[FormMapping]
) -> tuple[FormMapping | None, str | None, list[str]]:
    """Which form (and version) this is: the written form number first, then the data layout.

    Returns:
        The mapping (None when none fits), the display name ("IMM 1295 (.ENU-10-2019)"), warnings.
    """
    version_texts = [node.text for node in datasets.leaves() if "formversion" in node.name.lower() and node.text]
    all_texts = [*version_texts, *texts]
    number = next((m.group(1) for text in all_texts for m in [_FORM_NUMBER_RE.search(text)] if m), None)
    version = _version(version_texts, texts)
    warnings: list[str] = []
    mapping = next((m for m in mappings if number and re.search(m.detect.form_number, f"IMM {number}", re.I)), None)
    if mapping is None and number is None:
        mapping = _mapping_by_layout(datasets, mappings)
        if mapping is not None:
            warnings.append(f"form number not written in the file; identified as {mapping.form} by its data layout")
    base = mapping.form if mapping else (f"IMM {number}" if number else None)
    if base is None:
        return None, None, warnings
    return mapping, (f"{base} ({version})" if version else base), warnings


def map_values(
    datasets: Datasets, mapping: FormMapping
) -> tuple[list[FormValue], dict[str, list[str]], list[str]]:
    """Name the nodes the mapping lists: (values, notes per value name, warnings)."""
    excluded = [re.compile(pattern, re.IGNORECASE) for pattern in mapping.exclude]
    nodes = [node for node in datasets.nodes() if not _is_excluded(node, excluded)]
    values: list[FormValue] = []
    notes: dict[str, list[str]] = {}
    warnings: list[str] = []
    for item in mapping.fields:
        found = _map_field(item, nodes, datasets.code_lists, mapping.code_lists.get(item.decode or "", []))
        if found is None:
            continue
        value, value_notes, others = found
        values.append(value)
        if value_notes:
            notes.setdefault(value.name, []).extend(value_notes)
        if others:
            warnings.append(f"{item.field}: several answers match ({value.value!r} used; also {', '.join(others)})")
    return values, notes, warnings


@lru_cache(maxsize=1)
def load_mappings() -> tuple[FormMapping, ...]:
    """Every ``extractors/forms/*.yml`` mapping, validated."""
    from doccheck.yamlio import load_yaml_text

    folder = resources.files("extractors").joinpath("forms")
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith((".yml", ".yaml"))), key=str)
    return tuple(FormMapping.model_validate(load_yaml_text(entry.read_text("utf-8"))) for entry in files)


# --- PDF access ---------------------------------------------------------------------------------


def _ensure_decrypted(reader: pypdf.PdfReader) -> None:
    """Open an encrypted PDF with the empty user password, as viewers do; refuse one that needs more."""
    if not reader.is_encrypted:
        return
    encryption = getattr(reader, "_encryption", None)
    if encryption is not None and getattr(encryption, "is_decrypted", lambda: False)():
        return
    from pypdf import PasswordType

    try:
        decrypted = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception as exc:  # unsupported handler, missing crypto backend
        raise UnreadableDocument(f"encrypted PDF that cannot be opened ({exc})") from exc
    if not decrypted:
        raise UnreadableDocument("password-protected PDF")


def _xfa_object(reader: pypdf.PdfReader) -> Any:
    root = reader.trailer["/Root"].get_object()
    acro_form = root.get("/AcroForm")
    if acro_form is None:
        return None
    xfa = acro_form.get_object().get("/XFA")
    if xfa is None:
        return None
    xfa = xfa.get_object()
    if hasattr(xfa, "get_data") or (isinstance(xfa, list) and len(xfa) >= 2):
        return xfa
    return None


def _datasets_bytes(packets: Sequence[tuple[str, bytes]]) -> bytes:
    for name, data in packets:
        if name.strip().lower() == "datasets":
            return data
    return b"".join(data for _, data in packets)  # one XDP, or an array without a datasets pair


def _identity_texts(reader: pypdf.PdfReader, packets: Sequence[tuple[str, bytes]]) -> list[str]:
    """Texts that may name the form: the XMP packet and the PDF title/subject (not the template)."""
    texts = []
    for name, data in packets:
        if name.strip().lower() in {"xmpmeta", "xdp"}:
            match = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.DOTALL)
            if match:
                texts.append(re.sub(r"<[^>]+>", " ", match.group(0).decode("utf-8", "replace")))
    try:
        info = reader.metadata or {}
        texts.extend(str(info.get(key)) for key in ("/Title", "/Subject") if info.get(key))
    except Exception:  # a broken /Info never stops the reading
        pass
    return texts


# --- XML ----------------------------------------------------------------------------------------


def _parse_xml(xml_bytes: bytes) -> etree._Element:
    from lxml import etree

    if len(xml_bytes) > MAX_XML_BYTES:
        raise XfaError(f"XFA data is too large to read ({len(xml_bytes) / 1e6:.0f} MB)")
    options = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                   remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(xml_bytes.strip(), etree.XMLParser(**options))
    except etree.XMLSyntaxError:
        pass
    # Entities are never expanded, so their declarations can go: libxml2 stops at a reference whose
    # declared expansion is too large (billion laughs) and recovery would drop the rest of the form.
    cleaned = re.sub(rb"<!ENTITY\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", b"", xml_bytes.strip())
    try:
        root = etree.fromstring(cleaned, etree.XMLParser(recover=True, **options))
    except etree.XMLSyntaxError as exc:
        raise XfaError(f"XFA data is not readable XML ({exc})") from exc
    if root is None:
        raise XfaError("XFA data is not readable XML")
    return root


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(el: etree._Element) -> str:
    tag = el.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _elements(el: etree._Element) -> list[etree._Element]:
    return [child for child in el if isinstance(child.tag, str)]


def _find_datasets(root: etree._Element) -> etree._Element:
    if _local(root) in {"datasets", "data"}:
        return root
    found = next((el for el in root.iter() if isinstance(el.tag, str) and _local(el) == "datasets"), None)
    return found if found is not None else root


def _data_roots(datasets: etree._Element) -> list[etree._Element]:
    """The answer roots ("form1"): children of xfa:data, else of the datasets, without LOVFile/dataDescription."""
    data = next((el for el in _elements(datasets) if _local(el) == "data"), None)
    if data is None and _local(datasets) == "data":
        data = datasets
    if data is None and _local(datasets) != "datasets":
        return [datasets]
    parent = data if data is not None else datasets
    return [el for el in _elements(parent) if _local(el) != "LOVFile" and _namespace(el) != _DATA_DESCRIPTION_NS]


def _som_name(el: etree._Element) -> str:
    parent = el.getparent()
    if parent is None:
        return _local(el)
    same = [sib for sib in _elements(parent) if _local(sib) == _local(el)]
    return _local(el) if len(same) == 1 else f"{_local(el)}[{same.index(el)}]"


def _data_node(el: etree._Element, path: tuple[str, ...]) -> DataNode:
    children = [child for child in _elements(el) if _namespace(child) != _XHTML_NS]
    if not children:
        return DataNode(path, _leaf_text(el))
    return DataNode(path, None, [_data_node(child, (*path, _som_name(child))) for child in children])


def _leaf_text(el: etree._Element) -> str:
    """Text of a leaf without expanding entity references; rich text (XHTML) flattened."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):  # XHTML rich text
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return re.sub(r"[ \t]+", " ", "".join(parts)).strip()


def _code_lists(lov: etree._Element) -> list[CodeList]:
    groups: dict[tuple[int, str], CodeList] = {}
    for el in lov.iter():
        if not isinstance(el.tag, str) or el.get("lic") is None:
            continue
        parent = el.getparent()
        key = (id(parent), _local(el))
        if key not in groups:
            groups[key] = CodeList(_local(parent) if parent is not None else _local(el), _local(el), {})
        groups[key].codes.setdefault(el.get("lic", "").strip(), "".join(el.itertext()).strip())
    return list(groups.values())


# --- decoding -----------------------------------------------------------------------------------


def _lookup(code_list: CodeList, raw: str) -> str | None:
    if raw in code_list.codes:
        return code_list.codes[raw]
    if raw.isdigit():  # "22" stored for "022"
        return next((text for lic, text in code_list.codes.items() if lic.isdigit() and int(lic) == int(raw)), None)
    return None


def _affinity(code_list: CodeList, hints: Sequence[str]) -> int:
    """How well a list's name fits the hints (earlier hints weigh more); 0 for no fit."""
    names = [code_list.name.lower(), code_list.entry.lower(), code_list.name.lower().removesuffix("list")]
    best = 0
    for rank, hint in enumerate(hints):
        weight = len(hints) - rank
        hint = hint.lower()
        if hint in names:
            best = max(best, 3 * weight)
        elif any(name.startswith(hint) or hint.startswith(name) for name in names if name):
            best = max(best, 2 * weight)
        elif any(hint in name for name in names):
            best = max(best, weight)
    return best


def _province_code(value: str) -> str:
    return _PROVINCE_ABBREVIATIONS.get(value.strip().lower(), value)


# --- mapping ------------------------------------------------------------------------------------


def _split_path(path: str) -> tuple[str, ...]:
    return tuple(_INDEX_RE.sub("", part).lower() for part in path.strip("/").split("/") if part)


def _is_excluded(node: DataNode, excluded: Iterable[re.Pattern[str]]) -> bool:
    path = "/".join(_INDEX_RE.sub("", part) for part in node.path)
    return any(pattern.search(path) for pattern in excluded)


def _ends_with(key: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    return len(key) >= len(pattern) and key[-len(pattern):] == pattern


def _loosely_ends_with(key: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """The pattern's segments in order with extra nodes between them, ending on the same node name."""
    if not key or key[-1] != pattern[-1]:
        return False
    remaining = iter(key[:-1])
    return all(segment in remaining for segment in pattern[:-1])


def _candidates(item: FieldMap, nodes: Sequence[DataNode]) -> Iterator[tuple[DataNode, bool]]:
    """Nodes for a field, best first: exact trailing matches per alternative, then loose ones."""
    for loose in (False, True):
        test = _loosely_ends_with if loose else _ends_with
        for pattern in item.paths:
            for node in nodes:
                if test(node.key, pattern):
                    yield node, loose


def _map_field(
    item: FieldMap, nodes: Sequence[DataNode], code_lists: Sequence[CodeList], hints: Sequence[str]
) -> tuple[FormValue, list[str], list[str]] | None:
    chosen: tuple[FormValue, list[str]] | None = None
    others: list[str] = []
    seen: set[str] = set()
    for node, loose in _candidates(item, nodes):
        resolved = _resolve(node, item.kind)
        if resolved is None or resolved[3].som in seen:
            continue
        seen.add(resolved[3].som)
        if chosen is not None:
            if not loose and resolved[1] != chosen[0].raw and not _inside(resolved[3], chosen[0].name):
                others.append(repr(resolved[1]))
            continue
        chosen = _form_value(item, node, resolved, code_lists, hints, loose)
    if chosen is None:
        return None
    return chosen[0], chosen[1], others


def _inside(node: DataNode, som: str) -> bool:
    return node.som.startswith(som + "/") or som.startswith(node.som + "/")


def _form_value(
    item: FieldMap,
    node: DataNode,
    resolved: tuple[str, str, list[str], DataNode],
    code_lists: Sequence[CodeList],
    hints: Sequence[str],
    loose: bool,
) -> tuple[FormValue, list[str]]:
    value, raw, notes, source = resolved
    notes = list(notes)
    if loose:
        notes.append(f"matched {item.field} loosely at {source.som}: the form's layout differs from the mapping")
    if item.decode is not None:
        decoded = decode_code(raw, code_lists, [*hints, node.name])
        value = decoded.value
        if decoded.note:
            notes.append(decoded.note)
        if item.decode == "province":
            value = _province_code(value)
    form_value = FormValue(name=source.som, value=value, raw=raw, page=_page(source.path), canonical=item.field)
    return form_value, notes


def _resolve(node: DataNode, kind: str) -> tuple[str, str, list[str], DataNode] | None:
    """(value, raw, notes, source) of a node: a leaf's text, a same-name child, a split date, or joined leaves."""
    if node.text is not None:
        return (node.text, node.text, [], node) if node.text else None
    same_name = [child for child in node.children if child.name.lower() == node.name.lower()]
    for child in same_name:
        resolved = _resolve(child, kind)
        if resolved is not None:
            return resolved
    if kind == "date":
        parts = _date_parts(node)
        if parts is not None:
            return (*parts, node)
    leaves = [leaf for leaf in _leaves_of(node) if leaf.text]
    if not leaves:
        return None
    if len(leaves) == 1:
        return leaves[0].text or "", leaves[0].text or "", [], leaves[0]
    joined = ", ".join(leaf.text or "" for leaf in leaves)
    return joined, joined, [], node


def _leaves_of(node: DataNode) -> Iterator[DataNode]:
    if node.text is not None:
        yield node
    for child in node.children:
        yield from _leaves_of(child)


def _date_parts(node: DataNode) -> tuple[str, str, list[str]] | None:
    """A date split into year/month/day sub-nodes, as "YYYY-MM-DD" (or "YYYY-MM" with a note)."""
    parts: dict[str, str] = {}
    for child in node.children:
        if not child.text:
            continue
        for part, pattern in _DATE_PART_RES.items():
            if part not in parts and pattern.search(child.name) and child.text.isdigit():
                parts[part] = child.text
                break
    if "year" not in parts or "month" not in parts:
        return None
    raw = "/".join(parts[p] for p in ("year", "month", "day") if p in parts)
    if "day" not in parts:
        return f"{parts['year']}-{int(parts['month']):02d}", raw, ["date has no day"]
    return f"{parts['year']}-{int(parts['month']):02d}-{int(parts['day']):02d}", raw, []


def _page(path: Sequence[str]) -> int | None:
    for part in path:
        match = _PAGE_RE.match(_INDEX_RE.sub("", part))
        if match:
            return int(match.group(1))
    return None


def _all_values(datasets: Datasets, mapped: Sequence[FormValue]) -> list[FormValue]:
    by_name = {value.name: value for value in mapped}
    return [
        by_name.get(leaf.som) or FormValue(name=leaf.som, value=leaf.text or "", raw=leaf.text or "",
                                           page=_page(leaf.path))
        for leaf in datasets.leaves()
        if leaf.text
    ]


# --- form identification ------------------------------------------------------------------------


def _version(version_texts: Sequence[str], other_texts: Sequence[str]) -> str | None:
    for text in [*version_texts, *other_texts]:
        for pattern, template in _VERSION_RES:
            match = pattern.search(text)
            if match:
                return template.format(*match.groups())
    short = next((text.strip() for text in version_texts if 0 < len(text.strip()) <= 40), None)
    return short if short and not _FORM_NUMBER_RE.search(short) else None


def _mapping_by_layout(datasets: Datasets, mappings: Sequence[FormMapping]) -> FormMapping | None:
    keys = [node.key for node in datasets.nodes()]
    scores = []
    for mapping in mappings:
        patterns = [_split_path(path) for path in mapping.detect.paths]
        hits = sum(any(_ends_with(key, pattern) for key in keys) for pattern in patterns)
        scores.append((hits, mapping))
    best = max(scores, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None
