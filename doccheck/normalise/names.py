"""Person and employer names: display form, comparison keys and matching.

Steps for a person's name:

1. ``normalise_name`` turns what a document wrote into "Given Family" order
   (``"SINGH, Arjun"`` -> ``"Arjun Singh"``), strips honorifics and
   post-nominals, and title-cases ALL-CAPS tokens while keeping accents.
2. ``name_key`` reduces a name to sorted, case- and accent-free tokens.
3. ``names_match`` compares two keys order-insensitively, tolerating a missing
   middle name.

Employer names go through ``employer_key`` (legal suffixes and punctuation
dropped) and ``employers_match`` (equal keys or a very close fuzzy score).

``fold`` (casefold + accents stripped) is shared by the other normalisers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from doccheck.extract import programs

__all__ = [
    "fold",
    "smart_title",
    "normalise_name",
    "name_key",
    "names_match",
    "employer_key",
    "employers_match",
]

_HONORIFICS = (
    r"mr|mrs|ms|miss|mx|dr|prof|professor|sir|madam|mme|mlle|mmes|monsieur|madame|mademoiselle|"
    r"docteur|dre"
)
# "M." (Monsieur) only with its period: a bare "M" may be an initial.
_HONORIFIC_RE = programs.compile(rf"^(?:(?:{_HONORIFICS})\.?|M\.)(?:\s+|$)", re.IGNORECASE)
_POSTNOMINALS = {
    "phd", "ph.d.", "ph.d", "md", "m.d.", "mba", "cpa", "p.eng.", "p.eng", "peng", "eng.", "ing.",
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "esq", "esq.", "msc", "m.sc.", "bsc", "b.sc.",
    "cfa", "pmp", "cpa,", "llb", "ll.b.",
}
_PARTICLES = {"de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "van", "von", "la", "le", "y", "bin", "binti", "ter", "ten"}
_SMALL_PLACE_WORDS = {"sur", "de", "du", "des", "la", "le", "les", "en", "et", "aux", "on", "the", "of", "upon", "in"}

_LEGAL_SUFFIXES = {
    "inc", "incorporated", "incorporee", "ltd", "limited", "ltee", "limitee", "corp", "corporation",
    "co", "llc", "llp", "lp", "plc", "ulc", "senc", "sencrl", "srl", "sarl", "gmbh", "pty", "pvt",
    "private", "cie",
}


def fold(text: str) -> str:
    """Casefold ``text`` and strip accents ("Québec" -> "quebec"); "ß"-style folds included."""
    if text.isascii():
        return text.casefold()
    def strip(value: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))

    return strip(strip(text).casefold())


def _capitalise_word(word: str, lower_small: set[str], keep_capital: bool) -> str:
    """Capitalise one ALL-CAPS word, handling hyphens, apostrophes and the Mc prefix.

    Words in ``lower_small`` become lower case unless ``keep_capital`` (first/last word).
    """
    if "-" in word:
        parts = word.split("-")
        last = len(parts) - 1
        return "-".join(
            _capitalise_word(p, lower_small, keep_capital if i in (0, last) else False) for i, p in enumerate(parts)
        )
    low = word.lower()
    if not keep_capital and low in lower_small:
        return low
    if "'" in low or "\u2019" in low:
        quote = "'" if "'" in low else "\u2019"
        head, _, tail = low.partition(quote)
        if len(head) == 1 and tail:  # O'Brien, L'Assomption, D'Amico
            return head.upper() + quote + _capitalise_word(tail.upper(), set(), True)
        return head[:1].upper() + head[1:] + quote + tail  # John's
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2].upper() + low[3:]
    return low[:1].upper() + low[1:]


def smart_title(text: str, small_words: set[str] | None = None) -> str:
    """Title-case ``text`` sensibly: "ST. JOHN'S" -> "St. John's", "MCDONALD" -> "McDonald".

    Words in ``small_words`` (default: place-name particles such as "sur", "on",
    "the") stay lower case unless first or last: "SAINT-JEAN-SUR-RICHELIEU" ->
    "Saint-Jean-sur-Richelieu".
    """
    small = _SMALL_PLACE_WORDS if small_words is None else small_words
    words = text.split(" ")
    last = len(words) - 1
    return " ".join(_capitalise_word(w, small, i in (0, last)) for i, w in enumerate(words))


def _is_all_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _strip_postnominals(text: str) -> str:
    """Drop trailing credentials (", P.Eng.", " PhD") that are not part of the name."""
    changed = True
    while changed:
        changed = False
        m = re.search(r"[,\s]+([A-Za-z.]+)\s*$", text)
        if m and m.group(1).casefold() in _POSTNOMINALS and m.start() > 0:
            text = text[: m.start()]
            changed = True
    return text


def _strip_honorifics(text: str) -> str:
    """Remove leading honorifics ("Mr.", "Dr", "Mme", "M.") until none is left."""
    while True:
        stripped = _HONORIFIC_RE.sub("", text).strip(" ,;:")
        if stripped == text or not stripped:
            return text
        text = stripped


def normalise_name(raw: str) -> str:
    """Return a person's name as "Given Family", accents kept.

    "SINGH, Arjun" -> "Arjun Singh"; "Mr. ARJUN SINGH" -> "Arjun Singh". ALL-CAPS
    tokens are title-cased (Mc and O' handled; "Mac" is left as "Mac…" since
    "Machado" is not "MacHado"). Labelled forms ("Family name: X / Given name:
    Y") are the caller's job.
    """
    text = " ".join(str(raw).replace("\u00a0", " ").split()).strip(" ,;:")
    text = _strip_honorifics(_strip_postnominals(text).strip(" ,;:"))
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and given:
            text = _strip_honorifics(f"{given} {family}")
    text = " ".join(_strip_postnominals(text.replace(",", " ")).split())
    tokens = text.split(" ") if text else []
    out = []
    for i, token in enumerate(tokens):
        if _is_all_caps(token):
            lowered = token.lower()
            if 0 < i < len(tokens) - 1 and lowered in _PARTICLES:
                out.append(lowered)
            else:
                out.append(_capitalise_word(token, set(), True))
        else:
            out.append(token)
    return " ".join(out)


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def name_key(name: str) -> tuple[str, ...]:
    """Sorted, casefolded, accent-free tokens of a name (hyphens split, dots and apostrophes dropped)."""
    text = fold(normalise_name(name))
    text = re.sub(r"['\u2019.]", "", text)
    tokens = re.split(r"[\s\-,/]+", text)
    return tuple(sorted(t for t in tokens if t))


def names_match(a: str, b: str) -> bool:
    """True when two names are the same person's name as far as text can tell.

    Order- and accent-insensitive, and a passport's machine-readable spelling of a letter
    (ICAO Doc 9303: "Brünner" as BRUENNER, "Søren" as SOEREN) is that letter. A missing middle
    name still matches: one token set must contain the other with at least two tokens in common.
    Initials, nicknames and other transliteration variants do not match.
    """
    keys_a, keys_b = _keys(a), _keys(b)
    if not keys_a or not keys_b:
        return False
    for ka in keys_a:
        for kb in keys_b:
            if ka == kb:
                return True
            sa, sb = set(ka), set(kb)
            if (sa <= sb or sb <= sa) and len(sa & sb) >= 2:
                return True
    return False


# ICAO Doc 9303 part 3 transliterations of letters a machine-readable zone cannot hold
_ICAO = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "aa", "æ": "ae", "ø": "oe", "œ": "oe", "þ": "th",
                       "Ä": "AE", "Ö": "OE", "Ü": "UE", "Å": "AA", "Æ": "AE", "Ø": "OE", "Œ": "OE", "Þ": "TH"})


def _keys(name: str) -> list[tuple[str, ...]]:
    """The name's key, and its key with the ICAO transliterations when they change it."""
    keys = [key for key in (name_key(name), name_key(name.translate(_ICAO))) if key]
    return keys[:1] if len(keys) == 2 and keys[0] == keys[1] else keys


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def employer_key(name: str) -> str:
    """Comparison key for an employer: casefold, accents, punctuation and legal suffixes removed.

    "Maple Leaf Software Ltd." and "MAPLE LEAF SOFTWARE LIMITED" share the key
    "maple leaf software"; "&" becomes "and"; a leading "the" is dropped.
    """
    text = fold(str(name)).replace("&", " and ").replace("+", " and ")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # s.e.n.c. -> senc, l.l.p. -> llp
    text = re.sub(r"['\u2019.]", "", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    tokens = text.split()
    while tokens and tokens[-1] in _LEGAL_SUFFIXES:
        tokens.pop()
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    return " ".join(tokens)


def employers_match(a: str, b: str) -> bool:
    """True when both employer names have the same key or keys with token-sort ratio >= 92."""
    ka, kb = employer_key(a), employer_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    from rapidfuzz import fuzz  # imported lazily: start-up time matters

    return fuzz.token_sort_ratio(ka, kb) >= 92
