"""Canadian work locations: province codes, city names, postal codes.

Steps of ``parse_place``:

1. Find the (last) postal code, normalise it to "A1A 1A1" and remove it.
2. Split the rest on commas, parentheses, semicolons and new lines; drop "Canada".
3. Look for the province in the last segments, as a whole segment
   ("Toronto, Ontario") or as trailing words ("Vancouver BC").
4. The city is what precedes the province; it keeps its accents and is
   title-cased only when written in ALL CAPS. A city candidate holding digits
   (a street address without separators) is not guessed: city is None.
5. The postal code's first letter is checked against the province.

Province names, abbreviations and postal prefixes come from
``rules/data/provinces.yml`` (loaded once, lazily).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from doccheck.extract import programs
from doccheck.normalise.names import fold, smart_title

__all__ = ["Place", "province_code", "parse_place", "city_key", "places_equal", "postal_prefixes"]

_POSTAL_RE = programs.compile(
    r"(?<![A-Za-z0-9])([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])[ \t\u00a0\u202f\-]?(\d[ABCEGHJ-NPRSTV-Z]\d)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_SEGMENT_SPLIT_RE = programs.compile(r"[,\n;()\[\]|/]+")
_COUNTRY_WORDS = {"canada", "ca", "can"}
_NOT_CITIES = {
    "remote", "various", "multiple", "n/a", "na", "tbd", "hybrid", "teletravail", "telework",
    "various locations", "multiple locations", "head office", "siege social", "none", "unknown",
}
_SMALL_PLACE_WORDS = {"sur", "de", "du", "des", "la", "le", "les", "en", "et", "aux", "on", "the", "of", "upon", "in", "d", "l"}


@dataclass(frozen=True)
class Place:
    """A work location: city as written, two-letter province code, postal code "A1A 1A1"."""

    city: str | None
    province: str | None
    postal_code: str | None
    postal_matches_province: bool | None

    def as_value(self) -> dict[str, Any]:
        """The contract's ``work_location`` value: city, province, postal_code."""
        return {"city": self.city, "province": self.province, "postal_code": self.postal_code}


def _province_key(text: str) -> str:
    """Key for province lookup: folded, periods dropped, hyphens as spaces, initials joined."""
    key = fold(text).replace("&", " and ").replace(".", " ").replace("\u2019", "'")
    key = re.sub(r"[-'_]", " ", key)
    key = re.sub(r"[^\w\s]", " ", key)
    tokens = key.split()
    if tokens and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return " ".join(tokens)


@lru_cache(maxsize=1)
def _provinces() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(lookup key -> code, code -> postal prefixes), loaded once from provinces.yml."""
    from doccheck.yamlio import data_text, load_yaml_text

    data = load_yaml_text(data_text("provinces.yml"))
    lookup: dict[str, str] = {}
    prefixes: dict[str, tuple[str, ...]] = {}
    for entry in data["provinces"]:
        code = entry["code"]
        names = [code, entry["en"], entry["fr"], *entry.get("variants", [])]
        for name in names:
            lookup.setdefault(_province_key(str(name)), code)
        prefixes[code] = tuple(entry["postal_prefixes"])
    return lookup, prefixes


def postal_prefixes(code: str) -> tuple[str, ...]:
    """The postal-code first letters used in a province ("ON" -> ("K", "L", "M", "N", "P"))."""
    return _provinces()[1].get(code.upper(), ())


def province_code(raw: str) -> str | None:
    """Two-letter code for a province or territory name/abbreviation, else None.

    Accepts English and French names, codes and traditional abbreviations:
    "Ontario", "Ont.", "Québec", "Qc", "P.Q.", "B.C.", "Colombie-Britannique",
    "Terre-Neuve-et-Labrador", "Province of Ontario". Case- and accent-insensitive.
    """
    if not raw:
        return None
    key = _province_key(str(raw))
    key = re.sub(r"^(?:the\s+)?(?:province|territory|territoire)\s+(?:of|de|du)\s+", "", key)
    key = re.sub(r"^(?:la|le|l)\s+(?=province|territoire)", "", key)
    key = re.sub(r"\s+canada$", "", key)
    return _provinces()[0].get(key) or _provinces()[0].get(key.replace(" ", "")) if key else None


def _normalise_postal(match: re.Match[str]) -> str:
    return f"{match.group(1).upper()} {match.group(2).upper()}"


def _find_province(segments: list[str]) -> tuple[str | None, str | None]:
    """(province code, city candidate) from the last two segments of an address."""
    for idx in range(len(segments) - 1, max(len(segments) - 3, -1), -1):
        seg = segments[idx]
        code = province_code(seg)
        if code:
            return code, segments[idx - 1] if idx > 0 else None
        words = seg.split()
        for n in range(min(5, len(words) - 1), 0, -1):
            code = province_code(" ".join(words[-n:]))
            if code:
                return code, " ".join(words[:-n])
    return None, None


def _clean_city(candidate: str | None) -> str | None:
    """Strip labels and stray punctuation; refuse street addresses; title-case ALL CAPS."""
    if not candidate:
        return None
    city = candidate.split(":")[-1]
    city = re.sub(r"^[^\w'\u2019]+|[^\w'\u2019.]+$", "", " ".join(city.split()))  # "$ Canada" -> "Canada"
    if not city or any(ch.isdigit() for ch in city) or fold(city) in _COUNTRY_WORDS:
        return None
    if not any(ch.isalpha() for ch in city):
        return None
    if fold(city) in _NOT_CITIES:
        return None
    if city.isupper():
        return smart_title(city)
    if not city.islower() and any(
        w[:1].islower() and fold(w) not in _SMALL_PLACE_WORDS for w in re.split(r"[\s\-]+", city)
    ):
        return None  # prose ("multiple locations across"), not a place name
    return city


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def parse_place(raw: str) -> Place | None:
    """Read a Canadian location: "Toronto, ON", "Montréal (Québec)", "Vancouver BC V6B 1A1".

    Returns None when neither a city, a province nor a postal code is found.
    """
    if not raw or not str(raw).strip():
        return None
    text = re.sub(r"[\u00a0\u202f\u2009\t]", " ", str(raw))
    postal = None
    matches = list(_POSTAL_RE.finditer(text))
    if matches:
        last = matches[-1]
        postal = _normalise_postal(last)
        text = text[: last.start()] + "," + text[last.end() :]
    segments = [" ".join(s.split()) for s in _SEGMENT_SPLIT_RE.split(text)]
    segments = [s for s in segments if s and fold(s).strip(" .") not in _COUNTRY_WORDS]
    segments = [re.sub(r"[\s,]+canada\.?$", "", s, flags=re.IGNORECASE) for s in segments]
    province, candidate = _find_province(segments)
    if province is None and segments:
        candidate = segments[-1]
    city = _clean_city(candidate)
    if city is None and province is None and postal is None:
        return None
    matches_province = None
    if postal and province:
        matches_province = postal[0] in postal_prefixes(province)
    return Place(city=city, province=province, postal_code=postal, postal_matches_province=matches_province)


_CITY_PREFIX_RE = programs.compile(
    r"^(?:(?:the\s+)?(?:city|town|township|village|municipality|district|county)\s+of|ville\s+d[eu]|municipalite\s+d[eu]|cite\s+d[eu])\s+"
)
_CITY_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
# "Greater Sudbury" / "Grand Sudbury" / "Sudbury", "Région de Montréal" / "Montréal", "Quebec City" / "Québec": the
# municipality's name without its "greater", "région de" or "city" (the name of a city, not its status)
_CITY_STATUS_RE = programs.compile(r"^(?:greater|grand|grande region de|region de)\s+(?=\S)|\s+city$")


@lru_cache(maxsize=8192)  # pure, and the same values recur across documents
def city_key(city: str) -> str:
    """Comparison key for a city: folded, accents stripped, "St."/"Ste." spelled out, hyphens as spaces.

    "Saint-Jean-sur-Richelieu" == "St. Jean sur Richelieu"; "City of Toronto" == "Toronto";
    "Greater Sudbury" == "Sudbury"; "Quebec City" == "Québec".
    """
    text = fold(str(city)).replace("\u2019", "'")
    text = re.sub(r"'", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    text = _CITY_PREFIX_RE.sub("", " ".join(text.split()))
    text = _CITY_STATUS_RE.sub("", text) or text
    return " ".join(_CITY_ABBREV.get(t, t) for t in text.split())


def places_equal(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """True when two ``work_location`` values name the same place.

    Only city and province decide; postal codes are ignored (an office may have
    several). A part known in both values must agree (city by ``city_key``,
    province by code), and at least one part must be known in both. So
    "Toronto" matches "Toronto, ON", but "Windsor, ON" does not match "Windsor, NS".
    """
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    compared = 0
    ca, cb = a.get("city"), b.get("city")
    if ca and cb:
        if city_key(ca) != city_key(cb):
            return False
        compared += 1
    pa, pb = a.get("province"), b.get("province")
    if pa and pb:
        if (province_code(pa) or pa) != (province_code(pb) or pb):
            return False
        compared += 1
    return compared > 0
