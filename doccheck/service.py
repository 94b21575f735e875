"""The intake service: post a case's files (or one zip of the case folder), get the contract's JSON.

Endpoints (``doccheck serve``; bound to 127.0.0.1 unless told otherwise):

- ``POST /v1/check`` - multipart form data: the case's files in the repeated field ``files`` (any
  part with a file name is taken; names are reduced to their last component), or one zip of a case
  folder (recognised by its content, not its name; a DOCX or other office package is a document,
  not a case zip; sub-folders inside the zip are kept, a single top folder is dropped).
  Optional query or form parameters: ``as_of`` (YYYY-MM-DD, default today), ``fail_on``
  (error|warning|info|never, default error), ``disable`` (a rule id, repeatable), ``case`` (the
  report's ``case`` label; default the zip's folder or file name, else "upload") and ``format``
  (json, the default, or html when the HTML report renderer is installed; otherwise JSON comes back).
  The answer is exactly what ``doccheck check CASE --format json`` prints for the same files; the
  header ``X-Doccheck-Exit`` carries the exit status the CLI would return (0: no finding reaches
  ``fail_on``; 1: one does). Refusals are JSON ``{"detail": "..."}``: 413 for an upload (or an
  unzipped case) over the size limit, 422 for no files, too many files, a bad or unsafe zip, a bad
  date or an unknown ``fail_on``.
- ``GET /v1/rules`` - the rules as ``doccheck rules --format json`` prints them.
- ``GET /healthz`` - ``{"status": "ok", "version": "..."}``.
- ``GET /`` - a self-contained page: drop a case folder (or pick it), see the report.

How an upload is handled:

1. Refused before reading when it is not multipart or its Content-Length is over the limit.
2. The body is streamed through a multipart parser straight into a TemporaryDirectory, bytes and
   files counted as they arrive (nothing unbounded is held in memory).
3. One zip: member count, total uncompressed size and every member's path (no absolute paths, no
   ``..``, no links) are checked before anything is extracted.
4. The case is checked in a worker thread, so the server keeps answering; the temporary folder is
   deleted afterwards whatever happened.

Nothing leaves the machine: no telemetry (FastAPI's built-in OpenTelemetry hooks are switched off),
no external assets on the page, and logs hold counts and timings, never file names or field values.
"""

import asyncio
import logging
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI, Request

    from doccheck.models import Report

log = logging.getLogger("doccheck.service")

MiB = 1024 * 1024
FAIL_ON = ("error", "warning", "info", "never")
EXIT_HEADER = "X-Doccheck-Exit"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

_MAX_FIELD_BYTES = 1024  # a form field (as_of, fail_on, case, ...) is short
_MAX_FIELDS = 64
_MAX_NAME_BYTES = 200  # room under the usual 255-byte file-name limit for a " (2)" suffix
_OFFICE_MARKERS = {"[Content_Types].xml", "mimetype"}  # DOCX/XLSX/PPTX and ODF packages are zips too
_PAGE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "connect-src 'self'; frame-src 'self' blob: data:; base-uri 'none'; form-action 'none'"
)
_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


class UploadRejected(Exception):
    """An upload the service refuses: an HTTP status and a sentence saying why."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    max_upload_bytes: int = 100 * MiB  # the whole request body
    max_files: int = 200  # files uploaded, or files in the zip
    max_unzipped_bytes: int = 500 * MiB  # total uncompressed size of a zip's members


@dataclass
class Upload:
    """What a request body held: files spooled to disk (safe name, path) and form fields."""

    files: list[tuple[str, Path]] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    body_bytes: int = 0


# --- names --------------------------------------------------------------------------------------


def safe_name(name: str, default: str = "file") -> str:
    """An uploaded file's name reduced to one safe path component; letters in any script are kept.

    >>> safe_name("../../etc/passwd"), safe_name("C:\\\\Users\\\\x\\\\Offre d'emploi é.pdf")
    ('passwd', "Offre d'emploi é.pdf")
    """
    last = name.replace("\\", "/").split("/")[-1]
    cleaned = "".join(ch for ch in last if unicodedata.category(ch)[0] != "C").strip()
    if cleaned in ("", ".", ".."):
        return default
    return _shorten(cleaned)


def _shorten(name: str) -> str:
    if len(name.encode("utf-8")) <= _MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = name, ""
    budget = _MAX_NAME_BYTES - len(suffix.encode("utf-8")) - 1
    short = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return f"{short}.{suffix}" if suffix else short


def safe_member_path(name: str) -> PurePosixPath:
    """A zip member's name as a safe relative path; raises UploadRejected for an escaping one."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        raise UploadRejected(422, f"the zip holds an absolute path ({name!r}); zip the case folder itself")
    parts = [p for p in posix.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UploadRejected(422, f"the zip holds a path leaving its folder ({name!r}); zip the case folder itself")
    if not parts:
        raise UploadRejected(422, f"the zip holds a member without a name ({name!r})")
    return PurePosixPath(*(safe_name(p) for p in parts))


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem (2).ext`` and so on when that name is already taken."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({counter}){suffix}"
        counter += 1
    return candidate


# --- the multipart body -------------------------------------------------------------------------


def _multipart():
    try:
        from python_multipart.multipart import MultipartParser, parse_options_header
    except ImportError:  # python-multipart before 0.0.13
        from multipart.multipart import MultipartParser, parse_options_header  # type: ignore[no-redef]
    return MultipartParser, parse_options_header


def boundary_of(content_type: str) -> bytes:
    """The multipart boundary of a Content-Type header; raises UploadRejected when it has none."""
    _, parse_options_header = _multipart()
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRejected(422, "send the case as multipart/form-data: the files in the repeated field `files`, or one zip")
    return boundary


class _Spooler:
    """Callbacks for python-multipart's streaming parser: file parts go straight to disk."""

    def __init__(self, folder: Path, limits: Limits) -> None:
        self.folder = folder
        self.limits = limits
        self.upload = Upload()
        self.finished = False
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._file = None
        self._name: str | None = None  # the form field's name, for a non-file part
        self._value = bytearray()
        self._skip = False
        self._field_count = 0

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._add("_header_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("_header_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _add(self, attr: str, data: bytes) -> None:
        setattr(self, attr, getattr(self, attr) + data)

    def _part_begin(self) -> None:
        self._headers, self._file, self._name, self._value, self._skip = {}, None, None, bytearray(), False

    def _header_end(self) -> None:
        self._headers[self._header_field.strip().lower()] = self._header_value.strip()
        self._header_field = self._header_value = b""

    def _headers_finished(self) -> None:
        name, filename = _disposition(self._headers.get(b"content-disposition", b""))
        if filename is None:
            self._field_count += 1
            if self._field_count > _MAX_FIELDS:
                raise UploadRejected(422, f"too many form fields (limit {_MAX_FIELDS})")
            self._name = name or ""
            return
        if not filename:  # a browser's empty file input
            self._skip = True
            return
        if len(self.upload.files) >= self.limits.max_files:
            raise UploadRejected(422, f"too many files: the limit is {self.limits.max_files} per case")
        path = self.folder / f"{len(self.upload.files):05d}"
        self._file = path.open("xb")
        self.upload.files.append((safe_name(filename), path))

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
        elif self._name is not None and not self._skip:
            self._value += data[start:end]
            if len(self._value) > _MAX_FIELD_BYTES:
                raise UploadRejected(422, f"form field {self._name!r} is too long (limit {_MAX_FIELD_BYTES} bytes)")

    def _part_end(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        elif self._name is not None:
            self.upload.fields.setdefault(self._name, []).append(self._value.decode("utf-8", errors="replace"))
        self._name = None

    def _end(self) -> None:
        self.finished = True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _disposition(header: bytes) -> tuple[str | None, str | None]:
    """(field name, file name) of a Content-Disposition header; file name None for a plain field."""
    _, parse_options_header = _multipart()
    _, options = parse_options_header(header)
    name = options.get(b"name")
    filename = options.get(b"filename")
    extended = re.search(rb"filename\*\s*=\s*([\w-]*)'[^']*'([^;\s]+)", header)
    if extended:  # RFC 5987/2231: filename*=UTF-8''caf%C3%A9.pdf
        charset = extended.group(1).decode("ascii", errors="ignore") or "utf-8"
        try:
            return _text(name), unquote(extended.group(2).decode("ascii", errors="replace"), encoding=charset)
        except LookupError:
            pass
    return _text(name), _text(filename)


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", errors="replace")


async def receive_upload(request: "Request", folder: Path, limits: Limits) -> Upload:
    """Stream the request body into ``folder``, counting bytes and files against the limits."""
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import ClientDisconnect

    MultipartParser, _ = _multipart()
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_upload_bytes:
        raise UploadRejected(413, _too_large(limits.max_upload_bytes, int(declared)))
    spooler = _Spooler(folder, limits)
    parser = MultipartParser(boundary_of(request.headers.get("content-type", "")), spooler.callbacks())
    try:
        async for chunk in request.stream():
            spooler.upload.body_bytes += len(chunk)
            if spooler.upload.body_bytes > limits.max_upload_bytes:
                raise UploadRejected(413, _too_large(limits.max_upload_bytes))
            if chunk:
                await run_in_threadpool(parser.write, chunk)  # file writes off the event loop
        parser.finalize()
    except (UploadRejected, ClientDisconnect):
        raise
    except Exception:  # the parser's own errors: a malformed body
        raise UploadRejected(422, "the multipart body could not be read (malformed or truncated)") from None
    finally:
        spooler.close()
    if not spooler.finished:
        raise UploadRejected(422, "the multipart body ended early (truncated upload?)")
    return spooler.upload


def _too_large(limit: int, declared: int | None = None) -> str:
    said = f" ({_size(declared)})" if declared is not None else ""
    return f"upload too large{said}: the limit is {_size(limit)} per request; split the case or zip it"


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.1f} MiB".replace(".0 MiB", " MiB")
    if n >= 1024:
        return f"{n / 1024:.1f} KiB".replace(".0 KiB", " KiB")
    return f"{n} bytes"


# --- a zipped case folder -----------------------------------------------------------------------


def is_case_zip(path: Path) -> bool:
    """A zip archive by its content that is not itself a document (DOCX, XLSX, ODT are zips too)."""
    with path.open("rb") as fh:
        if fh.read(4) not in (b"PK\x03\x04", b"PK\x05\x06"):
            return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return not (names & _OFFICE_MARKERS)


def plan_extraction(archive: zipfile.ZipFile, limits: Limits) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Every member to extract with its safe relative path, all checked before anything is written."""
    members = [i for i in archive.infolist() if not i.is_dir() and not _is_mac_resource(i.filename)]
    if len(members) > limits.max_files:
        raise UploadRejected(422, f"too many files in the zip: {len(members)}; the limit is {limits.max_files} per case")
    total = sum(i.file_size for i in members)
    if total > limits.max_unzipped_bytes:
        raise UploadRejected(413, f"the zip unpacks to {_size(total)}: the limit is {_size(limits.max_unzipped_bytes)} per case")
    plan = []
    for info in members:
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadRejected(422, f"the zip holds a symbolic link ({info.filename!r}); zip the files themselves")
        if info.flag_bits & 0x1:
            raise UploadRejected(422, "the zip is password-protected; send it without a password")
        plan.append((info, safe_member_path(info.filename)))
    return _drop_common_folder(plan)


def _is_mac_resource(name: str) -> bool:
    return name.replace("\\", "/").split("/")[0] == "__MACOSX"


def _drop_common_folder(plan: list[tuple[zipfile.ZipInfo, PurePosixPath]]) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """``case/offer.pdf`` and ``case/oe.pdf`` become ``offer.pdf`` and ``oe.pdf``, as the CLI names them."""
    tops = {rel.parts[0] for _, rel in plan}
    if len(tops) == 1 and all(len(rel.parts) > 1 for _, rel in plan):
        return [(info, PurePosixPath(*rel.parts[1:])) for info, rel in plan]
    return plan


def common_folder(archive: zipfile.ZipFile) -> str | None:
    """The single top folder every member of the zip sits in, if there is one."""
    names = [i.filename.replace("\\", "/").lstrip("/") for i in archive.infolist() if not _is_mac_resource(i.filename)]
    tops = {n.split("/")[0] for n in names if n}
    files = [n for n in names if n and not n.endswith("/")]
    if len(tops) == 1 and files and all("/" in n for n in files):
        return safe_name(tops.pop(), default="") or None
    return None


def extract_case_zip(path: Path, dest: Path, limits: Limits) -> str | None:
    """Extract a zipped case folder into ``dest`` safely; returns its top folder's name, if any."""
    try:
        with zipfile.ZipFile(path) as archive:
            plan = plan_extraction(archive, limits)
            root = dest.resolve()
            budget = limits.max_unzipped_bytes
            for info, rel in plan:
                target = root.joinpath(*rel.parts)
                if root not in target.resolve().parents:
                    raise UploadRejected(422, f"the zip holds a path leaving its folder ({info.filename!r})")
                target.parent.mkdir(parents=True, exist_ok=True)
                target = unique_path(target.parent, target.name)
                budget -= _copy_member(archive, info, target, budget)
            return common_folder(archive)
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError, RuntimeError):
        raise UploadRejected(422, "the zip could not be unpacked (damaged, or an unsupported compression method)") from None


def _copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: int) -> int:
    """Copy one member, never writing more than its declared size or the remaining budget."""
    allowed = min(info.file_size, budget)
    written = 0
    with archive.open(info) as src, target.open("xb") as out:
        while chunk := src.read(1024 * 1024):
            written += len(chunk)
            if written > allowed:
                raise UploadRejected(413, "the zip unpacks to more than it declares; send the files themselves")
            out.write(chunk)
    return written


# --- options, exit status, rules ----------------------------------------------------------------


@dataclass(frozen=True)
class RequestOptions:
    as_of: date
    fail_on: str
    disabled: frozenset[str]
    label: str | None
    fmt: str


def request_options(query: dict[str, list[str]], form: dict[str, list[str]]) -> RequestOptions:
    """The check's options from the query string and the form (a form field wins); 422 when bad."""

    def one(name: str) -> str | None:
        values = form.get(name) or query.get(name) or []
        values = [v.strip() for v in values if v.strip()]
        return values[-1] if values else None

    raw_date = one("as_of") or one("as-of")
    as_of = parse_iso_date(raw_date) if raw_date else date.today()
    fail_on = (one("fail_on") or one("fail-on") or "error").lower()
    if fail_on not in FAIL_ON:
        raise UploadRejected(422, f"fail_on must be one of {', '.join(FAIL_ON)} (got {fail_on[:20]!r})")
    fmt = (one("format") or "json").lower()
    if fmt not in ("json", "html"):
        raise UploadRejected(422, f"format must be json or html (got {fmt[:20]!r})")
    disabled = {r.strip().upper() for v in (form.get("disable", []) + query.get("disable", [])) for r in v.split(",") if r.strip()}
    label = one("case")
    return RequestOptions(as_of, fail_on, frozenset(disabled), safe_name(label, default="upload") if label else None, fmt)


def parse_iso_date(raw: str) -> date:
    """A YYYY-MM-DD date, or UploadRejected(422)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise UploadRejected(422, f"as_of must be a date written YYYY-MM-DD (got {raw[:20]!r})")


def exit_status(report: "Report", fail_on: str) -> int:
    """The exit status ``doccheck check`` would return for this report: 1 when a finding reaches ``fail_on``."""
    from doccheck.batch import case_fails

    return int(case_fails(report, fail_on))


def rules_payload() -> list[dict[str, Any]]:
    """Every rule as ``doccheck rules --format json`` lists it."""
    from doccheck.engine import rules_catalogue

    return rules_catalogue()


def doccheck_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("doccheck")
    except PackageNotFoundError:
        return "unknown"


def render_html_report(report: "Report") -> str | None:
    """The self-contained HTML report (doccheck.report.html), or None where that renderer is absent."""
    try:
        from doccheck.report.html import render_html
    except ImportError:
        return None
    return render_html([report])


def index_page() -> str:
    from importlib.resources import files

    return files("doccheck").joinpath("static", "index.html").read_text(encoding="utf-8")


# --- the check ----------------------------------------------------------------------------------


def stage_case(upload: Upload, case_dir: Path, limits: Limits) -> str | None:
    """Put the uploaded files into ``case_dir``: one case zip is extracted, other files moved in.

    Returns a label for the case (the zip's folder or file name) when one is known.
    """
    case_dir.mkdir()
    if len(upload.files) == 1 and is_case_zip(upload.files[0][1]):
        name, path = upload.files[0]
        folder = extract_case_zip(path, case_dir, limits)
        path.unlink()
        return folder or (Path(name).stem if name.lower().endswith(".zip") else name) or None
    for name, path in upload.files:
        shutil.move(path, unique_path(case_dir, name))
    return None


def run_check(case_dir: Path, options: RequestOptions, label: str) -> "Report":
    from doccheck.pipeline import CheckOptions, check_case

    check_options = CheckOptions(as_of=options.as_of, disabled_rules=set(options.disabled))
    return check_case(case_dir, check_options, case_label=label)


async def handle_check(request: "Request", limits: Limits, work_dir: Path | None, slots: asyncio.Semaphore):
    """POST /v1/check: upload in, report out; the temporary folder never outlives the request."""
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import ClientDisconnect
    from starlette.responses import HTMLResponse, Response

    from doccheck.report.json_report import render_json

    started = time.monotonic()
    query = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
    request_options(query, {})  # a bad query parameter is refused before the body is read
    with tempfile.TemporaryDirectory(prefix="doccheck-upload-", dir=work_dir, ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        (root / "incoming").mkdir()
        try:
            upload = await receive_upload(request, root / "incoming", limits)
        except ClientDisconnect:
            log.info("the client left during the upload")
            return Response(status_code=400)
        options = request_options(query, upload.fields)
        if not upload.files:
            raise UploadRejected(422, "no files uploaded: send the case's files in the repeated form field `files`, or one zip of the case folder")
        found = await run_in_threadpool(stage_case, upload, root / "case", limits)
        label = options.label or found or "upload"
        async with slots:
            report = await run_in_threadpool(run_check, root / "case", options, label)
    status = exit_status(report, options.fail_on)
    headers = {EXIT_HEADER: str(status), "Cache-Control": "no-store"}
    log.info(
        "checked %d file(s), %s uploaded: %d document(s), %d error(s), %d warning(s), exit %d, %.1f s",
        len(upload.files), _size(upload.body_bytes), report.summary.documents, report.summary.errors,
        report.summary.warnings, status, time.monotonic() - started,
    )
    if options.fmt == "html":
        html = render_html_report(report)
        if html is not None:
            return HTMLResponse(html, headers={**headers, "Content-Security-Policy": _REPORT_CSP})
    return Response(render_json([report]), media_type="application/json", headers=headers)


# --- the app ------------------------------------------------------------------------------------


class _HostGuard:
    """Answer only requests addressed to an allowed host name (stops DNS-rebinding pages reading reports)."""

    def __init__(self, app, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            if host_name(host) not in self.allowed:
                from starlette.responses import JSONResponse

                await JSONResponse({"detail": "unknown Host header"}, status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def host_name(host: str) -> str:
    """The name part of a Host header: ``[::1]:8000`` -> ``::1``, ``localhost:8000`` -> ``localhost``."""
    if host.startswith("["):
        return host[1:].split("]")[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _fastapi(**kwargs):
    """A FastAPI app with its built-in OpenTelemetry switched off, on versions that have it."""
    import inspect

    from fastapi import FastAPI

    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        kwargs["telemetry"] = {
            "tracing": False, "metrics": False, "logs": False, "operation_spans": False, "auto_configure": False,
        }
    return FastAPI(**kwargs)


def create_app(
    *,
    max_upload_bytes: int = 100 * MiB,
    max_files: int = 200,
    max_unzipped_bytes: int = 500 * MiB,
    work_dir: Path | str | None = None,
    allowed_hosts: Sequence[str] | None = None,
    max_concurrent_checks: int | None = None,
) -> "FastAPI":
    """The intake service as an ASGI app.

    Args:
        max_upload_bytes: largest request body (413 above it).
        max_files: most files per case, uploaded or inside the zip (422 above it).
        max_unzipped_bytes: largest total uncompressed size of a zip's members (413 above it).
        work_dir: where the per-request temporary folders go (default: the system's temp folder).
        allowed_hosts: Host header names answered (default: any); ``serve`` on a loopback address
            passes 127.0.0.1, localhost and ::1.
        max_concurrent_checks: cases checked at once (default: the CPU count); others wait their turn.
    """
    from fastapi import Request
    from fastapi.responses import HTMLResponse, JSONResponse

    limits = Limits(max_upload_bytes, max_files, max_unzipped_bytes)
    work = Path(work_dir) if work_dir is not None else None
    slots = asyncio.Semaphore(max_concurrent_checks or os.cpu_count() or 1)
    app = _fastapi(
        title="doccheck intake service",
        version=doccheck_version(),
        docs_url=None,  # the interactive docs load scripts from a CDN: nothing leaves the machine
        redoc_url=None,
    )

    @app.exception_handler(UploadRejected)
    async def _rejected(request: Request, exc: UploadRejected) -> JSONResponse:
        log.info("refused an upload: %d", exc.status)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers={"Cache-Control": "no-store"})

    @app.post("/v1/check", summary="Check one case: its files, or one zip of its folder")
    async def check(request: Request):
        return await handle_check(request, limits, work, slots)

    @app.get("/v1/rules", summary="Every rule, as `doccheck rules --format json` lists them")
    async def rules() -> JSONResponse:
        return JSONResponse(rules_payload())

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": doccheck_version()}

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(index_page(), headers={"Content-Security-Policy": _PAGE_CSP, "Cache-Control": "no-store"})

    if allowed_hosts is not None:
        app.add_middleware(_HostGuard, allowed=allowed_hosts)
    return app


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = 8000, **limits: Any) -> None:
    """Run the intake service with uvicorn until interrupted (keyword arguments go to create_app)."""
    import uvicorn

    if is_loopback(host):
        limits.setdefault("allowed_hosts", [*LOOPBACK_HOSTS, host])
    logging.basicConfig(level=logging.INFO, format="doccheck: %(message)s")
    # no access log: a query string can carry a case label; our own log line holds counts only
    uvicorn.run(create_app(**limits), host=host, port=port, access_log=False, server_header=False, log_level="info")
