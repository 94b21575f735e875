"""The regex pre-filters skip only pages a pattern cannot match, and find the same first match."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from doccheck.extract.knowledge import fold_aligned, pattern_sources, prose_patterns
from doccheck.extract.prefilter import _TABLE, _key, prefiltered, required_strings, single_line, start_class


def test_shipped_table_matches_the_patterns_in_extractors():
    # An edited pattern is still read correctly (at run time), but the table should be regenerated:
    # python -m doccheck.derived
    shipped = json.loads(resources.files("extractors").joinpath(_TABLE).read_text(encoding="utf-8"))["patterns"]
    expected = {}
    for source, flags in pattern_sources():
        needs, lead = required_strings(source, flags)
        expected[_key(source, flags)] = {"needs": sorted(needs) if needs is not None else None, "lead": lead,
                                         "line": single_line(source, flags), "start": start_class(source, flags)}
    assert shipped == expected, "stale pre-filter table: run python -m doccheck.derived"


@pytest.mark.parametrize(
    ("pattern", "flags", "needs"),
    [
        # a leading alternation and the words after it: any match holds one of these
        (r"(?:start|starting|commence) date", re.I, {"start date", "starting date", "commence date"}),
        # optional words and character classes expand; a string holding a shorter one is dropped
        (r"(?:au |le )poste d[e'’]\s?(?P<v>\w+)", re.I, {"au poste d'", "au poste de", "le poste d'", "le poste de"}),
        # accents are folded: "début" in the pattern is looked for as "debut"
        (r"date de début", re.I, {"date de debut"}),
        # a group that must occur inside a repeat
        (r"(?:\d+ (?:weeks|months))+", 0, {" weeks", " months"}),
        # nothing literal (or only two letters) to look for: never skipped
        (r"(?:to|-)\s+\d{4}", 0, None),
        (r"\bBN\b\s*\d{9}", 0, None),
    ],
)
def test_required_strings(pattern, flags, needs):
    found, _ = required_strings(pattern, flags)
    assert (set(found) if found is not None else None) == needs


@pytest.mark.parametrize(
    "text",
    [
        "We are pleased to offer you the position of Data Analyst, starting on March 3, 2027.",
        "Start date: 2027-03-03. Start date (revised): 2027-04-01.",  # the first of two
        "L’entrée en fonctions est prévue le 3 mars 2027 au poste de Technicienne.",
        "STRASSE 5 — Straße start date 2027-03-03",  # "ß" folds to two letters: positions differ
        "Nothing to see here.",
    ],
)
def test_search_finds_what_the_plain_regex_finds(text):
    folded, aligned = fold_aligned(text)
    for items in prose_patterns().values():
        for pattern, *_ in items:
            expected = re.compile(pattern.source, pattern.flags).search(text)
            found = pattern.search(text, folded, aligned)
            assert (found and found.span()) == (expected and expected.span()), pattern.source


@pytest.mark.parametrize(
    "text",
    [
        "Offer of Employment number A1234567\nLMIA-exempt code: C16\nDear Ms. Tremblay,\nSincerely,",
        "PASSPORT / PASSEPORT\nType / Type P\nP<CANTREMBLAY<<MARIE\nDate of expiry 12 MAR 2031",
        "Bachelor of Science, conferred upon Jane Doe. Transcript attached; passport copy passport.",
        "Nothing to see here.",
    ],
)
def test_kind_signals_find_what_the_plain_regex_finds(text):
    # Kind signals are case-sensitive patterns over folded text: searched once from the first
    # possible start instead of at every possible start.
    from doccheck.extract.knowledge import fold, kind_signals

    folded = fold(text)
    for signals, _ in kind_signals()["kinds"].values():
        for parts, _ in signals:
            for signal in parts:
                expected = re.compile(signal.source, signal.flags).search(folded)
                found = signal.search(folded, folded, True)
                assert (found and found.span()) == (expected and expected.span()), signal.source


def test_signal_split_into_alternatives_matches_where_the_whole_signal_does():
    # A signal with no word to look for is tried as its alternatives, each with its own words:
    # it counts exactly where the whole regex finds a match.
    from doccheck.extract.knowledge import _SIGNAL_FLAGS, fold, kind_signals, load_yaml

    texts = ["Dear Ms. Tremblay,\nWe are pleased", "RE: offer of employment", "Re : poste", "  objet : lettre",
             "Kind regards,", "Ph. D. in physics", "B.Sc. 2019", "nothing at all", "address: 12 rue\nre\n:"]
    split = 0
    loaded = kind_signals()["kinds"]
    for name, kind in load_yaml("extractors", "kinds.yml")["kinds"].items():
        for spec, (parts, _) in zip(kind["signals"], loaded[name][0], strict=True):
            split += len(parts) > 1
            whole = re.compile(spec["pattern"], _SIGNAL_FLAGS)
            for text in map(fold, texts):
                assert bool(whole.search(text)) == any(p.search(text, text, True) for p in parts), spec["pattern"]
    assert split >= 1  # the letter-closing signal of the Offer of Employment, at least


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        (r"^\s*dear\b|sincerely|^\s*re\s*:", [r"^\s*dear\b", "sincerely", r"^\s*re\s*:"]),
        (r"a|b(?:c|d)", ["a", "b(?:c|d)"]),
        (r"[|a]b|c", ["[|a]b", "c"]),  # a bar in a character class is no alternative
        (r"[]|]x|y", ["[]|]x", "y"]),
        (r"a\|b|c", [r"a\|b", "c"]),
        (r"(?:a|b)", [r"(?:a|b)"]),  # one group: nothing to split at the top
        (r"ab|ac", ["ab|ac"]),  # the parser reads one "a" before a branch: kept whole
        (r"(?i)a|b", [r"(?i)a|b"]),  # global flags belong to the whole pattern
    ],
)
def test_top_level_branches(source, parts):
    from doccheck.extract.prefilter import top_level_branches

    assert top_level_branches(source, re.MULTILINE) == parts


def test_pattern_is_compiled_only_when_its_words_occur():
    pattern = prefiltered(r"commencera le (?P<v>\d+)", re.I)
    text = "The employee will start on 3 March."
    assert pattern.search(text, *fold_aligned(text)) is None
    assert pattern._compiled is None
    text = "Il commencera le 3 mars."
    assert pattern.search(text, *fold_aligned(text)).group("v") == "3"


@pytest.mark.parametrize(
    ("source", "line"),
    [
        (r"[A-Za-z\-]+ (?:months?|years?)", True),  # letters, spaces: a match stays on its line
        (r"(?:of|for)\s+(?P<v>\d+) months", False),  # \s can be a line break
        (r"employer[^,]{0,40}(?:number|no)", False),  # [^,] too
        (r"employer[^,\n]{0,40}(?:number|no)", True),
        (r"(?<=\n)term (?P<v>\w+)(?=\s)", True),  # lookarounds are not part of the match
    ],
)
def test_single_line(source, line):
    assert single_line(source, re.I) is line


@pytest.mark.parametrize(
    "text",
    [
        "Duration\nThe appointment lasts twenty-four months from arrival.",
        "No term here.\nA contract of thirty-six months, or two years.",
        "months\nyears",
        "Nothing to see.",
    ],
)
def test_unbounded_lead_is_searched_from_the_line_of_the_first_word(text):
    pattern = prefiltered(r"(?P<v>[a-z\-]+ (?:months?|years?))", re.I)
    assert pattern.lead is None and pattern.line  # the words come after an open-ended run of letters
    expected = re.compile(pattern.source, pattern.flags).search(text)
    found = pattern.search(text, *fold_aligned(text))
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    "text",
    [
        "Offer of Employment number A1234567\nLMIA-exempt code: C16\nDear Ms. Tremblay,\nSincerely,",
        # overlapping and nested strings: "offer of employment" holds "employment"
        "offer of employment offering employment contract for a period of 24 months",
        "PASSPORT / PASSEPORT\nType / Type P\nP<CANTREMBLAY<<MARIE\nDate of expiry 12 MAR 2031",
        "",
    ],
)
@pytest.mark.parametrize("automaton", [True, False])
def test_needle_index_finds_every_needed_string_the_text_holds(text, automaton, monkeypatch):
    # One pass for all patterns' strings (Aho-Corasick, or one `in` each without the library)
    # must say exactly what testing each string with `in` says.
    from doccheck.extract import prefilter
    from doccheck.extract.knowledge import fold, kind_signals

    if not automaton:
        monkeypatch.setattr(prefilter, "_automaton", lambda words: None)
    patterns = [p for items in prose_patterns().values() for p, *_ in items]
    patterns += [s for signals, _ in kind_signals()["kinds"].values() for parts, _ in signals for s in parts]
    index = prefilter.NeedleIndex(patterns)
    folded = fold(text)
    # every string the text holds, with where it first starts (for the searches that follow)
    found = index.first_starts(folded)
    assert found == {word: folded.find(word) for word in index.words if word in folded}
    for pattern in patterns:
        if pattern.needs is not None:
            assert pattern.needs.isdisjoint(found) == (not pattern.may_match(folded))


@pytest.mark.parametrize(
    ("source", "start"),
    [
        (r"(?:until|through|to|till|-|–)\s+\d", r"[tu\x2d\u2013]"),  # an alternation's first letters
        (r"(?<!passport )(?P<v>\bA\d{7}\b)", "[A]"),  # lookbehinds and \b read nothing
        (r"\s*(?:,|\()", r"[\s\x28\x2c]"),  # what a skippable repeat starts with, and what follows it
        (r"(?:a|b?)c", "[abc]"),  # an optional branch lets the next item start the match
        (r"a?b*", None),  # can match nothing: a match may start anywhere
        (r"[^x]y", None),  # a negated set, a wildcard, a word character: almost any start
        (r".x", None),
        (r"\w+ing", None),
        (r"[a-z]+ment", None),  # 26 possible first letters: not selective enough to lead with
        (r"(?i)abc", None),  # global flags must open the pattern: no class before them
        (r"(?i:x)y", None),  # flags switched on inside a group: left alone
    ],
)
def test_start_class(source, start):
    assert start_class(source, re.IGNORECASE | re.MULTILINE) == start


_TRICKY = [
    "Kelvin \u212a and long \u017f: KEY ſalary, İstanbul ıi; BN 123 456 789 RT0001, bn 987654321",
    "work until 2027-01-31 \u2013 through March; 40 hours per week\n\n, (the Employee) AND: Jane Doe",
    "Offer of employment number: A1234567 / passport A7654321 — OE # A2345678",
]


def test_patterns_led_by_their_start_class_match_exactly_where_they_did():
    # Every sentence pattern is compiled as (?=[its first characters])(?:pattern): on case-folding
    # oddities and on the bundled documents' text, every match is the same, at the same place.
    from pathlib import Path

    from doccheck.readers import read_document

    texts = list(_TRICKY)
    for path in sorted(Path("fixtures/cases").rglob("*"))[:60]:
        if path.suffix.lower() in {".pdf", ".docx"}:
            doc = read_document(path, path.name, ocr=False)
            texts += ["\n".join(page.lines) for page in doc.pages]
    led = 0
    for items in prose_patterns().values():
        for pattern, *_ in items:
            plain = re.compile(pattern.source, pattern.flags)
            compiled = pattern._compiled or pattern._compile()
            led += compiled.pattern != pattern.source
            for text in texts:
                assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in plain.finditer(text)], pattern.source
    assert led >= 40  # most sentence patterns start with one of a few letters

    # the module-level patterns led the same way (amounts, dates, pay words): same matches too
    from doccheck.extract import prefilter, wages  # noqa: F401 - imported for the patterns they lead
    from doccheck.normalise import dates, money  # noqa: F401

    texts += ["$42.50 per hour, 2027-03-01, 1 March 2027, 03/04/2027, 40 hours per week, CAD 85,000 annually"]
    assert len(prefilter._LED) >= 10
    for source, flags in list(prefilter._LED):
        plain, compiled = re.compile(source, flags), prefilter.led(source, flags)
        assert compiled.pattern != source, source
        for text in texts:
            assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in plain.finditer(text)], source


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("1. Given name(s)*:", "given name"),  # numbering, plural mark and punctuation dropped
        ("(b) Employer’s legal name", "employer s legal name"),  # an apostrophe, curly or not, separates words
        ("iv. Date d'entrée en fonction", "date d entree en fonction"),  # accents folded
        ("Straße / Rue", "strasse rue"),  # "ß" folds to two letters
        ("NOC (2021) code — TEER", "noc 2021 code teer"),  # a dash outside ASCII is a separator too
        ("Wage\u00a0(CAD)\tper hour", "wage cad per hour"),
        ("   ", ""),
    ],
)
def test_label_key_reduces_a_cell_to_its_words(cell, key):
    from doccheck.extract.knowledge import label_key

    assert label_key(cell) == key
