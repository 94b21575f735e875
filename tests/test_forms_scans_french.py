"""What real files hold: XFA and AcroForm applications, scanned PDFs and images, French letters."""

from __future__ import annotations

import pytest

from conftest import flagged, run_check
from documents import docx_letter, fillable_pdf, scanned_pdf, tesseract_missing, text_pdf
from xfa_builder import build_xfa_pdf

# The offer as the Employer Portal printout states it (matches xfa_builder's default answers).
OE_LINES = [
    "Offer of Employment – Employer Portal",
    "Offer of employment number: A1234567",
    "LMIA exemption code: C63",
    "Employer legal name: Aurora Fieldworks Robotics Inc.",
    "Job title: Robotics Software Developer",
    "NOC 2021: 21232",
    "Wage: $52.00 per hour",
    "Hours per week: 40",
    "Work location: Calgary, Alberta",
    "Start date: 2027-03-01",
    "End date: 2029-02-28",
    "Family name: VELLANKI-TESTWOOD",
    "Given name(s): Anika",
    "Country of citizenship: India",
    "Passport number: Z7741093",
]
needs_tesseract = pytest.mark.skipif(tesseract_missing(), reason="Tesseract OCR is not installed")


def test_xfa_application_agrees_with_the_offer(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    build_xfa_pdf(tmp_path / "imm1295.pdf")
    code, report = run_check(str(tmp_path))
    application = next(d for d in report["documents"] if d["path"] == "imm1295.pdf")
    assert application["kind"] == "work_permit_application"
    assert application["form"].startswith("IMM 1295")
    assert application["fields"]["citizenship"]["value"] == "IN"
    assert "205" in application["fields"]["citizenship"]["evidence"]  # the raw IRCC code is kept
    assert application["fields"]["work_location"]["value"]["province"] == "AB"
    assert flagged(report) == set()


def test_xfa_passport_number_that_differs_from_the_offer_is_flagged(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    build_xfa_pdf(tmp_path / "scan_0003.pdf", form="IMM 5710", version=".ENU-06-2019", answers={"passport_number": "Z7741098"})
    code, report = run_check(str(tmp_path))
    assert code == 1
    assert "passport_number" in flagged(report)


def test_acroform_values_are_read_from_form_fields(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    fillable_pdf(tmp_path / "application.pdf", [
        ("FamilyName", "Family name (as shown on passport)", "VELLANKI-TESTWOOD"),
        ("GivenName", "Given name(s)", "Anika"),
        ("PassportNum", "Passport number", "Z7741093"),
        ("Citizenship", "Country of citizenship", "India"),
        ("JobTitle", "Job title", "Robotics Software Developer"),
        ("OfferNumber", "LMIA number or offer of employment number", "A1234576"),
    ])
    code, report = run_check(str(tmp_path))
    application = next(d for d in report["documents"] if d["path"] == "application.pdf")
    assert application["fields"]["passport_number"]["value"] == "Z7741093"
    assert application["fields"]["worker_name"]["value"] == "Anika Vellanki-Testwood"
    assert flagged(report) == {"oe_number"}


def test_acroform_fields_keep_their_page_tooltip_and_ticked_boxes(tmp_path):
    # Plain AcroForms are read through pdfium while it loads each page; pypdf reads the same fields
    # (and reads XFA forms): both must give the same names, values, pages and tooltips.
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    from doccheck.readers.acroform import read_acroform
    from doccheck.readers.pdf import read_pdf

    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.acroForm.textfield(name="FamilyName", tooltip="Family name", value="OKAFOR", x=300, y=700, width=200, height=16)
    c.acroForm.textfield(name="Empty", tooltip="Left blank", value="", x=300, y=670, width=200, height=16)
    c.acroForm.checkbox(name="Accompanied", tooltip="Accompanied by family", checked=True, x=300, y=640)
    c.acroForm.checkbox(name="Previously", tooltip="Applied before", checked=False, x=300, y=610)
    c.showPage()
    c.acroForm.textfield(name="JobTitle", tooltip="Job title", value="Data  Analyst", x=300, y=700, width=200, height=16)
    for value, y in (("Single", 660), ("Married", 630)):
        c.acroForm.radio(name="Marital", tooltip="Marital status", value=value, selected=value == "Married", x=300, y=y)
    c.showPage()
    c.save()

    read = {(v.name, v.value, v.page, v.label) for v in read_pdf(path, "form.pdf").form_values}
    assert read == {
        ("FamilyName", "OKAFOR", 1, "Family name"),
        ("Accompanied", "Yes", 1, "Accompanied by family"),
        ("JobTitle", "Data Analyst", 2, "Job title"),
        ("Marital", "Married", 2, "Marital status"),
    }
    assert read == {(v.name, v.value, v.page, v.label) for v in read_acroform(PdfReader(str(path)))}


@needs_tesseract
def test_scanned_offer_is_read_by_ocr_and_its_wage_compared(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    scanned_pdf(tmp_path / "scan_0001.pdf", [
        "Aurora Fieldworks Robotics Inc.",
        "Dear Anika Vellanki-Testwood,",
        "Job title: Robotics Software Developer",
        "Wage: $48.00 per hour",
        "Start date: March 1, 2027",
        "Work location: Calgary, Alberta",
    ])
    code, report = run_check(str(tmp_path))
    scan = next(d for d in report["documents"] if d["path"] == "scan_0001.pdf")
    wage = scan["fields"]["wage"]
    assert wage["value"]["hourly"] == 48.0
    assert "ocr" in wage["method"] and any("OCR" in n for n in wage["notes"])
    assert wage["confidence"] < 0.9
    assert "wage" in flagged(report)


@needs_tesseract
def test_png_photo_of_a_letter_is_a_document(tmp_path):
    from documents import page_image

    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    page_image(["Offer letter", "Job title: Robotics Software Developer", "Start date: 2027-04-01", "Work location: Calgary, AB"]).save(tmp_path / "IMG_2231.png")
    code, report = run_check(str(tmp_path))
    photo = next(d for d in report["documents"] if d["path"] == "IMG_2231.png")
    assert photo["fields"]["start_date"]["value"] == "2027-04-01"
    assert "start_date" in flagged(report)


def test_french_offer_letter_normalises_to_the_same_fields(tmp_path):
    text_pdf(tmp_path / "oe.pdf", OE_LINES)
    docx_letter(tmp_path / "lettre_offre.docx", [
        "Aurora Fieldworks Robotics Inc.",
        "Madame Anika Vellanki-Testwood,",
        "Nous avons le plaisir de vous offrir le poste de Robotics Software Developer (CNP 21232).",
        "Lieu de travail : Calgary (Alberta)",
        "Date d'entrée en fonction : 1er mars 2027",
        "Salaire : 108 160 $ par année, 40 heures par semaine",
        "Durée : vingt-quatre (24) mois",
    ])
    code, report = run_check(str(tmp_path))
    letter = next(d for d in report["documents"] if d["path"] == "lettre_offre.docx")
    fields = {k: v["value"] for k, v in letter["fields"].items()}
    assert letter["kind"] == "offer_letter" and letter["language"] == "fr"
    assert fields["start_date"] == "2027-03-01"
    assert fields["wage"]["hourly"] == 52.0
    assert fields["work_location"] == {"city": "Calgary", "province": "AB", "postal_code": None}
    assert fields["noc_code"] == "21232" and fields["duration_months"] == 24
    assert flagged(report) == set()
