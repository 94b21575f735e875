"""Document-kind knowledge loaded from ``extractors/`` (labels, sentence patterns, kind signals)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from doccheck.extract import programs
from doccheck.yamlio import load_yaml_text

if TYPE_CHECKING:
    from doccheck.extract.prefilter import NeedleIndex, Prefiltered


def load_yaml(package: str, name: str) -> Any:
    return load_yaml_text(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


_PAREN_PLURAL = programs.compile(r"\((?:s|es|e|x)\)", re.I)
_NUMBERING = programs.compile(r"^\s*(?:\(?\d{1,2}[a-z]?[\.\)]|\(?[a-z][\.\)]|[ivx]{1,4}\.)\s+", re.I)


class _FoldTable(dict):
    """Code point -> the character without its accents, compatibility-decomposed ("é" -> "e", "ﬁ" -> "fi").

    Filled as characters are met, for ``str.translate``: one dictionary lookup a character.
    """

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.uneven: set[str] = set()  # characters met whose form is not exactly one character

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        value = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(value) != 1:
            self.uneven.add(chr(code))
        self[code] = value
        return value


_FOLD = _FoldTable({ord("’"): "'", ord("‘"): "'"})


def fold(text: str) -> str:
    """Lower-case, accents stripped (é -> e), for matching only.

    >>> fold("Entrée en fonctions le 1er août — L’Employeur")
    "entree en fonctions le 1er aout — l'employeur"
    """
    if text.isascii():
        return text.casefold()
    return _NON_ASCII.sub(_fold_run, text).casefold()  # ASCII folds to itself: only the other runs are looked up


_NON_ASCII = programs.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


def fold_aligned(text: str) -> tuple[str, bool]:
    """``fold(text)``, and whether it keeps every character at its place (an index in one is the
    same character's index in the other: no "ß" -> "ss", no dropped combining accent).

    >>> fold_aligned("Début le 3 mars")
    ('debut le 3 mars', True)
    >>> fold_aligned("Straße")[1]
    False
    """
    folded = fold(text)
    if text.isascii():
        return folded, True
    # the few uneven characters looked for in the text (a C scan each), not every character of the text in the set
    return folded, len(folded) == len(text) and not any(ch in text for ch in _FOLD.uneven)


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """A label cell reduced to its comparable words: "1. Given name(s)*:" -> "given name"."""
    if "(" in text:
        text = _PAREN_PLURAL.sub("", text)
    numbering = _NUMBERING.match(text)  # (anchored at the start: at most one)
    if numbering:
        text = text[numbering.end():]
    text = fold(text).replace("’", "'")
    if text.isascii():  # every other character to a space by one table lookup each
        return " ".join(text.translate(_ASCII_NOT_ALNUM).split())
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


_NOT_ALNUM = programs.compile(r"[^a-z0-9]+")
_ASCII_NOT_ALNUM = {code: " " for code in range(128) if not (48 <= code <= 57 or 97 <= code <= 122)}
_COLON_WORD = programs.compile(r"[:：]\s*(?=[a-z])")
_DIGIT = programs.compile(r"\d")
_LETTERS = programs.compile(r"[^\W\d_]+")
_PARENTHESES = programs.compile(r"\([^)]*\)|\[[^\]]*\]")
_TAILS = programs.compile(r"\b(?:as shown (?:on|in) (?:your |the )?(?:passport|travel document)|where you will work|if applicable|yyyy mm dd|dd mm yyyy|mm dd yyyy)\b")


class LabelIndex:
    """Maps a label key to the fields it may introduce, honouring per-kind restrictions.

    A cell matches a label exactly ("Job title:"), or leniently: without parentheses and tails such
    as "(as shown on passport)", or by starting or ending with a known label of two or more words
    ("Passport or travel document number"). Lenient matches never override a known other label.
    """

    def __init__(self, data: dict) -> None:
        self.others: set[str] = {label_key(label) for label in data.get("other_labels", [])}
        # "Place of birth – City/Town" is not the work city: other labels qualify what follows them.
        self._qualifiers = [o for o in self.others if len(o.split()) >= 2]
        self.types: dict[str, str] = {}
        self._entries: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
        self._excluded: dict[tuple[str, str], frozenset[str]] = {}
        for field, spec in data["fields"].items():
            self.types[field] = spec["type"]
            field_kinds = frozenset(spec["kinds"]) if spec.get("kinds") else None
            kinds_for = {label_key(k): frozenset(v) for k, v in (spec.get("kinds_for") or {}).items()}
            for label in spec.get("labels", []):
                key = label_key(label)
                self._add(key, field, kinds_for.get(key, field_kinds))
            for group in spec.get("kind_labels", []):
                for label in group["labels"]:
                    self._add(label_key(label), field, frozenset(group["kinds"]))
            for group in spec.get("kind_exclude_labels", []):
                for label in group["labels"]:
                    self._excluded[(label_key(label), field)] = frozenset(group["kinds"])
        self.max_words = max(len(k.split()) for k in self._entries)

    def _add(self, key: str, field: str, kinds: frozenset[str] | None) -> None:
        self._entries.setdefault(key, []).append((field, kinds))

    @lru_cache(maxsize=65536)  # noqa: B019 - one LabelIndex lives for the process (labels() is cached)
    def fields_for(self, text: str, kind: str) -> tuple[str, ...]:
        """Fields a label cell may introduce in a document of this kind (() if it is no label)."""
        if len(text) > 90:
            return ()
        key = label_key(text)
        found = self.fields_for_key(key, kind)
        if found or key in self.others:
            return tuple(found)
        found = self.fields_for_key(self.lenient_key(text), kind)
        if not found and " / " in text:  # a bilingual label, or one cut by its cell's wrap: "Position / Titre du"
            # the half that names the field most precisely: "Nom / Surname" is a surname, not a whole name
            halves = [(len(label_key(half)), self.fields_for(half, kind)) for half in text.split(" / ", 1) if half.strip()]
            found = max(halves, key=lambda h: (bool(h[1]), h[0]))[1] if halves else ()
        return tuple(found)

    @lru_cache(maxsize=32768)  # noqa: B019 - one LabelIndex lives for the process (labels() is cached)
    def lenient_key(self, text: str) -> str:
        """The known label a longer label cell stands for ("" if none).

        Only a cell that looks like a label qualifies: no digits, no colon before its end, and any
        words beyond the known label written in lower case ("Given name(s) as shown on passport").
        """
        plain = _COLON_WORD.sub(" ", _PARENTHESES.sub(" ", _NUMBERING.sub("", text)))  # "…employment: from"
        if _DIGIT.search(plain) or ":" in plain.rstrip(" :：*"):
            return ""
        key = " ".join(_TAILS.sub(" ", label_key(plain)).split())
        if key in self._entries or key in self.others:
            return key
        words = key.split()
        sizes = range(min(self.max_words, len(words) - 1), max(1, len(words) - 5), -1)  # at most 4 words beyond the label
        if not sizes:
            return ""  # a sentence, not a label cell
        original = _LETTERS.findall(plain)
        for n in sizes:
            prefix, suffix = " ".join(words[:n]), " ".join(words[-n:])
            extra = " ".join(words[: len(words) - n])
            if (
                suffix in self._entries
                and not any(w[:1].isupper() for w in original[1 : len(original) - n])
                and not any(other in extra for other in self._qualifiers)
            ):
                return suffix  # labels usually end a cell: "Foreign national passport number"
            if prefix in self._entries and not any(w[:1].isupper() for w in original[n:]):
                return prefix
        return ""

    def is_other(self, text: str) -> bool:
        key = label_key(text)
        return key in self.others or label_key(_PARENTHESES.sub(" ", text)) in self.others

    def fields_for_key(self, key: str, kind: str) -> list[str]:
        found = []
        for field, kinds in self._entries.get(key, []):
            if kinds is not None and kind not in kinds:
                continue
            if kind in self._excluded.get((key, field), frozenset()):
                continue
            found.append(field)
        return found

    @lru_cache(maxsize=65536)  # noqa: B019 - one LabelIndex lives for the process (labels() is cached)
    def is_label(self, text: str) -> bool:
        """A known field label or a known other label (lenient matching included)."""
        if len(text) > 90:
            return False
        key = label_key(text)
        if key in self._entries or self.is_other(text) or bool(self.lenient_key(text)):
            return True
        return " / " in text and any(part.strip() and self.is_label(part) for part in text.split(" / ", 1))

    @lru_cache(maxsize=65536)  # noqa: B019 - one LabelIndex lives for the process (labels() is cached)
    def prefixes(self, text: str, kind: str) -> tuple[tuple[str, str, int], ...]:
        """(field, label key, number of words) for labels the text starts with, longest first."""
        words = label_key(text).split()
        found = []
        for n in range(min(self.max_words, len(words) - 1), 0, -1):
            key = " ".join(words[:n])
            if key in self.others:
                break  # "Citizenship Canada (IRCC)": a longer label that is no field's, so no shorter one is
            for field in self.fields_for_key(key, kind):
                found.append((field, key, n))
        return tuple(found)


@lru_cache(maxsize=1)
def labels() -> LabelIndex:
    return LabelIndex(load_yaml("extractors", "labels.yml"))


_CAPITALS = programs.compile(r"\[A-Z(?:À-Ý|É)?\](?!\\d)")


def _case_sensitive_capitals(pattern: str) -> str:
    """Patterns match case-insensitively, but a capital class still means a capital (names, titles)."""
    return _CAPITALS.sub(lambda m: f"(?-i:{m.group(0)})", pattern)


_PROSE_FLAGS = re.IGNORECASE | re.MULTILINE
_SIGNAL_FLAGS = re.MULTILINE  # kind signals are written in folded (lower-case) text


def _prose_specs() -> dict[str, list[tuple[str, dict]]]:
    """prose.yml with its tokens filled in: field -> [(regex source, the pattern's entry)]."""
    data = load_yaml("extractors", "prose.yml")
    tokens = data["tokens"]
    specs: dict[str, list[tuple[str, dict]]] = {}
    for field, patterns in data["fields"].items():
        items = []
        for spec in patterns or []:
            pattern = spec["pattern"]
            for name, value in tokens.items():
                pattern = pattern.replace("{" + name + "}", value)
            items.append((_case_sensitive_capitals(pattern), spec))
        specs[field] = items
    return specs


def pattern_sources() -> list[tuple[str, int]]:
    """Every (regex source, flags) of the sentence patterns, the kind signals, the letters' company
    names and the patterns led by their start class (the pre-filter table)."""
    from doccheck.extract import prefilter, wages  # noqa: F401 - imported for the patterns they lead
    from doccheck.extract.fields import _COMPANY  # (here, not at the top: fields imports this module)
    from doccheck.checks import imp  # noqa: F401
    from doccheck.normalise import dates, money  # noqa: F401

    prose = [(source, _PROSE_FLAGS) for items in _prose_specs().values() for source, _ in items]
    data = load_yaml("extractors", "kinds.yml")
    signals = []
    for spec in data["kinds"].values():
        for s in spec["signals"]:
            signals.append((s["pattern"], _SIGNAL_FLAGS))
            signals += [(part, _SIGNAL_FLAGS) for part in _signal_parts(s["pattern"]) if part != s["pattern"]]
    return prose + signals + [(_COMPANY.pattern, int(_COMPANY.flags))] + list(prefilter._LED)


def _signal_parts(source: str) -> list[str]:
    """A kind signal with no word to look for, split into its alternatives where it is an
    alternation (each with its own words, see ``top_level_branches``); any other signal whole."""
    from doccheck.extract.prefilter import prefiltered, top_level_branches

    if prefiltered(source, _SIGNAL_FLAGS).needs is not None:
        return [source]
    return top_level_branches(source, _SIGNAL_FLAGS)


@lru_cache(maxsize=1)
def prose_patterns() -> dict[str, list[tuple[Prefiltered, float, frozenset[str] | None, str | None]]]:
    """Sentence patterns per field: (pattern with its pre-filter, confidence, kinds or None, value type)."""
    from doccheck.extract.prefilter import prefiltered

    patterns: dict[str, list[tuple[Prefiltered, float, frozenset[str] | None, str | None]]] = {}
    for field, items in _prose_specs().items():
        patterns[field] = [
            (prefiltered(source, _PROSE_FLAGS), float(spec["confidence"]),
             frozenset(spec["kinds"]) if spec.get("kinds") else None, spec.get("type"))
            for source, spec in items
        ]
    return patterns


@lru_cache(maxsize=1)
def prose_needles() -> NeedleIndex:
    """The needed strings of every sentence pattern, found in a page's text in one pass."""
    from doccheck.extract.prefilter import NeedleIndex

    return NeedleIndex([pattern for items in prose_patterns().values() for pattern, *_ in items])


@lru_cache(maxsize=1)
def kind_signals() -> dict:
    from doccheck.extract.prefilter import NeedleIndex, prefiltered

    data = load_yaml("extractors", "kinds.yml")
    kinds = {}
    for kind, spec in data["kinds"].items():
        # each signal as its alternatives (most signals: itself alone); one matching is the signal matching
        signals = [(tuple(prefiltered(part, _SIGNAL_FLAGS) for part in _signal_parts(s["pattern"])), float(s["weight"]))
                   for s in spec["signals"]]
        # a file name hints at the kind when one of its patterns is in it: searched as one alternation
        hints = spec.get("filename", [])
        filename = programs.compile("|".join(f"(?:{p})" for p in hints), re.IGNORECASE) if hints else None
        kinds[kind] = (signals, filename)
    needles = NeedleIndex([part for signals, _ in kinds.values() for parts, _ in signals for part in parts])
    # every signal numbered in order (kind by kind, as listed), and which of them each needed string
    # belongs to: a text's strings name the few signals worth testing (those with no string, always)
    flat = [(kind, parts, weight) for kind, (signals, _) in kinds.items() for parts, weight in signals]
    by_word: dict[str, list[int]] = {}
    always = set()
    for number, (_, parts, _) in enumerate(flat):
        for part in parts:
            if part.needs is None:
                always.add(number)
            else:
                for word in part.needs:
                    by_word.setdefault(word, []).append(number)
    return {"min_score": float(data["min_score"]), "filename_weight": float(data["filename_weight"]), "kinds": kinds,
            "needles": needles, "signals": flat, "by_word": by_word, "always": frozenset(always)}


@lru_cache(maxsize=1)
def sections() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(kinds the rules apply to, headings that stop reading, headings that resume it)."""
    data = load_yaml("extractors", "sections.yml")
    return (
        frozenset(data["kinds"]),
        frozenset(label_key(h) for h in data["exclude"]),
        frozenset(label_key(h) for h in data["resume"]),
    )
