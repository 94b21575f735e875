"""Tests for doccheck.readers.xfa: IRCC XFA packets, code-list decoding, form identification, field mapping.

PDFs are built by tests/xfa_builder.py (encrypted with an empty user password, as IRCC files are);
parsing and decoding are also tested on hand-written datasets XML. All people and numbers are invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from xfa_builder import build_xfa_pdf, datasets_xml, lov_file_xml  # noqa: E402

from doccheck.readers.base import UnreadableDocument  # noqa: E402
from doccheck.readers.xfa import (  # noqa: E402
    CodeList,
    XfaError,
    decode_code,
    has_xfa,
    identify_form,
    is_xfa_placeholder,
    load_mappings,
    map_values,
    parse_datasets,
    read_xfa,
)

IMM5710 = {"form": "IMM 5710", "version": ".ENU-06-2019"}


def _read(tmp_path: Path, **kwargs) -> tuple[dict[str, object], object]:
    """Build a PDF, read its XFA, return (canonical -> FormValue, XfaResult)."""
    path = build_xfa_pdf(tmp_path / "application.pdf", **kwargs)
    result = read_xfa(PdfReader(str(path)))
    assert result is not None
    return {value.canonical: value for value in result.values}, result


def _mapping(form: str):
    return next(mapping for mapping in load_mappings() if mapping.form == form)


# --- PDF access ---------------------------------------------------------------------------------


def test_read_xfa_opens_encrypted_file_with_empty_user_password(tmp_path: Path) -> None:
    path = build_xfa_pdf(tmp_path / "imm1295.pdf")
    reader = PdfReader(str(path))
    assert reader.is_encrypted
    assert has_xfa(reader)
    result = read_xfa(reader)
    assert result is not None and result.values
    assert result.packets == ["xdp:xdp", "config", "template", "localeSet", "datasets", "xmpmeta", "xfdf",
                              "PDFSecurity", "form", "</xdp:xdp>"]


def test_read_xfa_refuses_file_needing_a_user_password(tmp_path: Path) -> None:
    path = build_xfa_pdf(tmp_path / "locked.pdf", user_password="s3cret-synthetic")
    with pytest.raises(UnreadableDocument, match="password-protected PDF"):
        read_xfa(PdfReader(str(path)))


def test_read_xfa_works_on_a_reader_already_decrypted(tmp_path: Path) -> None:
    reader = PdfReader(str(build_xfa_pdf(tmp_path / "imm1295.pdf")))
    reader.decrypt("")
    assert read_xfa(reader).form == "IMM 1295 (.ENU-10-2019)"


def test_read_xfa_reads_unencrypted_file(tmp_path: Path) -> None:
    values, result = _read(tmp_path, encrypt=False)
    assert values["passport_number"].value == "Z7741093"


def test_read_xfa_reads_whole_xdp_in_one_stream(tmp_path: Path) -> None:
    values, result = _read(tmp_path, single_stream=True)
    assert result.packets == ["xdp"]
    assert result.form == "IMM 1295 (.ENU-10-2019)"
    assert values["citizenship"].value == "India"


def test_read_xfa_returns_none_without_xfa(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "plain.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Offer of employment")
    pdf.save()
    reader = PdfReader(str(path))
    assert not has_xfa(reader)
    assert read_xfa(reader) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # the English placeholder IRCC forms show outside Adobe Reader
        ("Please wait... If this message is not eventually replaced by the proper contents of the document,"
         " your PDF viewer may not be able to display this type of document.", True),
        # line-wrapped as text extraction returns it
        ("Please wait...\nIf this message is not eventually replaced by the proper contents", True),
        # ordinary letter text
        ("Please wait for our call about your start date.", False),
    ],
)
def test_is_xfa_placeholder_recognises_please_wait_page(text: str, expected: bool) -> None:
    assert is_xfa_placeholder(text) is expected


def test_builder_draws_placeholder_on_first_page(tmp_path: Path) -> None:
    reader = PdfReader(str(build_xfa_pdf(tmp_path / "imm1295.pdf")))
    reader.decrypt("")
    assert is_xfa_placeholder(reader.pages[0].extract_text())


# --- forms and versions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        # IMM 1295 named in the XMP packet and title, version in FormVersion
        ({}, "IMM 1295 (.ENU-10-2019)"),
        # IMM 5710 likewise
        (IMM5710, "IMM 5710 (.ENU-06-2019)"),
        # no form number anywhere: known by its data layout
        ({"title_in_xmp": False}, "IMM 1295 (.ENU-10-2019)"),
        ({**IMM5710, "title_in_xmp": False}, "IMM 5710 (.ENU-06-2019)"),
        # a version written the way the printed footer shows it
        ({"version": "IMM 1295 (10-2019) E"}, "IMM 1295 (10-2019)"),
    ],
)
def test_read_xfa_recognises_form_and_version(tmp_path: Path, kwargs: dict, expected: str) -> None:
    _, result = _read(tmp_path, **kwargs)
    assert result.form == expected


def test_identify_form_warns_when_known_only_by_layout(tmp_path: Path) -> None:
    _, result = _read(tmp_path, title_in_xmp=False)
    assert any("data layout" in warning for warning in result.warnings)


def test_identify_form_names_unmapped_ircc_form_without_mapping() -> None:
    datasets = parse_datasets(datasets_xml({"Page1/FormVersion": "IMM 5257 (12-2023) E", "Page1/X": "y"}))
    mapping, form, _ = identify_form(datasets, [], load_mappings())
    assert mapping is None
    assert form == "IMM 5257 (12-2023)"


def test_identify_form_returns_none_for_unknown_layout() -> None:
    datasets = parse_datasets(datasets_xml({"Section/Field": "value"}))
    assert identify_form(datasets, [], load_mappings())[:2] == (None, None)


# --- decoding -----------------------------------------------------------------------------------


def test_read_xfa_decodes_citizenship_and_keeps_raw_code(tmp_path: Path) -> None:
    values, _ = _read(tmp_path)
    assert values["citizenship"].value == "India"
    assert values["citizenship"].raw == "205"


def test_read_xfa_decodes_province_code_to_abbreviation(tmp_path: Path) -> None:
    values, _ = _read(tmp_path)
    assert values["work_province"].value == "AB"
    assert values["work_province"].raw == "09"


@pytest.mark.parametrize(
    "answers, field, expected",
    [
        # another country code
        ({"citizenship": "501"}, "citizenship", "Mexico"),
        # a code with a leading zero
        ({"citizenship": "022"}, "citizenship", "France"),
        # British Columbia
        ({"work_province": "11"}, "work_province", "BC"),
        # work-permit type code
        ({"permit_type": "OWP"}, "permit_type", "Open Work Permit"),
        # an answer already stored as its display text stays as it is
        ({"permit_type": "Open Work Permit"}, "permit_type", "Open Work Permit"),
    ],
)
def test_read_xfa_decodes_codes_with_the_files_own_lists(
    tmp_path: Path, answers: dict, field: str, expected: str
) -> None:
    values, _ = _read(tmp_path, answers=answers)
    assert values[field].value == expected


def test_read_xfa_keeps_unknown_code_and_says_so(tmp_path: Path) -> None:
    values, result = _read(tmp_path, answers={"citizenship": "999"})
    citizenship = values["citizenship"]
    assert citizenship.value == citizenship.raw == "999"
    assert any("999" in note and "not found" in note for note in result.notes[citizenship.name])


def test_read_xfa_keeps_codes_when_file_has_no_lovfile(tmp_path: Path) -> None:
    values, result = _read(tmp_path, with_lov=False)
    assert values["citizenship"].value == "205"
    assert result.notes[values["citizenship"].name]


def test_decode_code_prefers_list_named_like_the_field_over_decoy() -> None:
    lists = parse_datasets(datasets_xml({"A": "b"})).code_lists
    # "205" is also Tamil in the LanguageList decoy
    assert decode_code("205", lists, ["CountryOfCitizenship"]).value == "India"
    assert decode_code("205", lists, ["Language"]).value == "Tamil"


def test_decode_code_refuses_ambiguous_code_in_unrelated_lists() -> None:
    lists = [CodeList("AList", "A", {"7": "Seven"}), CodeList("BList", "B", {"7": "Sieben"})]
    decoded = decode_code("7", lists, ["Country"])
    assert decoded.value == "7"
    assert "several" in (decoded.note or "")


def test_parse_datasets_groups_lic_entries_by_list_whatever_their_names() -> None:
    xml = (b'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><LOVFile><Lists>'
           b'<Nationalities><Item lic="205">India</Item><Item lic="461">United States of America</Item>'
           b'</Nationalities><Provs><P lic="09">AB</P></Provs></Lists></LOVFile>'
           b"<xfa:data><form1><Page1><Q>1</Q></Page1></form1></xfa:data></xfa:datasets>")
    lists = {cl.name: cl.codes for cl in parse_datasets(xml).code_lists}
    assert lists == {"Nationalities": {"205": "India", "461": "United States of America"}, "Provs": {"09": "AB"}}


def test_parse_datasets_reads_builder_lovfile_lists() -> None:
    assert "<ProvinceAbbrev lic=\"09\">AB</ProvinceAbbrev>" in lov_file_xml()
    names = {cl.name for cl in parse_datasets(datasets_xml({"A": "b"})).code_lists}
    assert {"CountryOfCitizenshipList", "ProvinceAbbrevList", "WorkPermitTypeList"} <= names


# --- mapping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [{}, IMM5710], ids=["imm1295", "imm5710"])
def test_read_xfa_maps_every_pseudo_field(tmp_path: Path, kwargs: dict) -> None:
    values, result = _read(tmp_path, **kwargs)
    assert {name: value.value for name, value in values.items()} == {
        "family_name": "Vellanki-Testwood",
        "given_name": "Anika",
        "citizenship": "India",
        "passport_number": "Z7741093",
        "passport_expiry": "2031-06-30",
        "permit_type": "Exempt from Labour Market Impact Assessment",
        "employer_name": "Aurora Fieldworks Robotics Inc.",
        "employer_address": "400 Sample Ave SW, Calgary AB T2P 0X9",
        "job_title": "Robotics Software Developer",
        "duties": "Designs and tests control software for agricultural robots.",
        "start_date": "2027-03-01",
        "end_date": "2029-02-28",
        "lmo": "A1234567",
        "work_city": "Calgary",
        "work_province": "AB",
        "work_address": "400 Sample Ave SW",
    }
    assert values["job_title"].page == 3
    assert values["passport_number"].page == 2


@pytest.mark.parametrize("kwargs", [{}, IMM5710], ids=["imm1295", "imm5710"])
def test_read_xfa_never_maps_work_history_rows(tmp_path: Path, kwargs: dict) -> None:
    # the offered job's employer and city are left empty; only the past job (OccupationRow1) has them
    values, result = _read(tmp_path, answers={"employer_name": None, "work_city": None}, **kwargs)
    assert "employer_name" not in values and "work_city" not in values
    history = [value for value in result.all_values if "OccupationRow" in value.name]
    assert {value.value for value in history} >= {"Sundial Automation Pvt. Ltd.", "Pune"}
    assert all(value.canonical is None for value in history)


def test_read_xfa_lists_every_answer_with_canonical_only_where_mapped(tmp_path: Path) -> None:
    values, result = _read(tmp_path)
    by_name = {value.name: value for value in result.all_values}
    assert by_name["form1/Page1/PersonalDetails/Sex/Sex"].canonical is None
    assert by_name["form1/Page1/PersonalDetails/Citizenship/Citizenship"].canonical == "citizenship"
    assert all(value.value for value in result.all_values)


def test_read_xfa_matches_trailing_path_below_an_inserted_wrapper(tmp_path: Path) -> None:
    drifted = "Page2/MaritalStatus/SectionA/PassportWrapper/Passport/PassportNum/PassportNum"
    values, result = _read(tmp_path, paths={"passport_number": drifted})
    assert values["passport_number"].value == "Z7741093"
    assert values["passport_number"].name == f"form1/{drifted}"
    assert values["passport_number"].name not in result.notes


def test_read_xfa_matches_loosely_when_wrapper_splits_the_mapped_path(tmp_path: Path) -> None:
    drifted = "Page3/DetailsOfWorkCont/details/Section2/jobTitle"
    values, result = _read(tmp_path, paths={"job_title": drifted})
    assert values["job_title"].value == "Robotics Software Developer"
    assert any("loosely" in note for note in result.notes[values["job_title"].name])


@pytest.mark.parametrize("kwargs", [{}, IMM5710], ids=["imm1295", "imm5710"])
def test_read_xfa_assembles_dates_split_into_year_month_day(tmp_path: Path, kwargs: dict) -> None:
    values, _ = _read(tmp_path, split_dates=True, **kwargs)
    assert values["passport_expiry"].value == "2031-06-30"
    assert values["start_date"].value == "2027-03-01"
    assert values["end_date"].value == "2029-02-28"


def test_map_values_prefers_same_name_child_over_hidden_date_copies() -> None:
    datasets = parse_datasets(datasets_xml({
        "Page2/Passport/ExpiryDate/ExpiryDate": "2030-01-31",
        "Page2/Passport/ExpiryDate/ExpiryYYYY": "2030",
        "Page2/Passport/ExpiryDate/ExpiryMM": "01",
    }))
    values, _, _ = map_values(datasets, _mapping("IMM 5710"))
    assert [(v.canonical, v.value) for v in values] == [("passport_expiry", "2030-01-31")]


def test_map_values_warns_when_two_nodes_answer_one_field() -> None:
    datasets = parse_datasets(datasets_xml({
        "Page3/DetailsOfWork/Employer/Name": "Aurora Fieldworks Robotics Inc.",
        "Page5/DetailsOfWork/Employer/Name": "Other Synthetic Ltd.",
    }))
    values, _, warnings = map_values(datasets, _mapping("IMM 5710"))
    assert values[0].value == "Aurora Fieldworks Robotics Inc."
    assert any("Other Synthetic Ltd." in warning for warning in warnings)


def test_load_mappings_validates_both_forms() -> None:
    assert {mapping.form for mapping in load_mappings()} >= {"IMM 1295", "IMM 5710"}


# --- safety -------------------------------------------------------------------------------------


def test_parse_datasets_does_not_expand_entities() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            b'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1>'
            b"<Page1><Name>&d;</Name><Other>ok</Other></Page1></form1></xfa:data></xfa:datasets>")
    datasets = parse_datasets(bomb)
    texts = {leaf.som: leaf.text for leaf in datasets.leaves()}
    assert "aaaaaaaaaa" not in (texts.get("form1/Page1/Name") or "")
    assert texts["form1/Page1/Other"] == "ok"
    assert any("not expanded" in warning for warning in datasets.warnings)


def test_parse_datasets_does_not_read_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SYNTHETIC-SECRET")
    xml = (f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<datasets><data><form1><A>&x;</A></form1></data></datasets>").encode()
    leaves = list(parse_datasets(xml).leaves())
    assert all("SYNTHETIC-SECRET" not in (leaf.text or "") for leaf in leaves)


def test_parse_datasets_refuses_oversized_packet(monkeypatch: pytest.MonkeyPatch) -> None:
    import doccheck.readers.xfa as xfa

    monkeypatch.setattr(xfa, "MAX_XML_BYTES", 1000)
    with pytest.raises(XfaError, match="too large"):
        parse_datasets(b"<datasets>" + b"x" * 2000 + b"</datasets>")


def test_parse_datasets_reads_large_lovfile_quickly() -> None:
    import time

    entries = "".join(f'<CountryOfCitizenship lic="{n:05d}">Country {n}</CountryOfCitizenship>' for n in range(20000))
    xml = (f'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><LOVFile><LOV>'
           f"<CountryOfCitizenshipList>{entries}</CountryOfCitizenshipList></LOV></LOVFile>"
           "<xfa:data><form1><Page1><C>00205</C></Page1></form1></xfa:data></xfa:datasets>").encode()
    assert len(xml) > 900_000
    start = time.perf_counter()
    datasets = parse_datasets(xml)
    assert time.perf_counter() - start < 2.0
    assert len(datasets.code_lists[0].codes) == 20000
