"""Checks of the IMP rule pack: exemption codes, category conditions and officer red flags.

Facts (codes, maximum durations, required documents, NOC titles) come from ``rules/data/`` through
``doccheck.catalogue``; rules say which check to run and when it is in force.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from dateutil.relativedelta import relativedelta

from doccheck import catalogue
from doccheck.checks import check
from doccheck.checks.compare import date_readings
from doccheck.checks.context import CaseContext, evidence, make_finding, where
from doccheck.extract import programs
from doccheck.extract.prefilter import led  # sentence tests led by their first characters: same matches, faster
from doccheck.models import Document, ExtractedField, Finding, RuleSpec
from doccheck.normalise.ids import is_valid_oe_number

JOB_KINDS = ["offer_of_employment", "work_permit_application", "offer_letter"]
_PREFERENCE = {"offer_of_employment": 0, "work_permit_application": 1, "offer_letter": 2, "support_letter": 3}


def consensus(ctx: CaseContext, field_name: str, kinds: list[str] | None = None) -> tuple[Document, ExtractedField] | None:
    """The value most documents state (ties: the Offer of Employment, then the application, then the letter)."""
    key = ("consensus", field_name, tuple(kinds or JOB_KINDS))
    if key not in ctx.memo:
        ctx.memo[key] = _consensus(ctx.stating(field_name, kinds or JOB_KINDS))
    return ctx.memo[key]


def _consensus(items: list[tuple[Document, ExtractedField]]) -> tuple[Document, ExtractedField] | None:
    if not items:
        return None
    counts = Counter(_key(v.value) for _, v in items)
    return min(items, key=lambda it: (-counts[_key(it[1].value)], _PREFERENCE.get(it[0].kind, 9)))


def _key(value) -> str:
    return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)


def case_code(ctx: CaseContext) -> tuple[Document, ExtractedField] | None:
    """The case's exemption code, when its documents agree on it (a conflict is DC109's finding)."""
    items = ctx.stating("exemption_code", JOB_KINDS + ["support_letter"])
    if len({v.value for _, v in items}) != 1:
        return None
    return items[0]


def _code_is(ctx: CaseContext, codes: list[str]) -> tuple[Document, ExtractedField] | None:
    found = case_code(ctx)
    return found if found and found[1].value in codes else None


def case_end(ctx: CaseContext) -> tuple[date, list[str], list[dict]] | None:
    """The requested end of employment: a stated end date, else the start date plus the duration."""
    end = consensus(ctx, "end_date")
    if end:
        doc, value = end
        return max(date_readings(value)), ["end_date"], [evidence(doc, "end_date", value)]
    start = consensus(ctx, "start_date")
    months = consensus(ctx, "duration_months")
    if start and months:
        day = min(date_readings(start[1])) + relativedelta(months=int(months[1].value))
        return day, ["duration_months"], [evidence(start[0], "start_date", start[1]), evidence(months[0], "duration_months", months[1])]
    return None


def case_months(ctx: CaseContext) -> tuple[int, list[str], list[dict]] | None:
    """The requested duration in months: stated, else from the start and end dates."""
    months = consensus(ctx, "duration_months")
    if months:
        return int(months[1].value), ["duration_months"], [evidence(months[0], "duration_months", months[1])]
    start, end = consensus(ctx, "start_date"), consensus(ctx, "end_date")
    if start and end:
        first, last = min(date_readings(start[1])), max(date_readings(end[1]))
        delta = relativedelta(last + relativedelta(days=1), first)
        total = delta.years * 12 + delta.months + (1 if delta.days > 1 else 0)
        return total, ["end_date"], [evidence(start[0], "start_date", start[1]), evidence(end[0], "end_date", end[1])]
    return None


def sentences(ctx: CaseContext, doc: Document, pages: set[int] | None = None) -> list[tuple[int, str]]:
    """(page, sentence) for the document's text, white space collapsed; only ``pages`` when given."""
    from doccheck.extract.fields import join_lines

    out = []
    for page, text in ctx.texts.get(doc.path, []):
        if pages is not None and page not in pages:
            continue
        # wrapped lines re-joined ("… the creation of 6" / "Canadian jobs …"), then any line going on in lower case
        flat = re.sub(r"(?<![\.\:;!?])\n(?=[a-zà-ÿ])", " ", join_lines(text.split("\n")))
        for sentence in re.split(r"(?<=[\.!?;])\s+|\n", flat):
            if sentence.strip():
                out.append((page, " ".join(sentence.split())))
    return out


# -- exemption codes ---------------------------------------------------------------------


def by_value(ctx: CaseContext, field_name: str) -> dict[object, list[tuple[Document, ExtractedField]]]:
    """The documents stating a field, grouped by value, in document order."""
    groups: dict[object, list[tuple[Document, ExtractedField]]] = {}
    for doc, value in ctx.stating(field_name):
        groups.setdefault(value.value, []).append((doc, value))
    return groups


@check("retired_code")
def retired_code(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    findings = []
    for value, items in by_value(ctx, "exemption_code").items():
        code = catalogue.get_code(value)
        if code is None or not code.retired:
            continue
        doc, stated = items[0]
        findings.append(make_finding(
            rule, fields=["exemption_code"], documents=[d.path for d, _ in items], evidence_items=[evidence(doc, "exemption_code", stated)],
            code=value, retired_on=code.retired_on.isoformat(), current=", ".join(code.replaced_by), where=where(doc, stated),
        ))
    return findings


@check("unknown_code")
def unknown_code(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    findings = []
    for value, items in by_value(ctx, "exemption_code").items():
        if catalogue.get_code(value) is not None:
            continue
        doc, stated = items[0]
        findings.append(make_finding(rule, fields=["exemption_code"], documents=[doc.path],
                                     evidence_items=[evidence(doc, "exemption_code", stated)], code=value, where=where(doc, stated)))
    return findings


@check("duration_over_maximum")
def duration_over_maximum(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    found = case_code(ctx)
    if not found:
        return []
    code = catalogue.get_code(found[1].value)
    if code is None or code.retired or not code.max_initial_months:
        return []
    months = case_months(ctx)
    if not months or months[0] <= code.max_initial_months:
        return []
    total, fields, items = months
    return [make_finding(rule, fields=["exemption_code", *fields], documents=sorted({i["document"] for i in items} | {found[0].path}),
                         evidence_items=[evidence(found[0], "exemption_code", found[1]), *items],
                         code=code.code, months=total, maximum=code.max_initial_months)]


@check("required_documents")
def required_documents(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    found = case_code(ctx)
    if not found:
        return []
    code = catalogue.get_code(found[1].value)
    if code is None or code.retired:
        return []
    present = {doc.kind for doc in ctx.documents}
    satisfied_by = rule.params.get("satisfied_by", {})
    findings = []
    for requirement in code.required_documents:
        if present & set(satisfied_by.get(requirement.kind, [requirement.kind])):
            continue
        findings.append(make_finding(rule, fields=[], documents=[found[0].path], code=code.code,
                                     kind=requirement.kind.replace("_", " "), note=requirement.note))
    return findings


# -- offer of employment number ------------------------------------------------------------


@check("oe_number_format")
def oe_number_format(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    bad = [(d, v) for d, v in ctx.stating("oe_number") if not is_valid_oe_number(v.value)]
    if not bad:
        return []
    return [make_finding(rule, fields=["oe_number"], documents=sorted({d.path for d, _ in bad}),
                         evidence_items=[evidence(d, "oe_number", v) for d, v in bad],
                         values=", ".join(f"{v.value} ({where(d, v)})" for d, v in bad))]


@check("oe_number_missing")
def oe_number_missing(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    found = case_code(ctx)
    if not found or ctx.stating("oe_number"):
        return []
    code = catalogue.get_code(found[1].value)
    if code is None or code.retired or code.requires_oe is not True or code.permit != "employer_specific":
        return []
    if not ctx.of_kind("work_permit_application", "offer_of_employment"):
        return []
    return [make_finding(rule, fields=["oe_number"], documents=[found[0].path], code=code.code)]


# -- passport --------------------------------------------------------------------------------


@check("passport_before_end")
def passport_before_end(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    expiry = consensus(ctx, "passport_expiry", ["passport", "work_permit_application", "offer_of_employment"])
    end = case_end(ctx)
    if not expiry or not end:
        return []
    expires = max(date_readings(expiry[1]))
    if expires >= end[0]:
        return []
    return [make_finding(rule, fields=["passport_expiry"], documents=sorted({expiry[0].path} | {i["document"] for i in end[2]}),
                         evidence_items=[evidence(expiry[0], "passport_expiry", expiry[1]), *end[2]],
                         expiry=expires.isoformat(), end=end[0].isoformat(), where=where(*expiry))]


# -- category conditions ----------------------------------------------------------------------


@check("citizenship_allowed")
def citizenship_allowed(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    found = _code_is(ctx, rule.params["codes"])
    citizenship = consensus(ctx, "citizenship", ["work_permit_application", "passport", "offer_of_employment"])
    if not found or not citizenship or citizenship[1].value in rule.params["countries"]:
        return []
    return [make_finding(rule, fields=["exemption_code", "citizenship"], documents=sorted({found[0].path, citizenship[0].path}),
                         evidence_items=[evidence(found[0], "exemption_code", found[1]), evidence(citizenship[0], "citizenship", citizenship[1])],
                         code=found[1].value, country=citizenship[1].value, allowed=", ".join(rule.params["countries"]))]


@check("teer_allowed")
def teer_allowed(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """A category limited to some TEER categories (C16 before 2023-06-15: TEER 0-3)."""
    found = _code_is(ctx, rule.params["codes"])
    noc = consensus(ctx, "noc_code")
    if not found or not noc or not noc[1].value[1].isdigit():
        return []
    teer = int(noc[1].value[1])
    if teer in rule.params["teers"] or noc[1].value in catalogue.synthetic_noc_codes():
        return []
    return [make_finding(rule, fields=["exemption_code", "noc_code"], documents=sorted({found[0].path, noc[0].path}),
                         evidence_items=[evidence(found[0], "exemption_code", found[1]), evidence(noc[0], "noc_code", noc[1])],
                         code=found[1].value, noc=noc[1].value, teer=teer)]


@check("location_not_in_province")
def location_not_in_province(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    found = _code_is(ctx, rule.params["codes"])
    if not found:
        return []
    bad = [(d, v) for d, v in ctx.stating("work_location", JOB_KINDS) if v.value.get("province") in rule.params["provinces"]]
    if not bad:
        return []
    return [make_finding(rule, fields=["exemption_code", "work_location"], documents=sorted({found[0].path} | {d.path for d, _ in bad}),
                         evidence_items=[evidence(found[0], "exemption_code", found[1])] + [evidence(d, "work_location", v) for d, v in bad],
                         code=found[1].value, where=", ".join(where(d, v) for d, v in bad))]


_NCLC = led(r"\b(?:NCLC|CLB)\s*(?:level|niveau)?\s*[:\-]?\s*(\d{1,2})\b", re.I)


@check("french_level")
def french_level(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """C16: French at the required NCLC in the file (language test results, NCLC levels read from it)."""
    found = _code_is(ctx, rule.params["codes"])
    if not found:
        return []
    minimum = int(rule.params["minimum_nclc"])
    tests = ctx.of_kind("language_test")
    if not tests:
        return []  # a missing test is DC216's finding (required document), not reported twice
    levels = []
    for doc in tests:
        for page, text in ctx.texts.get(doc.path, []):
            levels += [(int(m.group(1)), doc, page, m.group(0)) for m in _NCLC.finditer(text) if int(m.group(1)) <= 12]
    low = [lv for lv in levels if lv[0] < minimum]
    if not low:
        return []
    level, doc, page, raw = min(low, key=lambda lv: lv[0])
    return [make_finding(rule, fields=["exemption_code"], documents=[found[0].path, doc.path], code=found[1].value,
                         evidence_items=[{"document": doc.path, "page": page, "snippet": raw}],
                         problem=f"the language test shows {raw} ({doc.path} p{page}), below NCLC {minimum}")]


@check("reciprocity_country")
def reciprocity_country(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """C20: the reciprocity letter names the worker's own country of citizenship."""
    from doccheck.normalise.countries import country_code, country_name

    found = _code_is(ctx, rule.params["codes"])
    citizenship = consensus(ctx, "citizenship", ["work_permit_application", "passport", "offer_of_employment"])
    letters = ctx.of_kind("reciprocity_letter")
    if not found or not citizenship or not letters:
        return []
    target = citizenship[1].value
    named: set[str] = set()
    for doc in letters:
        for _, text in ctx.texts.get(doc.path, []):
            named |= _countries_named(text, country_code)
    if target in named:
        return []
    others = ", ".join(sorted(named)) or "no country"
    return [make_finding(rule, fields=["exemption_code", "citizenship"], documents=sorted({found[0].path, citizenship[0].path} | {d.path for d in letters}),
                         evidence_items=[evidence(citizenship[0], "citizenship", citizenship[1])],
                         code=found[1].value, country=country_name(target), named=others)]


_INVERTED_COUNTRY = programs.compile(
    r"\b[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?, (?:the )?(?:Republic of|Islamic Republic of|Democratic Republic of(?: the)?|"
    r"United Republic of|Plurinational State of|Bolivarian Republic of|Federated States of|Province of China)")
# the short forms a letter writes for a country; any other two- or three-letter word is no country's name
_COUNTRY_ABBREVIATIONS = frozenset({"US", "USA", "U.S.", "UK", "U.K.", "UAE", "PRC", "ROK", "DRC", "RDC"})


def _countries_named(text: str, country_code) -> set[str]:
    found = set()
    for match in _INVERTED_COUNTRY.finditer(text):  # ISO 3166's inverted names: "Korea, Republic of"
        code = country_code(match.group(0))
        if code and code != "CA":
            found.add(code)
    words = re.findall(r"[A-ZÀ-Ý][\w'’\-]+(?:\s+(?:of|and|the|du|de|des|la|le|[A-ZÀ-Ý][\w'’\-]+)){0,4}", text)
    for phrase in words:
        tokens = phrase.split()
        for n in range(len(tokens), 0, -1):
            for i in range(0, len(tokens) - n + 1):
                candidate = " ".join(tokens[i : i + n])
                if len(candidate) < 4 and candidate not in _COUNTRY_ABBREVIATIONS:
                    continue  # "RE: Reciprocal exchange" names no Réunion, "IT" no Italy
                code = country_code(candidate)
                if code and code != "CA":
                    found.add(code)
    return found


_QUANTIFIED = led(
    r"(?:\$\s?\d|\d[\d,\.]*\s?(?:\$|%|per cent|percent|million|thousand|k\b)|\b(?:CAD|USD)\s?\d|"
    r"\d[\d,\.]*\s+(?:[\w\-]+\s+){0,3}(?:jobs?|positions?|employees|workers|students|clients|customers|patients|hires|trainees|apprentices|emplois|postes|employés|travailleurs|étudiants))",
    re.I,
)
_BEYOND = led(
    r"\b(?:canadians?|community|communities|region|province|local|industry|sector|economy|economic|students|public|patients|"
    r"clients|customers|suppliers|jobs? for|hire|hiring|train(?:ing)?|transfer of (?:skills|knowledge)|canadiens?|canadiennes?|"
    r"communautés?|région|régional\w*|économi\w+|secteur|francophones?|formation|embauche\w*|emplois?|étudiants|population)\b",
    re.I,
)
_BENEFIT = led(r"\b(?:benefit|benefits|advantage|contribut\w*|create|creating|generate|increase|improve|bring|boost|impact)\b", re.I)


@check("benefit_quantified")
def benefit_quantified(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """C10: the support letter quantifies a benefit that reaches beyond the employer and the worker."""
    found = _code_is(ctx, rule.params["codes"])
    if not found:
        return []
    letters = ctx.of_kind("support_letter")
    if not letters:
        return []
    every = [(doc, page, s) for doc in letters for page, s in sentences(ctx, doc)]
    if any(_QUANTIFIED.search(s) and _BEYOND.search(s) for _, _, s in every):
        return []
    claims = [c for c in every if _BENEFIT.search(c[2])]
    failing = [c for c in claims if not (_QUANTIFIED.search(c[2]) and _BEYOND.search(c[2]))][:5]
    quoted = " | ".join(f"“{s[:160]}” ({d.path} p{p})" for d, p, s in failing) or "no sentence states a benefit"
    return [make_finding(rule, fields=["exemption_code"], documents=[found[0].path] + [d.path for d in letters],
                         evidence_items=[{"document": d.path, "page": p, "snippet": s[:300]} for d, p, s in failing],
                         code=found[1].value, sentences=quoted)]


_ONGOING = led(r"\b(?:present|current(?:ly)?|to date|today|now|ongoing|à ce jour|aujourd'hui|présent|actuel(?:lement)?|en cours)\b", re.I)


def employment_ranges(texts: list[tuple[int, str]], anchor: date) -> list[tuple[date, date]]:
    """Date ranges of employment a reference states: two dates on a line, or one date and "present"."""
    from doccheck.extract.fields import join_lines
    from doccheck.normalise.dates import find_dates

    ranges = []
    for _, text in texts:
        for line in _SENTENCE_BREAK.split(join_lines(text.split("\n"))):  # a sentence or a table row: a paragraph holds several ranges
            found = sorted({date.fromisoformat(m.parsed.value) for m in find_dates(line)
                            if not _BIRTH.search(line, max(0, m.start - 30), m.start)})  # not "(date of birth 13 January 1982"
            if len(found) >= 2:
                ranges.append((found[0], found[1]))
            elif len(found) == 1 and (_ONGOING.search(line) or re.search(r"\bsince\b|\bdepuis\b", line, re.I)):
                ranges.append((found[0], anchor))
    return [(a, b) for a, b in ranges if a < b]


_SENTENCE_BREAK = programs.compile(r"\n|(?<=[a-z\d\)])[\.;]\s+(?=[A-Z])")
_BIRTH = programs.compile(r"(?:born|birth|naissance|\bnée?|\bdob)\W{0,3}(?:on\W+|le\W+)?$", re.I)


def longest_continuous(ranges: list[tuple[date, date]], window_start: date, window_end: date) -> int:
    """Whole months of the longest continuous run (gaps of up to 31 days joined) inside the window."""
    best = 0
    merged: list[list[date]] = []
    for start, end in sorted(ranges):
        if merged and (start - merged[-1][1]).days <= 31:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        first, last = max(start, window_start), min(end, window_end)
        if last > first:
            delta = relativedelta(last, first)
            best = max(best, delta.years * 12 + delta.months)
    return best


@check("qualifying_employment")
def qualifying_employment(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """ICT: 12 months of continuous full-time work for the foreign company within the last 3 years."""
    found = _code_is(ctx, rule.params["codes"])
    if not found:
        return []
    references = ctx.of_kind("employment_reference")
    if not references:
        return []
    need = int(rule.params["months"])
    start = consensus(ctx, "start_date")
    anchor = min(date_readings(start[1])) if start else ctx.as_of
    window_start = anchor - relativedelta(years=int(rule.params["window_years"]))
    ranges = [r for doc in references for r in employment_ranges(ctx.texts.get(doc.path, []), anchor)]
    for doc in references:
        if "start_date" in doc.fields:
            end = max(date_readings(doc.fields["end_date"])) if "end_date" in doc.fields else anchor
            ranges.append((min(date_readings(doc.fields["start_date"])), end))
    if not ranges:
        return []
    months = longest_continuous(ranges, window_start, min(anchor, ctx.as_of) if start is None else anchor)
    if months >= need:
        return []
    return [make_finding(rule, fields=["exemption_code"], documents=[found[0].path] + [d.path for d in references],
                         evidence_items=[evidence(found[0], "exemption_code", found[1])],
                         code=found[1].value, months=months, need=need, years=rule.params["window_years"])]


# -- the offer itself --------------------------------------------------------------------------


@check("placeholder_value")
def placeholder_value(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    findings = []
    kinds = set(rule.params.get("kinds", ["offer_of_employment"]))
    for doc in ctx.documents:
        if doc.kind not in kinds:
            continue
        for field_name, info in sorted(ctx.placeholders.get(doc.path, {}).items()):
            shown = info["raw"] or "(empty)"
            findings.append(make_finding(rule, fields=[field_name], documents=[doc.path],
                                         evidence_items=[{"document": doc.path, "field": field_name, "page": info["page"], "snippet": info["evidence"]}],
                                         field=field_name.replace("_", " "), value=shown, document=doc.path))
    return findings


@check("too_many_locations")
def too_many_locations(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    findings = []
    limit = int(rule.params["maximum"])
    for doc in ctx.of_kind("offer_of_employment"):
        locations = ctx.extras.get(doc.path, {}).get("work_locations", [])
        if len(locations) > limit:
            shown = "; ".join(", ".join(str(x) for x in (loc.get("city"), loc.get("province")) if x) for loc in locations)
            findings.append(make_finding(rule, fields=["work_location"], documents=[doc.path], count=len(locations), locations=shown, maximum=limit))
    return findings


_FEE = led(r"(?:compliance fee|recruitment fee|recruiting fee|placement fee|agency fee|processing fee|frais de conformit|frais de recrutement|frais de placement|\bfees? (?:for|of) (?:the )?(?:recruit|hiring|placement|work permit|offer))", re.I)
_CHARGED = led(r"(?:deduct|withh[eo]ld|reimburse|repay|paid by (?:you|the employee|the worker)|(?:you|the employee|the worker) (?:will|shall|must|agree to|is required to) (?:pay|bear|cover|reimburse)|your (?:responsibility|expense|cost)|at your (?:own )?(?:expense|cost)|charged to (?:you|the employee|the worker)|recover(?:ed)? from|à vos frais|déduit|retenu|rembourser|à la charge de l'employé|à votre charge)", re.I)
_FEE_WORDS = led(r"fee|frai", re.I)  # every _FEE match holds one of these
_NEGATED = led(r"\b(?:not|never|no|will not|won't|shall not|cannot|aucun|aucuns|pas|ne sera|n'est|ni)\b", re.I)


@check("fees_charged_to_worker")
def fees_charged_to_worker(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    hits = []
    for doc in ctx.of_kind("offer_letter", "offer_of_employment"):
        # a sentence naming a fee is part of a page naming one (white space as in the sentences): only those
        # pages are cut into sentences. _FEE_WORDS is the cheap test first: most pages and sentences name no fee.
        pages = {page for page, text in ctx.texts.get(doc.path, [])
                 if _FEE_WORDS.search(text) and _FEE.search(" ".join(text.split()))}
        if not pages:
            continue
        for page, s in sentences(ctx, doc, pages):
            if _FEE_WORDS.search(s) and _FEE.search(s) and _CHARGED.search(s) and not _NEGATED.search(s):
                hits.append((doc, page, s))
    if not hits:
        return []
    quoted = " | ".join(f"“{s[:180]}” ({d.path} p{p})" for d, p, s in hits[:3])
    return [make_finding(rule, fields=[], documents=sorted({d.path for d, _, _ in hits}),
                         evidence_items=[{"document": d.path, "page": p, "snippet": s[:300]} for d, p, s in hits], sentences=quoted)]


# -- occupation ------------------------------------------------------------------------------------


@check("unknown_noc")
def unknown_noc(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    groups = catalogue.noc_groups()
    synthetic = catalogue.synthetic_noc_codes()
    return [make_finding(rule, fields=["noc_code"], documents=[d.path for d, _ in items],
                         evidence_items=[evidence(d, "noc_code", v) for d, v in items], code=code)
            for code, items in by_value(ctx, "noc_code").items() if code not in groups and code not in synthetic]


@check("title_fits_noc")
def title_fits_noc(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    from doccheck.normalise.occupations import title_fit

    noc = consensus(ctx, "noc_code")
    title = consensus(ctx, "job_title")
    if not noc or not title:
        return []
    fit = title_fit(title[1].value, noc[1].value)
    if fit is None or fit.fits:
        return []
    return [make_finding(rule, fields=["job_title", "noc_code"], documents=sorted({noc[0].path, title[0].path}),
                         evidence_items=[evidence(title[0], "job_title", title[1]), evidence(noc[0], "noc_code", noc[1])],
                         title=title[1].value, code=noc[1].value, noc_title=fit.stated_title,
                         better=f"{fit.best_code} {fit.best_title}")]


@check("duties_teer")
def duties_teer(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    from doccheck.normalise.occupations import duties_teer_signal

    noc = consensus(ctx, "noc_code")
    duties = consensus(ctx, "duties", JOB_KINDS)
    if not noc or not duties:
        return []
    teer = int(noc[1].value[1])
    signal = duties_teer_signal(duties[1].value)
    if signal is None or signal.teer >= teer:
        return []
    return [make_finding(rule, fields=["duties", "noc_code"], documents=sorted({noc[0].path, duties[0].path}),
                         evidence_items=[evidence(duties[0], "duties", duties[1])],
                         code=noc[1].value, teer=teer, duty_teer=signal.teer, phrases=", ".join(signal.phrases))]


@check("wage_below_median")
def wage_below_median(rule: RuleSpec, ctx: CaseContext) -> list[Finding]:
    """Wage under the prevailing (median) wage for the NOC and region, from an imported Job Bank table."""
    from doccheck import wages

    wage = consensus(ctx, "wage")
    noc = consensus(ctx, "noc_code")
    if not wage or not noc:
        return []
    store = wages.load_store()
    if store is None:
        return [make_finding(rule, fields=["wage"], documents=[wage[0].path], severity="info",
                             hourly=f"{wage[1].value['hourly']:.2f}", median="?", region="?", code=noc[1].value,
                             note="not checked: no wage table is imported (run `doccheck data import-wages FILE` with ESDC's Job Bank wages CSV)")]
    location = consensus(ctx, "work_location")
    place = location[1].value if location else {}
    median = wages.median_for(store, noc[1].value, place.get("province"), place.get("city"))
    if median is None or wage[1].value["hourly"] >= median.hourly - 0.005:
        return []
    return [make_finding(rule, fields=["wage"], documents=[wage[0].path], evidence_items=[evidence(wage[0], "wage", wage[1])],
                         hourly=f"{wage[1].value['hourly']:.2f}", median=f"{median.hourly:.2f}", region=median.region,
                         code=noc[1].value, note=f"({median.period}{'; ' + median.note if median.note else ''})")]
