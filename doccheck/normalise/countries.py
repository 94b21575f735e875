"""Countries of citizenship: any written form to an ISO 3166-1 alpha-2 code.

Steps of ``country_code``:

1. Strip wrappers ("citizen of", "Indian citizen", "nationalité :", "le/la/l'").
2. Upper-case two- or three-letter input is read as an ISO alpha-2/alpha-3 code.
3. Otherwise the folded text must equal a known name exactly: pycountry's
   English names, official and common names, their French translations, the
   "Korea, Republic of" -> "Republic of Korea" inversions, and the curated names
   and demonyms in ``rules/data/countries_extra.yml``.

There is no fuzzy matching: unrelated text gives None, never a guess.
pycountry is imported lazily and the lookup table is built once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from doccheck.extract import programs
from doccheck.normalise.names import fold

__all__ = ["country_code", "country_name"]

_PREFIX_RE = programs.compile(
    r"^(?:(?:country|pays)\s+(?:of\s+)?(?:citizenship|nationality|de\s+citoyennete|de\s+nationalite)\s*"
    r"|citizens?\s+of\s+(?:the\s+)?|nationals?\s+of\s+(?:the\s+)?|citizenship|nationality|citizen|national"
    r"|citoyen(?:ne)?s?\s+(?:de\s+la|de\s+l|des|du|de|d)\s+|ressortissant(?:e)?s?\s+(?:de\s+la|de\s+l|des|du|de|d)\s+"
    r"|citoyennete|nationalite|pays|country)\b\s*"
)
_SUFFIX_RE = programs.compile(r"\s+(?:citizens?|citizenship|nationals?|nationality|passport(?:\s+holder)?|citoyen(?:ne)?|ressortissant(?:e)?)$")
_ARTICLE_RE = programs.compile(r"^(?:the|la|le|les|l|d|de|du|des)\s+")


def _key(text: str) -> str:
    """Folded lookup key: accents, case, periods and punctuation removed, words single-spaced."""
    key = fold(text).replace("&", " and ").replace(".", "")
    key = re.sub(r"[^\w]+|_", " ", key)
    return " ".join(key.split())


def _variants(name: str) -> list[str]:
    """A name and, for "Korea, Republic of", the natural order "Republic of Korea"."""
    out = [name]
    if name.count(",") == 1:
        head, tail = (p.strip() for p in name.split(","))
        out.append(f"{tail} {head}")
    return out


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Lookup key -> alpha-2 code; curated data first, then pycountry (English and French)."""
    import gettext

    import pycountry
    from doccheck.yamlio import data_text, load_yaml_text

    table: dict[str, str] = {}
    extra = load_yaml_text(data_text("countries_extra.yml"))
    for section in ("names", "demonyms"):
        for code, names in (extra.get(section) or {}).items():
            for name in names:
                for variant in _variants(str(name)):
                    table.setdefault(_key(variant), str(code).upper())
    try:
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        translate = french.gettext
    except OSError:
        translate = None
    for country in pycountry.countries:
        names = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
        names = [n for n in names if n]
        if translate is not None:
            names += [translate(n) for n in names]
        for name in names:
            for variant in _variants(name):
                table.setdefault(_key(variant), country.alpha_2)
    return table


def _code_lookup(text: str) -> str | None:
    """Read an upper-case ISO alpha-2 or alpha-3 code ("IN", "IND")."""
    import pycountry

    if re.fullmatch(r"[A-Z]{2}", text):
        country = pycountry.countries.get(alpha_2=text)
    elif re.fullmatch(r"[A-Z]{3}", text):
        country = pycountry.countries.get(alpha_3=text)
    else:
        return None
    return country.alpha_2 if country else None


def _strip_wrappers(key: str) -> str:
    """Remove "citizen of", "... citizen", French articles around a country key."""
    for _ in range(3):
        new = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", key)).strip()
        new = _ARTICLE_RE.sub("", new).strip() if len(new.split()) > 1 else new
        if new == key:
            break
        key = new
    return key


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def country_code(raw: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name, code or demonym, else None.

    "India", "IND", "Indian citizen", "citizen of Mexico", "Mexique",
    "États-Unis", "U.S.A.", "Korea, South", "Republic of Korea", "Viet Nam" are
    all read; text that is not exactly a known name gives None.
    """
    if not raw or not str(raw).strip():
        return None
    text = " ".join(str(raw).split()).strip(" .,;:")
    label_free = re.sub(r"^[^:]{0,40}:\s*", "", text) if ":" in text else text
    for candidate in dict.fromkeys((text, label_free)):
        code = _code_lookup(candidate) or _lookup_name(candidate)
        if code:
            return code
    return None


def _lookup_name(text: str) -> str | None:
    table = _table()
    key = _key(text)
    if len(key.replace(" ", "")) <= 3 and not text.isupper():
        return None  # "us", "uk" in running text are words, not countries
    for attempt in (key, _strip_wrappers(key)):
        if attempt in table:
            return table[attempt]
    without_parens = re.sub(r"\([^)]*\)", " ", text)
    if without_parens != text and without_parens.strip():
        inner = re.findall(r"\(([^)]*)\)", text)
        return _lookup_name(without_parens) or next(
            (c for c in (_code_lookup(i.strip()) for i in inner) if c), None
        )
    if key.split() and key.split()[-1] != key and _code_lookup(text.split()[-1]):
        # "Citizenship IND": a trailing code after a label word
        if _strip_wrappers(_key(" ".join(text.split()[:-1]))) == "":
            return _code_lookup(text.split()[-1])
    return None


def country_name(code: str) -> str:
    """English short name (ISO 3166-1) for an alpha-2 code; unknown codes come back unchanged."""
    import pycountry

    text = str(code).strip() if code else ""
    if not re.fullmatch(r"[A-Za-z]{2}", text):
        return code  # "ß".upper() is "SS": only ASCII letters can be a code
    country = pycountry.countries.get(alpha_2=text.upper())
    return country.name if country else code
