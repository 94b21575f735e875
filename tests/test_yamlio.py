"""The parsed copy of the project's YAML is what parsing the YAML gives, and an edit is never stale."""

from __future__ import annotations

from datetime import date

from doccheck.yamlio import _PARSED, load_yaml_text, parse_yaml, parsed_lines, shipped_yaml_files


def test_parsed_copy_matches_every_shipped_yaml_file():
    # After editing a rule or an extractor file, regenerate: python -m doccheck.derived
    shipped = set(_PARSED.read_text(encoding="utf-8").splitlines())
    files = shipped_yaml_files()
    assert len(files) > 40
    assert set(parsed_lines(files)) == shipped, "stale parsed copy: run python -m doccheck.derived"


def test_each_shipped_file_reads_the_same_from_the_copy_as_from_yaml():
    for path in shipped_yaml_files():
        text = path.read_text(encoding="utf-8")
        assert load_yaml_text(text) == parse_yaml(text), path.name


def test_edited_text_is_parsed_not_read_from_the_copy():
    path = next(p for p in shipped_yaml_files() if p.name == "DC101.yml")
    edited = path.read_text(encoding="utf-8").replace("severity: error", "severity: warning")
    assert load_yaml_text(edited)["severity"] == "warning"


def test_dates_keep_their_type_and_each_call_gets_its_own_copy():
    text = "effective_from: 2026-02-20\nitems: [1, 2]\n"
    assert load_yaml_text(text) == {"effective_from": date(2026, 2, 20), "items": [1, 2]}
    path = next(p for p in shipped_yaml_files() if p.name == "labels.yml")
    first = load_yaml_text(path.read_text(encoding="utf-8"))
    first.clear()
    assert load_yaml_text(path.read_text(encoding="utf-8"))
