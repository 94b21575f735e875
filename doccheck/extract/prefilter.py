"""Cheap pre-filters for regexes: the words a match must contain, looked for before the regex runs.

Most sentence patterns and kind signals cannot match most pages ("commencera le …" on an English
letter). Scanning a page with each regex costs far more than looking for a word in it, so every
pattern gets the set of literal strings of which any match must contain at least one, read from
the regex's own syntax tree:

1. runs of literal items (``offer``, ``(?:the |a )?``, ``[’']``) expand to the strings they match;
2. a group, a branch or a repeat that must occur contributes what it requires;
3. of all the sets a pattern requires, the cheapest to look for is kept: strings of six
   characters or more, as few of them as possible.

With the strings comes ``lead``: how far before them a match can start (the widest the items
before them can be). A search then tries only those start positions instead of every position of
the page, and finds the same first match. Where the lead is unbounded (``[a-z]+`` before the
words) but no match can hold a line break, the search starts at the line of the first string.

The filter is exact in what it skips: a page without any of the strings cannot match. A pattern
whose requirement cannot be read (or is shorter than three characters) is never skipped.
Comparison is on folded text (lower case, accents removed), so the case-insensitive and
accent-variant spellings of a pattern are all covered.

The words of many patterns are looked for at once (``NeedleIndex``: one Aho-Corasick pass over a
page, not one scan per word). A yes/no pattern with no word to look for may be split into its
top-level alternatives (``top_level_branches``), each with its own words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from doccheck.extract import programs

try:  # the regex parser of the standard library (sre_parse before 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - a Python without them gets no pre-filter, same results
    _c = _p = None

_MAX_STRINGS = 24  # literal runs expand to at most this many strings
_MAX_NEEDS = 64  # a longer list of needed strings costs more to look up than the regex saves
_MIN_LENGTH = 3  # "to", "at": on every page, not worth checking
_MAX_RANGE = 8  # [0-9] expands; [a-z] does not
_MAX_LEAD = 2000  # a pattern that may start further before its words is searched from the top


class Prefiltered:
    """A pattern with the strings (folded) any match contains (``needs`` None: always run).

    The pattern is compiled on its first search: a pattern whose words never occur costs nothing.
    """

    __slots__ = ("source", "flags", "needs", "lead", "line", "start", "_compiled", "_caseless")

    def __init__(self, source: str, flags: int, needs: frozenset[str] | None, lead: int | None, line: bool = False,
                 start: str | None = None) -> None:
        self.source = source
        self.flags = flags
        self.needs = needs
        self.start = start  # the characters a match can start with, as a class ("[bn]"; see start_class)
        self.lead = lead  # how far before the first needed string a match may start (None: unknown)
        self.line = line  # no match holds a line break: it starts on the line of its needed string
        self._compiled: re.Pattern[str] | None = None
        # a case-insensitive pattern is scanned by the regex engine character by character: tried at its
        # possible starts instead (a plain int test: ``RegexFlag.__and__`` is Python code)
        self._caseless = bool(int(flags) & re.IGNORECASE)

    @property
    def compiled_source(self) -> str:
        """The source compiled: the regex engine tries a case-insensitive pattern at every position of
        the text in full; led by a class of its possible first characters, it passes most positions on one test."""
        return _led_source(self.source, self.start if self._caseless else None)

    def _compile(self) -> re.Pattern[str]:
        self._compiled = programs.compile(self.compiled_source, self.flags)
        return self._compiled

    def may_match(self, folded: str) -> bool:
        """False only when ``folded`` (the text passed through ``fold``) cannot hold a match."""
        return self.needs is None or any(map(folded.__contains__, self.needs))

    def search(self, text: str, folded: str, aligned: bool) -> re.Match[str] | None:
        """The first match in ``text``, as ``pattern.search(text)`` finds it.

        Where ``folded`` is ``fold(text)`` character for character (``aligned``), no match starts
        more than ``lead`` characters before the first needed string. A case-sensitive pattern is
        searched from there (the regex engine skips ahead to its literal start by itself); a
        case-insensitive one, which the engine scans character by character, is tried only at the
        places a match can start: up to ``lead`` characters before each needed string.
        """
        if not self.may_match(folded):
            return None
        return self.search_filtered(text, folded, aligned)

    def search_filtered(self, text: str, folded: str, aligned: bool, found: dict[str, int] | None = None
                        ) -> re.Match[str] | None:
        """``search`` for a ``folded`` text ``may_match`` has already passed (``found``: where each
        needed string the text holds first starts, as ``NeedleIndex.first_starts`` gives it)."""
        pattern = self._compiled or self._compile()
        if not aligned or self.needs is None or (self.lead is None and not self.line):
            return pattern.search(text)
        if self.lead is None:  # no match holds a line break: none starts before the line of the first needed string
            return pattern.search(text, folded.rfind("\n", 0, self._first(folded, found)) + 1)
        starts = self._starts(folded) if self._caseless else None
        if starts is None:  # one scan from the first possible start
            return pattern.search(text, max(0, self._first(folded, found) - self.lead))
        match_at = pattern.match
        for start in starts:  # every start a match can have, in order: the first that matches wins
            match = match_at(text, start)
            if match:
                return match
        return None

    def _first(self, folded: str, found: dict[str, int] | None = None) -> int:
        """Where the first needed string is (one is there: ``may_match`` said so)."""
        if found is not None:  # looked up, not searched for again
            return min(found[word] for word in self.needs if word in found)
        return min(at for at in map(folded.find, self.needs) if at >= 0)

    def _starts(self, folded: str, limit: int = 400) -> list[int] | None:
        """Positions a match can start at: up to ``lead`` before each needed string (None: too many)."""
        starts: set[int] = set()
        for word in self.needs:
            at = folded.find(word)
            while at >= 0:
                starts.update(range(max(0, at - self.lead), at + 1))
                if len(starts) > limit:
                    return None
                at = folded.find(word, at + 1)
        return sorted(starts)


def top_level_branches(source: str, flags: int = 0) -> list[str]:
    """The alternatives of a pattern that is one alternation at its top level ("a|b(?:c|d)" ->
    ["a", "b(?:c|d)"]), else ``[source]``.

    For a yes/no test they are equivalent: the pattern matches somewhere exactly when one of them
    does. Each alternative gets its own pre-filter, so one with words missing from a text is
    skipped there even when another has no word to look for. The split is checked against the
    regex parser's own reading (same number of alternatives); on any doubt the pattern is kept whole.
    """
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]" and i > class_start:
                in_class = False
        elif ch == "[":
            in_class = True
            class_start = i + 1 + (source[i + 1 : i + 2] == "^")  # a "]" right after "[" or "[^" is literal
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    if len(parts) < 2 or _p is None or re.match(r"\(\?[aiLmsux]+\)", source):
        return [source]
    try:
        tree = _p.parse(source, flags)
        if len(tree.data) != 1 or tree.data[0][0] is not _c.BRANCH or len(tree.data[0][1][1]) != len(parts):
            return [source]
        for part in parts:
            programs.compile(part, flags)
    except Exception:  # noqa: BLE001 - an unexpected shape: kept whole
        return [source]
    return parts


class NeedleIndex:
    """Which of many patterns' needed strings a folded text holds, found in one pass.

    Testing each pattern's strings with ``in`` scans the text once per string (the kind signals
    alone need 265 of them). An Aho-Corasick automaton (pyahocorasick) finds every occurrence of
    all of them in a single pass; without the library the strings are tested one by one, with the
    same result.
    """

    def __init__(self, patterns: list[Prefiltered]) -> None:
        self.words = sorted({word for pattern in patterns if pattern.needs for word in pattern.needs})
        self._automaton = _automaton(self.words)

    def first_starts(self, folded: str) -> dict[str, int]:
        """The needed strings that occur in ``folded``, with where each first starts
        (``folded.find(word)``): pattern ``p`` may match only if ``p.needs is None or not
        p.needs.isdisjoint(found)``, and its search starts there without looking for its strings again."""
        if self._automaton is not None:
            # occurrences come by end position; read backwards, each string keeps its first
            return {word: end - len(word) + 1 for end, word in reversed(list(self._automaton.iter(folded)))}
        return {word: at for word in self.words if (at := folded.find(word)) >= 0}


def _automaton(words: list[str]):
    if not words:
        return None
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - the declared dependency is missing: one ``in`` per string
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def prefiltered(source: str, flags: int = 0) -> Prefiltered:
    """``source`` with the literal strings a match requires (see the module docstring).

    >>> sorted(prefiltered(r"(?:offer|offering) you the (?:job|role)", re.I).needs)
    ['offer you the job', 'offer you the role', 'offering you the job', 'offering you the role']
    >>> sorted(prefiltered(r"\\d+ Hours").needs)
    [' hours']
    >>> prefiltered(r"(?:to|-)\\s+\\d{4}").needs is None
    True
    """
    known = _shipped().get(_key(source, flags))
    if known is not None:
        needs, lead, line, start = known
        return Prefiltered(source, flags, frozenset(needs) if needs is not None else None, lead, line, start)
    return Prefiltered(source, flags, *required_strings(source, flags), single_line(source, flags), start_class(source, flags))


# --------------------------------------------------------------------------- the shipped table
# Reading the requirement of ~140 patterns costs a parse of each; the package ships the results
# for its own patterns in extractors/prefilters.json (keyed by flags and source, so an edited or
# added pattern is simply read at run time). Regenerate with ``python -m doccheck.derived``.

_TABLE = "prefilters.json"


def _key(source: str, flags: int) -> str:
    return f"{int(flags) & ~int(re.UNICODE)}:{source}"


@lru_cache(maxsize=1)
def _shipped() -> dict[str, tuple[list[str] | None, int | None, bool]]:
    import json
    from importlib import resources

    try:
        data = json.loads(resources.files("extractors").joinpath(_TABLE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {key: (entry["needs"], entry["lead"], entry.get("line", False), entry.get("start"))
            for key, entry in data.get("patterns", {}).items()}


def write_table(sources: list[tuple[str, int]], path) -> int:
    """Write the requirements of ``(source, flags)`` patterns as the shipped table; returns their count."""
    import json

    patterns = {}
    for source, flags in sorted(set(sources), key=lambda item: _key(*item)):
        needs, lead = required_strings(source, flags)
        patterns[_key(source, flags)] = {"needs": sorted(needs) if needs is not None else None, "lead": lead,
                                         "line": single_line(source, flags), "start": start_class(source, flags)}
    note = "Generated by `python -m doccheck.derived` from prose.yml and kinds.yml: do not edit."
    path.write_text(json.dumps({"note": note, "patterns": patterns}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(patterns)


def required_strings(source: str, flags: int = 0) -> tuple[frozenset[str] | None, int | None]:
    """The folded strings of which every match of ``source`` contains one (None if unknown), and
    the most characters a match can start before the first of them (None if unbounded)."""
    if _p is None:
        return None, None
    from doccheck.extract.knowledge import fold

    try:
        tree = _p.parse(source, flags)
        options = []
        for strings, end in _candidates(tree):
            if not _usable(strings):
                continue
            folded = _minimal(frozenset(fold(s) for s in strings))
            if min(len(s) for s in folded) < _MIN_LENGTH or len(folded) > _MAX_NEEDS:
                continue
            lead = tree[:end].getwidth()[1] if end else 0
            bounded = lead <= _MAX_LEAD
            # as rare as the best (see _score), words a match starts a known distance before win: only
            # those places are tried
            rarity, fewer, shortest = _score(strings)
            options.append(((rarity, bounded, fewer, shortest), folded, lead if bounded else None))
    except Exception:  # noqa: BLE001 - an unexpected tree shape only costs the speed-up
        return None, None
    if not options:
        return None, None
    _, folded, lead = max(options, key=lambda option: option[0])
    return folded, lead


def single_line(source: str, flags: int = 0) -> bool:
    """True when no match of ``source`` can hold a line break (lookarounds aside: they are not in the match).

    Such a match starts on the line of the needed string it holds, so a pattern whose lead is
    unbounded can still be searched from the start of the line of the first needed string.
    """
    if _p is None:
        return False
    try:
        return not _may_hold_newline(_p.parse(source, flags), bool(flags & re.DOTALL))
    except Exception:  # noqa: BLE001 - unknown: searched from the top
        return False


def start_class(source: str, flags: int = 0) -> str | None:
    """A character class holding every character a match of ``source`` can start with (None: any).

    Read from the syntax tree: the first item that must consume a character, and every item before
    it that may be skipped (a repeat of zero or more, an optional group, an alternation's
    branches); zero-width items (``\\b``, ``^``, lookarounds) are passed over, which keeps the class
    a superset. ``(?=[class])(?:source)`` then matches exactly where ``source`` does. The class
    is kept only where it is selective: a few literal characters, ranges and digits or spaces.
    A pattern that can match the empty string, opens with global flags or starts with a wildcard,
    a negated set or a back-reference has none.
    """
    if _p is None or re.match(r"\(\?[aiLmsux]+\)", source):
        return None
    try:
        members, nullable = _first_members(_p.parse(source, flags).data)
    except Exception:  # noqa: BLE001 - an unexpected tree shape: no class
        return None
    if members is None or nullable or not members:
        return None
    size = 0
    for kind, value in members:
        if kind == "category" and value not in _SELECTIVE_CATEGORIES:
            return None
        size += value[1] - value[0] + 1 if kind == "range" else 1 if kind == "literal" else 0
    if size > _MAX_START_CHARS:
        return None
    return "[" + "".join(_class_member(kind, value) for kind, value in sorted(members, key=repr)) + "]"


def led(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, led by its start class (see ``start_class``): the same matches,
    found faster.

    Only where the regex engine has no start of its own to skip ahead to: a case-insensitive
    pattern, or one that opens with a lookaround or a word boundary (a case-sensitive pattern that
    opens with a literal or a class is skipped through by the engine itself, faster).
    """
    if _leads(source, flags):
        _LED.setdefault((source, int(flags)))
    return programs.compile(_led_compiled_source(source, flags), flags)


def _leads(source: str, flags: int) -> bool:
    """Whether ``led`` leads the pattern (the engine has no start of its own to skip ahead to)."""
    return bool(flags & re.IGNORECASE) or source.startswith(_ZERO_WIDTH_OPENINGS)


def _led_compiled_source(source: str, flags: int) -> str:
    """The source ``led`` compiles for a pattern."""
    if not _leads(source, flags):
        return source
    known = _shipped().get(_key(source, flags))  # read from the shipped table: no parse at start-up
    return _led_source(source, known[3] if known is not None else start_class(source, flags))


def compiled_sources(sources: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The (source, flags) that ``Prefiltered`` compiles for each pattern, or ``led`` for one it has led."""
    return [(_led_compiled_source(source, flags) if (source, int(flags)) in _LED else prefiltered(source, flags).compiled_source,
             int(flags)) for source, flags in sources]


def _led_source(source: str, start: str | None) -> str:
    """``source`` led by a lookahead for its start class (unchanged without one)."""
    return f"(?={start})(?:{source})" if start else source


_ZERO_WIDTH_OPENINGS = ("(?<", "(?=", "(?!", "\\b")
_LED: dict[tuple[str, int], None] = {}  # (source, flags) of every pattern led so far, once each: in the shipped table


_MAX_START_CHARS = 24  # more possible first characters than this: too common a start to skip by
_SELECTIVE_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s"}


def _first_members(items) -> tuple[set | None, bool]:
    """(class members a match of the items can start with, whether the items can match nothing)."""
    members: set = set()
    for op, av in items:
        found, nullable = _first_of(op, av)
        if found is None:
            return None, False
        members |= found
        if not nullable:
            return members, False
    return members, True


def _first_of(op, av) -> tuple[set | None, bool]:
    if op is _c.LITERAL:
        return {("literal", av)}, False
    if op is _c.IN:
        found = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                found.add(("literal", value))
            elif kind is _c.RANGE:
                found.add(("range", tuple(value)))
            elif kind is _c.CATEGORY:
                found.add(("category", str(value)))
            else:  # a negated set, or anything else: any character
                return None, False
        return found, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero-width
    if op is _c.SUBPATTERN:
        if av[1]:  # flags switched on inside the group (case, ASCII): kept out of reach
            return None, False
        return _first_members(av[3])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first_members(av)
    if op is _c.BRANCH:
        found, nullable = set(), False
        for branch in av[1]:
            members, empty = _first_members(branch)
            if members is None:
                return None, False
            found |= members
            nullable = nullable or empty
        return found, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        members, empty = _first_members(av[2])
        return members, empty or av[0] == 0
    return None, False  # any character, a back-reference, a conditional


def _class_member(kind: str, value) -> str:
    if kind == "category":
        return _SELECTIVE_CATEGORIES[value]
    if kind == "range":
        return f"{_class_char(value[0])}-{_class_char(value[1])}"
    return _class_char(value)


def _class_char(code: int) -> str:
    """A character as written inside a class: itself when a letter or digit, else escaped."""
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_NEWLINE = 10
_NEWLINE_CATEGORIES = {"CATEGORY_NOT_DIGIT", "CATEGORY_SPACE", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK",
                       "CATEGORY_UNI_NOT_DIGIT", "CATEGORY_UNI_SPACE", "CATEGORY_UNI_NOT_WORD", "CATEGORY_UNI_LINEBREAK",
                       "CATEGORY_LOC_NOT_WORD"}
_NO_NEWLINE_CATEGORIES = {"CATEGORY_DIGIT", "CATEGORY_NOT_SPACE", "CATEGORY_WORD", "CATEGORY_NOT_LINEBREAK",
                          "CATEGORY_UNI_DIGIT", "CATEGORY_UNI_NOT_SPACE", "CATEGORY_UNI_WORD", "CATEGORY_UNI_NOT_LINEBREAK",
                          "CATEGORY_LOC_WORD"}


def _may_hold_newline(items, dotall: bool) -> bool:
    """Whether a match of the items can consume "\\n" (True when unsure)."""
    for op, av in items:
        if op is _c.LITERAL:
            if av == _NEWLINE:
                return True
        elif op is _c.NOT_LITERAL:
            if av != _NEWLINE:
                return True
        elif op is _c.ANY:
            if dotall:
                return True
        elif op is _c.IN:
            if _set_holds_newline(av):
                return True
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: what a lookaround reads is not part of the match
        elif op is _c.SUBPATTERN:
            if _may_hold_newline(av[3], dotall):
                return True
        elif op is _c.BRANCH:
            if any(_may_hold_newline(branch, dotall) for branch in av[1]):
                return True
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            if _may_hold_newline(av[2], dotall):
                return True
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            if _may_hold_newline(av, dotall):
                return True
        else:  # back-references, conditionals, anything else: unsure
            return True
    return False


def _set_holds_newline(members) -> bool:
    negate = bool(members) and members[0][0] is _c.NEGATE
    listed = False  # the line feed is one of the set's members
    for kind, value in members[1:] if negate else members:
        if kind is _c.LITERAL:
            listed = listed or value == _NEWLINE
        elif kind is _c.RANGE:
            listed = listed or value[0] <= _NEWLINE <= value[1]
        elif kind is _c.CATEGORY:
            name = str(value)
            if name in _NEWLINE_CATEGORIES:
                listed = True
            elif name not in _NO_NEWLINE_CATEGORIES:
                return True  # an unknown category: unsure
        else:
            return True
    return not listed if negate else listed


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """Drop strings that contain another one: "offer you the " is found only where "offer you " is."""
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _score(strings: frozenset[str]) -> tuple[int, int, int]:
    """Past six characters a word is rare enough: then fewer strings to look for beats longer ones."""
    shortest = min(len(s) for s in strings)
    return (min(shortest, 6), -len(_minimal(strings)), shortest)


def _required(items) -> frozenset[str] | None:
    """What a sequence of items requires: the best of its literal runs and of its own parts."""
    best = _best_candidate(items)
    return best[0] if best else None


def _best_candidate(items) -> tuple[frozenset[str], int] | None:
    """The best set of strings the sequence requires, and the index of the first item after them."""
    scored = [(c, end) for c, end in _candidates(items) if _usable(c)]
    if not scored:
        return None
    strings, end = max(scored, key=lambda item: _score(item[0]))
    return _minimal(strings), end


def _candidates(items):
    """Every set of strings the sequence requires, with the index of the first item after it."""
    run: list[str] = [""]
    for index, (op, av) in enumerate(items):
        exact = _exact(op, av)
        if exact is not None:
            longer = _concat(run, exact)
            if longer is None:  # too many combinations: keep what the run had, start again
                yield frozenset(run), index
                longer = exact
            run = longer
            continue
        yield frozenset(run), index
        run = [""]
        yield _required_of(op, av), index + 1
    yield frozenset(run), len(items)


def _usable(strings: frozenset[str] | None) -> bool:
    return bool(strings) and min(len(s) for s in strings) > 0 and len(_minimal(strings)) <= _MAX_NEEDS


def _concat(left: list[str] | None, right: list[str]) -> list[str] | None:
    if left is None or len(left) * len(right) > _MAX_STRINGS:
        return None
    return sorted({a + b for a, b in product(left, right)})


def _exact(op, av) -> list[str] | None:
    """Every string the item can match, when it is a short finite list (zero-width items: [""])."""
    if op is _c.LITERAL:
        return [chr(av)]
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return [""]
    if op is _c.IN:
        chars: list[str] = []
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.append(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < _MAX_RANGE:
                chars.extend(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None
        return chars
    if op is _c.SUBPATTERN:
        return _exact_sequence(av[3])
    if op is _c.BRANCH:
        options: set[str] = set()
        for branch in av[1]:
            strings = _exact_sequence(branch)
            if strings is None:
                return None
            options.update(strings)
        return sorted(options) if len(options) <= _MAX_STRINGS else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, sub = av
        inner = _exact_sequence(sub)
        if inner is None or high > 3:  # (an open repeat's high is MAXREPEAT)
            return None
        strings: list[str] | None = [""] if low == 0 else None
        options = set(strings or [])
        for count in range(max(low, 1), high + 1):
            combined: list[str] | None = [""]
            for _ in range(count):
                combined = _concat(combined, inner)
                if combined is None:
                    return None
            options.update(combined)
        return sorted(options) if len(options) <= _MAX_STRINGS else None
    return None


def _exact_sequence(items) -> list[str] | None:
    run: list[str] | None = [""]
    for op, av in items:
        exact = _exact(op, av)
        if exact is None:
            return None
        run = _concat(run, exact)
        if run is None:
            return None
    return run


def _required_of(op, av) -> frozenset[str] | None:
    """What one item that is not a short finite list requires."""
    if op is _c.SUBPATTERN:
        return _required(av[3])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _required(av)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            needed = _required(branch)
            if not needed:
                return None
            union.update(needed)
        return _minimal(frozenset(union))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _required(av[2])
    return None
