"""Cheap pre-filters for regexes: the words a match must contain, checked with ``in`` first.

Most sentence patterns and kind signals cannot match most pages ("commencera le …" on an English
letter). Scanning a page with each regex costs far more than looking for a word in it, so every
pattern gets the set of literal strings of which any match must contain at least one, read from
the regex's own syntax tree:

1. runs of literal items (``offer``, ``(?:the |a )?``, ``[’']``) expand to the strings they match;
2. a group, a branch or a repeat that must occur contributes what it requires;
3. of all the sets a pattern requires, the one whose shortest string is longest is kept.

The filter is exact in what it skips: a page without any of the strings cannot match. A pattern
whose requirement cannot be read (or is shorter than three characters) is never skipped.
Comparison is on folded text (lower case, accents removed), so the case-insensitive and
accent-variant spellings of a pattern are all covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

try:  # the regex parser of the standard library (sre_parse before 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - a Python without them gets no pre-filter, same results
    _c = _p = None

_MAX_STRINGS = 24  # a longer alternative list costs more to look up than the regex saves
_MIN_LENGTH = 3  # "to", "at": on every page, not worth checking
_MAX_RANGE = 8  # [0-9] expands; [a-z] does not
_MAX_LEAD = 2000  # a pattern that may start further before its words is searched from the top


@dataclass(frozen=True)
class Prefiltered:
    """A compiled pattern with the strings (folded) any match contains; ``needs`` None: always run."""

    pattern: re.Pattern[str]
    needs: frozenset[str] | None
    lead: int | None = None  # how far before the first needed string a match may start (None: unknown)

    def may_match(self, folded: str) -> bool:
        """False only when ``folded`` (the text passed through ``fold``) cannot hold a match."""
        return self.needs is None or any(map(folded.__contains__, self.needs))

    def search(self, text: str, folded: str, aligned: bool) -> re.Match[str] | None:
        """The first match in ``text``, as ``pattern.search(text)`` finds it.

        Where ``folded`` is ``fold(text)`` character for character (``aligned``), the search starts
        ``lead`` characters before the first needed string instead of at the top of the page: no
        match can start earlier.
        """
        if not self.may_match(folded):
            return None
        if aligned and self.needs is not None and self.lead is not None:
            first = min(at for at in map(folded.find, self.needs) if at >= 0)
            return self.pattern.search(text, max(0, first - self.lead))
        return self.pattern.search(text)


def prefiltered(pattern: re.Pattern[str]) -> Prefiltered:
    """``pattern`` with the literal strings a match requires (see the module docstring).

    >>> sorted(prefiltered(re.compile(r"(?:offer|offering) you the (?:job|role)", re.I)).needs)
    ['offer you the job', 'offer you the role', 'offering you the job', 'offering you the role']
    >>> sorted(prefiltered(re.compile(r"\\d+ Hours")).needs)
    [' hours']
    >>> prefiltered(re.compile(r"(?:to|-)\\s+\\d{4}")).needs is None
    True
    """
    needs, lead = required_strings(pattern.pattern, pattern.flags)
    return Prefiltered(pattern, needs, lead)


def required_strings(source: str, flags: int = 0) -> tuple[frozenset[str] | None, int | None]:
    """The folded strings of which every match of ``source`` contains one (None if unknown), and
    the most characters a match can start before the first of them (None if unbounded)."""
    if _p is None:
        return None, None
    from doccheck.extract.knowledge import fold

    try:
        tree = _p.parse(source, flags)
        best = _best_candidate(tree)
        if best is None:
            return None, None
        found, end = best
        lead = tree[:end].getwidth()[1] if end else 0
    except Exception:  # noqa: BLE001 - an unexpected tree shape only costs the speed-up
        return None, None
    folded = _minimal(frozenset(fold(s) for s in found))
    if min(len(s) for s in folded) < _MIN_LENGTH or len(folded) > _MAX_STRINGS:
        return None, None
    return folded, (lead if lead <= _MAX_LEAD else None)


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
    return bool(strings) and len(strings) <= _MAX_STRINGS and min(len(s) for s in strings) > 0


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
        if inner is None or high > 3 or high is _c.MAXREPEAT:
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
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _required(av[2])
    return None
