"""Wordings of real contracts, submissions and identity documents that once misled extraction: numbered
clauses under headings, "the City of Winnipeg, Province of Manitoba", the department's name, an offer's reply
deadline, a confidentiality period, salutations to the officer, and passports and diplomas of other countries."""

from __future__ import annotations

from conftest import document_fields, flagged, run_check
from documents import text_pdf
from doccheck.checks.imp import _countries_named
from doccheck.normalise.countries import country_code
from doccheck.normalise.noc import titles_match

OE_LINES = [
    "Offer of Employment – Employer Portal",
    "Offer of employment number: A3317840",
    "LMIA exemption code: C63",
    "Employer legal name: Westerly Systems Canada Inc.",
    "Job title: Director, Information Technology",
    "NOC 2021: 20012",
    "Wage: $90.00 per hour",
    "Hours per week: 37.5",
    "Work location: Winnipeg, Manitoba",
    "Start date: 2027-08-01",
    "End date: 2030-07-31",
    "Family name: WATANABE",
    "Given name(s): Kenji",
    "Country of citizenship: Japan",
    "Passport number: TR5520914",
]

AGREEMENT_PAGE = [
    "FIXED-TERM EMPLOYMENT AGREEMENT",
    "OFFER OF EMPLOYMENT 2027-05-18",
    "BETWEEN:",
    "WESTERLY SYSTEMS CANADA INC., a corporation having its registered office at 215 2 Street SW, Calgary, Alberta",
    '(the "Employer")',
    "A. The Employee wishes to accept such employment, subject to obtaining a work permit from Immigration, Refugees and",
    'Citizenship Canada ("IRCC").',
    "1. POSITION AND DUTIES",
    "1.1 The Employer shall employ the Employee in the position of Director, Information Technology (National",
    "Occupational Classification 20012). The Employee shall report to the Chief Executive Officer.",
    "2. TERM",
    '2.1 Employment shall commence on the 1st day of August, 2027 (the "Start Date") and shall continue for a fixed term',
    "of thirty-six (36) months, ending on the 31st day of July, 2030.",
    "3. PLACE OF WORK",
    "3.1 The Employee shall perform their duties at the City of Winnipeg, Province of Manitoba. The Employee",
    "may be required to travel occasionally.",
    "5. HOURS OF WORK",
    "5.1 The Employee's regular hours of work shall be 37.5 hours a week, normally Monday to Friday.",
    "6. CONFIDENTIALITY",
    "6.1 The Employee shall keep the Employer's information confidential for a period of two years after the end of",
    "employment.",
    "This offer remains open until 2027-06-01. Please sign and return a copy.",
]


def test_numbered_contract_agrees_with_the_offer(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "agreement.pdf", AGREEMENT_PAGE)
    _, report = run_check(str(tmp_path))
    fields = document_fields(report, "agreement.pdf")
    assert fields["hours_per_week"] == 37.5  # not the clause number "5.1"
    assert (fields["work_location"]["city"], fields["work_location"]["province"]) == ("Winnipeg", "MB")
    assert fields["job_title"] == "Director, Information Technology"
    assert fields["end_date"] == "2030-07-31"  # not the offer's reply deadline
    assert fields["duration_months"] == 36  # not the confidentiality period
    assert "citizenship" not in fields  # "Citizenship Canada" is the department
    assert "oe_number" not in fields  # a title and a date, no number
    assert flagged(report) == set()


def test_reply_deadline_before_the_start_is_no_end_date(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "offer.pdf", [
        "Dear Mr Watanabe,",
        "We are pleased to offer you the position of Director, Information Technology with Westerly Systems Canada Inc.",
        "Your employment will start on August 1, 2027 for a term of 36 months.",
        "This offer remains open until October 7, 2026. Please sign below to accept.",
    ])
    _, report = run_check(str(tmp_path))
    assert "end_date" not in document_fields(report, "offer.pdf")
    assert not {"end_date", "duration_months"} & flagged(report)


def test_submission_addressed_to_the_officer_names_no_worker(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "submission.pdf", [
        "Westerly Systems Canada Inc.",
        "2026-12-19",
        "Visa Officer",
        "Immigration, Refugees and Citizenship Canada",
        "Dear Visa Officer,",
        "This letter is submitted in support of the work permit application of Kenji Watanabe.",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "submission.pdf").get("worker_name") in (None, "Kenji Watanabe")
    assert "worker_name" not in flagged(report)


def test_french_contract_term_and_start(tmp_path):
    text_pdf(tmp_path / "contrat.pdf", [
        "CONTRAT DE TRAVAIL À DURÉE DÉTERMINÉE",
        "ENTRE : Lumivia Systèmes Canada inc. (ci-après « l'Employeur »)",
        "ET : Marie-Hélène Roussel (ci-après « la Salariée »)",
        "Article 2 – Confidentialité",
        "Le Salarié s'engage à ne pas divulguer les renseignements confidentiels, pendant la durée du contrat et",
        "pour une période de deux ans après sa fin.",
        "Article 5 – Durée",
        "Le contrat prend effet le 1er février 2027 pour une durée de 36 mois.",
    ])
    _, report = run_check(str(tmp_path))
    fields = document_fields(report, "contrat.pdf")
    assert fields["duration_months"] == 36
    assert fields["start_date"] == "2027-02-01"


def test_passports_and_diplomas_of_other_countries_are_recognised(tmp_path):
    text_pdf(tmp_path / "Reisepass.pdf", [
        "Certified true copy – biographical data page",
        "Passport No. | C4F7K2M9R",
        "Surname | VOGT",
        "P<D<<VOGT<<KATHARINA<<<<<<<<<<<<<<<<<<<<<<<<",
        "C4F7K2M9R0D<<9001310F3304307<<<<<<<<<<<<<<<6",
    ])
    text_pdf(tmp_path / "scan_0002.pdf", [
        "P<MEXRAMIREZ<ORTEGA<<ALEJANDRO<<<<<<<<<<<<<<",
        "G482917357MEX8911023M3406027<<<<<<<<<<<<<<<2",
    ])
    text_pdf(tmp_path / "CAP.pdf", [
        "Académie de Rennes – Ministère de l'Éducation nationale",
        "Certificat d'aptitude professionnelle – Boulanger",
        "est décerné à",
        "Julien Morvan",
    ])
    text_pdf(tmp_path / "board.pdf", [
        "Colorado State Board of Accountancy",
        "Certified Public Accountant",
        "is conferred upon",
        "Daniel Whitaker",
    ])
    _, report = run_check(str(tmp_path))
    kinds = {d["path"]: d["kind"] for d in report["documents"]}
    assert kinds == {"Reisepass.pdf": "passport", "scan_0002.pdf": "passport", "CAP.pdf": "credential", "board.pdf": "credential"}


def test_a_letters_subject_line_names_no_country():
    text = "RE: Reciprocal faculty exchange\nUniversity of North Lancashire hosts IT staff from the UK and Japan."
    assert _countries_named(text, country_code) == {"GB", "JP"}


def test_title_qualifier_after_a_comma_stated_by_one_document_only():
    assert titles_match("Programmeur principal, moteur de jeu", "Programmeur principal")
    assert titles_match("Director", "Director, Information Technology")
    assert not titles_match("Manager, Finance", "Manager, Sales")
    assert not titles_match("Senior Manager", "Manager, Sales")


def test_offer_by_email_reads_its_terms_and_its_employer(tmp_path):
    text_pdf(tmp_path / "oe.pdf", [line.replace("Westerly Systems Canada Inc.", "Bay of Fundy College") for line in OE_LINES])
    text_pdf(tmp_path / "email_printout.pdf", [
        "From: Kevin Arsenault <kevin.arsenault@bayoffundy.example>",
        "Sent: Saturday, December 26, 2026 10:24 AM",
        "To: Kenji Watanabe <kenji.watanabe@mail.example>",
        "Subject: Your offer – Director, Information Technology",
        "Hi Kenji,",
        "Further to our conversations, I'm happy to confirm Bay of Fundy University's offer for the role of Director,",
        "Information Technology, based in Winnipeg, MB. We'd like you to start on September 1, 2027, and the contract",
        "runs until July 31, 2030, subject to your work permit being approved.",
    ])
    _, report = run_check(str(tmp_path))
    fields = document_fields(report, "email_printout.pdf")
    assert fields["start_date"] == "2027-09-01"  # the e-mail's "From:" header is no start date
    assert fields["employer_name"] == "Bay of Fundy University"
    assert {"start_date", "employer_name"} <= flagged(report)


def test_french_company_name_with_lower_case_inc(tmp_path):
    text_pdf(tmp_path / "lettre.pdf", [
        "Aérospatiale Vallée-de-la-Gatineau inc.",
        "Madame,",
        "Nous avons le plaisir de vous offrir le poste de Technicienne en avionique.",
        "Veuillez agréer, Madame, nos salutations distinguées.",
        "Aérospatiale Vallée-de-la-Gatineau inc.",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "lettre.pdf")["employer_name"] == "Aérospatiale Vallée-de-la-Gatineau inc."


# -- equivalent ways of writing the same fact ------------------------------------------------------------------


def test_application_city_cell_that_repeats_the_province(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "imm1295.pdf", [
        "APPLICATION FOR WORK PERMIT MADE OUTSIDE OF CANADA",
        "Details of intended job in Canada",
        "City/Town | Winnipeg, Manitoba",
        "Province/territory | Manitoba",
        "Job title | Director, Information Technology",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "imm1295.pdf")["work_location"]["city"] == "Winnipeg"
    assert "work_location" not in flagged(report)


def test_names_and_places_written_differently_are_the_same():
    from doccheck.extract.placefinder import find_places
    from doccheck.normalise.names import names_match
    from doccheck.normalise.places import city_key

    assert names_match("Katharina Brünner", "BRUENNER, KATHARINA")  # the passport's machine-readable spelling
    assert not names_match("Ana Lopez", "Ana Lopes")
    assert city_key("Quebec City") == city_key("Ville de Québec") == city_key("Québec")
    assert city_key("Greater Sudbury") == city_key("Sudbury")
    place = find_places("Address of employer / work location | Ville de Québec, Quebec")[0]
    assert (city_key(place.city), place.province) == ("quebec", "QC")


def test_job_title_in_french_and_in_english():
    assert titles_match("Mécanicien automobile", "Automotive Service Technician")
    assert titles_match("Superviseure des services alimentaires / Food Service Supervisor", "Food Service Supervisor")
    assert not titles_match("Infirmière autorisée", "Registered Practical Nurse")  # RN and RPN are two occupations
    assert not titles_match("Ingénieur civil", "Software Developer")


def test_reference_letter_paragraph_with_a_birth_date():
    from datetime import date

    from doccheck.checks.imp import employment_ranges

    page = ("This is to certify that Rafael Lima (date of birth 13 January 1982, employee ID\n"
            "78826) has been employed full-time by Equinor Serviços Ltda. since 1 September\n"
            "2019. Previous designation (1 September 2019 to 1 November 2021): Associate.")
    assert (date(2019, 9, 1), date(2027, 8, 2)) in employment_ranges([(1, page)], date(2027, 8, 2))
    assert all(start.year != 1982 for start, _ in employment_ranges([(1, page)], date(2027, 8, 2)))


def test_reciprocity_letter_naming_the_country_by_its_iso_name():
    assert _countries_named("a citizen of Korea, Republic of, who will join us", country_code) == {"KR"}


def test_letterhead_gives_the_whole_french_company_name(tmp_path):
    text_pdf(tmp_path / "offre.pdf", [
        "Réseaux Francophones de l'Ouest Ltée",
        "Madame,",
        "Nous avons le plaisir de vous offrir le poste d'analyste au sein de Réseaux Francophones de l'Ouest Ltée,",
        "dans le cadre du volet Mobilité francophone.",
        "Veuillez agréer, Madame, nos salutations distinguées.",
        "Pour Réseaux Francophones de l'Ouest Ltée",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "offre.pdf")["employer_name"] == "Réseaux Francophones de l'Ouest Ltée"


def test_offer_listing_two_places_of_work_agrees_with_either(tmp_path):
    text_pdf(tmp_path / "oe.pdf", [line if not line.startswith("Work location") else
                                   "Location(s) of work | 1 Portage Avenue, Winnipeg, MB R3B 2B9 5100 Spectrum Way, Brandon, MB R7A 1A1"
                                   for line in OE_LINES])
    text_pdf(tmp_path / "offer.pdf", [
        "Dear Mr Watanabe,",
        "We are pleased to offer you the position of Director, Information Technology with Westerly Systems Canada Inc.",
        "You will work from our Brandon, Manitoba office, starting on August 1, 2027.",
    ])
    _, report = run_check(str(tmp_path))
    oe = document_fields(report, "oe.pdf")
    assert oe["work_location"]["city"] == "Winnipeg"
    assert "work_location" not in flagged(report)


def test_bilingual_labels_cut_by_a_cell_wrap():
    from doccheck.extract.knowledge import labels

    index = labels()
    assert index.fields_for("Position / Titre du", "offer_of_employment") == ("job_title",)
    assert index.fields_for("Nom / Surname", "passport") == ("family_name",)  # the precise half
    assert index.fields_for("Code CNP 2021", "offer_of_employment") == ("noc_code",)
    assert index.fields_for("Toronto / Mississauga", "offer_of_employment") == ()


# -- scans and forms -------------------------------------------------------------------------------------------


def test_ocr_read_machine_readable_zone_is_repaired_by_its_check_digits():
    from doccheck.extract import mrz

    found = mrz.parse_mrz(["P<KORPARK<<MINJUN<<<<<<cccccceccccccccccecce",  # fillers read as letters
                           "M151638718K0R9202140M34013 10<<<<<<<<<<<<<<Q4"])  # "O" read "0", a stray space
    assert found == {"passport_number": "M15163871", "citizenship": "KOR", "passport_expiry": "2034-01-31",
                     "family_name": "Park", "given_name": "Minjun"}
    # one digit of the number misread: its check digit no longer holds, so nothing is read
    assert mrz.parse_mrz(["P<KORPARK<<MINJUN<<<<<<cccccceccccccccccecce", "M151688718K0R9202140M34013 10<<<<<<<<<<<<<<Q4"]) == {}


def test_passport_number_box_read_with_the_type_and_state_boxes():
    from doccheck.extract.values import parse_value

    assert parse_value("passport", "P BRA FX240183").value == "FX240183"
    assert parse_value("passport", "KOR M15163871").value == "M15163871"
    assert parse_value("passport", "A0983 4521").value == "A0983 4521"  # inner spaces stay: IRCC matches exactly


def test_dates_asked_in_three_boxes_are_one_date():
    from doccheck.extract.fields import _joined_dates
    from doccheck.readers.base import FormValue

    prefix = "form1[0].Page3[0].DetailsOfWork[0].Duration[0]."
    values = [FormValue(prefix + "FromYr[0]", "2027", "2027", 3, "From: YYYY"), FormValue(prefix + "FromMM[0]", "5", "5", 3, "MM"),
              FormValue(prefix + "FromDD[0]", "02", "02", 3, "DD"), FormValue("form1[0].Page3[0].City[0]", "Ottawa", "Ottawa", 3, "City/Town")]
    joined = _joined_dates(values)
    assert [(v.label, v.value) for v in joined] == [("From", "2027-05-02"), ("City/Town", "Ottawa")]


def test_printed_email_signature_is_no_addressee(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "Fwd_ offer.pdf", [
        "From: Geneviève Roy <genevieve.roy@westerly.example>",
        "To: kenji.watanabe@mail.example",
        "Date: August 19, 2026 at 9:23",
        "Subject: Offer - Director, Information Technology",
        "Hi Kenji,",
        "We are pleased to offer you the position of Director, Information Technology with Westerly Systems Canada Inc.",
        "Please sign and return the attached offer letter to accept this offer.",
        "Geneviève Roy",
        "Talent Acquisition | Westerly Systems | (204) 416-4970",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "Fwd_ offer.pdf").get("worker_name") != "Geneviève Roy"
    assert "worker_name" not in flagged(report)


def test_one_word_titles_in_french_and_english():
    assert titles_match("Welder", "Soudeur")
    assert not titles_match("Software Developer", "Software Engineer")  # two English titles: two jobs
    assert not titles_match("Cook", "Chef")


def test_employer_defined_after_an_address_is_not_the_province(tmp_path):
    text_pdf(tmp_path / "contract.pdf", [
        "EMPLOYMENT CONTRACT",
        "Coastal Genomics Corp., 1055 West Georgia Street, Vancouver, British Columbia (the \"Employer\")",
        "and Ana Lima (the \"Employee\") agree that the Employee shall work as Bioinformatician.",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "contract.pdf").get("employer_name") != "Columbia"


def test_reciprocity_letter_that_confirms_the_worker():
    from doccheck.extract.knowledge import prose_patterns

    text = "This letter confirms that Haruto Saito, a citizen of Japan, has been selected under the exchange."
    found = [p.search_filtered(text, text.casefold(), False) for p, _, kinds, _ in prose_patterns()["worker_name"]
             if kinds is None or "reciprocity_letter" in kinds]
    assert any(m and m.group("v") == "Haruto Saito" for m in found)


def test_signature_line_and_noc_statement_values():
    from doccheck.extract.values import parse_value

    assert parse_value("name", "______________________ (Aoife Brennan)").value == "Aoife Brennan"
    assert parse_value("title", "NOC 2021 21399 - Other professional engineers") is None  # a group, not the job's title
    assert parse_value("title", "______________") is None
    assert parse_value("title", "Software Developer (NOC 21232)").value == "Software Developer"


def test_consultant_named_above_the_firm_is_no_worker(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "submission.pdf", [
        "Stellar Route Immigration Inc.",
        "November 20, 2026",
        "Linnea Holm",
        "RCIC-IRB, Stellar Route Immigration Inc.",
        "Re: Significant benefit submission for Kenji Watanabe",
        "We act for Westerly Systems Canada Inc. (the \"Employer\"), which offers Kenji Watanabe the position of",
        "Director, Information Technology; the work will create 12 jobs for Canadians in Manitoba.",
    ])
    _, report = run_check(str(tmp_path))
    assert document_fields(report, "submission.pdf").get("worker_name") != "Linnea Holm"
    assert "worker_name" not in flagged(report)
