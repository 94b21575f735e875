"""Files as representatives and forms write them: a law firm's submission letter names its own firm in the
letterhead, an application form states the worker's city of birth before the job's city, and a contract
follows the job title with its NOC in words."""

from __future__ import annotations

from conftest import document_fields, document_named, flagged, run_check
from documents import text_pdf

OE_LINES = [
    "Offer of Employment – Employer Portal",
    "Offer of employment number: A4725694",
    "LMIA exemption code: C63",
    "Employer legal name: Lakeshore Analytics Inc.",
    "Job title: Software Developer",
    "NOC 2021: 21232",
    "Wage: $52.00 per hour",
    "Hours per week: 40",
    "Work location: Moncton, New Brunswick",
    "Start date: 2027-02-01",
    "End date: 2029-01-31",
    "Family name: OLIVEIRA SANTOS",
    "Given name(s): Rafael",
    "Country of citizenship: Brazil",
    "Passport number: GB4417209",
]

SUBMISSION_LINES = [
    "Castellane Immigration Counsel Inc.",
    "Regulated Canadian Immigration Consultants",
    "10303 Jasper Avenue NW, Suite 2010",
    "Edmonton, Alberta T5J 3N6",
    "2026-10-19",
    "Re: Employer-specific work permit application – Rafael OLIVEIRA SANTOS – Offer of Employment A4725694",
    "Dear Officer:",
    'We act for Lakeshore Analytics Inc. (the "Employer") in connection with the above work permit application.',
    "Position | Software Developer",
    "Work location | Moncton, New Brunswick",
    "Yours truly,",
    "Sofia Castellane, RCIC",
    "Castellane Immigration Counsel Inc.",
]


def test_submission_by_a_representative_names_the_client_as_employer(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "cover_letter.pdf", SUBMISSION_LINES)
    _, report = run_check(str(tmp_path))
    letter = document_named(report, "cover_letter.pdf")
    assert letter["fields"]["employer_name"]["value"] == "Lakeshore Analytics Inc."
    assert "employer_name" not in flagged(report)


def test_submission_for_another_employer_is_flagged(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "cover_letter.pdf", [line.replace("We act for Lakeshore Analytics Inc.", "We act for Lakeshore Robotics Ltd.")
                                             for line in SUBMISSION_LINES])
    _, report = run_check(str(tmp_path))
    assert "employer_name" in flagged(report)


APPLICATION_LINES = [
    "APPLICATION FOR WORK PERMIT MADE OUTSIDE OF CANADA",
    "Personal details",
    "Full name – Family name(s) | OLIVEIRA SANTOS",
    "Full name – Given name(s) | RAFAEL",
    "City/Town of birth | Curitiba",
    "Citizenship | Brazil",
    "Passport number | GB4417209",
    "Details of intended job in Canada",
    "Name of employer | Lakeshore Analytics Inc.",
    "Address where you will work – City/Town | Moncton",
    "Address where you will work – Province/territory | New Brunswick",
    "Job title | Software Developer",
    "LMIA number or Offer of Employment number | A4725694",
    "Employment – past 10 years",
    "Activity / occupation | Front-end Developer",
    "City/Town | Curitiba",
]


def test_application_city_of_birth_is_not_the_work_location(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "application.pdf", APPLICATION_LINES)
    _, report = run_check(str(tmp_path))
    place = document_fields(report, "application.pdf")["work_location"]
    assert (place["city"], place["province"]) == ("Moncton", "NB")
    assert "work_location" not in flagged(report)


def test_title_followed_by_its_noc_in_words(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "agreement.pdf", [
        "EMPLOYMENT AGREEMENT",
        "1.1 The Employer shall employ the Employee in the position of Software Developer (National Occupational",
        "Classification 21232). The Employee shall report to the Chief Technology Officer.",
    ])
    _, report = run_check(str(tmp_path))
    agreement = document_named(report, "agreement.pdf")
    assert agreement["fields"]["job_title"]["value"] == "Software Developer"
    assert "job_title" not in flagged(report)
