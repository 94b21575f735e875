"""Extract the contract's fields from a read document.

Steps:
1. candidates from form values (AcroForm / XFA), label/value lines and tables, sentences
   (patterns in ``extractors/prose.yml``), and typed scans (wages near pay words, MRZ);
2. each candidate's raw text is normalised by the field's type; text that is not a value of
   that type is dropped, never guessed;
3. per field the most confident candidate wins (earliest on ties); name parts, city and
   province and the TEER are combined or derived afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from doccheck.extract import mrz, programs
from doccheck.extract.knowledge import fold, fold_aligned, label_key, labels, prose_needles, prose_patterns, sections
from doccheck.extract.prefilter import led
from doccheck.extract.values import Parsed, is_placeholder, parse_value
from doccheck.models import CANONICAL_FIELDS, ExtractedField
from doccheck.readers.base import FormValue, RawDocument

CELL_SPLIT = programs.compile(r"\s\|\s|\t+|\s{3,}")
_LABEL_COLON = programs.compile(r"^(?P<label>[^:：]{1,70}?)\s*[:：]\s*(?P<value>.*)$")
_TYPED_PREFIX_OK = {"money", "date", "noc", "oe_number", "exemption_code", "business_number", "hours", "duration", "country", "teer", "passport"}
_PSEUDO_FIELDS = {"family_name", "given_name", "work_city", "work_province", "wage_unit"}
_STATES_PERIOD = led(r"hour|hr\b|/h\b|week|month|year|annum|annual|heure|semaine|mois|an\b|année|annuel|hourly|weekly|monthly|yearly", re.I)
_FORM_CONFIDENCE = 0.95
_PROSE_PAGES = 25  # sentence patterns read the first pages of a document (terms of an offer come early)
_LABEL_PAGES = 60  # label/value lines: every page of a form, the first pages of anything else
_FORM_KINDS = {"offer_of_employment", "work_permit_application"}
_PROSE_LINE_CHARS = 20_000
_NAME_LINE = programs.compile(r"^\s*(?:(?:Mr|Ms|Mrs|Dr|M|Mme)\.?\s+)?[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){1,3}\s*$")
_ADDRESS_LINE = programs.compile(r"\d.*,|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b|\b\d{4,6}\b|^[A-ZÀ-Ý][\w'’\- ]+,\s*[A-ZÀ-Ý]")
_GREETING = programs.compile(r"^\s*(?:dear|re\b|subject|objet|cher|chère|madame|monsieur|bonjour|hello|hi)\b", re.I)
_TITLE_TRIGGER = led(
    r"\b(?:position|role|post|job|capacity|title|poste|titre|qualité|fonction|emploi)\s+(?:of|as|de|d['’])\s*(?:a |an |the |our )?[A-ZÀ-Ý]"
)
_LETTER_KINDS = {"offer_letter", "support_letter", "employment_reference", "reciprocity_letter"}
_COMPANY = programs.compile(
    r"\b[A-Z0-9][\w&'’\.\-]*(?:\s+(?:[A-Z0-9&][\w&'’\.\-]*|of|and|de|du|des|la|le|et|&)){0,6}?,?\s+"
    r"(?:Inc\.?|inc\.|Incorporated|Ltd\.?|Limited|Corp\.?|Corporation|LLC|LLP|L\.L\.C\.|Ltée|ltée|Limitée|limitée|ULC|Co\.|"
    r"S\.E\.N\.C\.|S\.A\.|GmbH|Pvt\.?\s+Ltd\.?|Private Limited|S\.A\. de C\.V\.|Inc)(?=[\s,\.\)]|$)"
)
_OCR_FACTOR = 0.8
_OFFICIAL = programs.compile(  # an addressee who is an office or an officer, not a person named
    r"\b(?:officers?|agent|agente|manager|team|section|unit|department|program|programme|immigration|visa|ircc|"
    r"refugees|citizenship|canada border|case processing|centre|center)\b", re.I)
_WHOLE_COMPANY = programs.compile(
    r"[A-ZÀ-Ý0-9][\w&'’\.\- ]{1,70}\s(?:Inc\.?|inc\.|Incorporated|Ltd\.?|Limited|Corp\.?|Corporation|LLC|LLP|Ltée|ltée|"
    r"Limitée|limitée|ULC|S\.E\.N\.C\.|S\.A\.|GmbH)")
_LOWER_WORD = programs.compile(r"(?<![\w'’])[a-zà-ÿ]{2,}\b(?!\.?$)")  # "numériques", "de": a name's lower-case word
_DATE_PART = programs.compile(r"(?:Yr|Year|YYYY|MM|Month|Mo|DD|Day)(?:\[\d+\])?$", re.I)  # "…FromYr[0]", "…FromMM[0]"
_YEAR_BOX = programs.compile(r"\(?\b(?:YYYY|AAAA|year|année)\b\)?", re.I)
_CLAUSE = programs.compile(r"\s*\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s+[A-ZÀ-Ý][a-zà-ÿ'’]+\s+\S+\s+\S+\s+\S+")  # "5.1 The Employee shall …"
_OFFER_KINDS = {"offer_letter", "support_letter", "offer_of_employment", "work_permit_application"}  # one job's terms
# A letter written by a representative (a law firm, a licensed consultant) for the employer: its letterhead and
# signature name the representative's firm, which is no employer name (searched in folded text)
_REPRESENTATIVE = programs.compile(
    r"\b(?:we act for|we are acting for|acting on behalf of|we represent|our client|rcic\b|regulated canadian immigration consultant|"
    r"barristers?\b|solicitors?\b|avocats?\b|lawyers?\b|law (?:firm|office|corporation|group)|immigration (?:law|lawyers?|counsel)|"
    r"nous representons|nous agissons pour|notre client)"
)


@dataclass
class Candidate:
    field: str
    raw: str
    page: int | None
    evidence: str
    confidence: float
    method: str
    order: int
    notes: list[str] = field(default_factory=list)
    placeholder: bool = False
    value_type: str | None = None  # overrides the field's type (e.g. a place inside a sentence window)


@dataclass
class Extraction:
    fields: dict[str, ExtractedField]
    placeholders: dict[str, Candidate]  # fields the document names but leaves empty / "see attached"
    locations: list[dict] = field(default_factory=list)  # every distinct labelled work location


def extract_fields(doc: RawDocument, kind: str) -> Extraction:
    collector = _Collector(kind)
    collector.from_forms(doc)
    pages = _in_scope(doc, kind)
    for page, lines, tables in pages if doc.form_values or kind in _FORM_KINDS else pages[:_LABEL_PAGES]:
        collector.from_lines(lines, page.number, ocr=page.ocr)
        collector.from_tables(tables, page.number, ocr=page.ocr)
    for page, lines, _ in pages[:_PROSE_PAGES]:
        text = join_lines([line[:_PROSE_LINE_CHARS] for line in lines])  # a 1 MB "line" is no sentence worth reading whole
        collector.from_prose(text, page.number, ocr=page.ocr)
        collector.from_money(text, page.number, ocr=page.ocr)
    collector.from_mrz(doc)
    collector.from_company_names(doc)
    collector.from_addressee(doc)
    collector.from_title_matcher(pages)
    return collector.resolve()


def _in_scope(doc: RawDocument, kind: str):
    """Each page's lines and tables, with form sections about other jobs (work history) blanked."""
    kinds, stop, resume = sections()
    if kind not in kinds:
        return [(page, page.lines, page.tables) for page in doc.pages]
    reading = True
    out = []
    for page in doc.pages:
        lines, skipped = [], set()
        for line in page.lines:
            key = label_key(line)
            if key in stop:
                reading = False
            elif key in resume:
                reading = True
            lines.append(line if reading else "")
            if not reading:
                skipped.add(line)
        tables = [t for t in page.tables if " | ".join(t[0]) not in skipped]
        out.append((page, lines, tables))
    return out


class _Collector:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.index = labels()
        self.candidates: list[Candidate] = []
        self._order = 0
        self._parsed: dict[tuple, Parsed | None] = {}

    # -- candidate sources -------------------------------------------------------------

    def add(self, field_name: str, raw: str, page: int | None, evidence: str, confidence: float, method: str, *, ocr: bool = False, value_type: str | None = None) -> None:
        self._order += 1
        if ocr:
            confidence *= _OCR_FACTOR
            method = f"{method}+ocr"
        placeholder = is_placeholder(raw)
        self.candidates.append(
            Candidate(field_name, raw.strip(), page, _snippet(evidence), round(confidence, 2), method, self._order, placeholder=placeholder, value_type=value_type)
        )

    def from_forms(self, doc: RawDocument) -> None:
        for value in _joined_dates(doc.form_values):
            evidence = f"{value.name} = {value.raw}" if value.raw != value.value else f"{value.name} = {value.value}"
            if value.canonical:
                target = {"lmo": _route_lmo(value.value)}.get(value.canonical, value.canonical)
                if target:
                    self.add(target, value.value, value.page, evidence, _FORM_CONFIDENCE, "xfa" if doc.form else "form")
                continue
            for name in (value.label, _split_identifier(value.name.split(".")[-1])):
                fields = self.index.fields_for(name, self.kind) if name else []
                if fields:
                    for field_name in fields:
                        self.add(field_name, value.value, value.page, evidence, _FORM_CONFIDENCE - 0.05, "form")
                    break

    def from_lines(self, lines: list[str], page: int, *, ocr: bool) -> None:
        cells_per_line = [_cells(line) for line in lines]
        last = len(cells_per_line) - 1
        for i, cells in enumerate(cells_per_line):
            if (len(cells) >= 2 and i < last and len(cells_per_line[i + 1]) == len(cells)  # (what _header_row asks first)
                    and self._header_row(cells, cells_per_line[i + 1], lines, i, page, ocr)):
                continue
            j = 0
            while j < len(cells):
                j += self._label_cell(cells, j, lines, cells_per_line, i, page, ocr)

    def _label_cell(self, cells, j, lines, cells_per_line, i, page, ocr) -> int:
        cell = cells[j]
        line = lines[i]
        fields = self.index.fields_for(cell, self.kind)
        if fields:
            if j + 1 < len(cells) and self._value_has_labels(cells[j + 1]):
                return 1  # "Duration of expected employment | From: … To: …": the next cell names its own labels
            if j + 1 < len(cells) and not self.index.is_label(cells[j + 1]):
                for f in fields:
                    self._add_labelled(f, cells[j + 1], page, line, 0.9, ocr, lines, i)
                return 2
            if len(cells) == 1:
                nxt = self._next_value_line(lines, cells_per_line, i)
                if nxt is not None:
                    for f in fields:
                        self._add_labelled(f, nxt, page, f"{line} {nxt}", 0.8, ocr, lines, i)
            return 1
        if cell.count(":") + cell.count("：") >= 2:
            pairs = self._inline_pairs(cell)
            if pairs:
                for label, value in pairs:
                    for f in self.index.fields_for(label, self.kind):
                        self._add_labelled(f, value, page, line, 0.9, ocr, lines, i)
                return 1
        match = _LABEL_COLON.match(cell)
        if match:
            fields = self.index.fields_for(match.group("label"), self.kind)
            if fields:
                value = match.group("value")
                if value.strip():
                    for f in fields:
                        self._add_labelled(f, value, page, line, 0.9, ocr, lines, i)
                elif len(cells) == 1:
                    nxt = self._next_value_line(lines, cells_per_line, i)
                    for f in fields:
                        if nxt is not None:
                            self._add_labelled(f, nxt, page, f"{line} {nxt}", 0.8, ocr, lines, i)
                        else:
                            self.add(f, "", page, line, 0.8, "label", ocr=ocr)
                return 1
        if len(cell) <= 90:
            for f, key, n in self.index.prefixes(cell, self.kind):
                if self.index.types.get(f) not in _TYPED_PREFIX_OK:
                    continue
                rest = _drop_words(cell, n)
                if rest:
                    self._add_labelled(f, rest, page, line, 0.7, ocr, lines, i)
                    break
        return 1

    def _value_has_labels(self, cell: str) -> bool:
        match = _LABEL_COLON.match(cell)
        return bool(match and self.index.fields_for(match.group("label"), self.kind))

    def _inline_pairs(self, cell: str) -> list[tuple[str, str]] | None:
        """'From: 2027-04-05 To: 2029-04-04' -> [('From', '2027-04-05'), ('To', '2029-04-04')]."""
        parts = [p.strip() for p in re.split(r"\s*[:：]\s*", cell)]
        if len(parts) < 3 or not self.index.is_label(parts[0]):
            return None
        pairs: list[tuple[str, str]] = []
        label = parts[0]
        for part in parts[1:-1]:
            if self.index.is_label(part):
                label = part  # "Duration of expected employment: From:" -> the closer label
                continue
            words = part.split()
            for k in range(min(6, len(words) - 1), 0, -1):
                tail = " ".join(words[-k:])
                if self.index.is_label(tail):
                    pairs.append((label, " ".join(words[:-k])))
                    label = tail
                    break
            else:
                return None
        pairs.append((label, parts[-1]))
        return [(lb, v) for lb, v in pairs if v]

    def _add_labelled(self, field_name, value, page, evidence, confidence, ocr, lines, i) -> None:
        if self.index.types.get(field_name) == "duties":
            value = _collect_block(value, lines, i + 1, self.index, self.kind)
        self.add(field_name, value, page, evidence, confidence, "label", ocr=ocr)

    def _next_value_line(self, lines, cells_per_line, i) -> str | None:
        k = i + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k >= len(lines) or k - i > 2:
            return None
        cells = cells_per_line[k]
        first = cells[0] if cells else ""
        if _CLAUSE.match(first):
            return None  # "5. HOURS OF WORK" / "5.1 The Employee's regular hours …": a contract's clause, read as sentences
        if self.index.is_label(first) or (_LABEL_COLON.match(first) and self.index.is_label(_LABEL_COLON.match(first).group("label"))):
            return None
        return lines[k] if len(cells) == 1 else first

    def _header_row(self, cells, next_cells, lines, i, page, ocr) -> bool:
        """A row of >= 2 labels followed by a row of as many values: pair them by column."""
        if len(cells) < 2 or not next_cells or len(next_cells) != len(cells):
            return False
        fields = [self.index.fields_for(c, self.kind) for c in cells]
        if sum(1 for f in fields if f) < 2 or any(self.index.is_label(c) for c in next_cells):
            return False
        for cell_fields, value in zip(fields, next_cells):
            for f in cell_fields:
                self.add(f, value, page, f"{lines[i]} / {lines[i + 1]}", 0.85, "table", ocr=ocr)
        return True

    def from_tables(self, tables, page: int, *, ocr: bool) -> None:
        """Header-row tables: every data row pairs with the header labels."""
        for table in tables:
            if len(table) < 2:
                continue
            header = table[0]
            fields = [self.index.fields_for(c, self.kind) for c in header]
            if sum(1 for f in fields if f) < 2:
                continue
            for row in table[2:]:  # row 1 is paired by the line pass already
                if len(row) != len(header):
                    continue
                for cell_fields, value in zip(fields, row):
                    for f in cell_fields:
                        self.add(f, value, page, " | ".join(row), 0.6, "table", ocr=ocr)

    def from_prose(self, text: str, page: int, *, ocr: bool) -> None:
        """Sentence patterns over a page's text (``join_lines``)."""
        folded, aligned = fold_aligned(text)
        strong: dict[str, list[Candidate]] = {}
        for c in self.candidates:
            if c.confidence >= 0.85 and not c.placeholder:
                strong.setdefault(c.field, []).append(c)
        present = prose_needles().first_starts(folded)  # every pattern's needed strings, looked for at once
        for field_name, patterns in prose_patterns().items():
            settled = None
            for pattern, confidence, kinds, value_type in patterns:
                if kinds is not None and self.kind not in kinds:
                    continue
                needs = pattern.needs  # the pre-filter first: most patterns stop at it
                if needs is not None and needs.isdisjoint(present):
                    continue
                if settled is None:  # a form or label value that parses already outranks any sentence pattern
                    settled = any(self._parses(c) for c in strong.get(field_name, ()))
                if settled:
                    break
                match = pattern.search_filtered(text, folded, aligned, present)
                if match and value_type == "place_in_text":
                    match = _window_with_place(match, text)
                if match:
                    value = match.group("v")
                    self.add(field_name, value, page, _around(text, match.start(), match.end()), confidence, "prose", ocr=ocr, value_type=value_type)

    def _parses(self, cand: Candidate) -> bool:
        """Whether a candidate is a value of its field's type ("From: Kevin <kevin@…>" in an e-mail is no start date)."""
        field_type = cand.value_type or self.index.types.get(cand.field, _pseudo_type(cand.field))
        return self._parse(field_type, cand.raw) is not None

    def _parse(self, field_type: str, raw: str, hours: float | None = None) -> Parsed | None:
        """``parse_value``, once per type and text (hours matter to money only)."""
        key = (field_type, raw, hours if field_type == "money" else None)
        if key not in self._parsed:
            self._parsed[key] = parse_value(field_type, raw, hours=hours)
        return self._parsed[key]

    def from_money(self, text: str, page: int, *, ocr: bool) -> None:
        from doccheck.extract.wages import wage_mentions

        for raw, evidence, confidence in wage_mentions(text):
            self.add("wage", raw, page, evidence, confidence, "prose", ocr=ocr)

    def from_mrz(self, doc: RawDocument) -> None:
        if self.kind not in {"passport", "other", "work_permit_application"}:
            return
        for page in doc.pages[:3]:
            found = mrz.parse_mrz(page.lines)
            if found:
                # on a scan the machine-readable zone (a font made for OCR, check digits) outranks the visual zone,
                # but its nine-character number field holds only the start of a longer number the page states
                stated = {"".join(c.raw.split()).upper() for c in self.candidates if c.field == "passport_number"}
                if any(len(s) > len(found.get("passport_number", "")) and s.startswith(found.get("passport_number", "~")) for s in stated):
                    found.pop("passport_number")
                for field_name, value in found.items():
                    self.add(field_name, value, page.number, "machine-readable zone", 0.95 if page.ocr else 0.9, "mrz", ocr=page.ocr)
                return

    def from_company_names(self, doc: RawDocument) -> None:
        """Letters name the employer by its legal name ("Maple Leaf Software Inc."): the most frequent one."""
        if self.kind not in _LETTER_KINDS:
            return
        counts: dict[str, list] = {}
        company = _company_filter()
        represented = False
        # a line that is a company name and nothing else (letterhead, signature block) gives the whole name,
        # lower-case words included: "Services numériques Outaouais Inc.", where a sentence's match is "Outaouais Inc."
        whole = {" ".join(line.split()).casefold().rstrip("."): " ".join(line.split()) for page in doc.pages[:3]
                 for line in page.lines if _WHOLE_COMPANY.fullmatch(line.strip()) and len(line.split()) <= 8}
        whole = {key: name for key, name in whole.items() if _LOWER_WORD.search(name)}  # not "For Kessler GmbH"
        for page in doc.pages[:3]:
            text = join_lines(page.lines)
            for n, (line, folded) in enumerate(zip(text.split("\n"), fold(text).split("\n"), strict=True)):
                represented = represented or _REPRESENTATIVE.search(folded) is not None
                if not company.may_match(folded):
                    continue  # no "Inc", "Ltd", "Limitée"…: no company name to read in this line
                for match in _COMPANY.finditer(line):
                    name = " ".join(match.group(0).split()).rstrip(",")
                    key = name.casefold().rstrip(".")
                    longer = sorted((k for k in whole if len(k) > len(key) and k.endswith(key) and not k[-len(key) - 1].isalnum()), key=len)
                    if longer and all(k.endswith(longer[0]) for k in longer):  # the shortest ("Pour X Ltée" holds "X Ltée")
                        key, name = longer[0], whole[longer[0]]
                    entry = counts.setdefault(key, [name, 0, page.number, line, page.number == 1 and n < 4])
                    entry[1] += 1
        if represented:  # the letterhead's firm is the representative's
            counts = {key: entry for key, entry in counts.items() if not entry[4]}
        if not counts:
            return
        name, count, page_no, line, letterhead = max(counts.values(), key=lambda e: (e[1], e[4]))
        confidence = 0.6 + (0.05 if letterhead else 0) + (0.05 if count > 1 else 0)
        self.add("employer_name", name, page_no, line, confidence, "prose", ocr=doc.pages[0].ocr if doc.pages else False)

    def from_addressee(self, doc: RawDocument) -> None:
        """A letter's addressee block: after the letter's date, a name line above an address line."""
        if self.kind not in {"offer_letter", "support_letter"} or not doc.pages:
            return
        from doccheck.normalise.dates import find_dates

        lines = [line for line in doc.pages[0].lines[:20] if line.strip()]
        dated = False
        for i, line in enumerate(lines[:-1]):
            if not dated:
                dated = len(line) < 40 and bool(find_dates(line))  # a date line is short: long ones are not read
                continue
            if _OFFICIAL.search(line):
                return  # "Visa Officer / Immigration, Refugees and Citizenship Canada": a submission to IRCC, no worker
            below = lines[i + 1]  # a name above its firm ("Linnea Holm / RCIC, Stellar Route Immigration Inc.") is the writer's
            if (_NAME_LINE.match(line) and not _COMPANY.search(line) and not _COMPANY.search(below)
                    and not _REPRESENTATIVE.search(fold(below)) and (_ADDRESS_LINE.search(below) or _GREETING.match(below))):
                self.add("worker_name", line, doc.pages[0].number, f"{line} / {lines[i + 1]}", 0.6, "prose", ocr=doc.pages[0].ocr)
                return
            if re.match(r"^\s*(?:dear|re\b|objet|cher|chère|madame|monsieur|hi\b|hello|bonjour|good (?:morning|afternoon))", line, re.I):
                return  # the greeting: an addressee comes before it (what follows is the letter, then its signature)

    def from_title_matcher(self, pages) -> None:
        """Letters with no title found yet: spaCy's token Matcher on the running text (lazy import)."""
        if self.kind not in {"offer_letter", "support_letter"} or any(c.field == "job_title" and not c.placeholder for c in self.candidates):
            return
        texts = [(page, join_lines(lines)) for page, lines, _ in pages[:3]]
        if not any(_TITLE_TRIGGER.search(text) for _, text in texts):
            return  # spaCy (a second to load) only where a title may be named
        from doccheck.extract.nlp import title_mentions

        for page, text in texts:
            lang = "fr" if re.search(r"\b(?:le|la|les|vous|nous|poste)\b", text, re.I) and not re.search(r"\bthe\b", text, re.I) else "en"
            for title, sentence in title_mentions(text, lang)[:1]:
                self.add("job_title", title, page.number, sentence, 0.55, "prose", ocr=page.ocr)
                return

    # -- resolution --------------------------------------------------------------------

    def resolve(self) -> Extraction:
        parsed: dict[str, list[tuple[Candidate, Parsed]]] = {}
        placeholders: dict[str, Candidate] = {}
        hours = self._best_hours()
        unit = self._best_unit()
        by_field: dict[str, list[Candidate]] = {}
        for cand in self.candidates:
            if cand.placeholder:
                if cand.method.startswith(("label", "form", "xfa", "table")):
                    placeholders.setdefault(cand.field, cand)
                continue
            by_field.setdefault(cand.field, []).append(cand)
        for name, cands in by_field.items():
            # best first (most confident, then first found): the first that parses is the value, so
            # the others need no parsing, except work locations (every distinct one is listed)
            for cand in sorted(cands, key=lambda c: (-c.confidence, c.order)):
                field_type = cand.value_type or self.index.types.get(cand.field, _pseudo_type(cand.field))
                raw = cand.raw
                if cand.field == "wage" and unit and not _STATES_PERIOD.search(raw):
                    raw = f"{raw} per {unit}"  # "Wage amount: 100,425.00" + "Wage type: Annual salary"
                result = self._parse(field_type, raw, hours)
                if result is None:
                    continue
                parsed.setdefault(name, []).append((cand, result))
                if name != "work_location":
                    break
        if "work_location" in parsed:
            parsed["work_location"].sort(key=lambda item: item[0].order)  # in the order the document states them
        chosen = {name: max(items, key=lambda it: (it[0].confidence, -it[0].order)) for name, items in parsed.items()}
        fields = {name: _to_field(cand, result) for name, (cand, result) in chosen.items() if name in CANONICAL_FIELDS}
        _combine_name(fields, chosen)
        _combine_location(fields, chosen)
        _derive_teer(fields)
        if self.kind in _OFFER_KINDS:
            _drop_end_before_start(fields)
        for name in list(placeholders):
            if name in fields or name in _PSEUDO_FIELDS:
                placeholders.pop(name)
        return Extraction(fields=fields, placeholders=placeholders, locations=_distinct_locations(parsed.get("work_location", [])))

    def _best_unit(self) -> str | None:
        for cand in sorted(self.candidates, key=lambda c: -c.confidence):
            if cand.field == "wage_unit" and not cand.placeholder:
                parsed = parse_value("wage_unit", cand.raw)
                if parsed:
                    return parsed.value
        return None

    def _best_hours(self) -> float | None:
        best = None
        for cand in self.candidates:
            if cand.field != "hours_per_week" or cand.placeholder:
                continue
            result = parse_value("hours", cand.raw)
            if result and (best is None or cand.confidence > best[0]):
                best = (cand.confidence, float(result.value))
        return best[1] if best else None


@lru_cache(maxsize=1)
def _company_filter():
    """_COMPANY's pre-filter: the legal-form words ("inc", "ltd", "s.a." …) one of which every match holds."""
    from doccheck.extract.prefilter import prefiltered

    return prefiltered(_COMPANY.pattern, _COMPANY.flags)


def _distinct_locations(items) -> list[dict]:
    from doccheck.normalise.places import places_equal

    found: list[dict] = []
    for cand, result in items:
        if not cand.method.startswith(("label", "table", "form", "xfa")):
            continue
        for value in [result.value] + list(result.alternatives or []):  # every place a cell lists
            if isinstance(value, dict) and not any(places_equal(value, other) for other in found):
                found.append(value)
    return found


def _window_with_place(match: re.Match[str], text: str, tries: int = 8) -> re.Match[str] | None:
    """The first of a pattern's matches whose window names a place ("report to the Chief Executive Officer"
    names none; "perform their duties at the City of Winnipeg, Province of Manitoba" does), or None."""
    from doccheck.extract.placefinder import find_places

    for _ in range(tries):
        if match is None or find_places(match.group("v")):
            return match
        match = match.re.search(text, match.end())
    return None


def _joined_dates(values: list[FormValue]) -> list[FormValue]:
    """Form values with a date asked in three boxes (IMM 5710: "From: YYYY" | "MM" | "DD") joined into one ISO date,
    labelled as the year box is without its "YYYY" ("From"); every other value as it is."""
    out: list[FormValue] = []
    i = 0
    while i < len(values):
        year, parts = values[i], values[i + 1 : i + 3]
        stem = _DATE_PART.sub("", year.name)
        if (len(parts) == 2 and _DATE_PART.search(year.name) and all(_DATE_PART.sub("", p.name) == stem for p in parts)
                and re.fullmatch(r"\d{4}", year.value.strip()) and all(re.fullmatch(r"\d{1,2}", p.value.strip()) for p in parts)):
            month, day = (p.value.strip().zfill(2) for p in parts)
            joined = f"{year.value.strip()}-{month}-{day}"
            label = " ".join(_YEAR_BOX.sub(" ", year.label).split()).strip(" :")
            out.append(FormValue(name=stem, value=joined, raw=joined, page=year.page, label=label, canonical=year.canonical))
            i += 3
            continue
        out.append(year)
        i += 1
    return out


def _drop_end_before_start(fields: dict[str, ExtractedField]) -> None:
    """A document's "end" date before its own start date is another date (a reply deadline, the letter's date)."""
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and isinstance(start.value, str) and isinstance(end.value, str) and end.value < start.value:
        del fields["end_date"]


def _to_field(cand: Candidate, result: Parsed) -> ExtractedField:
    notes = list(cand.notes) + list(result.notes)
    if "ocr" in cand.method:
        notes.append("read by OCR: check against the original")
    # validated: pydantic-core checks these few values in less time than ``model_construct`` takes to
    # skip the check (its field loop is Python code)
    return ExtractedField(
        raw=result.raw,
        value=result.value,
        page=cand.page,
        evidence=cand.evidence,
        confidence=cand.confidence,
        method=cand.method,
        notes=notes,
        alternatives=result.alternatives,
    )


def _combine_name(fields: dict[str, ExtractedField], chosen) -> None:
    family = chosen.get("family_name")
    given = chosen.get("given_name")
    if not (family and given):
        return
    existing = fields.get("worker_name")
    confidence = min(family[0].confidence, given[0].confidence)
    if existing and existing.confidence >= confidence:
        return
    value = f"{given[1].value} {family[1].value}"
    fields["worker_name"] = ExtractedField(
        raw=f"{family[1].raw}, {given[1].raw}",
        value=value,
        page=family[0].page,
        evidence=f"{family[0].evidence} / {given[0].evidence}",
        confidence=confidence,
        method=family[0].method,
    )


def _combine_location(fields: dict[str, ExtractedField], chosen) -> None:
    city = chosen.get("work_city")
    province = chosen.get("work_province")
    existing = fields.get("work_location")
    if existing and existing.value.get("province"):
        return
    if existing and province and not existing.value.get("province"):
        existing.value["province"] = province[1].value
        return
    if not (city and province):
        return
    fields["work_location"] = ExtractedField(
        raw=f"{city[1].raw}, {province[1].raw}",
        value={"city": city[1].value, "province": province[1].value, "postal_code": None},
        page=city[0].page,
        evidence=f"{city[0].evidence} / {province[0].evidence}",
        confidence=min(city[0].confidence, province[0].confidence),
        method=city[0].method,
    )


def _derive_teer(fields: dict[str, ExtractedField]) -> None:
    code = fields.get("noc_code")
    if code is None or "teer" in fields or code.value in {"99999", "88888"}:
        return
    fields["teer"] = ExtractedField(
        raw=code.raw,
        value=int(code.value[1]),
        page=code.page,
        evidence=code.evidence,
        confidence=code.confidence,
        method="derived",
        notes=["TEER derived from the NOC code's second digit"],
    )


def _pseudo_type(name: str) -> str:
    return {"family_name": "name_part", "given_name": "name_part", "work_city": "city", "work_province": "province"}.get(name, "text")


def _route_lmo(value: str) -> str | None:
    compact = re.sub(r"[\s\-]", "", value).upper()
    if re.fullmatch(r"A\d{6,8}", compact):
        return "oe_number"
    if re.fullmatch(r"[A-Z]\d{2}", compact):
        return "exemption_code"
    return None


def _cells(line: str) -> list[str]:
    if line.isascii() and line.isprintable() and "|" not in line and "   " not in line:
        # no tab, no other control character, so no white space but " ": CELL_SPLIT cannot split it
        line = line.strip()
        return [line] if line else []
    return [c for c in map(str.strip, CELL_SPLIT.split(line)) if c]


def _split_identifier(name: str) -> str:
    name = re.sub(r"\[\d+\]", "", name)
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return re.sub(r"[_\-\.]+", " ", name)


def _drop_words(cell: str, n: int) -> str:
    """The cell text after its first n label words (numbering, "(s)" and "(YYYY-MM-DD)" ignored)."""
    pattern = r"^\W*" + r"\W+".join([r"\w+"] * n) + r"\W*"
    folded = re.sub(r"\((?:s|es)\)|\((?:[YMDAJ]{2,4}[-/ ]?){2,3}\)", "", cell, flags=re.I)
    folded = re.sub(r"^\s*(?:\(?\d{1,2}[a-z]?[\.\)]|\(?[a-z][\.\)])\s+", "", folded)
    return re.sub(pattern, "", folded, count=1).strip()


def _collect_block(first: str, lines: list[str], start: int, index, kind: str, limit: int = 25) -> str:
    parts = [first]
    for line in lines[start : start + limit]:
        stripped = line.strip()
        if not stripped:
            if len(parts) > 1:
                break
            continue
        head = _cells(stripped)[0] if _cells(stripped) else stripped
        colon = _LABEL_COLON.match(head)
        if index.is_label(head) or (colon and index.is_label(colon.group("label"))):
            break
        if first.strip() and parts == [first] and stripped == first.strip():
            continue
        parts.append(stripped.lstrip("•·-*– "))
    return " ".join(p for p in parts if p)


def join_lines(lines: list[str]) -> str:
    """Page text for sentence patterns: wrapped paragraph lines re-joined, other lines kept apart."""
    out: list[str] = []
    for line in lines:
        line = line.replace(" | ", "   ").strip()
        if not line:
            out.append("")
            continue
        if out and len(out[-1].rsplit("\n", 1)[-1]) >= 60 and not out[-1].endswith((".", ":", ";", "!", "?")) and "   " not in line:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].replace("\n", " ") + ("…" if right < len(text) else "")


def _snippet(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["Extraction", "extract_fields", "join_lines", "label_key"]
