"""Write labelled held-out case folders: ``python -m bench.holdout.make_cases OUT_DIR --n 80 --seed 7``.

About 40 % of the cases are clean (every document consistent, category conditions met); the others
change one contract field in one document. ``OUT_DIR/labels.json`` maps each case to
``{"flagged": [field], "kind": "clean"|"mismatch", ...}`` plus diagnostics: the category, the mutation
(field, document, from, to), ``tolerated`` fields a side effect of the mutation may legitimately flag,
and for every document its intended kind and the canonical values it states.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from bench.holdout import blocks as B
from bench.holdout import templates as T
from bench.holdout.pools import (COUNTRIES, CUSMA, EMPLOYERS, FRANCOPHONE, GENERAL, INSTITUTIONS, JOBS, PARTNERS,
                                 PLACES, UNIVERSITIES)
from bench.holdout.views import View

CATEGORIES = (("C63", 0.28), ("T36", 0.2), ("C16", 0.17), ("C20", 0.1), ("C10", 0.25))
MISMATCH_FIELDS = ("wage", "job_title", "noc_code", "work_location", "start_date", "term", "employer_name",
                   "exemption_code", "oe_number", "passport_number", "citizenship", "worker_name", "hours_per_week")
MAX_MONTHS = {"C63": 36, "T36": 36}
CODE_SWAPS = {"C63": ("C62", "C12"), "T36": ("T37", "T23"), "C16": ("C10",), "C20": ("C10",), "C10": ("C20",)}
REF_TITLES = (("Senior Data Engineer", "Maintains the group's data pipelines and internal analytics platform."),
              ("Lead Developer", "Leads development of the proprietary billing engine; mentors junior developers."),
              ("Process Engineer", "Optimises production processes using the group's proprietary control software."),
              ("Solutions Architect", "Designs integrations for enterprise clients on the group's platform."))
DEGREES_ES = {"Bachelor of Engineering in Computer Engineering": "Ingeniero en Computación",
              "Bachelor of Science in Computer Science": "Licenciado en Ciencias de la Computación",
              "Master of Science in Statistics": "Maestro en Ciencias en Estadística",
              "Bachelor of Commerce (Accounting)": "Licenciado en Contaduría",
              "Bachelor of Engineering in Civil Engineering": "Ingeniero Civil",
              "Bachelor of Engineering in Mechanical Engineering": "Ingeniero Mecánico",
              "Bachelor of Engineering in Electrical Engineering": "Ingeniero Electricista",
              "Bachelor of Science in Information Systems": "Licenciado en Sistemas de Información",
              "Master of Business Administration": "Maestro en Administración de Empresas",
              "Bachelor of Science in Nursing": "Licenciado en Enfermería"}
BIRTH_CITIES = {"IN": ("Pune", "Chennai", "Jaipur"), "PH": ("Cebu City", "Quezon City"), "MX": ("Guadalajara", "Puebla", "Monterrey"),
                "US": ("Columbus", "Denver", "Portland"), "FR": ("Lyon", "Nantes", "Lille"), "BE": ("Liège", "Namur"),
                "CM": ("Douala", "Yaoundé"), "SN": ("Dakar", "Thiès"), "MA": ("Casablanca", "Rabat"), "DE": ("Stuttgart", "Leipzig"),
                "BR": ("Curitiba", "Recife"), "KR": ("Busan", "Daejeon"), "NG": ("Lagos", "Enugu"), "GB": ("Leeds", "Bristol"),
                "AU": ("Brisbane", "Adelaide"), "JP": ("Osaka", "Sendai")}
FRENCH_EMPLOYERS = {"Les Solutions Numériques Acadiennes inc.", "Université Bellechasse"}


# -- the true facts of a case ------------------------------------------------------------------------

def _passport_number(pattern: str, rng: random.Random) -> str:
    out = []
    for ch in pattern:
        if ch == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "9":
            out.append(str(rng.randint(0, 9)))
        else:
            out.append(ch)
    return "".join(out)


def _weighted(rng: random.Random, items: tuple[tuple[str, float], ...]) -> str:
    x = rng.random() * sum(w for _, w in items)
    for item, w in items:
        x -= w
        if x <= 0:
            return item
    return items[-1][0]


def make_truth(rng: random.Random) -> tuple[View, bool]:
    """A consistent case: worker, employer, job, terms and the category's evidence. Returns (view, french)."""
    category = _weighted(rng, CATEGORIES)
    extra: dict = {}
    if category == "C63":
        employer = rng.choice([e for e in EMPLOYERS if e.parent])
        nat = employer.parent_country if employer.parent_country in COUNTRIES and rng.random() < 0.7 else rng.choice(GENERAL)
        jobs = [j for j in JOBS if not j.academic and j.noc[:2] in ("21", "11")]
    elif category == "T36":
        employer = rng.choice([e for e in EMPLOYERS if not e.parent])
        nat = rng.choice(CUSMA)
        jobs = [j for j in JOBS if j.cusma and not j.academic]
    elif category == "C16":
        employer = rng.choice([e for e in EMPLOYERS if PLACES[e.place_index].province != "QC"])
        nat = rng.choice(FRANCOPHONE)
        jobs = [j for j in JOBS if not j.academic]
    elif category == "C20":
        employer = rng.choice(INSTITUTIONS)
        nat = rng.choice(sorted(PARTNERS))
        jobs = [j for j in JOBS if j.academic]
    else:
        employer = rng.choice(EMPLOYERS)
        nat = rng.choice(GENERAL)
        jobs = [j for j in JOBS if not j.academic]
    job = rng.choice(jobs)
    given, family = rng.choice(COUNTRIES[nat].people)
    head = PLACES[employer.place_index]
    if category in ("C20",) or rng.random() < 0.5:
        place = head
    else:
        choices = [p for p in PLACES if p.city != head.city and (category != "C16" or p.province != "QC")]
        place = rng.choice(choices)
    french = employer.legal in FRENCH_EMPLOYERS or (category == "C16" and rng.random() < 0.5)
    start = date(2027, rng.randint(1, 9), 1 if rng.random() < 0.5 else rng.randint(2, 28))
    while start.weekday() >= 5:  # a first day of work falls on a weekday
        start += timedelta(days=1)
    months = rng.choice([12, 18, 24, 24, 36]) if category != "C20" else rng.choice([12, 18, 24])
    hourly = round(rng.uniform(*job.hourly) * 4) / 4
    hours = rng.choice([40.0, 40.0, 40.0, 37.5, 35.0])
    issue = date(rng.randint(2022, 2025), rng.randint(1, 12), rng.randint(1, 28))
    expiry = issue + relativedelta(years=10) - timedelta(days=1)
    if expiry < start + relativedelta(months=months + 30):
        expiry = start + relativedelta(months=months + 40)
    letter_date = date(2026, rng.randint(8, 10), rng.randint(1, 28))
    if category == "C63":
        ref_title, ref_duties = rng.choice(REF_TITLES)
        extra.update(parent=employer.parent, parent_city=employer.parent_city, parent_country=employer.parent_country,
                     ref_start=date(rng.randint(2019, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                     ref_title=ref_title, ref_duties=ref_duties)
        if employer.parent_country in COUNTRIES:
            extra["residence"] = employer.parent_country
    if category == "T36":
        extra.update(school_tuple=UNIVERSITIES[nat], degree=job.degree, degree_es=DEGREES_ES.get(job.degree, job.degree),
                     grad=date(rng.randint(2008, 2018), rng.choice([5, 6, 12]), rng.randint(1, 28)), school=UNIVERSITIES[nat][0])
    if category == "C16":
        extra["nclc"] = [rng.randint(5, 9) for _ in range(4)]
    if category == "C20":
        extra["partner"] = PARTNERS[nat]
    view = View(
        category=category, given=given, family=family,
        dob=date(rng.randint(1980, 1998), rng.randint(1, 12), rng.randint(1, 28)),
        birth_city=rng.choice(BIRTH_CITIES[nat]), nat=nat, citizenship=nat,
        passport=_passport_number(COUNTRIES[nat].passport, rng), passport_issue=issue, passport_expiry=expiry,
        employer=employer, employer_name=employer.legal, head=head, job=job,
        title=job.title_fr if french else job.title, noc=job.noc, hourly=hourly, hours=hours, place=place,
        start=start, months=months, end_shift=0, code=category, oe="A" + "".join(str(rng.randint(0, 9)) for _ in range(7)),
        bn="".join(str(rng.randint(1, 9)) for _ in range(9)), letter_date=letter_date,
        submitted=letter_date + timedelta(days=rng.randint(3, 25)), extra=extra)
    return view, french


def pick_templates(view: View, french: bool, rng: random.Random) -> list:
    """Which documents the case holds (the OE always; others mostly)."""
    docs = []
    docs.append(T.oe_summary_fr if french and rng.random() < 0.5 else rng.choice(T.OE_TEMPLATES))
    if rng.random() < 0.9:
        docs.append(rng.choice(T.APPLICATION_TEMPLATES))
    if rng.random() < 0.95 or len(docs) < 2:
        docs.append(T.offer_letter_fr if french and rng.random() < 0.8 else rng.choice(T.LETTER_TEMPLATES_EN))
    docs.append({"C63": T.employment_reference, "T36": T.credential, "C16": T.language_test,
                 "C20": T.reciprocity_letter, "C10": T.support_letter}[view.category])
    draw = rng.random()
    if view.category == "C63" or (view.category != "C10" and draw < 0.35):
        docs.append(T.support_letter)  # ICT files carry the employer's letter on the transfer
    if rng.random() < 0.55:
        docs.append(T.passport_page)
    if rng.random() < 0.15:
        docs.append(T.resume)
    rng.shuffle(docs)
    return docs


# -- mutations -----------------------------------------------------------------------------------------

def _typo(text: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha() and 0 < i < len(text) - 1]
    i = rng.choice(letters)
    repl = {"a": "e", "e": "a", "i": "y", "o": "u", "u": "o", "r": "n", "n": "m", "m": "n", "s": "z", "h": "k", "l": "ll"}
    ch = text[i]
    new = repl.get(ch.lower(), "e" if ch.lower() != "e" else "a")
    return text[:i] + (new.upper() if ch.isupper() else new) + text[i + 1:]


def _change_id(text: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if rng.random() < 0.5 and len(digits) >= 2:
        for _ in range(10):
            k = rng.randrange(len(digits) - 1)
            i, j = digits[k], digits[k + 1]
            if j == i + 1 and text[i] != text[j]:
                return text[:i] + text[j] + text[i] + text[j + 1:]
    i = rng.choice(digits)
    return text[:i] + str((int(text[i]) + rng.randint(1, 8)) % 10) + text[i + 1:]


def mutate(view: View, fld: str, doc_stated: dict, french: bool, rng: random.Random) -> tuple[View, str, object, object, list[str]]:
    """One field changed in one document's view: (view, label field, from, to, tolerated fields)."""
    v = dataclasses.replace(view)
    tolerated: list[str] = []
    if fld == "wage":
        factor = rng.choice([0.85, 0.88, 0.9, 1.1, 1.12, 1.15, 1.2])
        v.hourly = round(view.hourly * factor * 4) / 4
        return v, "wage", view.hourly, v.hourly, tolerated
    if fld == "job_title":
        alt = f"{view.title} principal" if french else rng.choice(view.job.same_group_titles + (f"Senior {view.title}",))
        v.title = alt
        return v, "job_title", view.title, alt, ["noc_code"]
    if fld == "noc_code":
        v.noc = view.job.neighbour_noc
        return v, "noc_code", view.noc, v.noc, ["job_title"]
    if fld == "work_location":
        options = [p for p in PLACES if p.city != view.place.city and (view.category != "C16" or p.province != "QC")]
        v.place = rng.choice(options)
        return v, "work_location", f"{view.place.city}, {view.place.province}", f"{v.place.city}, {v.place.province}", tolerated
    if fld == "start_date":
        v.start = view.start + rng.choice([relativedelta(months=1), relativedelta(months=-1), relativedelta(months=2),
                                           relativedelta(days=14), relativedelta(days=-21)])
        return v, "start_date", view.start.isoformat(), v.start.isoformat(), ["end_date", "duration_months"]
    if fld == "term":
        cap = MAX_MONTHS.get(view.code, 60)
        if "end_date" in doc_stated and "duration_months" not in doc_stated:
            shifts = [s for s in (-12, -6, -3, 3, 6, 12) if 6 <= view.months + s <= cap]
            v.end_shift = rng.choice(shifts)
            return v, "end_date", view.months, view.months + v.end_shift, tolerated
        options = [m for m in (6, 12, 18, 24, 30, 36) if m != view.months and m <= cap]
        v.months = rng.choice(options)
        return v, "duration_months", view.months, v.months, ["end_date"] if "end_date" in doc_stated else tolerated
    if fld == "employer_name":
        v.employer_name = rng.choice(view.employer.renamed)
        return v, "employer_name", view.employer_name, v.employer_name, tolerated
    if fld == "exemption_code":
        v.code = rng.choice(CODE_SWAPS[view.code])
        return v, "exemption_code", view.code, v.code, tolerated
    if fld == "oe_number":
        v.oe = _change_id(view.oe, rng)
        return v, "oe_number", view.oe, v.oe, tolerated
    if fld == "passport_number":
        v.passport = _change_id(view.passport, rng)
        return v, "passport_number", view.passport, v.passport, tolerated
    if fld == "citizenship":
        if view.category == "T36":
            v.citizenship = "MX" if view.nat == "US" else "US"
        elif view.category == "C16":
            v.citizenship = rng.choice([c for c in FRANCOPHONE if c != view.nat])
        else:
            v.citizenship = rng.choice([c for c in GENERAL if c != view.nat])
        return v, "citizenship", view.citizenship, v.citizenship, tolerated
    if fld == "worker_name":
        others = [g for g, f in COUNTRIES[view.nat].people if g != view.given]
        if others and rng.random() < 0.5:
            v.given = rng.choice(others)
        else:
            v.family = _typo(view.family, rng)
        return v, "worker_name", f"{view.given} {view.family}", f"{v.given} {v.family}", tolerated
    if fld == "hours_per_week":
        v.hours = rng.choice([h for h in (35.0, 37.5, 40.0, 44.0, 45.0) if h != view.hours])
        return v, "hours_per_week", view.hours, v.hours, tolerated
    raise ValueError(fld)


# -- files -------------------------------------------------------------------------------------------

def _file_name(engine: str, used: set[str], rng: random.Random) -> str:
    ext = ".docx" if engine == "docx" else ".pdf"
    for _ in range(100):
        n = rng.randint(1, 9999)
        stem = rng.choice([f"scan_{n:04d}", f"IMG_{n:04d}", f"doc{n % 20 + 1}", "Sans titre", f"Sans titre ({n % 9 + 1})",
                           f"Document ({n % 12 + 1})", f"2026{rng.randint(8, 11):02d}{rng.randint(1, 28):02d}_{n:06d}",
                           "print", f"attachment{n % 7 + 1}", "Untitled document", f"file_{n:04x}", f"CamScanner 11-{n % 28 + 1:02d}-2026",
                           "download", f"download ({n % 6 + 1})", f"Numérisation_{n:03d}", f"merged_{n % 5 + 1}"])
        name = stem + ext
        if name.lower() not in used:
            used.add(name.lower())
            return name
    raise RuntimeError("no free file name")


def build_case(out: Path, name: str, seed: str, want: str | None) -> dict:
    """One case folder; ``want`` is the field to mismatch (None = clean; another field if it cannot be)."""
    rng = random.Random(f"{seed}/case")
    view, french = make_truth(rng)
    templates = pick_templates(view, french, rng)
    fields_order = [f for f in MISMATCH_FIELDS if f != want]
    rng.shuffle(fields_order)
    if want:
        fields_order.insert(0, want)
        view.extra["want"] = want
    target_field = want
    if target_field == "hours_per_week":
        view.wage_periods = ("hour",)
    doc_seeds = [f"{seed}/doc{i}" for i in range(len(templates))]
    docs = [tpl(view, random.Random(s)) for tpl, s in zip(templates, doc_seeds)]

    mutation = None
    tolerated: list[str] = []
    flagged: list[str] = []
    if target_field is not None:
        for fld in fields_order:
            if fld == "citizenship" and view.category == "C20":
                continue
            if fld == "exemption_code" and view.code not in CODE_SWAPS:
                continue
            keys = ("end_date", "duration_months") if fld == "term" else (fld,)
            stating = [i for i, d in enumerate(docs) if any(k in d.stated for k in keys)]
            if len(stating) < 2:
                continue
            if fld == "hours_per_week" and view.wage_periods != ("hour",):
                view.wage_periods = ("hour",)
                docs = [tpl(view, random.Random(s)) for tpl, s in zip(templates, doc_seeds)]
            target = rng.choice(stating)
            new_view, label, old, new, tolerated = mutate(view, fld, docs[target].stated, french, rng)
            before = docs[target].stated.get(label, old)
            docs[target] = templates[target](new_view, random.Random(doc_seeds[target]))
            after = docs[target].stated.get(label, new)
            mutation = {"field": label, "doc_index": target, "from": before, "to": after}
            flagged = [label]
            break

    case_dir = out / name
    case_dir.mkdir(parents=True)
    sub = None
    if rng.random() < 0.15:
        sub = rng.choice(["Documents", "pièces jointes", "scans"])
        (case_dir / sub).mkdir()
    used: set[str] = set()
    documents: dict[str, dict] = {}
    for i, doc in enumerate(docs):
        drng = random.Random(f"{doc_seeds[i]}/render")
        engine = drng.choice(doc.engines)
        fname = _file_name(engine, used, rng)
        rel = f"{sub}/{fname}" if sub and drng.random() < 0.5 else fname
        B.render(doc.blocks, case_dir / rel, engine, drng)
        documents[rel] = {"kind": doc.kind, "template": templates[i].__name__, "engine": engine, "lang": doc.lang, "stated": doc.stated}
        if mutation and mutation["doc_index"] == i:
            mutation["document"] = rel
    if mutation:
        mutation.pop("doc_index")
    label = {"flagged": flagged, "kind": "mismatch" if mutation else "clean", "category": view.category,
             "tolerated": tolerated, "documents": documents}
    if mutation:
        label["mutation"] = mutation
    return label


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=80)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clean-share", type=float, default=0.4)
    args = parser.parse_args(argv)
    out: Path = args.out_dir
    if out.exists():
        if (out / "labels.json").exists():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            print(f"{out} exists and is not a held-out folder; refusing to overwrite", file=sys.stderr)
            return 2
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(args.seed)
    n_clean = round(args.n * args.clean_share)
    schedule = [MISMATCH_FIELDS[k % len(MISMATCH_FIELDS)] for k in range(args.n - n_clean)]
    master.shuffle(schedule)
    wants: list[str | None] = [None] * n_clean + schedule
    master.shuffle(wants)
    labels = {}
    t0 = time.perf_counter()
    for i, want in enumerate(wants):
        name = f"case_{i + 1:03d}"
        labels[name] = build_case(out, name, f"{args.seed}/{i}", want)
    (out / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    n_mis = sum(1 for x in labels.values() if x["kind"] == "mismatch")
    print(f"wrote {len(labels)} cases ({len(labels) - n_mis} clean, {n_mis} mismatch) to {out} in {time.perf_counter() - t0:.1f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
