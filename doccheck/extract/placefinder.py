"""Find "City, Province" mentions in running text ("…our office at 500 4 Ave SW, Unit 1200, Calgary,
Alberta, T2P 2V6, reporting to…"): a province name, abbreviation or code, the capitalised words
just before it as the city, and a postal code just after it if there is one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from doccheck.extract import programs
from doccheck.normalise.places import Place, parse_place
from doccheck.yamlio import load_yaml_text

_STREET = programs.compile(
    r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|way|lane|ln|crescent|court|ct|place|pl|parkway|highway|hwy|"
    r"rue|chemin|boul|route|rang|côte|square|terrace|suite|unit|floor|bureau|étage)\b\.?",
    re.IGNORECASE,
)
_NOT_CITY = {"unit", "suite", "floor", "bureau", "street", "avenue", "road", "office", "the", "our", "nos", "de", "du", "la", "le"}
_SAINT = {"st", "ste", "mt"}  # a city's first word ("St. John's", "Ste. Agathe", "Mt. Pearl"), not a street's "St."


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    data = load_yaml_text(resources.files("rules").joinpath("data", "provinces.yml").read_text(encoding="utf-8"))
    names: set[str] = set()
    codes: set[str] = set()
    for province in data["provinces"]:
        names.update({province["en"], province["fr"]})
        for variant in province.get("variants", []):
            (codes if re.fullmatch(r"[A-Z]{2}", variant) else names).add(variant)
        codes.add(province["code"])
    # longest first (then alphabetical: the same source in every process, so its compiled program is found)
    name_alt = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    code_alt = "|".join(sorted(codes))
    city = r"(?P<city>[A-ZÀ-Ý][\w'’\.\-]*(?:[ \-](?:[A-ZÀ-Ý][\w'’\.\-]*|de|du|des|la|le|sur|en))*?)"
    province = rf"(?P<prov>(?i:{name_alt})(?![\w])|(?:{code_alt})\b)"
    postal = r"(?:,?\s*(?P<postal>[A-Z]\d[A-Z]\s?\d[A-Z]\d))?"
    # "Winnipeg, Manitoba", "Gatineau (Québec)", "the City of Winnipeg, in the Province of Manitoba"
    named = r"(?:(?i:in\s+)?(?i:the\s+)?(?i:province|territory)\s+of\s+|(?i:dans\s+)?(?i:la\s+)?(?i:province|territoire)\s+d[eu]\s+)?"
    # a "province" followed by another is the city's last word: "Ville de Québec, Quebec", "Québec (Québec)"
    another = rf"(?!\s*(?:,\s*|\(\s*){named}(?:(?i:{name_alt})(?![\w])|(?:{code_alt})\b))"
    return programs.compile(rf"{city}\s*(?:,\s*|\(\s*|\s+){named}{province}{another}\)?{postal}")


def find_places(text: str) -> list[Place]:
    """Every "City, Province [postal code]" in the text, in order."""
    found = []
    pos = 0
    while (match := _pattern().search(text, pos)) is not None:
        pos = match.end()
        city_words = match.group("city").split()
        while city_words and city_words[0].strip(".,").casefold() in _NOT_CITY:
            city_words.pop(0)
        named = city_words[1:] if city_words and city_words[0].rstrip(".").casefold() in _SAINT else city_words
        if not city_words or _STREET.search(" ".join(named)):
            # "900 René-Lévesque Boulevard East, Quebec City, Quebec": the street is no city, and the
            # "province" it ran into may start the real city: search again from there.
            pos = match.start("prov")
            continue
        raw = f"{' '.join(city_words)}, {match.group('prov')}" + (f" {match.group('postal')}" if match.group("postal") else "")
        place = parse_place(raw)
        if place and place.city and place.province:
            found.append(place)
    return found
