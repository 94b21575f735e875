"""Patterns built from the shipped compiled programs are the patterns ``re.compile`` makes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources

import pytest

from doccheck.extract import programs
from doccheck.extract.knowledge import pattern_sources
from doccheck.extract.prefilter import compiled_sources


def _shipped_file() -> dict:
    return json.loads(resources.files("extractors").joinpath(programs._FILE).read_text(encoding="utf-8"))


@pytest.fixture
def fresh_table():
    """The shipped table read again after the test (a test that swaps it leaves no trace)."""
    shipped = programs._shipped  # (the cached function itself, even while a test replaces it)
    shipped.cache_clear()
    yield
    shipped.cache_clear()


def test_shipped_programs_match_the_patterns_for_their_interpreter():
    # An edited pattern is still compiled correctly (from its source), but the table should be
    # regenerated: python -m doccheck.derived
    data = _shipped_file()
    if data["interpreter"] != programs.interpreter_tag():
        pytest.skip(f"programs shipped for {data['interpreter']}, not this interpreter ({programs.interpreter_tag()})")
    # the patterns the package compiles as it loads, listed in a fresh process (this one has compiled
    # the tests' own patterns too)
    listing = "import json; from doccheck.derived import program_sources; print(json.dumps(program_sources()))"
    sources = json.loads(subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True, check=True).stdout)
    assert len(sources) > 200
    expected = {programs._key(source, flags): programs.program(source, flags) for source, flags in sources}
    assert data["programs"] == expected, "stale compiled programs: run python -m doccheck.derived"


def test_every_package_pattern_compiles_equal_to_re_compile():
    # Pattern equality compares source, flags and the compiled program itself
    sources = [(key.split(":", 1)[1], int(key.split(":", 1)[0])) for key in _shipped_file()["programs"]]
    sources += compiled_sources(pattern_sources())
    for source, flags in sources:
        built, plain = programs.compile(source, flags), re.compile(source, flags)
        assert built == plain, source
        assert (built.groups, dict(built.groupindex)) == (plain.groups, dict(plain.groupindex)), source


def test_the_shipped_table_is_used_only_for_its_own_interpreter(monkeypatch, fresh_table):
    source, flags = compiled_sources(pattern_sources())[0]
    monkeypatch.setattr(programs, "interpreter_tag", lambda: "another-interpreter")
    programs._shipped.cache_clear()
    assert programs._shipped() == {}
    assert programs.compile(source, flags) == re.compile(source, flags)


def test_a_damaged_program_is_refused_and_the_source_compiled(monkeypatch, fresh_table):
    source, flags = r"(?P<v>\d{3}) hours", re.IGNORECASE
    good = programs.program(source, flags)
    damaged = [good[0], good[1], good[2], programs._pack([17, 4, 99, 1])]  # no valid _sre program
    monkeypatch.setattr(programs, "_shipped", lambda: {programs._key(source, flags): damaged})
    with pytest.raises(RuntimeError):
        programs._from_program(source, damaged)
    pattern = programs.compile(source, flags)
    assert pattern == re.compile(source, flags)
    assert pattern.search("We work 040 HOURS").group("v") == "040"


@pytest.mark.parametrize(
    "entry",
    [
        [0, 0, {}, "not base64 at all!"],
        [0, 0, {}, "AAAA"],  # base64, but not deflated data
        [0, 5, {"v": 9}, None],  # a group number beyond the groups
        ["flags", 0],  # not an entry's shape
    ],
)
def test_a_damaged_table_entry_is_compiled_from_the_source(monkeypatch, fresh_table, entry):
    source, flags = r"(?P<v>\d+) weeks", 0
    if entry[-1] is None:
        entry[-1] = programs.program(source, flags)[3]
    monkeypatch.setattr(programs, "_shipped", lambda: {programs._key(source, flags): entry})
    pattern = programs.compile(source, flags)
    assert pattern == re.compile(source, flags)
    assert pattern.search("for 12 weeks").group("v") == "12"


def test_a_program_round_trips_through_its_text_form():
    source, flags = r"(?:start|début)\s+(?P<day>\d{1,2})(?P<rest>.*)$", re.IGNORECASE | re.MULTILINE
    built = programs._from_program(source, programs.program(source, flags))
    assert built == re.compile(source, flags)
    assert built.groupindex == {"day": 1, "rest": 2}
    assert built.search("Le début 3 mars").groupdict() == {"day": "3", "rest": " mars"}
