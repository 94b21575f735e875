"""Speed of ``doccheck check`` against the parsing floor (a script, not a test; issue 7).

    python bench/benchmark.py [--cases 200] [--quick] [--out BENCHMARKS.md] [--keep DIR] [--no-peer]

In one run, on the same deterministic files built in a temporary folder:

1. builds a batch of typical generated cases, one case holding a long text PDF (227 pages) next
   to an offer letter and an Offer of Employment printout, and one case holding a 20-page
   scanned (image-only) PDF next to the same two kinds of documents;
2. times ``doccheck check`` (JSON output to a file) on: one small case, the batch with 1 and
   with 2 workers and the big-PDF case (``--batch-repeat`` rounds each, interleaved with the
   floor's; medians), and the scan case;
3. times the floor on the same files — pypdfium2 text per page and python-docx paragraphs (plus
   Tesseract on the image-only pages for the scan) — with the same 1/2 process split, and the
   naive peer, pdfplumber ``extract_text`` (its run on the big PDF is cut at ``--peer-timeout``);
4. times cold start: ``doccheck --help`` and ``doccheck check`` on one small case (median of 5);
5. writes ``BENCHMARKS.md`` at the repo root: the table with the issue's targets, every raw
   measurement, the machine, the versions and the date.

Every measured command is its own process: wall time, CPU (user+sys of that child) and peak RSS
(``ru_maxrss`` of that child) come from ``os.wait4``. Child processes get a private bytecode
cache (``PYTHONPYCACHEPREFIX``), warmed before timing, as after a normal ``pip install``.

``--quick`` (20 cases, a 30-page PDF, a 3-page scan) is for fast iteration; the full run takes
about 10 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from benchmark_data import (build_batch, build_big_pdf_case, build_scan_case,  # noqa: E402
                            case_documents)
from benchmark_measure import Measure, median_of, run_group, run_median  # noqa: E402

AS_OF = "2026-11-28"
FLOOR_SCRIPT = BENCH / "benchmark_floor.py"
LIBRARIES = ("doccheck", "pypdfium2", "pdfplumber", "pypdf", "python-docx", "spacy", "pydantic", "click", "rich",
             "Pillow", "reportlab")


# --------------------------------------------------------------------------- setup


@dataclass
class Settings:
    cases: int
    big_pages: int
    scan_pages: int
    repeat: int
    batch_repeat: int
    seed: int
    peer_timeout: float
    peer: bool
    out: Path
    keep: Path | None
    quick: bool
    instructions: int = 0


def parse_args(argv: list[str]) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=None, help="cases in the batch (default 200; 20 with --quick)")
    parser.add_argument("--quick", action="store_true", help="small run for iteration: 20 cases, 30-page PDF, 3-page scan")
    parser.add_argument("--big-pages", type=int, default=None, help="pages of the big text PDF (default 227)")
    parser.add_argument("--scan-pages", type=int, default=None, help="pages of the scanned PDF (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per cold-start measure (median)")
    parser.add_argument("--batch-repeat", type=int, default=5, help="interleaved rounds of the batch measures (median)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--peer-timeout", type=float, default=300.0, help="seconds allowed to one pdfplumber run")
    parser.add_argument("--no-peer", action="store_true", help="skip the pdfplumber peer runs")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the table")
    parser.add_argument("--keep", type=Path, default=None, help="build the files here and keep them")
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="also count instructions (valgrind callgrind) on the batch's first N cases, 1 process")
    args = parser.parse_args(argv)
    return Settings(
        cases=args.cases or (20 if args.quick else 200),
        big_pages=args.big_pages or (30 if args.quick else 227),
        scan_pages=args.scan_pages or (3 if args.quick else 20),
        repeat=args.repeat,
        batch_repeat=max(1, args.batch_repeat if not args.quick else 1),
        seed=args.seed,
        peer_timeout=args.peer_timeout,
        peer=not args.no_peer,
        out=args.out,
        keep=args.keep,
        quick=args.quick,
        instructions=max(0, args.instructions),
    )


def child_env(pycache: Path) -> dict:
    """Environment of the measured processes: bytecode cached in a private folder, no ~/.pyc in the repo."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def doccheck_command() -> list[str]:
    """The ``doccheck`` console script installed next to this Python (not a pyenv/asdf shim on PATH)."""
    beside = Path(sys.executable).with_name("doccheck")
    if beside.is_file():
        return [str(beside)]
    exe = shutil.which("doccheck")
    return [exe] if exe else ENTRY_POINT


# doccheck's entry point run by this Python (valgrind cannot start the console script, a Python script)
ENTRY_POINT = [sys.executable, "-c", "import sys; from doccheck.cli import main; sys.argv[0] = 'doccheck'; sys.exit(main())"]


def check_help(base: list[str], env: dict) -> str:
    done = subprocess.run(base + ["check", "--help"], capture_output=True, text=True, env=env, check=False)
    return done.stdout


# --------------------------------------------------------------------------- commands


class Runner:
    """Builds and runs the measured commands (doccheck, floor, peer) for given case folders."""

    def __init__(self, work: Path, env: dict, help_text: str) -> None:
        self.work = work
        self.env = env
        self.base = doccheck_command()
        self.has_workers = "--workers" in help_text
        self.has_cases = "--cases" in help_text
        self.quiet = ["-q"] if "--quiet" in help_text else []
        self.counter = 0

    def _file(self, suffix: str) -> Path:
        self.counter += 1
        return self.work / f"run-{self.counter:03d}{suffix}"

    def doccheck_cmd(self, cases: list[Path], workers: int | None = None, *, folder: Path | None = None
                     ) -> tuple[list[str], Path]:
        """``doccheck check`` on ``cases`` (or on every case under ``folder`` with ``--cases``), JSON to a file."""
        out = self._file(".json")
        cmd = self.base + ["check", "--format", "json", "--fail-on", "never", "--as-of", AS_OF, "-o", str(out)]
        cmd += self.quiet
        if workers is not None and self.has_workers:
            cmd += ["--workers", str(workers)]
        if folder is not None and self.has_cases:
            return cmd + ["--cases", str(folder)], out
        return cmd + [str(c) for c in cases], out

    def doccheck(self, cases: list[Path], workers: int | None = None, *, folder: Path | None = None,
                 timeout: float | None = None) -> tuple[Measure, str]:
        """``doccheck check`` on ``cases`` with ``workers``: its own options if it has them, else a process split."""
        if workers is None or workers == 1 or self.has_workers:
            cmd, out = self.doccheck_cmd(cases, workers, folder=folder)
            measure = run_group([cmd], env=self.env, timeout=timeout)
            measure.status = verify_reports(measure, [out], cases)
            if workers is None:
                method = "default options"
            elif self.has_workers:
                how = f"`--cases {folder.name}/`" if folder is not None and self.has_cases else "case folders as arguments"
                method = f"one `doccheck check --workers {workers}` process, {how}"
            else:
                method = "one process, all cases as arguments"
            return measure, method
        parts = [cases[i::workers] for i in range(workers)]
        cmds, outs = zip(*(self.doccheck_cmd(part) for part in parts))
        measure = run_group(list(cmds), env=self.env, timeout=timeout)
        measure.status = verify_reports(measure, list(outs), [c for part in parts for c in part])
        return measure, f"{workers} parallel `doccheck check` processes, cases split alternately"

    def floor_cmds(self, mode: str, cases: list[Path], processes: int = 1) -> list[list[str]]:
        cmds = []
        for i in range(processes):
            listing = self._file(".txt")
            files = [f for case in cases[i::processes] for f in case_documents(case)]
            listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
            cmds.append([sys.executable, str(FLOOR_SCRIPT), mode, str(listing)])
        return cmds

    def floor(self, mode: str, cases: list[Path], processes: int = 1, timeout: float | None = None,
              repeat: int = 1) -> Measure:
        cmds = self.floor_cmds(mode, cases, processes)
        if repeat > 1 and len(cmds) == 1:
            return run_median(cmds[0], repeat, env=self.env, timeout=timeout)
        return run_group(cmds, env=self.env, timeout=timeout)


def verify_reports(measure: Measure, outputs: list[Path], cases: list[Path]) -> str:
    """``ok`` when the JSON reports cover every case and every document, else what went wrong."""
    if not measure.ok:
        return measure.status
    reports = []
    for out in outputs:
        try:
            payload = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return f"no report ({exc.__class__.__name__})"
        reports.extend(payload["cases"] if "cases" in payload else [payload])
    if len(reports) != len(cases):
        return f"{len(reports)} reports for {len(cases)} cases"
    expected = sum(len(case_documents(c)) for c in cases)
    documents = sum(r["summary"]["documents"] for r in reports)
    if documents < expected:
        return f"{documents} documents reported of {expected}"
    unreadable = [f"{d['path']}: {'; '.join(d.get('errors') or [])}" for r in reports for d in r["documents"]
                  if d["kind"] == "unreadable"]
    return "ok" if not unreadable else f"ok, but {len(unreadable)} unreadable ({unreadable[0][:160]})"


# --------------------------------------------------------------------------- machine and versions


def machine() -> dict:
    info = {"cpu": platform.processor() or "?", "cores": os.cpu_count(), "ram_gb": None}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    info["os"] = f"{platform.system()} {platform.release()}"
    info["python"] = platform.python_version()
    return info


def versions() -> dict:
    from importlib import metadata

    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    try:
        done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30, check=False)
        found["tesseract"] = (done.stdout or done.stderr).splitlines()[0].strip()
    except (OSError, IndexError, subprocess.SubprocessError):
        found["tesseract"] = "not installed"
    return found


# --------------------------------------------------------------------------- the run


@dataclass
class Row:
    scenario: str
    doccheck: Measure | None
    floor: Measure | None
    target: str
    passed: bool | None
    note: str = ""
    value: str | None = None  # shown in the wall column instead of doccheck.wall (ratios)


def ratio(a: Measure | None, b: Measure | None) -> float | None:
    if not a or not b or not a.ok or not b.ok or b.wall <= 0:
        return None
    return a.wall / b.wall


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(settings: Settings) -> None:
    started = time.perf_counter()
    load_before = os.getloadavg()
    work = settings.keep or Path(tempfile.mkdtemp(prefix="doccheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        _run_in(settings, work, started, load_before)
    finally:
        if settings.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run_in(settings: Settings, work: Path, started: float, load_before: tuple) -> None:
    data = work / "data"
    log(f"building {settings.cases} cases, a {settings.big_pages}-page PDF case and a {settings.scan_pages}-page scan case in {data}")
    t0 = time.perf_counter()
    if data.exists():
        shutil.rmtree(data)
    cases = build_batch(settings.cases, data / "batch", settings.seed)
    big_case = data / "big_pdf_case"
    build_big_pdf_case(big_case, settings.big_pages, settings.seed)
    scan_case = data / "scan_case"
    build_scan_case(scan_case, settings.scan_pages, settings.seed)
    build_seconds = time.perf_counter() - t0
    batch_files = [f for c in cases for f in case_documents(c)]
    batch_pages = _pdf_pages(batch_files)
    small = cases[0]
    log(f"built in {build_seconds:.1f} s: {len(batch_files)} batch files ({batch_pages} PDF pages)")

    env = child_env(work / "pycache")
    help_text = check_help(doccheck_command(), env)
    runner = Runner(work, env, help_text)
    log("warming the bytecode cache and the page cache")
    run_group([runner.base + ["--help"]], env=env)
    run_group([runner.doccheck_cmd(cases[:10], 2)[0]], env=env)
    run_group([runner.doccheck_cmd([big_case])[0] + ["--max-pages", "3"]], env=env)
    run_group([runner.doccheck_cmd([scan_case])[0] + ["--no-ocr"]], env=env)
    runner.floor("pdfium", cases[:10])
    if settings.peer:
        runner.floor("plumber", [small])

    results: dict[str, Measure] = {}
    methods: dict[str, str] = {}

    loads: dict[str, float] = {}

    def measure(key: str, fn, *args, **kwargs):
        log(f"{key} ...")
        loads[key] = os.getloadavg()[0]
        value = fn(*args, **kwargs)
        if isinstance(value, tuple):
            value, methods[key] = value
        results[key] = value
        log(f"{key}: {value.wall:.2f} s wall, {value.cpu:.2f} s CPU, {value.rss_mb:.0f} MB, {value.status}")
        return value

    python = [sys.executable]
    measure("help", run_median, runner.base + ["--help"], settings.repeat, env=env)
    measure("python", run_median, python + ["-c", "pass"], settings.repeat, env=env)
    raw_env = dict(env)
    raw_env.pop("PYTHONPYCACHEPREFIX")
    raw_env["PYTHONDONTWRITEBYTECODE"] = "1"
    measure("help_nopyc", run_median, runner.base + ["--help"], settings.repeat, env=raw_env)
    measure("small", run_median, runner.doccheck_cmd([small])[0], settings.repeat, env=env)
    measure("small_floor", runner.floor, "pdfium", [small], repeat=settings.repeat)
    if settings.peer:
        measure("small_peer", runner.floor, "plumber", [small], repeat=settings.repeat)

    batch_root = data / "batch"
    # The batch rows, interleaved round by round (doccheck, its floor, ...) and each the median of its
    # rounds: the machine's speed drifts over minutes, and a ratio should compare like with like.
    rounds: dict[str, list[Measure]] = {"batch1": [], "batch1_floor": [], "batch2": [], "batch2_floor": []}
    for _ in range(settings.batch_repeat):
        rounds["batch1"].append(measure("batch1", runner.doccheck, cases, 1, folder=batch_root))
        rounds["batch1_floor"].append(measure("batch1_floor", runner.floor, "pdfium", cases, 1))
        rounds["batch2"].append(measure("batch2", runner.doccheck, cases, 2, folder=batch_root))
        rounds["batch2_floor"].append(measure("batch2_floor", runner.floor, "pdfium", cases, 2))
    for key, measures in rounds.items():
        results[key] = median_of(measures)
    if settings.peer:
        measure("batch1_peer", runner.floor, "plumber", cases, 1)

    # the big-PDF case in rounds too: one run of a second or less moves with the machine as much as the target's margin
    big_rounds: dict[str, list[Measure]] = {"big": [], "big_floor": []}
    for _ in range(settings.batch_repeat):
        big_rounds["big"].append(measure("big", runner.doccheck, [big_case]))
        big_rounds["big_floor"].append(measure("big_floor", runner.floor, "pdfium", [big_case]))
    for key, measures in big_rounds.items():
        results[key] = median_of(measures)
    if settings.peer:
        measure("big_peer", runner.floor, "plumber", [big_case], timeout=settings.peer_timeout)

    measure("scan", runner.doccheck, [scan_case])
    measure("scan_floor_text", runner.floor, "pdfium", [scan_case])
    measure("scan_floor", runner.floor, "ocr", [scan_case])
    if settings.peer:
        measure("scan_peer", runner.floor, "plumber", [scan_case])

    instructions = _count_instructions(runner, cases[:settings.instructions], env) if settings.instructions else None

    total = time.perf_counter() - started
    context = {
        "instructions": instructions,
        "settings": settings,
        "machine": machine(),
        "versions": versions(),
        "load": (load_before, os.getloadavg()),
        "total": total,
        "build_seconds": build_seconds,
        "batch_files": len(batch_files),
        "batch_pages": batch_pages,
        "has_workers": runner.has_workers,
        "quiet": bool(runner.quiet),
        "command": " ".join(runner.base),
        "methods": methods,
        "loads": loads,
        "small_files": len(case_documents(small)),
        "big_files": len(case_documents(big_case)),
        "scan_files": len(case_documents(scan_case)),
    }
    text = render_markdown(results, context)
    settings.out.write_text(text, encoding="utf-8")
    log(f"wrote {settings.out} ({total / 60:.1f} min in all)")
    print(table(results, context))
    if instructions:
        print(instructions_table(instructions))


def _count_instructions(runner: Runner, cases: list[Path], env: dict) -> dict:
    """Instructions of the floor and of ``doccheck check --workers 1`` on ``cases`` (see benchmark_instructions)."""
    import benchmark_instructions as counting

    if not counting.available():
        log("instructions: valgrind is not installed, row skipped")
        return {"cases": len(cases), "status": "valgrind not installed"}
    log(f"instructions on {len(cases)} cases (valgrind, ~50x slower) ...")
    counts: dict = {"cases": len(cases)}
    run_group([runner.doccheck_cmd(cases, 1)[0], *runner.floor_cmds("pdfium", cases)], env=env)  # every module's bytecode cached
    for key, part in (("", cases), ("one_", cases[:1])):  # N cases, and the first alone: start-up vs per case
        cmd, _ = runner.doccheck_cmd(part, 1)
        counts[f"{key}floor"] = counting.count(runner.floor_cmds("pdfium", part)[0], env)
        counts[f"{key}doccheck"] = counting.count(ENTRY_POINT + cmd[len(runner.base):], env)
    log(f"instructions: {counts}")
    counts["status"] = "ok" if all(counts[k] for k in ("floor", "doccheck", "one_floor", "one_doccheck")) else "a count failed"
    return counts


def instructions_table(counts: dict | None) -> str:
    if not counts:
        return "(not counted: run with `--instructions N`, valgrind installed)"
    if counts["status"] != "ok":
        return f"(not counted on {counts['cases']} cases: {counts['status']})"
    n, floor, doccheck = counts["cases"], counts["floor"], counts["doccheck"]
    one_floor, one_doccheck = counts["one_floor"], counts["one_doccheck"]
    lines = ["| scenario | doccheck instructions | floor instructions | ratio |", "|---|---:|---:|---:|"]
    lines.append(f"| the batch's first case alone (start-up included) | {one_doccheck / 1e9:.3f} G | {one_floor / 1e9:.3f} G | "
                 f"{one_doccheck / one_floor:.2f}× |")
    lines.append(f"| first {n} cases of the batch, 1 process | {doccheck / 1e9:.3f} G | {floor / 1e9:.3f} G | "
                 f"{doccheck / floor:.2f}× |")
    if n > 1 and floor > one_floor:
        each_d, each_f = (doccheck - one_doccheck) / (n - 1), (floor - one_floor) / (n - 1)
        lines.append(f"| each further case (mean of {n - 1}) | {each_d / 1e6:.0f} M | {each_f / 1e6:.0f} M | {each_d / each_f:.2f}× |")
        lines.append(f"| 200 cases, projected (first case + 199 × each further) | {(one_doccheck + 199 * each_d) / 1e9:.1f} G | "
                     f"{(one_floor + 199 * each_f) / 1e9:.1f} G | {(one_doccheck + 199 * each_d) / (one_floor + 199 * each_f):.2f}× |")
    return "\n".join(lines)


def _pdf_pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for f in files:
        if f.suffix.lower() == ".pdf":
            pdf = pdfium.PdfDocument(str(f))
            pages += len(pdf)
            pdf.close()
    return pages


# --------------------------------------------------------------------------- report


def rows(r: dict[str, Measure], ctx: dict) -> list[Row]:
    s: Settings = ctx["settings"]
    out: list[Row] = []

    def within(key: str, floor: str, limit: float) -> bool | None:
        value = ratio(r.get(key), r.get(floor))
        return None if value is None else value <= limit

    out.append(Row(f"`doccheck --help` (cold, median of {s.repeat})", r["help"], r["python"], "≤ 0.25 s",
                   r["help"].ok and r["help"].wall <= 0.25, "floor: `python -c pass`"))
    out.append(Row("`doccheck --help`, no .pyc cache (PYTHONDONTWRITEBYTECODE=1)", r["help_nopyc"], r["python"],
                   "— (info)", None, "as this sandbox's environment runs it"))
    out.append(Row(f"small case end to end ({ctx['small_files']} docs, cold, median of {s.repeat})", r["small"],
                   r["small_floor"], "≤ 1 s", r["small"].ok and r["small"].wall <= 1.0))
    rounds = f", median of {s.batch_repeat} interleaved rounds" if s.batch_repeat > 1 else ""
    out.append(Row(f"batch of {s.cases} cases, 1 worker{rounds}", r["batch1"], r["batch1_floor"], "≤ 2× floor",
                   within("batch1", "batch1_floor", 2.0)))
    out.append(Row(f"batch of {s.cases} cases, 2 workers{rounds}", r["batch2"], r["batch2_floor"], "≤ 2× floor",
                   within("batch2", "batch2_floor", 2.0), "floor: 2 processes"))
    speedup = ratio(r["batch1"], r["batch2"])
    floor_speedup = ratio(r["batch1_floor"], r["batch2_floor"])
    out.append(Row("2 workers vs 1 (speed-up, wall)", None, None, "≥ 1.8×",
                   None if speedup is None else speedup >= 1.8,
                   f"floor speed-up {floor_speedup:.2f}×" if floor_speedup else "",
                   value=f"{speedup:.2f}×" if speedup else "n/a"))
    big = r["big"]
    big_ok = within("big", "big_floor", 2.0)
    out.append(Row(f"{s.big_pages}-page text PDF case (+ offer letter, OE){rounds}", big, r["big_floor"],
                   "≤ 2× floor, ≤ 250 MB", None if big_ok is None else big_ok and big.rss_mb <= 250))
    out.append(Row(f"{s.scan_pages}-page scanned PDF case (+ offer letter, OE)", r["scan"], r["scan_floor"],
                   "— (info)", None, "floor: pypdfium2 + Tesseract at 300 dpi on image-only pages"))
    return out


def _fmt(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _verdict(passed: bool | None, target: str) -> str:
    if passed is None:
        return "—" if target.startswith("—") else "n/a"
    return "**pass**" if passed else "**FAIL**"


def _cut(m: Measure | None) -> bool:
    """doccheck gave up on a file at its own per-file time limit: its real time is longer."""
    return bool(m) and "limit" in m.status


def table(r: dict[str, Measure], ctx: dict) -> str:
    lines = ["| scenario | wall s | CPU s | peak RSS MB | floor wall s | ratio | floor CPU s | CPU ratio | target | result |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    notes: list[str] = []
    for row in rows(r, ctx):
        d, f = row.doccheck, row.floor
        wall = row.value if row.value else _fmt(d.wall if d else None)
        at_least = "≥ " if _cut(d) else ""
        rat = ratio(d, f)
        cpu_rat = d.cpu / f.cpu if d and f and d.ok and f.ok and f.cpu > 0 else None
        note = f" ({row.note})" if row.note else ""
        if d and d.status != "ok":
            notes.append(d.status)
            note += f" ⚠{len(notes)}"
        lines.append(f"| {row.scenario}{note} | {at_least}{wall} | {at_least}{_fmt(d.cpu if d else None)} | "
                     f"{_fmt(d.rss_mb if d else None, 0)} | {_fmt(f.wall if f else None)} | "
                     f"{at_least + _fmt(rat) + '×' if rat else '—'} | {_fmt(f.cpu if f else None)} | "
                     f"{at_least + _fmt(cpu_rat) + '×' if cpu_rat else '—'} | {row.target} | "
                     f"{_verdict(row.passed, row.target)} |")
    lines.append("")
    for i, text in enumerate(notes, 1):
        lines.append(f"⚠{i}: doccheck reported: {text}" + (" — so the time shown is a lower bound." if "limit" in text else "")
                     + "  ")
    return "\n".join(lines).rstrip()


_RAW_LABELS = {
    "help": ("doccheck", "`doccheck --help`"),
    "python": ("floor", "`python -c pass` (interpreter start)"),
    "help_nopyc": ("doccheck", "`doccheck --help`, PYTHONDONTWRITEBYTECODE=1"),
    "small": ("doccheck", "small case"),
    "small_floor": ("floor", "small case: pypdfium2 + python-docx"),
    "small_peer": ("peer", "small case: pdfplumber + python-docx"),
    "batch1": ("doccheck", "batch, 1 worker"),
    "batch1_floor": ("floor", "batch, 1 process: pypdfium2 + python-docx"),
    "batch1_peer": ("peer", "batch, 1 process: pdfplumber + python-docx"),
    "batch2": ("doccheck", "batch, 2 workers"),
    "batch2_floor": ("floor", "batch, 2 processes: pypdfium2 + python-docx"),
    "big": ("doccheck", "big-PDF case"),
    "big_floor": ("floor", "big-PDF case: pypdfium2 + python-docx"),
    "big_peer": ("peer", "big-PDF case: pdfplumber + python-docx"),
    "scan": ("doccheck", "scan case"),
    "scan_floor_text": ("floor", "scan case: pypdfium2 text only (no OCR)"),
    "scan_floor": ("floor", "scan case: pypdfium2 + Tesseract (300 dpi, eng+fra) on image-only pages"),
    "scan_peer": ("peer", "scan case: pdfplumber + python-docx (no OCR)"),
}


def raw_table(r: dict[str, Measure], loads: dict[str, float]) -> str:
    lines = ["| who | command | wall s | CPU s | peak RSS MB (max / sum) | load before | status | runs (wall s) |",
             "|---|---|---:|---:|---:|---:|---|---|"]
    for key, m in r.items():
        who, label = _RAW_LABELS.get(key, ("?", key))
        runs = ", ".join(f"{w:.2f}" for w in m.runs) if len(m.runs) > 1 else ""
        rss = f"{m.rss_mb:.0f}" + (f" / {m.rss_sum_mb:.0f}" if abs(m.rss_sum_mb - m.rss_mb) > 0.5 else "")
        load = f"{loads[key]:.1f}" if key in loads else ""
        lines.append(f"| {who} | {label} | {m.wall:.2f} | {m.cpu:.2f} | {rss} | {load} | {m.status} | {runs} |")
    return "\n".join(lines)


def peer_table(r: dict[str, Measure]) -> str:
    lines = ["| scenario | doccheck wall s | pdfplumber wall s | pdfplumber CPU s | pdfplumber peak RSS MB | "
             "doccheck / pdfplumber | pdfplumber status |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for key, label in (("small", "small case"), ("batch1", "batch, 1 process"), ("big", "big-PDF case"),
                       ("scan", "scan case (pdfplumber does no OCR)")):
        peer = r.get(f"{key}_peer")
        if peer is None:
            continue
        rat = None if key == "scan" else ratio(r[key], peer)
        wall = f"≥ {peer.wall:.0f} (cut)" if peer.status.startswith("timeout") else f"{peer.wall:.2f}"
        lines.append(f"| {label} | {r[key].wall:.2f} | {wall} | {peer.cpu:.2f} | {peer.rss_mb:.0f} | "
                     f"{('≥ ' if _cut(r[key]) else '') + _fmt(rat) + '×' if rat else 'n/a'} | {peer.status} |")
    return "\n".join(lines)


def render_markdown(r: dict[str, Measure], ctx: dict) -> str:
    s: Settings = ctx["settings"]
    m, v = ctx["machine"], ctx["versions"]
    (b1, b5, b15), (a1, a5, a15) = ctx["load"]
    method = ctx["methods"].get("batch2", "")
    quick = " (**--quick run: not the issue's sizes**)" if s.quick else ""
    return f"""# Benchmarks

Written by `python bench/benchmark.py` on {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}{quick}; rerun it to
update this file. Issue 7: doccheck against the parsing floor, measured in one run on the same files.

## Result

{table(r, ctx)}

- **wall s / CPU s / peak RSS MB** are doccheck's: one child process per measured command, CPU is
  user+sys of that process and the processes it waited for (Tesseract, workers), peak RSS is
  `ru_maxrss` of the largest single process.
- **floor** is the least work any tool must do to get the same text: pypdfium2 (`get_textpage()
  .get_text_range()` per page, pages closed) for PDFs and python-docx paragraph text for DOCX, in
  its own Python process with the same 1/2-process split; for the scan, Tesseract on every
  image-only page as well. **ratio** = doccheck wall / floor wall (the targets' measure);
  **CPU ratio** = doccheck CPU / floor CPU, steadier when other work shares the machine.
- Rows on one case folder run `doccheck check` with its default options (as a user would); the
  batch rows pass `--workers 1` / `--workers 2` when doccheck has that option.
- 2 workers: {method}{'' if ctx['has_workers'] else ' (`doccheck check` has no `--workers` option yet)'}.
- Machine load: the load average was {b1:.2f} / {b5:.2f} / {b15:.2f} (1 / 5 / 15 min) at the start and
  {a1:.2f} / {a5:.2f} / {a15:.2f} at the end on {m['cores']} cores. Other work on the machine inflates wall
  times (and ratios against a floor measured at another moment); CPU time is the steadier figure.

## Instructions executed (callgrind): the same every run

{instructions_table(ctx.get('instructions'))}

Counted by Valgrind's callgrind (`bench/benchmark_instructions.py`): the number of instructions a
process executes does not drift with the machine's load, so this ratio is exact where the timed
ones wobble. It is not the targets' measure: every instruction weighs alike. Start-up (imports,
tables) weighs more on a few cases than on 200.

## The naive peer: pdfplumber `extract_text`

{peer_table(r) if s.peer else '(skipped with --no-peer)'}

## Every measurement

{raw_table(r, ctx['loads'])}

*load before*: the 1-minute load average when the command started; near or above the core count,
wall times stretch for reasons that have nothing to do with doccheck.

## Inputs

- Batch: `fixtures.generator.generate_batch({s.cases}, …, seed={s.seed})`: {ctx['batch_files']} files
  (PDF and DOCX), {ctx['batch_pages']} PDF pages; about 40 % clean cases, one in five French.
- Small case: the batch's first case ({ctx['small_files']} documents).
- Big-PDF case: a {s.big_pages}-page text PDF (reportlab, ~40 lines of letter-like prose a page)
  next to a generated offer letter and Offer of Employment printout ({ctx['big_files']} files).
- Scan case: a {s.scan_pages}-page image-only PDF (text drawn with Pillow, 200 dpi, grayscale, no text
  layer) next to a generated offer letter and OE printout ({ctx['scan_files']} files).
- doccheck runs as `doccheck check --format json --fail-on never --as-of {AS_OF} -o FILE{' -q' if ctx['quiet'] else ''} CASE…`
  (the batch: {ctx['methods'].get('batch1', '')} / {ctx['methods'].get('batch2', '')}), through the console
  script installed beside the interpreter (`{ctx['command']}`), not a version-manager shim; each
  JSON report is checked to cover every case and document.
- Building the inputs took {ctx['build_seconds']:.0f} s; the whole run {ctx['total'] / 60:.1f} min.

## Machine and versions

- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']} GB; {m['os']}
- Python {m['python']}
- {', '.join(f'{k} {val}' for k, val in v.items() if k != 'tesseract')}
- {v['tesseract']}

## How to run

    python bench/benchmark.py [--cases 200] [--quick] [--no-peer] [--instructions 30] [--keep DIR] [--out BENCHMARKS.md]

From the repo root with doccheck installed (`pip install -e '.[test]'`; reportlab and Pillow build
the inputs; Tesseract with eng+fra for the scan). `--quick` (20 cases, a 30-page PDF, a 3-page scan)
takes a few minutes (mostly OCR); the full run about 10 minutes on 2 cores. Measured child processes keep
their bytecode in a private cache (`PYTHONPYCACHEPREFIX`) warmed before timing, as after a normal
install; the `PYTHONDONTWRITEBYTECODE=1` row shows start-up without any cache.
"""


def main(argv: list[str] | None = None) -> int:
    settings = parse_args(sys.argv[1:] if argv is None else argv)
    run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
