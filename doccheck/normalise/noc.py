"""NOC 2021 codes, TEER levels and job titles.

A NOC 2021 unit group is five digits; its second digit is the TEER (0–5).
A four-digit NOC 2016 code is not a NOC 2021 code and is not converted.
Titles are compared by a key (case, accents, punctuation and "&" folded) with
one tolerance only: a trailing plural "s".
"""

from __future__ import annotations

import re
from functools import lru_cache

from doccheck.extract import programs
from doccheck.normalise.names import fold

__all__ = ["parse_noc", "teer_of", "normalise_title", "title_key", "titles_match"]

_NOC_RE = programs.compile(r"(?<![\d.,$])(\d{5})(?![\d,]|\.\d{3})")
_LABEL_RE = programs.compile(r"\b(?:NOC|CNP|CNP/NOC|NOC/CNP|national occupational classification|classification nationale des professions)\b", re.IGNORECASE)
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`"


def parse_noc(raw: str) -> str | None:
    """The 5-digit NOC 2021 code in ``raw`` ("NOC 21231", "CNP 21231", "21231 (TEER 1)"), else None.

    The second digit must be 0–5 (the TEER). A candidate right after a NOC/CNP
    label wins over others. "NOC 2021" (the version) is never read as a code,
    and a 4-digit NOC 2016 code gives None.
    """
    if not raw:
        return None
    text = str(raw)
    candidates = [m for m in _NOC_RE.finditer(text) if m.group(1)[1] in "012345"]
    if not candidates:
        return None
    for label in _LABEL_RE.finditer(text):
        after = [m for m in candidates if 0 <= m.start() - label.end() <= 30]
        if after:
            return after[0].group(1)
    return candidates[0].group(1)


def teer_of(code: str) -> int:
    """TEER of a 5-digit NOC 2021 code: its second digit.

    >>> teer_of("21231")
    1

    Raises ValueError when ``code`` is not a 5-digit code with a TEER 0–5.
    """
    text = str(code).strip()
    if not re.fullmatch(r"\d[0-5]\d{3}", text):
        raise ValueError(f"not a NOC 2021 code: {code!r}")
    return int(text[1])


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def normalise_title(raw: str) -> str:
    """A job title with whitespace collapsed and surrounding quotes/punctuation removed; case kept."""
    text = " ".join(str(raw).split())
    return text.strip(_QUOTES + " .,;:-–—*•")


def title_key(raw: str) -> str:
    """Comparison key: casefold, accents stripped, "&" -> "and", punctuation -> space, collapsed."""
    text = fold(normalise_title(raw)).replace("&", " and ")
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def _singular(key: str) -> str:
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def titles_match(a: str, b: str) -> bool:
    """True when two job titles are the same title.

    Case, accents, punctuation, "&"/"and" and a trailing plural "s" do not
    matter; anything else does ("Senior Software Engineer" != "Software Engineer"), except
    a qualifier after a comma that only one of them states: a sentence that ends the title at
    its comma ("… à titre de Programmeur principal, moteur de jeu à Québec") names the same job as
    "Programmeur principal, moteur de jeu".
    """
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return False
    if ka == kb or _singular(ka) == _singular(kb):
        return True
    ca, cb = "," in str(a), "," in str(b)
    if ca != cb:
        head = title_key(str(a if ca else b).split(",", 1)[0])
        other = kb if ca else ka
        if head and (head == other or _singular(head) == _singular(other)):
            return True
    parts_a, parts_b = _parts(a), _parts(b)
    if len(parts_a) > 1 or len(parts_b) > 1:  # "Superviseure des services alimentaires / Food Service Supervisor"
        return any(titles_match(x, y) for x in parts_a for y in parts_b)
    return _same_unit_group(str(a), str(b))  # the same job named in French and in English


def _parts(title: str) -> list[str]:
    return [part for part in (p.strip() for p in str(title).split(" / ")) if part]


_SAME_GROUP_SCORE = 88.0  # both titles fit their best unit group at least this well (occupations: BETTER_SCORE)
def _same_unit_group(a: str, b: str) -> bool:
    """One title fits a NOC 2021 unit group's English title best and the other its French title, both well:
    "Welder" and "Soudeur" (two English titles of one group may still name two jobs)."""
    from doccheck.normalise.occupations import best_unit_group

    best_a, best_b = best_unit_group(a, _SAME_GROUP_SCORE), best_unit_group(b, _SAME_GROUP_SCORE)
    return best_a is not None and best_b is not None and best_a[0] == best_b[0] and best_a[1] != best_b[1]
