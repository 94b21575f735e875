"""Build synthetic IRCC XFA PDFs (IMM 1295, IMM 5710) shaped like real filled forms, for tests and fixtures.

Steps: draw the "Please wait..." page with reportlab; write the ten XFA packets (``xdp:xdp``, ``config``,
``template``, ``localeSet``, ``datasets``, ``xmpmeta``, ``xfdf``, ``PDFSecurity``, ``form``, ``</xdp:xdp>``)
as an ``/AcroForm/XFA`` array (or one XDP stream); encrypt with AES-128 and an empty user password, as
IRCC does. The ``datasets`` packet starts with an ``LOVFile`` of code lists, then ``xfa:data/form1``.

All people, employers and document numbers are invented. The code values (country, province and
permit-type codes) are a plausible, self-consistent choice kept here only: the reader must decode
with the lists inside each file, never with a table of its own.
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

PLACEHOLDER_TEXT = (
    "Please wait... If this message is not eventually replaced by the proper contents of the document, "
    "your PDF viewer may not be able to display this type of document."
)

COUNTRIES: dict[str, str] = {
    "022": "France", "045": "Brazil", "205": "India", "211": "Philippines", "241": "Nigeria",
    "251": "China", "461": "United States of America", "501": "Mexico", "511": "Canada", "612": "Australia",
}
PROVINCES: dict[str, tuple[str, str]] = {
    "01": ("NL", "Newfoundland and Labrador"), "02": ("PE", "Prince Edward Island"),
    "03": ("NS", "Nova Scotia"), "04": ("NB", "New Brunswick"), "05": ("QC", "Quebec"),
    "06": ("ON", "Ontario"), "07": ("MB", "Manitoba"), "08": ("SK", "Saskatchewan"),
    "09": ("AB", "Alberta"), "10": ("NT", "Northwest Territories"), "11": ("BC", "British Columbia"),
    "12": ("YT", "Yukon"), "13": ("NU", "Nunavut"),
}
PERMIT_TYPES: dict[str, str] = {
    "ELMO": "Exempt from Labour Market Impact Assessment", "LMOS": "Labour Market Impact Assessment Stream",
    "OWP": "Open Work Permit", "SAWP": "Seasonal Agricultural Worker Program",
    "SBC": "Start-up Business Class", "Other": "Other",
}
# A decoy list that also uses code 205: decoding must pick a list by name, not by the code alone.
LANGUAGES: dict[str, str] = {"001": "English", "002": "French", "205": "Tamil", "301": "Spanish"}

DEFAULT_ANSWERS: dict[str, str] = {
    "family_name": "Vellanki-Testwood",
    "given_name": "Anika",
    "citizenship": "205",
    "passport_number": "Z7741093",
    "passport_expiry": "2031-06-30",
    "permit_type": "ELMO",
    "employer_name": "Aurora Fieldworks Robotics Inc.",
    "employer_address": "400 Sample Ave SW, Calgary AB T2P 0X9",
    "job_title": "Robotics Software Developer",
    "duties": "Designs and tests control software for agricultural robots.",
    "start_date": "2027-03-01",
    "end_date": "2029-02-28",
    "lmo": "A1234567",
    "work_city": "Calgary",
    "work_province": "09",
    "work_address": "400 Sample Ave SW",
}

# Data path (below form1) of each answer, per form.
PATHS: dict[str, dict[str, str]] = {
    "IMM 1295": {
        "family_name": "Page1/PersonalDetails/Name/FamilyName",
        "given_name": "Page1/PersonalDetails/Name/GivenName",
        "citizenship": "Page1/PersonalDetails/Citizenship/Citizenship",
        "passport_number": "Page2/MaritalStatus/SectionA/Passport/PassportNum/PassportNum",
        "passport_expiry": "Page2/MaritalStatus/SectionA/Passport/ExpiryDate",
        "permit_type": "Page3/DetailsOfIntendedWork/DetailsOfWork/TypeofWork/WorkPermitType",
        "employer_name": "Page3/DetailsOfIntendedWork/DetailsOfWork/PurposeRow1/EmployerName/EmployerName",
        "employer_address": "Page3/DetailsOfIntendedWork/DetailsOfWork/PurposeRow1/Address/Address",
        "work_province": "Page3/IntendedLocationInCanada/intendedLocation/ProvinceState/ProvinceState",
        "work_city": "Page3/IntendedLocationInCanada/intendedLocation/CityTown/CityTown",
        "work_address": "Page3/IntendedLocationInCanada/intendedLocation/Address",
        "job_title": "Page3/DetailsOfWorkCont/details/jobTitle",
        "duties": "Page3/DetailsOfWorkCont/details/posDesc",
        "start_date": "Page3/DetailsOfWorkCont/details/HowLongStudy/FromDate",
        "end_date": "Page3/DetailsOfWorkCont/details/HowLongStudy/ToDate",
        "lmo": "Page3/DetailsOfWorkCont/details/LMO/LMO",
    },
    "IMM 5710": {
        "family_name": "Page1/PersonalDetails/Name/FamilyName",
        "given_name": "Page1/PersonalDetails/Name/GivenName",
        "citizenship": "Page1/PersonalDetails/Citizenship/Citizenship",
        "passport_number": "Page2/Passport/PassportNum",
        "passport_expiry": "Page2/Passport/ExpiryDate",
        "permit_type": "Page3/DetailsOfWork/Type/WorkPermitType",
        "employer_name": "Page3/DetailsOfWork/Employer/Name",
        "employer_address": "Page3/DetailsOfWork/Employer/Addr",
        "work_province": "Page3/DetailsOfWork/Location/Prov",
        "work_city": "Page3/DetailsOfWork/Location/City",
        "work_address": "Page3/DetailsOfWork/Location/Addr",
        "job_title": "Page3/DetailsOfWork/Occupation/Job",
        "duties": "Page3/DetailsOfWork/Occupation/Desc",
        "start_date": "Page3/DetailsOfWork/Duration/FromDate",
        "end_date": "Page3/DetailsOfWork/Duration/ToDate",
        "lmo": "Page3/DetailsOfWork/Duration/LMO",
    },
}

# Answers every filled form has besides the mapped ones, including a past job (work history) with
# another employer and city: the reader must never take those for the offered job.
BACKGROUND: dict[str, dict[str, str]] = {
    "IMM 1295": {
        "Page1/PersonalDetails/UCIClientID": "",
        "Page1/PersonalDetails/ServiceIn/ServiceIn": "01",
        "Page1/PersonalDetails/Sex/Sex": "F",
        "Page1/PersonalDetails/DOBYear": "1992",
        "Page1/MaritalStatus/SectionA/MaritalStatus": "06",
        "Page1/MaritalStatus/SectionA/FamilyName": "",
        "Page2/MaritalStatus/SectionA/Languages/languages/nativeLang/nativeLang": "205",
        "Page2/MaritalStatus/SectionA/Passport/CountryofIssue/CountryofIssue": "205",
        "Page3/PageWrapper/Occupation/OccupationRow1/FromYear": "2019",
        "Page3/PageWrapper/Occupation/OccupationRow1/Occupation/Occupation": "Junior Test Engineer",
        "Page3/PageWrapper/Occupation/OccupationRow1/Employer": "Sundial Automation Pvt. Ltd.",
        "Page3/PageWrapper/Occupation/OccupationRow1/CityTown/CityTown": "Pune",
        "Page3/PageWrapper/Occupation/OccupationRow1/Country/Country": "205",
        "Page4/BackgroundInfo/Choice": "N",
    },
    "IMM 5710": {
        "Page1/PersonalDetails/ServiceIn/ServiceIn": "01",
        "Page1/PersonalDetails/Sex/Sex": "F",
        "Page1/MaritalStatus/SectionA/MaritalStatus": "06",
        "Page2/Passport/CountryofIssue": "205",
        "Page4/Employment/OccupationRow1/Occupation/Occupation": "Junior Test Engineer",
        "Page4/Employment/OccupationRow1/Employer": "Sundial Automation Pvt. Ltd.",
        "Page4/Employment/OccupationRow1/CityTown/CityTown": "Pune",
        "Page4/Employment/OccupationRow1/Country/Country": "205",
    },
}

FORM_TITLES: dict[str, str] = {
    "IMM 1295": "Application for Work Permit Made Outside of Canada",
    "IMM 5710": "Application to Change Conditions, Extend my Stay or Remain in Canada as a Worker",
}


def build_xfa_pdf(
    path: Path,
    form: str = "IMM 1295",
    version: str = ".ENU-10-2019",
    answers: dict[str, str] | None = None,
    encrypt: bool = True,
    user_password: str = "",
    *,
    single_stream: bool = False,
    paths: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
    split_dates: bool = False,
    title_in_xmp: bool = True,
    with_lov: bool = True,
) -> Path:
    """Write a synthetic filled IRCC XFA PDF and return its path.

    Args:
        answers: pseudo-field -> value, merged over DEFAULT_ANSWERS (codes for coded fields:
            citizenship "205", work_province "09", permit_type "ELMO"); a value of None drops it.
        single_stream: the whole XDP as one /XFA stream instead of the name/stream array.
        paths: pseudo-field -> data path below form1, overriding PATHS (layout drift).
        extra: more data path -> value pairs.
        split_dates: dates as YYYY/MM/DD sub-nodes instead of "YYYY-MM-DD".
        title_in_xmp: name the form in the XMP packet and the PDF title (off: only FormVersion).
        with_lov: include the LOVFile code lists.
    """
    merged = {**DEFAULT_ANSWERS, **(answers or {})}
    layout = {**PATHS[form], **(paths or {})}
    data = {"Page1/FormVersion": version, **BACKGROUND[form]}
    for key, value in merged.items():
        if value is not None and key in layout:
            data.update(_answer_nodes(layout[key], value, split_dates and key.endswith(("_date", "_expiry"))))
    data.update(extra or {})
    packets = xfa_packets(form, version, data, title_in_xmp=title_in_xmp, with_lov=with_lov)
    title = f"{form} E : {FORM_TITLES[form]}" if title_in_xmp else ""
    path.write_bytes(_pdf_with_xfa(packets, single_stream, title, user_password if encrypt else None))
    return path


def xfa_packets(
    form: str, version: str, data: dict[str, str], *, title_in_xmp: bool = True, with_lov: bool = True
) -> list[tuple[str, bytes]]:
    """The ten XFA packets of a filled form, in the order IRCC files use."""
    title = f"{form} E : {FORM_TITLES[form]}" if title_in_xmp else "Form"
    uuid = secrets.token_hex(16)
    return [
        ("xdp:xdp", f'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/" timeStamp="2024-01-15T10:00:00Z" '
                    f'uuid="{uuid}">'.encode()),
        ("config", b'<config xmlns="http://www.xfa.org/schema/xci/3.0/"><agent name="designer">'
                   b"<destination>pdf</destination></agent><present><pdf><version>1.7</version>"
                   b"</pdf></present></config>"),
        ("template", _template(data)),
        ("localeSet", b'<localeSet xmlns="http://www.xfa.org/schema/xfa-locale-set/2.7/">'
                      b'<locale name="en_CA" desc="English (Canada)"/></localeSet>'),
        ("datasets", datasets_xml(data, with_lov=with_lov)),
        ("xmpmeta", _xmp(title)),
        ("xfdf", b'<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve"><annots/></xfdf>'),
        ("PDFSecurity", b'<pdfSecurity xmlns="http://ns.adobe.com/xtd/" version="1.0">'
                        b"<print>1</print><change>0</change></pdfSecurity>"),
        ("form", f'<form checksum="{secrets.token_urlsafe(20)}" '
                 f'xmlns="http://www.xfa.org/schema/xfa-form/2.8/"></form>'.encode()),
        ("</xdp:xdp>", b"</xdp:xdp>"),
    ]


def datasets_xml(data: dict[str, str], *, with_lov: bool = True, root: str = "form1") -> bytes:
    """A datasets packet: LOVFile code lists, then xfa:data/form1 with the answers (path -> value)."""
    lov = lov_file_xml() if with_lov else ""
    return (
        '<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/">'
        f"{lov}<xfa:data>{_tree_xml({root: _nest(data)})}</xfa:data></xfa:datasets>"
    ).encode("utf-8")


def lov_file_xml() -> str:
    """The LOVFile: code lists named like IRCC's (CountryOfCitizenshipList, ProvinceAbbrevList, ...)."""
    lists = {
        ("CountryOfCitizenshipList", "CountryOfCitizenship"): COUNTRIES,
        ("CountryList", "Country"): COUNTRIES,
        ("ProvinceList", "Province"): {code: name for code, (_, name) in PROVINCES.items()},
        ("ProvinceAbbrevList", "ProvinceAbbrev"): {code: abbrev for code, (abbrev, _) in PROVINCES.items()},
        ("WorkPermitTypeList", "WorkPermitType"): PERMIT_TYPES,
        ("LanguageList", "Language"): LANGUAGES,
        ("MaritalStatusList", "MaritalStatus"): {"01": "Married", "05": "Divorced", "06": "Never Married/Single"},
    }
    body = "".join(
        f"<{name}>" + "".join(f"<{entry} lic={quoteattr(code)}>{escape(text)}</{entry}>"
                              for code, text in entries.items()) + f"</{name}>"
        for (name, entry), entries in lists.items()
    )
    return f"<LOVFile><LOV>{body}</LOV></LOVFile>"


def _answer_nodes(path: str, value: str, split: bool) -> dict[str, str]:
    if not split:
        return {path: value}
    year, month, day = value.split("-")
    return {f"{path}/{path.rsplit('/', 1)[-1]}YYYY": year, f"{path}/MM": month, f"{path}/DD": day}


def _nest(data: dict[str, str]) -> dict:
    tree: dict = {}
    for path, value in data.items():
        *groups, leaf = path.split("/")
        node = tree
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = value
    return tree


def _tree_xml(tree: dict) -> str:
    return "".join(
        f"<{name}>{_tree_xml(value) if isinstance(value, dict) else escape(value)}</{name}>"
        for name, value in tree.items()
    )


def _template(data: dict[str, str]) -> bytes:
    pages = sorted({path.split("/", 1)[0] for path in data})
    subforms = "".join(f'<subform name="{page}"><field name="FormVersion"/></subform>' for page in pages)
    return (f'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/">'
            f'<subform name="form1" layout="tb">{subforms}</subform></template>').encode()


def _xmp(title: str) -> bytes:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()


def _placeholder_pdf(pages: int = 3) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for number in range(pages):
        if number == 0:
            text = pdf.beginText(40, 720)
            text.setFont("Helvetica", 11)
            cut = PLACEHOLDER_TEXT.index(" the proper")
            for line in (PLACEHOLDER_TEXT[:cut], PLACEHOLDER_TEXT[cut + 1:]):
                text.textLine(line)
            pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf_with_xfa(
    packets: list[tuple[str, bytes]], single_stream: bool, title: str, user_password: str | None
) -> bytes:
    """The placeholder pages plus /AcroForm/XFA; AES-128 encrypted unless user_password is None."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, BooleanObject, DecodedStreamObject, DictionaryObject,
                               NameObject, TextStringObject)

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_placeholder_pdf())))

    def stream(data: bytes):
        obj = DecodedStreamObject()
        obj.set_data(data)
        return writer._add_object(obj.flate_encode())

    if single_stream:
        xfa = stream(b"".join(data for _, data in packets))
    else:
        xfa = ArrayObject()
        for name, data in packets:
            xfa.extend([TextStringObject(name), stream(data)])
    acro_form = DictionaryObject({NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): xfa})
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(acro_form)
    writer._root_object[NameObject("/NeedsRendering")] = BooleanObject(True)
    if title:
        writer.add_metadata({"/Title": title})
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password=secrets.token_hex(16), algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
