"""Ways people write the same value: dates, money, durations, names, places (English and French).

Each formatter takes a ``random.Random`` so a document's wording is reproducible from its seed.
"""

from __future__ import annotations

import random
from datetime import date

from dateutil.relativedelta import relativedelta

from bench.holdout.pools import COUNTRIES, PROVINCES, Place

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WORDS_EN = {6: "six", 9: "nine", 12: "twelve", 18: "eighteen", 24: "twenty-four", 30: "thirty", 36: "thirty-six",
            1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
WORDS_FR = {6: "six", 9: "neuf", 12: "douze", 18: "dix-huit", 24: "vingt-quatre", 30: "trente", 36: "trente-six",
            1: "un", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq"}


def date_en(d: date, rng: random.Random, *, allow_iso: bool = True) -> str:
    """An unambiguous English rendering of a date."""
    styles = ["long", "long_day", "dmy", "abbr", "abbr_dash"] + (["iso", "iso"] if allow_iso else [])
    style = rng.choice(styles)
    month = MONTHS_EN[d.month - 1]
    if style == "long":
        return f"{month} {d.day}, {d.year}"
    if style == "long_day":
        return f"{DAYS_EN[d.weekday()]}, {month} {d.day}, {d.year}"
    if style == "dmy":
        return f"{d.day} {month} {d.year}"
    if style == "abbr":
        return f"{month[:3]}. {d.day}, {d.year}" if month != "May" else f"May {d.day}, {d.year}"
    if style == "abbr_dash":
        return f"{d.day:02d}-{month[:3]}-{d.year}"
    return d.isoformat()


def date_fr(d: date, rng: random.Random) -> str:
    """A French rendering: "1er mars 2027", "le lundi 7 juin 2027", "2027-06-07"."""
    day = "1er" if d.day == 1 else str(d.day)
    style = rng.choice(["plain", "weekday", "iso"])
    if style == "weekday":
        return f"{DAYS_FR[d.weekday()]} {day} {MONTHS_FR[d.month - 1]} {d.year}"
    if style == "iso":
        return d.isoformat()
    return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"


def date_passport(d: date) -> str:
    """Passport data pages: "12 APR 1990"."""
    return f"{d.day:02d} {MONTHS_EN[d.month - 1][:3].upper()} {d.year}"


def end_date(start: date, months: int, convention: str) -> date:
    """The last day of a term of ``months`` from ``start``: 'eve' = day before the anniversary."""
    anniversary = start + relativedelta(months=months)
    return anniversary - relativedelta(days=1) if convention == "eve" else anniversary


def money_en(amount: float, rng: random.Random, *, cents: bool | None = None) -> str:
    cents = (amount != int(amount)) if cents is None else cents
    text = f"{amount:,.2f}" if cents else f"{amount:,.0f}"
    return rng.choice([f"${text}", f"CAD {text}", f"${text} CAD", f"CAD ${text}"])


def money_fr(amount: float, rng: random.Random) -> str:
    cents = amount != int(amount)
    text = f"{amount:,.2f}" if cents else f"{amount:,.0f}"
    text = text.replace(",", "\u00a0").replace(".", ",")
    return rng.choice([f"{text} $", f"{text} $ CA", f"{text} $ CAD"])


def wage_amount(hourly: float, hours: float, period: str) -> float:
    """The pay for one period at ``hours`` a week (52 weeks a year), rounded as an employer would."""
    if period == "hour":
        return round(hourly, 2)
    if period == "week":
        return round(hourly * hours, 2)
    annual = hourly * hours * 52
    if period == "month":
        return round(annual / 12, 2)
    return float(round(annual))


def wage_en(hourly: float, hours: float, period: str, rng: random.Random) -> str:
    amount = wage_amount(hourly, hours, period)
    money = money_en(amount, rng, cents=period in ("hour", "week", "month") or None)
    per = {
        "hour": ["per hour", "an hour", "/hour", "hourly", "/hr"],
        "week": ["per week", "weekly"],
        "month": ["per month", "monthly", "a month"],
        "year": ["per year", "per annum", "annually", "a year", "/year"],
    }[period]
    return f"{money} {rng.choice(per)}".replace(" /", "/")


def wage_fr(hourly: float, hours: float, period: str, rng: random.Random) -> str:
    amount = wage_amount(hourly, hours, period)
    per = {"hour": ["de l'heure", "l'heure", "par heure"], "week": ["par semaine"], "month": ["par mois"],
           "year": ["par année", "par an", "annuellement"]}[period]
    return f"{money_fr(amount, rng)} {rng.choice(per)}"


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def duration_en(months: int, rng: random.Random) -> str:
    """'24 months', 'two (2) years', 'twenty-four (24) months'."""
    options = [f"{months} months"]
    if months in WORDS_EN:
        options.append(f"{WORDS_EN[months]} ({months}) months")
    if months % 12 == 0:
        years = months // 12
        options += [f"{years} year{'s' if years > 1 else ''}"] * 2
        options.append(f"{WORDS_EN[years]} ({years}) year{'s' if years > 1 else ''}")
    return rng.choice(options)


def duration_fr(months: int, rng: random.Random) -> str:
    options = [f"{months} mois"]
    if months in WORDS_FR:
        options.append(f"{WORDS_FR[months]} ({months}) mois")
    if months % 12 == 0:
        years = months // 12
        options.append(f"{years} an{'s' if years > 1 else ''}")
    return rng.choice(options)


def name_forms(given: str, family: str, rng: random.Random) -> str:
    """'Priya Sharma', 'SHARMA, Priya', 'Priya SHARMA', 'Sharma, Priya'."""
    return rng.choice([f"{given} {family}", f"{family.upper()}, {given}", f"{given} {family.upper()}",
                       f"{family}, {given}", f"{given} {family}"])


def honorific(given: str, rng: random.Random, french: bool = False) -> str:
    female = given.split()[0] in {
        "Priya", "Kavya", "Ananya", "Maria", "Kristine", "Mariana", "Valeria", "Emily", "Sarah", "Élodie", "Camille",
        "Manon", "Aïcha", "Awa", "Salma", "Lena", "Beatriz", "Seo-yeon", "Ngozi", "Hannah", "Chloe", "Yui"}
    if french:
        return "Madame" if female else "Monsieur"
    return rng.choice(["Ms.", "Ms"]) if female else rng.choice(["Mr.", "Mr"])


def country_en(code: str, rng: random.Random) -> str:
    return rng.choice(COUNTRIES[code].names)


def province_name(code: str, rng: random.Random, *, french: bool = False, allow_short: bool = True) -> str:
    prov = PROVINCES[code]
    if french:
        return prov.fr
    return rng.choice([prov.en, prov.en] + (list(prov.short) if allow_short else []))


def city(place: Place, french: bool = False) -> str:
    return place.city_fr if french and place.city_fr else place.city


def place_short(place: Place, rng: random.Random, *, french: bool = False) -> str:
    """'Toronto, ON', 'Toronto, Ontario', 'Moncton (Nouveau-Brunswick)'."""
    if french:
        return rng.choice([f"{city(place, True)} ({PROVINCES[place.province].fr})",
                           f"{city(place, True)}, {PROVINCES[place.province].fr}"])
    return f"{place.city}, {province_name(place.province, rng)}"


def place_full(place: Place, rng: random.Random, *, french: bool = False) -> str:
    """'250 Front St W, Suite 1400, Toronto, Ontario  M5V 3L9'."""
    if french:
        return f"{place.street}, {city(place, True)} ({PROVINCES[place.province].fr})  {place.postal}"
    sep = rng.choice([", ", " "])
    return f"{place.street}, {place.city}, {province_name(place.province, rng)}{sep}{place.postal}"
