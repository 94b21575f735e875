"""The HTML report in a real browser (headless Chromium via Playwright): what a person sees.

Needs the Debian packages ``chromium`` and ``chromium-driver`` and the ``playwright`` Python
package (its own browser download is never used); skipped when either is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASES
from doccheck.cli import main

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not shutil.which("chromium"), reason="chromium is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(main, ["check", str(CASES / "mismatch_wage"), "--format", "html", "-o", str(out),
                                       "--as-of", "2026-11-28"])
    assert result.exit_code == 1, result.output
    return out


@pytest.fixture(scope="module")
def browser():
    executable = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, report_file):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_file.as_uri())
    yield page
    assert requests == [report_file.as_uri()]  # self-contained: nothing else is fetched
    page.close()


def _background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def test_wage_row_shows_both_disagreeing_documents_highlighted(page):
    row = page.locator("table.matrix tr[data-field=wage]")
    highlighted = row.locator("td.error")
    assert highlighted.count() == 2
    texts = [highlighted.nth(i).inner_text() for i in range(2)]
    assert any("$59.75/hour" in t for t in texts) and any("$54.75/hour" in t for t in texts)
    assert all(t.startswith("✖") for t in texts)  # a symbol too: visible in a black-and-white print
    plain = page.locator("table.matrix tr[data-field=start_date] td").first
    assert _background(highlighted.first) != _background(plain)
    assert highlighted.first.is_visible()
    assert page.locator("table.matrix td.error").count() == 2  # nothing else is lit up


def test_the_finding_shows_message_evidence_risk_and_fix(page):
    finding = page.locator("article.finding[data-rule=DC101]")
    assert finding.is_visible()
    text = finding.inner_text()
    assert "ERROR" in text and "wage-mismatch" in text and "Wage differs" in text
    assert "LOE.docx, page 1" in text and "Salary | $59.75 per hour" in text
    assert finding.locator("dd.fix").inner_text().startswith("Correct the Offer of Employment")
    assert finding.locator("dd.risk").is_visible()


def test_summary_counts_read_as_a_person_sees_them(page):
    counts = page.locator("ul.counts").inner_text()
    assert "4 documents" in " ".join(counts.split())
    assert page.locator("[data-count=errors]").inner_text().split() == ["1", "error"]
    assert page.locator("[data-count=warnings]").inner_text().split() == ["0", "warnings"]
    assert page.title().startswith("doccheck report:")


def test_print_keeps_findings_whole_and_the_highlight_colour(page, tmp_path):
    page.emulate_media(media="print")
    finding = page.locator("article.finding").first
    assert finding.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    cell = page.locator("table.matrix tr[data-field=wage] td.error").first
    assert cell.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact"
    pdf = page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
