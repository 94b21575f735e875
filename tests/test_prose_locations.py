"""Work locations stated in running text: the sentence that names the place of work, not the employer's
registered office, and city names that start with "St." read whole; a résumé is not a credential."""

from __future__ import annotations

import pytest

from conftest import document_fields, document_named, flagged, run_check
from documents import text_pdf
from doccheck.extract.placefinder import find_places

OE_LINES = [
    "Offer of Employment – Employer Portal",
    "Offer of employment number: A7654321",
    "LMIA exemption code: C63",
    "Employer legal name: Tamarind Cloud Services Canada ULC",
    "Job title: Data Scientist",
    "NOC 2021: 21211",
    "Wage: $47.50 per hour",
    "Hours per week: 40",
    "Work location: 10 Fort William Place, St. John's, NL A1C 1K4",
    "Start date: 2027-05-03",
    "End date: 2028-05-02",
    "Family name: BECKER",
    "Given name(s): Jonas",
    "Country of citizenship: Germany",
    "Passport number: C4R7T9X2K",
]

# A contract's parties block names the employer's registered office (Calgary); the place-of-work clause,
# wrapped over two lines, names St. John's.
AGREEMENT_LINES = [
    "FIXED-TERM EMPLOYMENT AGREEMENT",
    "BETWEEN: TAMARIND CLOUD SERVICES CANADA ULC, a corporation with its registered office at 500 4 Ave",
    'SW, Unit 1200, Calgary, Alberta, T2P 2V6 (the "Employer")',
    'AND: Jonas Becker, of Leipzig, Germany (the "Employee")',
    "1. Position",
    "The Employer shall employ the Employee as Data Scientist.",
    "2. Term",
    "The employment commences on 2027-05-03 and terminates on 2028-05-02.",
    "3. Place of work",
    "The Employee shall work at the Employer's premises located at 10 Fort William Place, St. John's, Newfoundland and",
    "Labrador, A1C 1K4, and may travel for business.",
    "4. Remuneration",
    "The Employer shall pay the Employee $47.50 per hour for 40 hours per week.",
]


def test_agreement_place_of_work_is_read_and_the_registered_office_is_not(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "agreement.pdf", AGREEMENT_LINES)
    _, report = run_check(str(tmp_path))
    place = document_fields(report, "agreement.pdf")["work_location"]
    assert (place["city"], place["province"]) == ("St. John's", "NL")
    assert "work_location" not in flagged(report)


def test_agreement_naming_another_place_of_work_is_flagged(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    moved = [line.replace("10 Fort William Place, St. John's, Newfoundland and", "2000 Barrington Street, Halifax, Nova Scotia and")
             .replace("Labrador, A1C 1K4,", "B3J 3K1,") for line in AGREEMENT_LINES]
    text_pdf(tmp_path / "agreement.pdf", moved)
    _, report = run_check(str(tmp_path))
    agreement = document_named(report, "agreement.pdf")
    assert agreement["fields"]["work_location"]["value"]["city"] == "Halifax"
    assert "work_location" in flagged(report)


def test_province_initials_do_not_end_the_sentence(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    text_pdf(tmp_path / "offer.pdf", [
        "Dear Mr Becker,",
        "We are delighted to offer you the position of Data Scientist with Tamarind Cloud Services Canada ULC.",
        "You will be reporting to our Burnaby, B.C. office, reporting to Anika Patel, Director of Engineering.",
        "Your base compensation will be CAD $47.50/hr for 40 hours a week, starting 2027-05-03.",
    ])
    _, report = run_check(str(tmp_path))
    place = document_fields(report, "offer.pdf")["work_location"]
    assert (place["city"], place["province"]) == ("Burnaby", "BC")
    assert "work_location" in flagged(report)


@pytest.mark.parametrize("text,city,province", [
    ("at our office, 10 Fort William Place, St. John's, Newfoundland and Labrador A1C 1K4.", "St. John's", "NL"),
    ("based at 5 King St., Unit 4, St. Catharines, ON L2R 3H4", "St. Catharines", "ON"),
    ("at 200 Queen St, Hamilton, Ontario", "Hamilton", "ON"),
])
def test_city_after_a_street_abbreviation(text, city, province):
    place = find_places(text)[0]
    assert (place.city, place.province) == (city, province)


# -- a résumé is not the credential a code asks for -----------------------------------------------------

RESUME_LINES = [
    "Kevin Miller",
    "Chicago, Illinois · +1 312 555 0182 · kevin.miller@mail.example",
    "Professional Experience",
    "Senior Accountant — Lakeshore Partners LLP, Chicago (2019 – present)",
    "Staff Accountant — Union Ledger Inc., Chicago (2017 – 2019)",
    "Education",
    "Bachelor of Commerce (Accounting), Westbrook College, 2017",
    "Skills",
    "IFRS and US GAAP reporting; corporate tax; audit support",
]


def test_resume_naming_a_degree_does_not_stand_in_for_the_credential(tmp_path):
    import shutil

    from conftest import CASES

    case = tmp_path / "t36"
    shutil.copytree(CASES / "clean_t36_cusma", case)
    (case / "ECA_report.pdf").unlink()
    text_pdf(case / "Kevin_Miller.pdf", RESUME_LINES)
    _, report = run_check(str(case))
    resume = document_named(report, "Kevin_Miller.pdf")
    assert resume["kind"] == "other"
    missing = [f for f in report["findings"] if f["rule"] == "DC216"]
    assert missing and "credential" in missing[0]["message"]
