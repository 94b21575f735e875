"""A rule-based spaCy pipeline (blank English/French + sentencizer + Matcher): no model, loaded lazily.

Used where token patterns beat regexes: a job title named in running text when no label or sentence
pattern found one ("… the role of Senior Data Analyst …"), and sentence boundaries in letters.
spaCy is imported only when one of these is needed, never at start-up.
"""

from __future__ import annotations

from functools import lru_cache

_EN_TRIGGERS = ["position", "role", "post", "job", "capacity", "title"]
_FR_TRIGGERS = ["poste", "titre", "qualité", "fonction", "emploi"]
_STOP_TITLE_WORDS = {"at", "with", "in", "for", "on", "and", "au", "chez", "à", "dans", "pour", "et", "de"}


@lru_cache(maxsize=2)
def pipeline(lang: str):
    """A blank spaCy pipeline for "en" or "fr" with a sentencizer and the title Matcher."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    if lang == "fr":
        matcher.add("TITLE", [[
            {"LOWER": {"IN": _FR_TRIGGERS}},
            {"LOWER": {"IN": ["de", "d'", "d’"]}},
            {"IS_TITLE": True, "OP": "+"},
        ]])
    else:
        matcher.add("TITLE", [[
            {"LOWER": {"IN": _EN_TRIGGERS}},
            {"LOWER": {"IN": ["of", "as"]}},
            {"LOWER": {"IN": ["a", "an", "the", "our"]}, "OP": "?"},
            {"IS_TITLE": True, "OP": "+"},
        ]])
    return nlp, matcher


def sentences(text: str, lang: str = "en") -> list[str]:
    nlp, _ = pipeline(lang)
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def title_mentions(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """(job title, sentence) for capitalised titles after "position of", "role as", "poste de"…"""
    nlp, matcher = pipeline(lang)
    doc = nlp(text[:20_000])
    found: dict[int, tuple[int, str, str]] = {}
    for _, start, end in matcher(doc):
        span = doc[start:end]
        words = [t for t in span if t.is_title][: 8]
        while words and words[-1].lower_ in _STOP_TITLE_WORDS:
            words.pop()
        if not words:
            continue
        title = doc[words[0].i : words[-1].i + 1].text
        best = found.get(start)
        if best is None or end > best[0]:
            found[start] = (end, title, span.sent.text.strip())
    return [(title, sentence) for _, title, sentence in sorted(found.values(), key=lambda v: v[0])]
