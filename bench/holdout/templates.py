"""Document templates: a View in, blocks plus the canonical values the document states out.

Wordings and layouts are deliberately varied (portal printouts, numbered-question form printouts,
letters in prose, clause-style agreements, French documents) and carry distractors: head-office
addresses, letter dates, signatory titles, bonuses, probation periods, past jobs, foreign salaries.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta

from bench.holdout import blocks as B
from bench.holdout import fmt
from bench.holdout.pools import COUNTRIES, PROVINCES, SIGNATORIES
from bench.holdout.views import Stated, View

OTHER_COUNTRIES = {"NO": "Norway", "IT": "Italy", "IN": "India", "DE": "Germany"}

CODE_LABELS = {
    "C63": ("Intra-company transferees – specialized knowledge", "Personnes mutées à l'intérieur d'une société – connaissances spécialisées"),
    "T36": ("CUSMA professionals", "Professionnels de l'ACEUM"),
    "C16": ("Francophone mobility", "Mobilité francophone"),
    "C20": ("Reciprocal employment", "Emploi réciproque"),
    "C10": ("Significant benefit", "Avantage important"),
    "C62": ("Intra-company transferees – senior managerial", "Personnes mutées – cadres supérieurs"),
    "T37": ("CUSMA intra-company transferees", "ACEUM – personnes mutées"),
    "C12": ("Intra-company transferees", "Personnes mutées"),
    "T23": ("NAFTA professionals", "Professionnels de l'ALENA"),
}


@dataclass
class Doc:
    kind: str
    blocks: list[B.Block]
    stated: dict
    engines: tuple[str, ...]
    lang: str = "en"
    notes: list[str] = field(default_factory=list)


def bare_name(name: str) -> str:
    """The legal name without its legal-form suffix ("Northwind Analytics Inc." -> "Northwind Analytics")."""
    for suffix in (" Inc.", " inc.", " Ltd.", " Corp.", " ULC", " LLP"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def cased(title: str, rng: random.Random, upper: float = 0.0, lower: float = 0.0) -> str:
    """The title as written: sometimes upper case (forms), sometimes lower case (prose)."""
    x = rng.random()
    if x < upper:
        return title.upper()
    if x < upper + lower:
        return title.lower()
    return title


def de(word: str) -> str:
    """French 'de' elided before a vowel or mute h: "d'ingénieur", "de chef"."""
    return f"d'{word}" if word[:1].lower() in "aeiouyéèêh" else f"de {word}"


def form_country(code: str) -> str:
    """Country as a form's drop-down list writes it (one fixed name per country)."""
    return COUNTRIES[code].names[0]


def maybe(v: View, rng: random.Random, p: float, field_name: str) -> bool:
    """An optional mention: with probability p, or always when the case wants this field mismatched."""
    draw = rng.random()
    return draw < p or v.extra.get("want") == field_name


def _sig(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(SIGNATORIES)


def _letterhead(v: View, rng: random.Random, *, french: bool = False) -> B.Block:
    head = v.head
    name = v.employer_name if rng.random() < 0.5 else (bare_name(v.employer_name) if rng.random() < 0.5 else v.employer_name.upper())
    lines = [name, f"{head.street}", f"{fmt.city(head, french)}, {PROVINCES[head.province].short[0]}  {head.postal}",
             rng.choice([f"Tel. {v.employer.phone}", f"T: {v.employer.phone} | careers@{bare_name(v.employer_name).split()[-1].lower()}.example"])]
    return B.letterhead(lines)


def _period(v: View, rng: random.Random, preferred: tuple[str, ...]) -> str:
    options = [p for p in preferred if p in v.wage_periods] or list(v.wage_periods)
    return rng.choice(options)


def _code_text(code: str, rng: random.Random, french: bool = False) -> str:
    label = CODE_LABELS.get(code, ("", ""))[1 if french else 0]
    return rng.choice([code, f"{code} – {label}" if label else code, f"{label} ({code})" if label else code])


# ------------------------------------------------------------------------------------------------
# Offer of Employment (Employer Portal) printouts
# ------------------------------------------------------------------------------------------------

def oe_summary(v: View, rng: random.Random) -> Doc:
    """'Offer of Employment – Summary' with sections and label/value pairs."""
    st = Stated(v)
    st.oe(), st.code(), st.employer(), st.title(), st.noc(), st.hours(), st.location(), st.start(), st.name()
    st.passport(), st.citizenship()
    period = _period(v, rng, ("hour", "hour", "year"))
    amount = st.wage(period)
    period_word = {"hour": "Hourly", "year": "Annual", "month": "Monthly", "week": "Weekly"}[period]
    if rng.random() < 0.5:
        wage_pairs = [("Wage", f"{amount:,.2f} CAD {period_word}")]
    else:
        wage_pairs = [("Wage type", {"hour": "Hourly rate", "year": "Annual salary", "month": "Monthly salary", "week": "Weekly"}[period]),
                      ("Wage amount (CAD)", f"{amount:,.2f}")]
    if rng.random() < 0.55:
        term = [("Duration", f"{st.months()} Months")]
    else:
        term = [("Employment end date (YYYY-MM-DD)", st.end(rng.choice(["eve", "anniv"])).isoformat())]
    head = [("Offer of employment number", v.oe), ("Status", rng.choice(["Submitted", "Submitted – compliance fee paid"])),
            ("Date submitted", v.submitted.isoformat())]
    exemption = [("LMIA exemption code", _code_text(v.code, rng))]
    employer = [("Legal name of business", v.employer_name), ("Operating name", bare_name(v.employer_name)),
                ("Business number", f"{v.bn} RT0001" if rng.random() < 0.5 else v.bn),
                ("Business address", fmt.place_full(v.head, rng)),
                ("Contact", f"{_sig(rng)[0]}, {v.employer.phone}")]
    job = [("Occupation title", cased(v.title, rng, upper=0.3)), ("Occupation NOC code", v.noc),
           ("Main duties", v.job.duties),
           ("Education requirements", rng.choice(["Bachelor's degree", "College diploma or equivalent", "Master's degree"])),
           ("Experience requirements", rng.choice(["3 years to less than 5 years", "2 years", "5 years or more"])),
           *wage_pairs,
           ("Hours of work per week", fmt.hours_text(v.hours)),
           ("Overtime", rng.choice(["1.5 times the regular rate after 44 hours per week", "As per provincial employment standards"])),
           ("Work location(s)", f"1) {fmt.place_full(v.place, rng)}"),
           ("Employment start date (YYYY-MM-DD)", v.start.isoformat()),
           *term,
           ("Benefits", rng.choice(["Extended health and dental; group RRSP with 4% match", "Health, dental, vision; 3 weeks vacation"]))]
    residence = v.nat
    if v.extra.get("parent_country") and v.extra["parent_country"] in COUNTRIES and rng.random() < 0.6:
        residence = v.extra["parent_country"]
    worker = [("Foreign national family name", v.family.upper()), ("Foreign national given name(s)", v.given.upper()),
              ("Date of birth (YYYY-MM-DD)", v.dob.isoformat()),
              ("Foreign national passport number", v.passport),
              ("Country of citizenship", form_country(v.citizenship).upper() if rng.random() < 0.4 else form_country(v.citizenship)),
              ("Country of residence", form_country(residence))]
    sections = [("Employer information", employer), ("Job details", job), ("Foreign national information", worker)]
    if rng.random() < 0.4:
        sections = [sections[1], sections[0], sections[2]]
    blocks = [B.small("Employer Portal | Immigration, Refugees and Citizenship Canada"),
              B.title(rng.choice(["Offer of Employment – Summary", "Offer of employment: summary", "Offer of Employment Summary"])),
              B.kv(head), B.heading("Exemption"), B.kv(exemption)]
    for name, pairs in sections:
        blocks += [B.heading(name), B.kv(pairs)]
    blocks.append(B.small(f"Printed {v.submitted.isoformat()} – page 1 of 1"))
    return Doc("offer_of_employment", blocks, st.values, ("canvas", "flow"))


def oe_confirmation(v: View, rng: random.Random) -> Doc:
    """A portal confirmation page with a ruled two-column table of what was submitted."""
    st = Stated(v)
    st.oe(), st.code(), st.employer(), st.title(), st.noc(), st.hours(), st.location(), st.start(), st.name()
    st.passport(), st.citizenship()
    period = _period(v, rng, ("hour", "year"))
    amount = st.wage(period)
    rows = [["Item", "Information provided"],
            ["Employer (legal name)", v.employer_name],
            ["Exemption code", v.code],
            ["Job title", cased(v.title, rng, upper=0.2)],
            ["NOC 2021", f"{v.noc}"],
            ["Salary", f"${amount:,.2f} {'per hour' if period == 'hour' else 'per year' if period == 'year' else 'per month'}"],
            ["Number of hours per week", fmt.hours_text(v.hours)],
            ["Address(es) where the work will take place", f"{v.place.street}, {v.place.city}, {PROVINCES[v.place.province].en}, {v.place.postal}"],
            ["Start date", fmt.date_en(v.start, rng)]]
    if rng.random() < 0.5:
        rows.append(["Expected duration", f"{st.months()} month(s)"])
    else:
        rows.append(["Anticipated end date", fmt.date_en(st.end(rng.choice(["eve", "anniv"])), rng)])
    rows += [["Foreign national", fmt.name_forms(v.given, v.family, rng)],
             ["Date of birth", v.dob.isoformat()],
             ["Passport number", v.passport],
             ["Citizenship", form_country(v.citizenship)]]
    blocks = [B.title("Confirmation – Offer of employment submitted"),
              B.para(f"Your offer of employment has been submitted. Offer of employment number: {v.oe}. "
                     f"The employer compliance fee of $230 was paid on {fmt.date_en(v.submitted, rng)}. "
                     "Give this number to the foreign national so they can include it in their work permit application."),
              B.table(rows),
              B.small("Keep a copy of this page for your records. The employer must keep documents that show compliance for six years.")]
    return Doc("offer_of_employment", blocks, st.values, ("flow", "canvas"))


def oe_summary_fr(v: View, rng: random.Random) -> Doc:
    """The portal summary in French ('Offre d'emploi – Sommaire')."""
    st = Stated(v)
    st.oe(), st.code(), st.employer(), st.title(), st.noc(), st.hours(), st.location(), st.start(), st.name()
    st.passport(), st.citizenship()
    period = _period(v, rng, ("hour", "year"))
    st.wage(period)
    term = ("Durée", fmt.duration_fr(st.months(), rng)) if rng.random() < 0.6 else \
        ("Date de fin de l'emploi (AAAA-MM-JJ)", st.end(rng.choice(["eve", "anniv"])).isoformat())
    pairs_job = [("Titre du poste", v.title), ("Code de la CNP", v.noc), ("Fonctions principales", v.job.duties_fr),
                 ("Salaire", fmt.wage_fr(v.hourly, v.hours, period, rng)),
                 ("Nombre d'heures de travail par semaine", fmt.hours_text(v.hours).replace(".", ",")),
                 ("Lieu(x) de travail", f"1) {fmt.place_full(v.place, rng, french=True)}"),
                 ("Date de début de l'emploi (AAAA-MM-JJ)", v.start.isoformat()), term]
    pairs_emp = [("Dénomination sociale de l'entreprise", v.employer_name), ("Numéro d'entreprise (ARC)", v.bn),
                 ("Adresse de l'entreprise", fmt.place_full(v.head, rng, french=True))]
    pairs_fn = [("Nom de famille du ressortissant étranger", v.family.upper()), ("Prénom(s)", v.given),
                ("Date de naissance (AAAA-MM-JJ)", v.dob.isoformat()),
                ("Numéro de passeport du ressortissant étranger", v.passport),
                ("Pays de citoyenneté", COUNTRIES[v.citizenship].fr)]
    blocks = [B.small("Portail des employeurs | Immigration, Réfugiés et Citoyenneté Canada"),
              B.title("Offre d'emploi – Sommaire"),
              B.kv([("Numéro de l'offre d'emploi", v.oe), ("Code de dispense de l'EIMT", _code_text(v.code, rng, True)),
                    ("Date de soumission", v.submitted.isoformat())]),
              B.heading("Renseignements sur l'employeur"), B.kv(pairs_emp),
              B.heading("Renseignements sur l'emploi"), B.kv(pairs_job),
              B.heading("Renseignements sur le ressortissant étranger"), B.kv(pairs_fn)]
    return Doc("offer_of_employment", blocks, st.values, ("canvas", "flow"), lang="fr")


# ------------------------------------------------------------------------------------------------
# Work permit applications (form printouts)
# ------------------------------------------------------------------------------------------------

def _education_rows(v: View, rng: random.Random) -> list[tuple[str, str]]:
    grad = date(v.dob.year + 22, rng.choice([5, 6]), 1)
    return [("Field of study", v.extra.get("degree", v.job.degree)),
            ("School/facility name", v.extra.get("school", "State Institute of Technology")),
            ("From (YYYY-MM)", f"{grad.year - 4}-09"), ("To (YYYY-MM)", f"{grad.year}-{grad.month:02d}")]


def imm1295(v: View, rng: random.Random) -> Doc:
    """IMM 1295 printout with numbered questions and an employment-history section."""
    st = Stated(v)
    st.name(), st.citizenship(), st.passport(), st.expiry(), st.employer(), st.title(), st.location(), st.start(), st.oe()
    conv = rng.choice(["eve", "anniv"])
    end = st.end(conv)
    numbered = rng.random() < 0.7

    def q(n: str, label: str) -> str:
        return f"{n}. {label}" if numbered else label

    work = [(q("1", "Type of work permit"), "Employer-specific work permit"),
            (q("2", "Name of employer"), v.employer_name if rng.random() < 0.7 else v.employer_name.upper()),
            (q("3", "Address of employer"), fmt.place_full(v.head, rng)),
            (q("4", "Location of intended employment – Province/territory"), PROVINCES[v.place.province].en),
            (q("4", "City/Town"), v.place.city),
            (q("5", "Job title"), cased(v.title, rng, upper=0.35)),
            (q("6", "Brief description of duties"), v.job.duties)]
    iso = rng.random() < 0.75
    d = (lambda x: x.isoformat()) if iso else (lambda x: fmt.date_en(x, rng, allow_iso=False))
    if rng.random() < 0.5:
        work.append((q("7", "Duration of expected employment"), f"From: {d(v.start)}  To: {d(end)}"))
    else:
        work += [(q("7", "Duration of expected employment – From"), d(v.start)), ("To", d(end))]
    work.append((q("8", "LMIA number or Offer of employment number"), v.oe))
    if rng.random() < 0.4:
        work.append(("Certificate of Acceptance (CAQ) number (Quebec only)", ""))
    personal = [(q("1", "UCI (if known)"), rng.choice(["", "11-2233-4455"])),
                (q("2", "Service language"), "English"),
                (q("3", "Family name(s)"), v.family.upper()), (q("3", "Given name(s)"), v.given.upper()),
                (q("5", "Sex"), "—"),
                (q("6", "Date of birth (YYYY-MM-DD)"), v.dob.isoformat()),
                (q("7", "Place of birth – City/Town"), v.birth_city), ("Country/Territory", form_country(v.nat)),
                (q("8", "Citizenship"), form_country(v.citizenship)),
                (q("9", "Current country of residence"), form_country(v.extra.get("residence", v.nat))),
                ("Status", "Citizen" if v.extra.get("residence", v.nat) == v.nat else "Worker")]
    passport = [(q("1", "Passport number"), v.passport),
                (q("2", "Country/Territory of issue"), form_country(v.citizenship)),
                (q("3", "Issue date (YYYY-MM-DD)"), v.passport_issue.isoformat()),
                (q("4", "Expiry date (YYYY-MM-DD)"), v.passport_expiry.isoformat())]
    history = [("From (YYYY-MM)", f"{v.extra.get('ref_start', date(2021, 4, 1)).strftime('%Y-%m')}"), ("To (YYYY-MM)", "Present"),
               ("Occupation", v.extra.get("ref_title", "Analyst")),
               ("Company/employer/facility name", v.extra.get("parent", "Orion Data Works")),
               ("City/Town and Country", f"{v.extra.get('parent_city', v.birth_city)}, {OTHER_COUNTRIES.get(v.extra.get('parent_country', ''), fmt.country_en(v.nat, rng))}")]
    blocks = [B.small("IMM 1295 (09-2024) E"),
              B.title(rng.choice(["Application for Work Permit Made Outside of Canada",
                                  "APPLICATION FOR WORK PERMIT MADE OUTSIDE OF CANADA (IMM 1295)"])),
              B.heading("Personal details"), B.kv(personal),
              B.heading("Passport"), B.kv(passport),
              B.heading("National identity document"), B.kv([("Do you have a national identity document?", "No")]),
              B.heading("Details of intended work in Canada"), B.kv(work),
              B.heading("Education"), B.kv(_education_rows(v, rng)),
              B.heading("Employment – current and previous 10 years"), B.kv(history),
              B.small("I declare that the information I have given in this application is truthful, complete and correct.")]
    return Doc("work_permit_application", blocks, st.values, ("canvas", "flow"))


def imm5710(v: View, rng: random.Random) -> Doc:
    """IMM 5710 printout (inside Canada) with stacked labels and a 'details of work' section."""
    st = Stated(v)
    st.name(), st.citizenship(), st.passport(), st.expiry(), st.employer(), st.title(), st.location(), st.start(), st.oe()
    end = st.end(rng.choice(["eve", "anniv"]))
    blocks = [B.small("IMM 5710 (07-2024) E   PROTECTED B WHEN COMPLETED"),
              B.title("Application to Change Conditions, Extend my Stay or Remain in Canada as a Worker"),
              B.heading("Personal details"),
              B.kv([("Full name – Family name", v.family), ("Full name – Given name(s)", v.given),
                    ("Date of birth", v.dob.isoformat()), ("Country of citizenship", form_country(v.citizenship)),
                    ("Current country of residence", "Canada"),
                    ("Status", "Student"), ("Status expires on (YYYY-MM-DD)", (v.start + relativedelta(months=-2, days=9)).isoformat())]),
              B.heading("Passport"),
              B.kv([("Passport No.", v.passport), ("Country/territory of issue", form_country(v.citizenship)),
                    ("Issue date", v.passport_issue.isoformat()), ("Expiry date", v.passport_expiry.isoformat())]),
              B.heading("Details of intended work in Canada"),
              B.kv([("I am applying for", "Work permit with the same employer" if rng.random() < 0.3 else "Initial work permit with a new employer"),
                    ("Employer", v.employer_name),
                    ("Employer address", fmt.place_full(v.head, rng)),
                    ("Location of intended employment", f"{v.place.city}, {fmt.province_name(v.place.province, rng, allow_short=False)}"),
                    ("Job title", v.title),
                    ("Brief description of duties", v.job.duties),
                    ("Duration of expected employment – From", v.start.isoformat()),
                    ("Duration of expected employment – To", end.isoformat()),
                    ("Job offer/LMIA number or Offer of employment number", v.oe)], style=rng.choice([None, "stacked"])),
              B.heading("Education"), B.kv(_education_rows(v, rng))]
    return Doc("work_permit_application", blocks, st.values, ("canvas", "flow"))


# ------------------------------------------------------------------------------------------------
# Offer letters and employment agreements
# ------------------------------------------------------------------------------------------------

def _distractor_sentences(v: View, rng: random.Random) -> list[str]:
    pool = [
        f"To help with your move to {v.place.city}, we will pay a one-time relocation bonus of $5,000, repayable if you leave within 12 months.",
        "The first three (3) months of employment will be a probationary period.",
        "You will be eligible for group health and dental benefits after 90 days of service.",
        "Your compensation will be reviewed after 12 months, and annually thereafter.",
        "You are entitled to three weeks (15 days) of paid vacation per calendar year.",
        "You will be eligible for an annual performance bonus of up to 10% of base salary.",
        "This offer is conditional on your obtaining a valid work permit before your first day.",
        "The Company will pay the employer compliance fee and all costs of the offer of employment; no fee will be charged to you.",
    ]
    return rng.sample(pool, k=rng.randint(2, 4))


def offer_letter_prose(v: View, rng: random.Random) -> Doc:
    """A business letter with every term in running prose."""
    st = Stated(v)
    st.name(), st.employer(), st.title(), st.hours(), st.location(), st.start()
    lh = _letterhead(v, rng)
    sig = _sig(rng)
    hon = fmt.honorific(v.given, rng)
    period = _period(v, rng, ("year", "year", "hour", "month"))
    st.wage(period)
    wage = fmt.wage_en(v.hourly, v.hours, period, rng)
    pay = rng.choice(["payable bi-weekly", "paid semi-monthly by direct deposit", "less applicable deductions"])
    start_txt = fmt.date_en(v.start, rng)
    term_choice = rng.random()
    if term_choice < 0.45:
        months = st.months()
        term = rng.choice([f"This is a fixed-term role of {fmt.duration_en(months, rng)}.",
                           f"Your employment will be for a fixed term of {fmt.duration_en(months, rng)} from your start date.",
                           f"The position is temporary, for a period of {fmt.duration_en(months, rng)}."])
    else:
        end = st.end(rng.choice(["eve", "anniv"]))
        term = rng.choice([f"This is a fixed-term position ending on {fmt.date_en(end, rng)}.",
                           f"Your employment will continue until {fmt.date_en(end, rng)}, unless extended in writing.",
                           f"The term of employment ends on {fmt.date_en(end, rng)}."])
    where = rng.choice([f"You will be reporting to our {v.place.city}, {fmt.province_name(v.place.province, rng)} office",
                        f"Your place of work will be our office at {fmt.place_full(v.place, rng)}",
                        f"You will work from our {v.place.city} site ({v.place.street})"])
    manager = rng.choice(["Anika Patel, Director of Engineering", "Tom Lindqvist, Team Lead", "the Operations Manager"])
    paras = [
        f"Dear {hon} {v.family},",
        rng.choice([f"We are delighted to offer you the position of {cased(v.title, rng, lower=0.3)} with {v.employer_name}.",
                    f"Further to our recent conversations, I am pleased to confirm our offer to join {v.employer_name} as {cased(v.title, rng, lower=0.3)}.",
                    f"On behalf of {bare_name(v.employer_name)}, it is my pleasure to offer you employment in the role of {v.title}."]),
        f"{where}, reporting to {manager}. " + rng.choice([
            f"Your anticipated first day is {start_txt}.", f"We expect you to start on {start_txt}.",
            f"Your start date will be {start_txt}, or as soon as your work permit is issued."]) + f" {term}",
        rng.choice([f"Your base compensation will be {wage}, {pay}.",
                    f"You will be paid a salary of {wage} ({pay}).",
                    f"In this role you will earn {wage}, {pay}."]) + " " +
        rng.choice([f"The normal work week is {fmt.hours_text(v.hours)} hours, Monday to Friday.",
                    f"You will work {fmt.hours_text(v.hours)} hours per week.",
                    f"Regular hours are {fmt.hours_text(v.hours)} hours a week; overtime is paid at 1.5 times the regular rate."]),
        f"Your main responsibilities will be to: {v.job.duties[0].lower() + v.job.duties[1:]}",
        " ".join(_distractor_sentences(v, rng)),
    ]
    if maybe(v, rng, 0.35, "noc_code"):
        st.noc()
        paras.insert(3, f"For immigration purposes the position is classified under NOC {v.noc}.")
    if maybe(v, rng, 0.3, "exemption_code"):
        st.code()
        paras.insert(3, f"This offer is made under the LMIA-exempt category {_code_text(v.code, rng)}.")
    paras += [f"Please confirm your acceptance by signing and returning this letter by {fmt.date_en(v.letter_date + relativedelta(days=14), rng)}.",
              rng.choice(["Sincerely,", "Yours truly,", "Kind regards,"]), f"{sig[0]}", f"{sig[1]}", f"{bare_name(v.employer_name)}",
              f"Accepted and agreed: ______________________   Date: ____________"]
    blocks = [lh, B.para(fmt.date_en(v.letter_date, rng)),
              B.para(f"{hon} {v.given} {v.family}"), B.para(f"{v.birth_city}, {fmt.country_en(v.extra.get('residence', v.nat), rng)}"),
              B.para(rng.choice([f"Re: Offer of Employment – {v.title}", f"RE: EMPLOYMENT OFFER", "Subject: Letter of offer"]))]
    blocks += [B.para(p) for p in paras]
    return Doc("offer_letter", blocks, st.values, ("docx", "flow", "canvas"))


def offer_letter_table(v: View, rng: random.Random) -> Doc:
    """A short letter whose terms sit in a two-column table."""
    st = Stated(v)
    st.name(), st.employer(), st.title(), st.hours(), st.location(), st.start()
    lh = _letterhead(v, rng)
    sig = _sig(rng)
    period = _period(v, rng, ("year", "hour", "month"))
    st.wage(period)
    rows = [["Term", "Details"] if rng.random() < 0.5 else ["", ""],
            ["Position", v.title],
            ["Employer", v.employer_name],
            ["Reports to", rng.choice(["Head of Data Platform", "Chief Engineer", "Director, Finance"])],
            ["Work location", fmt.place_short(v.place, rng) if rng.random() < 0.5 else fmt.place_full(v.place, rng)],
            ["Start date", fmt.date_en(v.start, rng)]]
    if rng.random() < 0.5:
        rows.append(["Term of employment", f"Fixed term, {fmt.duration_en(st.months(), rng)}"])
    else:
        rows.append(["End of term", fmt.date_en(st.end(rng.choice(["eve", "anniv"])), rng)])
    rows += [["Base salary", fmt.wage_en(v.hourly, v.hours, period, rng)],
             ["Hours of work", f"{fmt.hours_text(v.hours)} hours per week"],
             ["Signing bonus", "$3,000 (one-time, first pay period)"],
             ["Probation", "90 days"],
             ["Vacation", rng.choice(["15 days per year", "3 weeks per year"])],
             ["Benefits", "Group health, dental and life insurance from day one"]]
    if maybe(v, rng, 0.4, "noc_code"):
        st.noc()
        rows.insert(2, ["NOC code", v.noc])
    if maybe(v, rng, 0.25, "exemption_code"):
        st.code()
        rows.append(["Immigration category", f"LMIA-exempt, code {v.code}"])
    if rows[0] == ["", ""]:
        rows = rows[1:]
        header = False
    else:
        header = True
    blocks = [lh, B.para(fmt.date_en(v.letter_date, rng)), B.para(f"{v.given} {v.family}"),
              B.para(f"Dear {v.given},"),
              B.para(f"We are pleased to offer you employment with {bare_name(v.employer_name)} on the terms summarised below."),
              B.table(rows, header=header),
              B.para("This offer is conditional on approval of your work permit. " + " ".join(_distractor_sentences(v, rng)[:2])),
              B.para("Warm regards,"), B.para(f"{sig[0]} — {sig[1]}")]
    return Doc("offer_letter", blocks, st.values, ("docx", "flow", "canvas"))


def employment_agreement(v: View, rng: random.Random) -> Doc:
    """A clause-numbered fixed-term employment agreement."""
    st = Stated(v)
    st.name(), st.employer(), st.title(), st.hours(), st.location(), st.start()
    period = _period(v, rng, ("year", "hour"))
    st.wage(period)
    wage = fmt.wage_en(v.hourly, v.hours, period, rng)
    months_or_end = rng.random() < 0.5
    code_clause = maybe(v, rng, 0.2, "exemption_code")
    if code_clause:
        st.code()
    if months_or_end:
        term = f"The employment begins on {fmt.date_en(v.start, rng)} and continues for {fmt.duration_en(st.months(), rng)}, unless ended earlier under section 9."
    else:
        term = f"The employment commences on {fmt.date_en(v.start, rng)} and terminates on {fmt.date_en(st.end(rng.choice(['eve', 'anniv'])), rng)}, unless ended earlier under section 9."
    blocks = [B.title("FIXED-TERM EMPLOYMENT AGREEMENT"),
              B.para(f"THIS AGREEMENT is made on {fmt.date_en(v.letter_date, rng)}"),
              B.para(f"BETWEEN: {v.employer_name.upper()}, a corporation with its registered office at {fmt.place_full(v.head, rng)} (the \"Employer\")"),
              B.para(f"AND: {v.given} {v.family}, of {v.birth_city}, {fmt.country_en(v.extra.get('residence', v.nat), rng)} (the \"Employee\")"),
              B.heading("1. Position"),
              B.para(f"The Employer shall employ the Employee as {v.title}. The Employee shall perform the following duties: {v.job.duties}"),
              B.heading("2. Term"), B.para(term + (f" The Employee will work in Canada under LMIA exemption code {v.code}." if code_clause else "")),
              B.heading("3. Place of work"),
              B.para(f"The Employee shall work at the Employer's premises located at {fmt.place_full(v.place, rng)}, and may travel for business."),
              B.heading("4. Hours of work"),
              B.para(f"The regular hours of work are {fmt.hours_text(v.hours)} hours per week. Overtime is paid in accordance with the applicable employment standards legislation."),
              B.heading("5. Remuneration"),
              B.para(f"The Employer shall pay the Employee a base salary of {wage}, subject to statutory deductions. "
                     "The salary will be reviewed after 12 months."),
              B.heading("6. Relocation"),
              B.para("The Employer shall reimburse reasonable relocation costs up to $7,500 upon presentation of receipts."),
              B.heading("7. Vacation"), B.para("The Employee is entitled to 15 working days of paid vacation per year."),
              B.heading("9. Termination"), B.para("Either party may end this agreement with two (2) weeks' written notice during the first 3 months."),
              B.para("IN WITNESS WHEREOF the parties have signed this agreement."),
              B.kv([("For the Employer", f"{_sig(rng)[0]}, {_sig(rng)[1]}"), ("Employee", f"{v.given} {v.family}")], style="colon")]
    return Doc("offer_letter", blocks, st.values, ("docx", "flow"))


def offer_letter_fr(v: View, rng: random.Random) -> Doc:
    """A French offer letter (prose, sometimes with a summary table)."""
    st = Stated(v)
    st.name(), st.employer(), st.title(), st.hours(), st.location(), st.start()
    lh = _letterhead(v, rng, french=True)
    sig = _sig(rng)
    period = _period(v, rng, ("year", "hour"))
    st.wage(period)
    wage = fmt.wage_fr(v.hourly, v.hours, period, rng)
    hon = fmt.honorific(v.given, rng, french=True)
    if rng.random() < 0.5:
        term = f"Il s'agit d'un contrat à durée déterminée de {fmt.duration_fr(st.months(), rng)}."
    else:
        term = f"Votre contrat prendra fin le {fmt.date_fr(st.end(rng.choice(['eve', 'anniv'])), rng)}."
    lieu = rng.choice([f"à nos bureaux de {fmt.place_short(v.place, rng, french=True)}",
                       f"à l'adresse suivante : {fmt.place_full(v.place, rng, french=True)}"])
    paras = [f"{hon} {v.given} {v.family}", f"Objet : Offre d'emploi – {v.title}", f"{hon},",
             f"Nous avons le plaisir de vous offrir le poste {de(cased(v.title, rng, lower=0.5))} au sein de {v.employer_name}.",
             f"Vous travaillerez {lieu}. Votre date d'entrée en fonction est prévue le {fmt.date_fr(v.start, rng)}. {term}",
             f"Votre salaire de base sera de {wage}, versé toutes les deux semaines. "
             f"La semaine normale de travail est de {fmt.hours_text(v.hours).replace('.', ',')} heures.",
             f"Vos principales fonctions : {v.job.duties_fr}",
             "Une prime de réinstallation de 4 000 $ vous sera versée à votre arrivée. "
             "Une période d'essai de trois (3) mois s'applique. Votre rémunération sera révisée après 12 mois.",
             "Veuillez agréer l'expression de nos sentiments distingués.", sig[0], sig[2]]
    if maybe(v, rng, 0.4, "exemption_code"):
        st.code()
        paras.insert(5, f"Cette offre est présentée au titre de la dispense {_code_text(v.code, rng, True)}.")
    blocks = [lh, B.para(f"{fmt.city(v.head, True)}, le {fmt.date_fr(v.letter_date, rng)}")] + [B.para(p) for p in paras]
    return Doc("offer_letter", blocks, st.values, ("docx", "flow", "canvas"), lang="fr")


# ------------------------------------------------------------------------------------------------
# Category evidence and other documents
# ------------------------------------------------------------------------------------------------

def employment_reference(v: View, rng: random.Random) -> Doc:
    """A letter from the foreign parent confirming past and current employment (C63)."""
    st = Stated(v)
    st.name()
    ex = v.extra
    start = ex["ref_start"]
    country = OTHER_COUNTRIES.get(ex["parent_country"], ex["parent_country"])
    hon = fmt.honorific(v.given, rng)
    lines = [ex["parent"], f"{rng.randint(10, 400)} {rng.choice(['Industrial Estate Road', 'Storgata', 'Via Torino', 'Königstraße'])}",
             f"{ex['parent_city']}, {country}"]
    salary = rng.choice(["INR 2,850,000 per annum", "NOK 780,000 per year", "EUR 68,000 gross per year"])
    blocks = [B.letterhead(lines), B.para(fmt.date_en(v.letter_date - relativedelta(days=20), rng)),
              B.para(rng.choice(["TO WHOM IT MAY CONCERN", "Employment Verification Letter", "Experience certificate"])),
              B.para(f"This is to certify that {hon} {v.given} {v.family} has been employed full-time by {ex['parent']} "
                     f"since {fmt.date_en(start, rng)} and is currently working with us as {ex['ref_title']} at our {ex['parent_city']} office."),
              B.para(f"{hon} {v.family} works {rng.choice(['40', '42.5', '45'])} hours per week and draws a salary of {salary}. "
                     f"{'Her' if hon.startswith('Ms') else 'His'} duties include: {ex['ref_duties']}"),
              B.para(f"{ex['parent']} and {v.employer_name} are related companies: {bare_name(v.employer_name)} is a wholly owned subsidiary of our group. "
                     f"{hon} {v.family} has specialized knowledge of our proprietary platforms and processes."),
              B.para("This letter is issued at the employee's request for immigration purposes."),
              B.para("For " + ex["parent"]), B.para(rng.choice(["Ravi Kulkarni, Head – Human Resources", "Ingrid Solberg, HR Director",
                                                             "Marco Bellini, HR Business Partner"]))]
    return Doc("employment_reference", blocks, st.values, ("docx", "flow", "canvas"))


def credential(v: View, rng: random.Random) -> Doc:
    """A degree certificate (T36), with a translation for Spanish originals."""
    st = Stated(v)
    st.name()
    school, city = v.extra["school_tuple"]
    grad = v.extra["grad"]
    if v.nat == "MX":
        blocks = [B.title(school.upper()),
                  B.para(f"Otorga a {v.given} {v.family} el título de {v.extra['degree_es']}"),
                  B.para(f"{city}, a {grad.day} de {('enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre').split()[grad.month - 1]} de {grad.year}"),
                  B.heading("Certified translation"),
                  B.para(f"{school} confers upon {v.given} {v.family} the degree of {v.extra['degree']}. {city}, {fmt.date_en(grad, rng)}."),
                  B.small("Translator: Ana Beltrán, certified translator no. 1187")]
    else:
        blocks = [B.title(school),
                  B.para("The Board of Trustees, on the recommendation of the Faculty, has conferred upon"),
                  B.para(f"{v.given} {v.family}".upper()),
                  B.para(f"the degree of {v.extra['degree']}, with all the rights and privileges thereto pertaining."),
                  B.para(f"Given at {city} on {fmt.date_en(grad, rng)}."),
                  B.small("Registrar     President")]
    return Doc("credential", blocks, st.values, ("canvas", "flow"))


def language_test(v: View, rng: random.Random) -> Doc:
    """TEF Canada / TCF Canada results with NCLC equivalents (C16)."""
    st = Stated(v)
    st.name()
    scores = v.extra["nclc"]
    test = rng.choice(["TEF Canada", "TCF Canada"])
    taken = v.letter_date - relativedelta(months=rng.randint(2, 8))
    rows = [["Épreuve", "Score", "Niveau NCLC"]]
    for label, nclc in zip(("Compréhension orale", "Expression orale", "Compréhension écrite", "Expression écrite"), scores):
        score = {5: 300, 6: 350, 7: 400, 8: 440, 9: 480}[nclc] + rng.randint(0, 30) if test == "TEF Canada" else \
            {5: 380, 6: 420, 7: 460, 8: 500, 9: 530}[nclc] + rng.randint(0, 15)
        if test == "TCF Canada" and "Expression" in label:
            score = {5: 6, 6: 7, 7: 10, 8: 12, 9: 14}[nclc]
        rows.append([label, str(score), str(nclc)])
    blocks = [B.title(f"Attestation de résultats – {test}"),
              B.kv([("Nom", v.family.upper()), ("Prénom(s)", v.given), ("Date de naissance", v.dob.strftime("%d/%m/%Y")),
                    ("Numéro de candidat", f"{rng.randint(100000, 999999)}-{rng.randint(10, 99)}"),
                    ("Date de la session", taken.strftime("%d/%m/%Y")), ("Centre d'examen", rng.choice(["Alliance française de Dakar", "Institut français de Casablanca", "CCI Paris Île-de-France", "Alliance française de Yaoundé"]))]),
              B.table(rows),
              B.small("Les résultats sont valables deux ans à compter de la date de la session. Niveaux de compétence linguistique canadiens (NCLC).")]
    return Doc("language_test", blocks, st.values, ("flow", "canvas"), lang="fr")


def reciprocity_letter(v: View, rng: random.Random) -> Doc:
    """A Canadian institution's letter on the exchange agreement (C20), naming the worker's country."""
    st = Stated(v)
    st.name()
    partner = v.extra["partner"]
    country = rng.choice(COUNTRIES[v.nat].names[:2])
    lh = _letterhead(v, rng)
    blocks = [lh, B.para(fmt.date_en(v.letter_date, rng)), B.para("To the visa officer,"),
              B.para(f"Re: Reciprocal employment – {v.given} {v.family}"),
              B.para(f"{v.employer_name} and {partner} ({country}) have maintained a faculty and researcher exchange agreement since 2019. "
                     f"Under the agreement, Canadian academics are hosted by {partner} in {country} on comparable terms and for similar periods."),
              B.para(f"In the last two academic years, four members of our staff held appointments in {country} under this agreement, "
                     f"and {v.given} {v.family}, a citizen of {country}, is the third researcher we host in return."),
              B.para("The exchanges are of similar magnitude in both directions, so Canadians receive reciprocal opportunities abroad."),
              B.para("Sincerely,"), B.para("Office of International Partnerships")]
    return Doc("reciprocity_letter", blocks, st.values, ("docx", "flow"))


def support_letter(v: View, rng: random.Random) -> Doc:
    """The employer's submission letter restating the job; for C10, the quantified benefit."""
    st = Stated(v)
    st.name(), st.employer(), st.title(), st.location(), st.code()
    lh = _letterhead(v, rng)
    period = _period(v, rng, ("year", "hour"))
    st.wage(period)
    wage = fmt.wage_en(v.hourly, v.hours, period, rng)
    body = [f"We write in support of the work permit application of {v.given} {v.family}, whom {v.employer_name} "
            f"has offered the position of {v.title} at our {fmt.place_short(v.place, rng)} location, at {wage}."]
    if maybe(v, rng, 0.3, "noc_code"):
        st.noc()
        body.append(f"The position falls under NOC 2021 unit group {v.noc}.")
    if maybe(v, rng, 0.5, "start_date"):
        st.start()
        body.append(f"We would like {fmt.honorific(v.given, rng)} {v.family} to begin on {fmt.date_en(v.start, rng)}.")
    if v.code == "C10" or v.category == "C10":
        jobs = rng.randint(8, 40)
        money = rng.choice(["$2.4 million", "$850,000", "$1.6 million"])
        body += [f"This appointment will allow us to open a second production line in {v.place.city} and to create {jobs} new full-time jobs for Canadians by the end of 2028.",
                 f"We will also invest {money} in local suppliers and train 25 Canadian apprentices each year in partnership with the regional college.",
                 "The worker's expertise is not available in the Canadian labour market on the timeline the project requires."]
    elif v.code in ("C63", "C62", "C12"):
        body.append(f"The transfer is made within our corporate group, from {v.extra.get('parent', 'our parent company')}, where the worker holds specialized knowledge of our proprietary systems.")
    else:
        body.append("The position meets the requirements of the exemption claimed, as set out in the enclosed documents.")
    body.append(f"The request is made under LMIA exemption code {v.code}; the offer of employment number is {v.oe}.")
    st.oe()
    sig = _sig(rng)
    blocks = [lh, B.para(fmt.date_en(v.letter_date, rng)), B.para("Immigration, Refugees and Citizenship Canada"),
              B.para(rng.choice(["Re: Employer support letter", "Re: Significant benefit to Canada" if v.category == "C10" else "Re: Letter of support",
                                 f"Re: {v.given} {v.family} – work permit application"]))]
    blocks += [B.para(p) for p in body]
    blocks += [B.para("Yours faithfully,"), B.para(f"{sig[0]}, {sig[1]}")]
    return Doc("support_letter", blocks, st.values, ("docx", "flow", "canvas"))


def _mrz_digit(s: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(s):
        if ch.isdigit():
            val = int(ch)
        elif ch.isalpha():
            val = ord(ch) - 55
        else:
            val = 0
        total += val * weights[i % 3]
    return str(total % 10)


def _mrz_name(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return "".join(ch if ch.isalpha() else "<" for ch in plain)


def mrz(v: View, sex: str = "<") -> list[str]:
    state = COUNTRIES[v.citizenship].mrz
    line1 = f"P<{state:<<3}{_mrz_name(v.family)}<<{_mrz_name(v.given)}"
    line1 = (line1 + "<" * 44)[:44]
    number = (v.passport.replace(" ", "") + "<" * 9)[:9]
    dob = v.dob.strftime("%y%m%d")
    exp = v.passport_expiry.strftime("%y%m%d")
    personal = "<" * 14
    body = f"{number}{_mrz_digit(number)}{state:<<3}{dob}{_mrz_digit(dob)}{sex}{exp}{_mrz_digit(exp)}{personal}{_mrz_digit(personal)}"
    composite = body[0:10] + body[13:20] + body[21:43]
    return [line1, body + _mrz_digit(composite)]


def passport_page(v: View, rng: random.Random) -> Doc:
    """A passport data page as text with its machine-readable zone."""
    st = Stated(v)
    st.name(), st.passport(), st.citizenship(), st.expiry()
    c = COUNTRIES[v.citizenship]
    pairs = [("Type / Type", "P"), ("Code / Code", c.mrz), (rng.choice(["Passport No. / N° du passeport", "Passport No."]), v.passport),
             ("Surname / Nom", v.family.upper()), ("Given names / Prénoms", v.given.upper()),
             ("Nationality / Nationalité", c.nationality),
             ("Date of birth / Date de naissance", fmt.date_passport(v.dob)), ("Place of birth / Lieu de naissance", v.birth_city.upper()),
             ("Date of issue / Date de délivrance", fmt.date_passport(v.passport_issue)),
             ("Date of expiry / Date d'expiration", fmt.date_passport(v.passport_expiry)),
             ("Authority / Autorité", rng.choice(["MINISTRY OF FOREIGN AFFAIRS", "PASSPORT OFFICE", "SRE"]))]
    blocks = [B.title(rng.choice(["PASSPORT", "PASSPORT / PASSEPORT"])), B.para(fmt.country_en(v.citizenship, rng).upper()),
              B.kv(pairs, style="stacked" if rng.random() < 0.5 else "columns"), B.gap(), B.mono(mrz(v))]
    return Doc("passport", blocks, st.values, ("canvas",))


def resume(v: View, rng: random.Random) -> Doc:
    """A CV: past employers, titles and dates in other countries (kind 'other')."""
    st = Stated(v)
    ex = v.extra
    past_start = ex.get("ref_start", date(2021, 4, 1))
    blocks = [B.title(f"{v.given} {v.family}"),
              B.para(f"{v.birth_city}, {fmt.country_en(v.extra.get('residence', v.nat), rng)} · +00 555 0100 · {v.given.split()[0].lower()}@mail.example"),
              B.heading("Experience"),
              B.para(f"{ex.get('ref_title', 'Senior Analyst')} — {ex.get('parent', 'Orion Data Works')}, {ex.get('parent_city', v.birth_city)} "
                     f"({past_start.strftime('%b %Y')} – present)"),
              B.para(f"Junior Engineer — Helix Systems, {v.birth_city} ({past_start.year - 3} – {past_start.year})"),
              B.heading("Education"), B.para(f"{v.extra.get('degree', v.job.degree)}, {past_start.year - 4}"),
              B.heading("Languages"), B.para("English (fluent); French (intermediate)")]
    return Doc("other", blocks, st.values, ("docx", "flow"))


OE_TEMPLATES = (oe_summary, oe_summary, oe_confirmation)
APPLICATION_TEMPLATES = (imm1295, imm1295, imm5710)
LETTER_TEMPLATES_EN = (offer_letter_prose, offer_letter_prose, offer_letter_table, employment_agreement)
