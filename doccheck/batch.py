"""Many cases at once: parallel worker processes, progress on stderr, a summary table at the end.

1. ``case_folders`` lists a root's immediate sub-folders (``--cases``): each is one case.
2. ``run_jobs`` checks every case and yields ``(index, report)`` as each one finishes: in worker
   processes (``concurrent.futures.ProcessPoolExecutor``) when there are several cases and workers,
   in this process otherwise (one case never pays for a pool).
3. A case whose check raises becomes a report with one ``DC000 case-not-checked`` error finding
   (``failed_report``): the JSON stays valid, the failure is visible and fails the run, and the
   other cases go on. A worker process that dies (crash, killed) breaks the pool: the cases left
   are then re-run each in a process of its own, so only the case that kills its process is lost.
4. ``batch_progress`` draws a rich progress bar on stderr (only on a terminal); ``summary_table``
   lists case, documents, errors, warnings, acknowledged and status.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future

from doccheck.models import SEVERITY_RANK, Finding, Report, Summary
from doccheck.pipeline import CheckOptions

log = logging.getLogger("doccheck")

FAILED_RULE = "DC000"
FAILED_NAME = "case-not-checked"


@dataclass(frozen=True)
class CaseJob:
    """One case to check: the folder, the label the report carries, and the options for it."""

    case_dir: Path
    label: str
    options: CheckOptions


def case_folders(root: Path) -> list[Path]:
    """Every immediate sub-folder of ``root`` (not hidden, not a link), sorted by name."""
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def check_job(job: CaseJob) -> Report:
    """Check one case; an exception becomes a failed report instead of stopping the batch."""
    from doccheck.pipeline import check_case
    from doccheck.report.contract import reviewed

    try:  # with the review keys added here, in the worker, not in the process collecting the reports
        return reviewed(check_case(job.case_dir, job.options, case_label=job.label))
    except Exception as exc:  # noqa: BLE001 - one case's failure never stops the others
        log.debug("check failed for %s", job.label, exc_info=True)
        return failed_report(job, f"{exc.__class__.__name__}: {exc}")


def failed_report(job: CaseJob, reason: str) -> Report:
    """A report for a case that could not be checked: no documents, one DC000 error finding saying why."""
    from doccheck.checks.context import make_finding
    from doccheck.engine import get_rule

    finding = make_finding(get_rule(FAILED_RULE), fields=[], documents=[], case=job.label, reason=reason)
    summary = Summary(documents=0, errors=1, warnings=0, infos=0)
    return Report(case=job.label, checked_on=job.options.as_of.isoformat(), documents=[], findings=[finding], summary=summary)


def _warm_caches() -> None:
    """Import and load, once per batch, what every case (or every forked worker) would otherwise load for itself."""
    from doccheck import catalogue, classify, report  # noqa: F401 - imported for the workers
    from doccheck.checks import known_checks
    from doccheck.engine import load_rules
    from doccheck.extract import fields, placefinder  # noqa: F401
    from doccheck.extract.knowledge import kind_signals, labels, prose_needles, prose_patterns, sections
    from doccheck.normalise import countries, occupations, places
    from doccheck.readers import docx, pdf, xfa  # noqa: F401
    from doccheck.report import contract  # noqa: F401

    load_rules(), known_checks(), prose_patterns(), prose_needles(), kind_signals(), labels(), sections()
    catalogue.exemption_codes(), catalogue.noc_groups(), catalogue.policy_changes()
    countries._table(), places._provinces(), occupations._index(), xfa.load_mappings(), placefinder._pattern()


_BATCH_GC_THRESHOLD = 10_000  # allocations between two young-generation collections in a batch (CPython's default: 700)


def run_jobs(jobs: list[CaseJob], workers: int) -> Iterator[tuple[int, Report]]:
    """``(index in jobs, report)`` for every job, in the order they finish."""
    if len(jobs) > 1:
        # tables and patterns every case uses, loaded once and frozen out of the collector's scans: forked
        # workers inherit them too, without the collector writing to (and so copying) every page
        _warm_caches()
        import gc

        gc.freeze()
        # a case leaves little cyclic garbage: a collection every 10,000 allocations instead of 700 does
        # the same cleaning with a fifth of the collector's time (about 2 % of a batch), ~1 MB more held
        gc.set_threshold(_BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])
    if workers <= 1 or len(jobs) <= 1:
        for index, job in enumerate(jobs):
            yield index, check_job(job)
        return
    from concurrent.futures import ProcessPoolExecutor  # (not imported for one case: start-up time)
    from concurrent.futures.process import BrokenProcessPool

    left: dict[int, CaseJob] = dict(enumerate(jobs))
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            futures: dict[Future, int] = {pool.submit(check_job, job): i for i, job in left.items()}
            for index, report in _as_done(futures):
                del left[index]
                yield index, report
    except BrokenProcessPool:
        log.warning("a worker process stopped; re-running the %d case(s) left one process each", len(left))
    if left:
        yield from _isolated(left, workers)


def _as_done(futures: dict[Future, int]) -> Iterator[tuple[int, Report]]:
    from concurrent.futures import as_completed  # (waits on every future once, not once per result)

    for future in as_completed(futures):
        yield futures[future], future.result()  # BrokenProcessPool propagates to run_jobs


def _isolated(jobs: dict[int, CaseJob], workers: int) -> Iterator[tuple[int, Report]]:
    """Each job in a process of its own (``workers`` at a time): a process that dies takes one case."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs)))) as threads:
        futures = {threads.submit(_in_own_process, job): i for i, job in jobs.items()}
        yield from _as_done(futures)


def _in_own_process(job: CaseJob) -> Report:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(check_job, job).result()
    except BrokenProcessPool:
        return failed_report(job, "the worker process checking it stopped (crashed or was killed)")


def case_fails(report: Report, fail_on: str) -> bool:
    """Whether a finding that nobody acknowledged reaches ``fail_on`` ("never" never fails)."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold and not getattr(f, "acknowledged", False) for f in report.findings)


def case_status(report: Report, fail_on: str) -> str:
    if any(f.rule == FAILED_RULE for f in report.findings):
        return "not checked"
    return "fail" if case_fails(report, fail_on) else "pass"


@contextmanager
def batch_progress(total: int, *, enabled: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr; yields ``advance(label)`` to call as each case finishes."""
    if not enabled:
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("[bold]checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
               TimeRemainingColumn(), TextColumn("[dim]{task.description}"))
    # No stdout redirection: JSON Lines stream to stdout while the bar is drawn on stderr.
    with Progress(*columns, console=Console(stderr=True), transient=False, redirect_stdout=False, redirect_stderr=False) as progress:
        task = progress.add_task("", total=total)
        yield lambda label: progress.update(task, advance=1, description=label)


def summary_table(reports: list[Report], fail_on: list[str]):
    """A rich Table: one row per case (in the order given) and a total row."""
    from rich.table import Table

    common = _common_folder([r.case for r in reports])
    title = f"doccheck: cases checked in {common}" if common else "doccheck: cases checked"
    table = Table(title=title, title_justify="left")
    table.add_column("case", overflow="fold", ratio=1)  # the whole name, wrapped when long
    for column in ("documents", "errors", "warnings", "ack'd"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    style = {"pass": "green", "fail": "bold red", "not checked": "bold magenta"}
    for report, threshold in zip(reports, fail_on):
        s, status = report.summary, case_status(report, threshold)
        name = report.case[len(common):].lstrip("/\\") if common else report.case
        table.add_row(name, str(s.documents), str(s.errors), str(s.warnings), str(getattr(s, "acknowledged", 0)),
                      f"[{style[status]}]{status}[/]")
    statuses = [case_status(r, t) for r, t in zip(reports, fail_on)]
    table.add_section()
    table.add_row(f"{len(reports)} cases", str(sum(r.summary.documents for r in reports)),
                  str(sum(r.summary.errors for r in reports)), str(sum(r.summary.warnings for r in reports)),
                  str(sum(getattr(r.summary, "acknowledged", 0) for r in reports)),
                  "\n".join(f"{statuses.count(s)} {s}" for s in ("pass", "fail", "not checked") if s in statuses))
    return table


def _common_folder(labels: list[str]) -> str:
    """The folder every case label is under ("" when they share none, or there is only one)."""
    import os.path

    if len(labels) < 2:
        return ""
    try:
        common = os.path.commonpath(labels)
    except ValueError:  # absolute and relative paths mixed
        return ""
    return common if common and common not in labels and common != "." else ""


def print_summary(reports: list[Report], fail_on: list[str]) -> None:
    from rich.console import Console

    console = Console(stderr=True, width=None if sys.stderr.isatty() else 120)
    console.print(summary_table(reports, fail_on))


__all__ = [
    "FAILED_NAME",
    "FAILED_RULE",
    "CaseJob",
    "batch_progress",
    "case_fails",
    "case_folders",
    "case_status",
    "check_job",
    "failed_report",
    "print_summary",
    "run_jobs",
    "summary_table",
]
