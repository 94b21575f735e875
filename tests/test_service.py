"""The intake service over real HTTP: uvicorn on a free loopback port, answers compared with the CLI's."""

from __future__ import annotations

import io
import json
import shutil
import socket
import stat
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
pytest.importorskip("python_multipart")

from click.testing import CliRunner  # noqa: E402
from conftest import CASES, run_check  # noqa: E402

from doccheck.service import UploadRejected, create_app, extract_case_zip, Limits, safe_member_path, safe_name  # noqa: E402

AS_OF = "2026-11-28"
WAGE_CASE = CASES / "mismatch_wage"
CHROMIUM = Path("/usr/bin/chromium")


# --- a real server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningServer:
    def __init__(self, app, work_dir: Path) -> None:
        self.work_dir = work_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> RunningServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the service did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def leftovers(self) -> list[Path]:
        return list(self.work_dir.rglob("*"))


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Iterator[RunningServer]:
    """The service with its default limits; its per-request temp folders go under work_dir."""
    work = tmp_path_factory.mktemp("service-work")
    with RunningServer(create_app(work_dir=work), work) as running:
        yield running


@pytest.fixture(scope="module")
def tight(tmp_path_factory) -> Iterator[RunningServer]:
    """The service with tiny limits, and answering only loopback host names."""
    work = tmp_path_factory.mktemp("tight-work")
    app = create_app(max_upload_bytes=64 * 1024, max_files=3, max_unzipped_bytes=100_000, work_dir=work,
                     allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with RunningServer(app, work) as running:
        yield running


def case_files(folder: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in sorted(folder.iterdir()) if p.is_file()]


def zipped(folder: Path, top: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                rel = path.relative_to(folder).as_posix()
                archive.write(path, f"{top}/{rel}" if top else rel)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def post(server: RunningServer, files, params: dict | None = None, **kwargs) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/check", files=files, params=params or {"as_of": AS_OF}, timeout=60, **kwargs)


def without_case(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "case"}


@pytest.fixture(scope="module")
def cli_report() -> tuple[int, dict]:
    return run_check(str(WAGE_CASE))


# --- the same answer as the CLI -----------------------------------------------------------------


def test_service_answers_uploaded_case_files_with_the_clis_json(service, cli_report):
    cli_exit, cli_json = cli_report
    response = post(service, case_files(WAGE_CASE))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    report = response.json()
    assert report["case"] == "upload"
    assert without_case(report) == without_case(cli_json)
    assert "wage" in {f for finding in report["findings"] for f in finding["fields"]}
    assert response.headers["X-Doccheck-Exit"] == str(cli_exit) == "1"
    assert service.leftovers() == []  # the upload's temp folder is gone


def test_service_answers_a_zipped_case_folder_with_the_clis_json(service, cli_report):
    _, cli_json = cli_report
    response = post(service, [("files", ("mismatch_wage.zip", zipped(WAGE_CASE, top="mismatch_wage")))])
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["case"] == "mismatch_wage"  # the zip's folder; paths inside are relative to it, as the CLI's
    assert without_case(report) == without_case(cli_json)
    assert service.leftovers() == []


def test_service_detects_a_zip_by_content_and_keeps_its_sub_folders(service, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(WAGE_CASE, case)
    (case / "letters").mkdir()
    shutil.move(case / "scan_0016.pdf", case / "letters" / "scan_0016.pdf")
    response = post(service, [("files", ("upload.bin", zipped(case)))])  # no .zip suffix, no top folder
    assert response.status_code == 200, response.text
    assert "letters/scan_0016.pdf" in [d["path"] for d in response.json()["documents"]]


def test_service_reads_a_single_docx_as_a_document_not_a_case_zip(service):
    response = post(service, [("files", ("LOE.docx", (WAGE_CASE / "LOE.docx").read_bytes()))])
    assert response.status_code == 200, response.text
    documents = response.json()["documents"]
    assert [(d["path"], d["kind"]) for d in documents] == [("LOE.docx", "offer_letter")]


def test_service_keeps_only_the_base_name_of_uploaded_files(service):
    files = [
        ("files", ("../../../évaluation d'emploi.pdf", (WAGE_CASE / "scan_0004.pdf").read_bytes())),  # traversal dropped, accents kept
        ("files", ("C:\\Users\\x\\LOE.docx", (WAGE_CASE / "LOE.docx").read_bytes())),  # a Windows path
    ]
    response = post(service, files)
    assert response.status_code == 200, response.text
    assert sorted(d["path"] for d in response.json()["documents"]) == ["LOE.docx", "évaluation d'emploi.pdf"]
    assert service.leftovers() == []


@pytest.mark.parametrize(
    ("fail_on", "exit_status"),
    [
        ("never", "0"),  # nothing fails the run
        ("error", "1"),  # the wage mismatch is an error
    ],
)
def test_service_reports_the_would_be_exit_status_in_a_header(service, fail_on, exit_status):
    response = post(service, case_files(WAGE_CASE), data={"fail_on": fail_on})
    assert response.status_code == 200, response.text
    assert response.headers["X-Doccheck-Exit"] == exit_status


def test_service_labels_the_case_as_asked(service):
    response = post(service, case_files(WAGE_CASE), data={"case": "Dossier 2026-114"})
    assert response.json()["case"] == "Dossier 2026-114"


# --- refusals -----------------------------------------------------------------------------------


def test_service_refuses_an_oversized_upload_with_413_before_reading_it(tight):
    response = post(tight, [("files", ("big.pdf", b"%PDF-1.4\n" + b"0" * 100_000))])
    assert response.status_code == 413
    assert "upload too large" in response.json()["detail"]
    assert "64 KiB" in response.json()["detail"]
    assert tight.leftovers() == []


def test_service_counts_streamed_bytes_when_no_length_is_declared(tight):
    boundary = "doccheckboundary"

    def body() -> Iterator[bytes]:  # a generator: sent chunked, without Content-Length
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n\r\n'.encode()
        for _ in range(10):
            yield b"0" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = httpx.post(f"{tight.url}/v1/check", content=body(), timeout=30,
                          headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413
    assert "upload too large" in response.json()["detail"]
    assert tight.leftovers() == []


@pytest.mark.parametrize(
    ("files", "data", "params", "expected"),
    [
        # four files against a limit of three
        ([("files", (f"f{i}.pdf", b"%PDF-1.4")) for i in range(4)], None, None, "too many files"),
        # a multipart form without any file
        ([("as_of", (None, AS_OF))], None, None, "no files uploaded"),
        # a date that is not YYYY-MM-DD
        ([("files", ("a.pdf", b"%PDF-1.4"))], None, {"as_of": "28/11/2026"}, "YYYY-MM-DD"),
        # a date that does not exist
        ([("files", ("a.pdf", b"%PDF-1.4"))], {"as_of": "2026-02-30"}, None, "YYYY-MM-DD"),
        # an unknown severity
        ([("files", ("a.pdf", b"%PDF-1.4"))], {"fail_on": "fatal"}, None, "fail_on must be one of"),
        # a zip with more members than the file limit
        ([("files", ("c.zip", zip_of({f"d{i}.pdf": b"%PDF" for i in range(5)})))], None, None, "too many files in the zip"),
    ],
    ids=["too-many-files", "no-files", "date-format", "impossible-date", "unknown-fail-on", "too-many-in-zip"],
)
def test_service_refuses_bad_requests_with_422(tight, files, data, params, expected):
    response = httpx.post(f"{tight.url}/v1/check", files=files, data=data, params=params, timeout=30)
    assert response.status_code == 422
    assert expected in response.json()["detail"]
    assert tight.leftovers() == []


def test_service_refuses_a_body_that_is_not_multipart(tight):
    response = httpx.post(f"{tight.url}/v1/check", json={"files": []}, timeout=30)
    assert response.status_code == 422
    assert "multipart/form-data" in response.json()["detail"]


@pytest.mark.parametrize(
    ("archive", "status", "expected"),
    [
        # a member climbing out of the extraction folder
        (zip_of({"case/offer.pdf": b"%PDF", "../../../../evil.pdf": b"pwned"}), 422, "leaving its folder"),
        # a member hidden behind a normal-looking folder
        (zip_of({"case/../../../evil.pdf": b"pwned"}), 422, "leaving its folder"),
        # an absolute path
        (zip_of({"/tmp/evil.pdf": b"pwned"}), 422, "absolute path"),
        # a symbolic link pointing outside
        (zip_of({"case/offer.pdf": b"%PDF"}, links={"case/evil.pdf": "/etc/passwd"}), 422, "symbolic link"),
        # a small zip that unpacks to more than the limit
        (zip_of({"big.pdf": b"\0" * 200_000}), 413, "unpacks to"),
        # not a zip after all, but looks like one
        (b"PK\x03\x04" + b"garbage" * 10, 200, None),
    ],
    ids=["parent-folder", "hidden-climb", "absolute", "symlink", "unpacks-too-big", "fake-zip"],
)
def test_service_refuses_an_unsafe_zip_without_writing_outside_its_temp_folder(tight, tmp_path_factory, archive, status, expected):
    response = post(tight, [("files", ("case.zip", archive))])
    assert response.status_code == status, response.text
    if expected:
        assert expected in response.json()["detail"]
    assert tight.leftovers() == []
    base = tmp_path_factory.getbasetemp()  # the deepest climb ends in its parent
    assert not [p for p in (base.parent / "evil.pdf", *base.rglob("evil.pdf")) if p.exists()]


def test_extract_case_zip_checks_every_member_before_writing_any(tmp_path):
    archive = tmp_path / "case.zip"
    archive.write_bytes(zip_of({"case/offer.pdf": b"%PDF", "case/../../evil.pdf": b"x"}))
    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(UploadRejected):
        extract_case_zip(archive, dest, Limits())
    assert list(dest.iterdir()) == []


def test_service_answers_only_its_own_host_names(tight):
    response = httpx.get(f"{tight.url}/healthz", headers={"Host": "attacker.example"}, timeout=10)
    assert response.status_code == 400
    assert httpx.get(f"{tight.url}/healthz", headers={"Host": f"localhost:{tight.port}"}, timeout=10).status_code == 200


# --- the other endpoints ------------------------------------------------------------------------


def test_healthz_says_ok_with_the_version(service):
    response = httpx.get(f"{service.url}/healthz", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"]


def test_rules_endpoint_lists_the_rules_as_the_cli_does(service):
    from doccheck.cli import main

    cli = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert cli.exit_code == 0, cli.output
    response = httpx.get(f"{service.url}/v1/rules", timeout=10)
    assert response.status_code == 200
    assert response.json() == json.loads(cli.stdout)
    assert {"DC101"} <= {r["id"] for r in response.json()}


def test_index_page_is_self_contained(service):
    response = httpx.get(f"{service.url}/", timeout=10)
    assert response.status_code == 200
    page = response.text
    assert "webkitdirectory" in page and "webkitGetAsEntry" in page
    assert "http://" not in page and "https://" not in page  # no external assets
    assert "connect-src 'self'" in response.headers["content-security-policy"]


def test_interactive_docs_are_off_because_they_load_from_a_cdn(service):
    assert httpx.get(f"{service.url}/docs", timeout=10).status_code == 404


# --- names (pure) -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("offer.pdf", "offer.pdf"),  # a plain name is kept
        ("../../etc/passwd", "passwd"),  # traversal dropped
        ("C:\\Users\\ana\\Lettre d'offre é.docx", "Lettre d'offre é.docx"),  # Windows path, accents kept
        ("..", "file"),  # nothing left
        ("", "file"),  # nothing at all
        ("a\x00b\nc.pdf", "abc.pdf"),  # control characters removed
        ("申请表.pdf", "申请表.pdf"),  # any script kept
    ],
)
def test_safe_name_keeps_only_a_safe_base_name(raw, expected):
    assert safe_name(raw) == expected


def test_safe_name_shortens_very_long_names_but_keeps_the_suffix():
    name = safe_name("é" * 300 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 200


@pytest.mark.parametrize(
    "member",
    [
        "../evil.pdf",  # parent folder
        "a/../../evil.pdf",  # climbs back out
        "/etc/evil.pdf",  # absolute
        "C:/evil.pdf",  # a Windows drive
        "a\\..\\..\\evil.pdf",  # Windows separators
    ],
)
def test_safe_member_path_refuses_escaping_paths(member):
    with pytest.raises(UploadRejected):
        safe_member_path(member)


def test_safe_member_path_keeps_relative_sub_folders():
    assert safe_member_path("case/letters/./support é.pdf").as_posix() == "case/letters/support é.pdf"


# --- a person at the page -----------------------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

# A folder dropped from the desktop reaches the page as a directory entry; a script cannot build a
# real one, so this stands in for it: the same interface (createReader/readEntries in batches,
# file(callback)), holding the fixture's files.
FAKE_FOLDER_DROP = """
([folder, files]) => {
  const entries = files.map(([name, b64]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const file = new File([bytes], name);
    return { isFile: true, isDirectory: false, name, file: (ok) => ok(file) };
  });
  const batches = [entries.slice(0, 2), entries.slice(2), []];  // readEntries answers in batches
  const dir = { isFile: false, isDirectory: true, name: folder,
                createReader: () => ({ readEntries: (ok) => ok(batches.shift() || []) }) };
  DataTransferItem.prototype.webkitGetAsEntry = function () { return dir; };
  const dt = new DataTransfer();
  dt.items.add(new File(["x"], folder));
  document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
}
"""


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install chromium chromium-driver)")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, service):
    page = browser.new_page()
    page.set_default_timeout(15_000)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((service.url, "data:", "blob:", "about:")) else outside.append(r.url))
    page.goto(f"{service.url}/")
    page.click("summary")  # open the options
    page.fill("#as-of", AS_OF)
    yield page
    page.close()
    assert outside == []  # nothing left the machine


def shown_report(page):
    from playwright.sync_api import expect

    expect(page.locator("#verdict")).to_contain_text("Not ready to file", timeout=30_000)
    if page.locator("#report-frame").is_visible():  # the HTML report
        return page.frame_locator("#report-frame").locator("body")
    return page.locator("#json-view")  # the JSON, where the HTML renderer is absent


def test_page_checks_a_picked_folder_and_shows_the_wage_finding(page, service):
    from playwright.sync_api import expect

    page.set_input_files("#folder-input", str(WAGE_CASE))  # a webkitdirectory input takes the folder
    expect(page.locator("#chosen")).to_contain_text("4 files")
    page.click("#check-button")
    report = shown_report(page)
    expect(report).to_contain_text("mismatch_wage")
    expect(report).to_contain_text("DC101")
    expect(report).to_contain_text("Wage differs")
    assert service.leftovers() == []


def test_page_checks_a_dropped_folder(page):
    import base64

    from playwright.sync_api import expect

    files = [[p.name, base64.b64encode(p.read_bytes()).decode()] for p in sorted(WAGE_CASE.iterdir())]
    page.evaluate(FAKE_FOLDER_DROP, ["mismatch_wage", files])
    expect(page.locator("#chosen")).to_contain_text("4 files")
    expect(page.locator("#chosen")).to_contain_text("mismatch_wage")
    page.click("#check-button")
    expect(shown_report(page)).to_contain_text("Wage differs")


# --- behaviour under load, logs -----------------------------------------------------------------


def test_service_answers_other_requests_while_a_case_is_being_checked(service, monkeypatch):
    import doccheck.service as service_module

    release = threading.Event()
    real_run_check = service_module.run_check

    def slow_run_check(*args, **kwargs):
        release.wait(timeout=20)
        return real_run_check(*args, **kwargs)

    monkeypatch.setattr(service_module, "run_check", slow_run_check)
    answers: list[httpx.Response] = []
    checking = threading.Thread(target=lambda: answers.append(post(service, case_files(WAGE_CASE))))
    checking.start()
    try:
        time.sleep(0.3)
        started = time.monotonic()
        assert httpx.get(f"{service.url}/healthz", timeout=5).status_code == 200
        assert time.monotonic() - started < 2
        assert answers == []  # the check is still waiting
    finally:
        release.set()
        checking.join(timeout=30)
    assert answers[0].status_code == 200


def test_service_answers_with_the_html_report_when_asked(service):
    response = post(service, case_files(WAGE_CASE), params={"as_of": AS_OF, "format": "html"})
    assert response.status_code == 200
    if response.headers["content-type"].startswith("text/html"):
        assert "Wage differs" in response.text
        assert "default-src 'none'" in response.headers["content-security-policy"]
    else:  # the HTML renderer is not installed: the JSON comes back
        assert response.json()["findings"]
    assert response.headers["X-Doccheck-Exit"] == "1"


def test_service_logs_hold_no_file_names_or_field_values(service, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    response = post(service, case_files(WAGE_CASE))
    assert response.status_code == 200
    values = {"LOE.docx", "scan_0004.pdf", "Sakura", "Suzuki", "59.75", "54.75"}
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("doccheck.service", "uvicorn")))
    assert "checked 4 file(s)" in logged
    assert not {v for v in values if v in logged}


def test_fastapis_built_in_telemetry_stays_off_even_when_the_environment_asks(monkeypatch):
    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    app = create_app()
    native = getattr(app, "_native_telemetry", None)  # FastAPI >= 0.16x ships OpenTelemetry hooks
    if native is None:
        pytest.skip("this FastAPI has no built-in telemetry")
    assert not native.enabled()
    assert app._telemetry["auto_configure"] is False
