"""Does a job title fit its NOC 2021 unit group? Do the duties read as a higher TEER than the code?

Titles are compared with the unit-group titles (English and French, from ``rules/data/noc2021.csv``)
after simple singularisation, with rapidfuzz. Only a title that fits its own code poorly *and* another
unit group very well is reported: unit-group titles are broad, so anything less is not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from doccheck.extract.knowledge import fold

_STOP = {"and", "or", "of", "the", "in", "other", "n", "e", "c", "nec", "except", "et", "de", "des", "du", "la", "le", "les", "en", "autres", "a", "an", "for", "to", "s"}
_SENIORITY = {"senior", "junior", "lead", "principal", "chief", "head", "assistant", "associate", "intermediate", "trainee", "apprentice", "sr", "jr", "i", "ii", "iii", "iv"}
FITS_SCORE = 50.0
BETTER_SCORE = 88.0


@dataclass(frozen=True)
class TitleFit:
    fits: bool
    stated_score: float
    stated_title: str
    best_code: str
    best_title: str
    best_score: float


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    return word


def tokens(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return " ".join(_stem(w) for w in words if w not in _STOP)


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, str, str]]:
    from doccheck import catalogue

    rows = []
    for code, group in catalogue.noc_groups().items():
        rows.append((code, group.title_en, tokens(group.title_en)))
        rows.append((code, group.title_en, tokens(group.title_fr)))
    return rows


def _score(title_tokens: str, group_tokens: str) -> float:
    from rapidfuzz import fuzz

    if not title_tokens or not group_tokens:
        return 0.0
    words = set(title_tokens.split())
    group = set(group_tokens.split())
    overlap = len(words & group) / len(words)
    return max(fuzz.token_set_ratio(title_tokens, group_tokens) * (0.5 + 0.5 * overlap), 100.0 * overlap)


@lru_cache(maxsize=4096)
def title_fit(title: str, code: str) -> TitleFit | None:
    """How well a job title fits its NOC code versus the best-fitting unit group (None: unknown code)."""
    rows = _index()
    core = " ".join(w for w in tokens(title).split() if w not in _SENIORITY)
    stated = [(_score(core, toks), name) for c, name, toks in rows if c == code]
    if not stated or not core:
        return None
    stated_score, stated_title = max(stated)
    if stated_score >= FITS_SCORE:  # fits its own unit group: no need to rank all 516
        return TitleFit(True, round(stated_score, 1), stated_title, code, stated_title, round(stated_score, 1))
    best_score, best_code, best_title = max((_score(core, toks), c, name) for c, name, toks in rows)
    fits = stated_score >= FITS_SCORE or best_score < BETTER_SCORE
    return TitleFit(fits, round(stated_score, 1), stated_title, best_code, best_title, round(best_score, 1))


@lru_cache(maxsize=4096)
def best_unit_group(title: str, minimum: float = BETTER_SCORE) -> tuple[str, str] | None:
    """(code, "en" or "fr") of the unit group title a job title fits best, if it fits it at least this well."""
    core = " ".join(w for w in tokens(title).split() if w not in _SENIORITY)
    if not core:
        return None
    score, row = max((_score(core, toks), n) for n, (_, _, toks) in enumerate(_index()))
    return (_index()[row][0], "en" if row % 2 == 0 else "fr") if score >= minimum else None


_MANAGEMENT = [
    r"plan(?:s|ning)?,? organi[sz]e(?:s)?,? direct",
    r"direct(?:s|ing)? and control",
    r"(?:manage|managing|oversee|overseeing|direct|directing) (?:the |all |overall )?(?:department|division|operations|organization|company|business unit|budget)",
    r"(?:approve|approving|set|setting|prepare|preparing|control|controlling) (?:the )?(?:annual )?budgets?",
    r"(?:hire|hiring|recruit|recruiting)(?:,)? (?:and |, )?(?:dismiss|fire|terminate)",
    r"establish(?:es|ing)? (?:policies|objectives|strategic)",
    r"(?:develop|develops|developing) and implement(?:s|ing)? (?:policies|strategies|strategic)",
    r"strategic (?:direction|planning|plans)",
    r"responsible for the overall",
    r"(?:planifier|planifie),? (?:organiser|organise),? diriger",
    r"(?:gérer|gere|gère) (?:le budget|les opérations|le service|la division)",
]


@dataclass(frozen=True)
class DutiesSignal:
    teer: int
    phrases: tuple[str, ...]


def duties_teer_signal(duties: str) -> DutiesSignal | None:
    """Management duties (TEER 0) named by at least two distinct phrases, else None."""
    text = duties.casefold()
    found = []
    for pattern in _MANAGEMENT:
        match = re.search(pattern, text)
        if match:
            found.append(match.group(0))
    if len(found) >= 2:
        return DutiesSignal(0, tuple(found[:4]))
    return None
