"""The Job Bank wages import and the prevailing-wage lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from doccheck.cli import main
from doccheck.wages import WageImportError, load_store, median_for, parse_wages_csv

SAMPLE = Path(__file__).parent / "data" / "jobbank_wages_sample.csv"


def test_import_wages_command_writes_the_store_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["data", "import-wages", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "imported 5 wage rows" in result.output
    assert (tmp_path / "wages.json").is_file()


def test_lookup_prefers_the_economic_region_naming_the_city(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCCHECK_DATA_DIR", str(tmp_path))
    CliRunner().invoke(main, ["data", "import-wages", str(SAMPLE)])
    store = load_store()
    assert median_for(store, "21231", "ON", "Toronto").hourly == 52.0
    assert median_for(store, "21231", "ON", "Ottawa").hourly == 50.0  # province-wide row
    assert median_for(store, "21231", "AB", "Calgary").hourly == 48.0  # national row, with a note


def test_annual_medians_are_converted_to_hourly():
    rows = parse_wages_csv(SAMPLE.read_bytes())
    professor = next(r for r in rows if r["noc"] == "41200")
    assert professor["annual_flag"] is True
    assert professor["hourly"] == pytest.approx(110000 / 2080, abs=0.01)


def test_renamed_columns_are_matched_tolerantly():
    data = "NOC,Province,ER_Name,Median_Wage,Annual_Wage_Flag,Reference_Period\nNOC_63200,BC,British Columbia,19.00,0,2024\n".encode()
    rows = parse_wages_csv(data)
    assert rows[0]["noc"] == "63200" and rows[0]["hourly"] == 19.0


def test_a_file_that_is_not_a_wages_table_is_refused_clearly():
    with pytest.raises(WageImportError, match="not a Job Bank wages CSV"):
        parse_wages_csv(b"name,address\nA,B\n")
