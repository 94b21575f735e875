"""The synthetic case generator: determinism, case shape, labels, category evidence, bundled fixtures."""

from __future__ import annotations

import json
import re
import sys
import time
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fixtures.generator import MUTABLE_FIELDS, generate_batch, generate_case  # noqa: E402
from fixtures.generator.values import MAX_DURATION  # noqa: E402

FIXTURES = ROOT / "fixtures"
CORE_KINDS = {"offer_letter", "offer_of_employment", "work_permit_application"}
EVIDENCE_KIND = {"C63": "employment_reference", "C16": "language_test", "T36": "credential",
                 "C20": "reciprocity_letter", "C10": "support_letter"}


def document_text(path: Path) -> str:
    """Page text plus form-field values (PDF) or paragraphs and table cells (DOCX)."""
    if path.suffix == ".docx":
        import docx

        doc = docx.Document(str(path))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    return page_text(path) + "\n" + "\n".join(form_values(path).values())


def page_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def form_values(path: Path) -> dict[str, str]:
    import pypdf

    fields = pypdf.PdfReader(str(path)).get_fields() or {}
    return {name: str(f.get("/V", "")) for name, f in fields.items()}


def case_texts(label) -> dict[str, str]:
    return {name: document_text(label.case_dir / name) for name, kind in label.documents.items()
            if kind != "unreadable"}


def file_bytes(case_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(case_dir).as_posix(): p.read_bytes() for p in sorted(case_dir.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------
# Determinism
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed, mutate, language", [
    (1, None, "en"),  # clean English case
    (2, "wage", "en"),  # mutated case: the target document is laid out twice
    (3, None, "fr"),  # French letters, accents, non-breaking spaces
    (4, "passport_number", "en"),  # mutation placed in OE or application
])
def test_generate_case_is_byte_identical_for_the_same_seed(tmp_path, seed, mutate, language):
    first = generate_case(seed, tmp_path / "a", mutate=mutate, language=language)
    second = generate_case(seed, tmp_path / "b", mutate=mutate, language=language)
    assert file_bytes(first.case_dir) == file_bytes(second.case_dir)
    assert first.truth == second.truth and first.documents == second.documents and first.notes == second.notes


def test_different_seeds_give_different_cases(tmp_path):
    truths = [generate_case(seed, tmp_path / str(seed)).truth for seed in range(5)]
    assert len({t["passport_number"] for t in truths}) == 5


def test_generate_case_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x.txt").write_text("taken")
    with pytest.raises(FileExistsError):
        generate_case(1, tmp_path)


def test_generate_case_rejects_an_unknown_mutation(tmp_path):
    with pytest.raises(ValueError):
        generate_case(1, tmp_path / "c", mutate="shoe_size")


# ---------------------------------------------------------------------------
# Case shape and labels
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return generate_batch(30, tmp_path_factory.mktemp("batch"), seed=7, clean_ratio=0.4)


def test_every_case_has_the_core_documents_and_its_code_evidence(batch):
    for label in batch:
        kinds = list(label.documents.values())
        assert 4 <= len(kinds) <= 6, label.notes
        assert CORE_KINDS <= set(kinds), label.notes
        assert EVIDENCE_KIND[label.truth["exemption_code"]] in kinds, label.notes
        for name in label.documents:
            assert (label.case_dir / name).stat().st_size > 500, name


def test_labels_list_the_mutated_field_or_nothing_for_clean_cases(batch):
    clean = [label for label in batch if not label.mutated_fields]
    assert len(clean) == 12
    for label in batch:
        assert len(label.mutated_fields) <= 1
        assert set(label.mutated_fields) <= set(MUTABLE_FIELDS)
        if label.mutated_fields:
            assert label.mutated_fields[0] in label.notes


def test_generate_batch_cycles_mutations_over_the_supported_fields(batch):
    mutated = [label.mutated_fields[0] for label in batch if label.mutated_fields]
    assert mutated == [MUTABLE_FIELDS[i % len(MUTABLE_FIELDS)] for i in range(len(mutated))]


def test_documents_map_real_files_to_contract_kinds(batch):
    from doccheck.models import DOCUMENT_KINDS

    for label in batch:
        on_disk = set(file_bytes(label.case_dir))
        assert set(label.documents) == on_disk
        assert set(label.documents.values()) <= set(DOCUMENT_KINDS)


def test_truth_uses_contract_field_names(batch):
    from doccheck.models import CANONICAL_FIELDS

    for label in batch:
        assert set(label.truth) <= set(CANONICAL_FIELDS)
        assert re.fullmatch(r"A\d{7}", label.truth["oe_number"])
        assert re.fullmatch(r"\d{9}", label.truth["business_number"])
        assert label.truth["teer"] == int(label.truth["noc_code"][1])


@pytest.mark.parametrize("field", ["oe_number", "passport_number"])  # values written identically everywhere
def test_mutated_identifier_appears_in_exactly_one_document(tmp_path, field):
    label = generate_case(11, tmp_path / field, mutate=field)
    old, new = re.search(r"states (\S+) instead of (\S+)", label.notes).group(2, 1)
    texts = case_texts(label)
    assert sum(new in text for text in texts.values()) == 1
    assert sum(old in text for text in texts.values()) >= 1
    assert old == label.truth[field]


@pytest.mark.parametrize("field", MUTABLE_FIELDS)  # every field can be mutated, with a note naming the document
def test_each_mutable_field_is_placed_in_one_named_document(tmp_path, field):
    label = generate_case(21, tmp_path / field, mutate=field, language="en")
    assert label.mutated_fields == [field]
    target = re.search(r"mutated \w+: (.+?) \((\w+)\) states", label.notes)
    assert target and label.documents[target.group(1)] == target.group(2)


# ---------------------------------------------------------------------------
# Clean cases satisfy the category checks
# ---------------------------------------------------------------------------

def test_clean_cases_have_plausible_dates_and_durations(batch):
    for label in batch:
        if label.mutated_fields:
            continue
        t = label.truth
        start, end, expiry = (date.fromisoformat(t[k]) for k in ("start_date", "end_date", "passport_expiry"))
        assert start.year == 2027
        assert 12 <= t["duration_months"] <= MAX_DURATION[t["exemption_code"]]
        assert expiry > end
        assert 35 <= t["hours_per_week"] <= 40


@pytest.mark.parametrize("code", ["C16", "T36", "C20", "C10", "C63"])  # one clean case per exemption code
def test_clean_case_carries_the_evidence_its_code_needs(tmp_path, code):
    label = generate_case(5, tmp_path / code, exemption_code=code)
    texts = case_texts(label)
    evidence = "\n".join(texts[n] for n, kind in label.documents.items() if kind == EVIDENCE_KIND[code])
    truth = label.truth
    if code == "C16":
        assert truth["work_location"]["province"] != "QC"
        levels = [int(n) for n in re.findall(r"NCLC\s*(\d+)", evidence)] or \
            [int(n) for n in re.findall(r"\n.*?(\d+)\s*$", evidence, re.M)]
        assert levels and min(levels) >= 5
    elif code == "T36":
        assert truth["citizenship"] in ("US", "MX")
        assert "Bachelor" in evidence or "Master" in evidence or "Doctor" in evidence
    elif code == "C20":
        from fixtures.generator.values import COUNTRIES

        assert COUNTRIES[truth["citizenship"]].name_en in evidence
    elif code == "C10":
        assert re.search(r"\d+ new full-time positions|\d+ emplois", evidence)
        assert "$" in evidence
    else:
        assert re.search(r"since|depuis|present", evidence)


def test_fillable_application_keeps_values_only_in_form_fields(tmp_path):
    for seed in range(40):
        label = generate_case(seed, tmp_path / str(seed))
        for name, kind in label.documents.items():
            path = label.case_dir / name
            if kind == "work_permit_application" and b"/AcroForm" in path.read_bytes():
                values = form_values(path)
                assert label.truth["passport_number"] in values.values()
                assert {"GivenName", "PassportNum", "JobTitle"} & set(values) or \
                    any(n.endswith("_GivenName") for n in values)
                assert label.truth["passport_number"] not in page_text(path)
                return
    pytest.fail("no fillable application in 40 seeds")


def test_french_case_writes_french_dates_and_money(tmp_path):
    label = generate_case(3, tmp_path / "fr", language="fr", exemption_code="C16")
    letters = [case_texts(label)[n] for n, kind in label.documents.items() if kind == "offer_letter"]
    assert letters and re.search(r"\d+(,\d\d)?[\s\u00a0]\$", letters[0])
    assert re.search(r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
                     r"|\d{4}-\d\d-\d\d", letters[0])


def test_fifty_cases_generate_quickly(tmp_path):
    started = time.perf_counter()
    labels = generate_batch(50, tmp_path, seed=1)
    elapsed = time.perf_counter() - started
    assert len(labels) == 50
    assert elapsed < 20  # target < 10 s on a developer machine; headroom for slow CI runners


# ---------------------------------------------------------------------------
# Bundled fixtures
# ---------------------------------------------------------------------------

def bundled_labels() -> dict:
    return json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))


def test_bundled_cases_match_labels_json():
    labels = bundled_labels()
    cases = {p.name for p in (FIXTURES / "cases").iterdir() if p.is_dir()}
    assert set(labels) == cases
    for name, entry in labels.items():
        on_disk = set(file_bytes(FIXTURES / "cases" / name))
        assert set(entry["documents"]) == on_disk, name
        assert name.startswith("mismatch_") == bool(entry["mutated_fields"]), name


@pytest.mark.parametrize("name, fields", [
    ("mismatch_wage", ["wage"]),
    ("mismatch_job_title", ["job_title"]),
    ("mismatch_location", ["work_location"]),
    ("mismatch_start_date", ["start_date"]),
    ("mismatch_passport_number", ["passport_number"]),
    ("mismatch_oe_number", ["oe_number"]),
    ("clean_c63_ict", []),
    ("clean_c16_francophone", []),
    ("clean_t36_cusma", []),
    ("with_unreadable_file", []),
])
def test_bundled_case_label_names_the_expected_fields(name, fields):
    assert bundled_labels()[name]["mutated_fields"] == fields


def test_unreadable_fixture_has_an_empty_and_a_truncated_pdf():
    entry = bundled_labels()["with_unreadable_file"]
    sizes = sorted((FIXTURES / "cases" / "with_unreadable_file" / n).stat().st_size for n in entry["unreadable"])
    assert len(sizes) == 2 and sizes[0] == 0 and sizes[1] > 0


def test_bundled_fixtures_are_small():
    for path in (FIXTURES / "cases").rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 25_000, path


def test_make_fixtures_regenerates_the_same_text(tmp_path):
    """Regenerating gives the bundled text (bytes may differ across reportlab/python-docx versions)."""
    from fixtures.make_fixtures import FIXTURES as SPECS, build

    labels = bundled_labels()
    for spec in SPECS[:4]:
        label, seed = build(spec, tmp_path)
        assert seed == labels[spec.name]["seed"]
        bundled = FIXTURES / "cases" / spec.name
        for name, kind in label.documents.items():
            if kind != "unreadable":
                assert document_text(label.case_dir / name) == document_text(bundled / name), name
