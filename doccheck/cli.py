"""Command line: arguments in, engine call, output out. Heavy imports happen inside commands."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click

# pydantic plugins (observability hooks) would be handed every value the models validate: passport
# data. doccheck runs without them, and so skips pydantic's scan of every installed package for
# one (15 ms of start-up)
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

FORMATS = ("text", "json")
CHECK_FORMATS = ("text", "json", "jsonl", "markdown", "html")
SEVERITIES = ("error", "warning", "info", "never")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="doccheck")
def main() -> None:
    """doccheck: pre-filing checks for LMIA-exempt (IMP) work-permit files."""


@main.command()
@click.argument("case_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True, help="Output format (jsonl: one report per line, as each case finishes).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True, help="Exit 1 when a finding reaches this severity.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Judge rules in force on this date (default: today).")
@click.option("--disable", "disabled", multiple=True, metavar="RULE", help="Skip a rule (repeatable), e.g. --disable DC105.")
@click.option("--max-pages", type=click.IntRange(1, 100_000), default=500, show_default=True, help="Pages read per PDF.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages and images.")
@click.option("--max-ocr-pages", type=click.IntRange(0, 100_000), default=60, show_default=True, help="Scanned pages OCR'd per PDF (the rest are reported as not read).")
@click.option("--file-timeout", type=click.FloatRange(0), default=300.0, show_default=True, help="Seconds one file may take before it is reported as too slow (0: no limit).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the report to this file instead of stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Log details (including field values) to stderr.")
@click.option("--cases", "roots", is_flag=True, help="Each CASE_DIR is a folder of cases: every immediate sub-folder is one case.")
@click.option("--workers", type=click.IntRange(1, 512), default=None, help="Worker processes when checking several cases (default: the CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary table on stderr.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Settings and acknowledgements for every case (default: each case folder's own doccheck.toml).")
@click.option("--redact", is_flag=True, help="Mask passport numbers, dates of birth and the worker's name in the output.")
@click.pass_context
def check(ctx, case_dirs, fmt, fail_on, as_of, disabled, max_pages, no_ocr, max_ocr_pages, file_timeout, output, verbose, roots, workers, quiet, config_file, redact) -> None:
    """Check one or more case folders (PDF, DOCX and images) for inconsistencies."""
    import dataclasses
    import logging
    import os

    from doccheck.batch import CaseJob, batch_progress, case_fails, print_summary, run_jobs
    from doccheck.pipeline import CheckOptions

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr, format="doccheck: %(message)s")
    folders = _case_folders(case_dirs, roots)
    configs = _configs(folders, config_file)
    explicit = {name for name in ("fail_on", "as_of") if ctx.get_parameter_source(name) != click.core.ParameterSource.DEFAULT}
    jobs, fail_ons = [], []
    for folder, config in zip(folders, configs):
        day = as_of.date() if "as_of" in explicit else (config.as_of if config and config.as_of else date.today())
        options = CheckOptions(as_of=day, max_pages=max_pages, ocr=not no_ocr, max_ocr_pages=max_ocr_pages, file_timeout=file_timeout,
                               disabled_rules={*disabled, *(config.disabled if config else [])})
        jobs.append(CaseJob(folder, str(folder), options))
        fail_ons.append(fail_on if "fail_on" in explicit or not (config and config.fail_on) else config.fail_on)
    shared = configs[0] if config_file and configs else None
    pool_size = workers or (shared.workers if shared and shared.workers else None) or os.cpu_count() or 1
    if pool_size > 1 and len(jobs) > 1:  # the cores are shared out by case: one Tesseract per worker
        jobs = [CaseJob(job.case_dir, job.label, dataclasses.replace(job.options, ocr_threads=1)) for job in jobs]

    reports: list = [None] * len(jobs)
    batch = len(jobs) > 1
    with _stream(output) if fmt == "jsonl" else nullcontext() as stream, \
            batch_progress(len(jobs), enabled=batch and not quiet and sys.stderr.isatty()) as advance:
        for index, report in run_jobs(jobs, pool_size):
            reports[index] = _finish(report, configs[index], redact, folders[index])
            advance(reports[index].case)
            if stream is not None:
                from doccheck.report.json_report import render_jsonl_line

                stream.write(render_jsonl_line(reports[index]) + "\n")
                stream.flush()
    if fmt != "jsonl":
        _emit(reports, fmt, output)
    if batch and not quiet:
        print_summary(reports, fail_ons)
    sys.exit(int(any(case_fails(r, f) for r, f in zip(reports, fail_ons))))


def _case_folders(case_dirs: tuple[Path, ...], roots: bool) -> list[Path]:
    """The case folders to check: as given, or every sub-folder of each root with ``--cases``."""
    if not roots:
        return list(case_dirs)
    from doccheck.batch import case_folders

    folders: list[Path] = []
    for root in case_dirs:
        found = case_folders(root)
        if not found:
            raise click.UsageError(f"{root} has no sub-folders: with --cases every sub-folder of it is one case")
        folders += found
    return folders


def _configs(folders: list[Path], config_file: Path | None) -> list:
    """Each case's configuration (``--config`` for all, else the case's own doccheck.toml, else None)."""
    from doccheck.config import ConfigError, find_config, load_config

    paths = [config_file] * len(folders) if config_file else [find_config(folder) for folder in folders]
    loaded: dict[Path, object] = {}
    try:
        for path in {p for p in paths if p is not None}:
            loaded[path] = load_config(path)
            _check_rule_ids(path, loaded[path])
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    return [loaded.get(p) if p is not None else None for p in paths]


def _check_rule_ids(path: Path, config) -> None:
    from doccheck.config import ConfigError
    from doccheck.engine import load_rules

    known = {rule.id for rule in load_rules()}
    unknown = sorted({*config.disabled, *(a.rule for a in config.acknowledge)} - known)
    if unknown:
        raise ConfigError(f"{path}: unknown rule {', '.join(unknown)} (`doccheck rules` lists them)")


def _finish(report, config, redact: bool, folder: Path):
    """Acknowledgements (matched on real document names), then redaction: what every format renders."""
    from doccheck.config import acknowledge, unmatched

    entries = config.acknowledge if config else []
    for entry in unmatched(entries, report):
        click.echo(f"doccheck: {folder}: acknowledgement {entry.describe()} matches no finding", err=True)
    report = acknowledge(report, entries)
    if redact:
        from doccheck.report.redact import redact_report

        report = redact_report(report)
    return report


def exit_code(reports, fail_on: str) -> int:
    from doccheck.batch import case_fails

    return int(any(case_fails(r, fail_on) for r in reports))


def _stream(output: Path | None):
    """Where JSON Lines go as each case finishes: the output file, or stdout."""
    if output:
        return output.open("w", encoding="utf-8")
    return _KeepOpen(sys.stdout)


class _KeepOpen:
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        return False


def _emit(reports, fmt: str, output: Path | None) -> None:
    if fmt in ("json", "markdown", "html"):
        text = _render(reports, fmt)
        if output:
            output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        else:
            click.echo(text, nl=not text.endswith("\n"))
        return
    from rich.console import Console

    from doccheck.report.terminal import render_terminal

    with (output.open("w", encoding="utf-8") if output else nullcontext()) as fh:
        console = Console(file=fh, width=160) if fh else Console()
        for report in reports:
            render_terminal(report, console)


def _render(reports, fmt: str) -> str:
    if fmt == "json":
        from doccheck.report.json_report import render_json

        return render_json(reports)
    if fmt == "markdown":
        from doccheck.report.markdown import render_markdown

        return render_markdown(reports)
    from doccheck.report.html import render_html

    return render_html(reports)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def rules_cmd(fmt: str) -> None:
    """List every rule with its severity, source and effective dates."""
    import json

    from doccheck.engine import load_rules, rules_catalogue

    if fmt == "json":
        click.echo(json.dumps(rules_catalogue(), indent=2, ensure_ascii=False))
        return
    rules = load_rules()
    from rich.console import Console
    from rich.table import Table

    table = Table(title="doccheck rules")
    for column in ("id", "name", "severity", "in force", "checks"):
        table.add_column(column)
    for r in rules:
        span = f"{r.effective_from or '…'} → {r.effective_until or '…'}"
        table.add_row(r.id, r.name, r.severity, span, r.summary)
    Console().print(table)


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Explain a rule: what it checks, why an officer cares, an example, the fix, the source."""
    from doccheck.engine import get_rule

    rule = get_rule(rule_id)
    if rule is None:
        raise click.UsageError(f"unknown rule {rule_id!r}; `doccheck rules` lists them")
    span = f"{rule.effective_from or 'always'} to {rule.effective_until or 'now'}"
    parts = [
        f"{rule.id} {rule.name} ({rule.severity}; in force {span}; version {rule.version})",
        "",
        "What it does",
        f"  {rule.summary}",
        "",
        "Why an officer cares",
        f"  {' '.join((rule.why or rule.pfl_risk).split())}",
    ]
    if rule.example:
        parts += ["", "Example", f"  {' '.join(rule.example.split())}"]
    parts += ["", "Fix", f"  {' '.join(rule.fix.split())}", "", "Source", f"  {rule.source}"]
    if rule.source_url:
        parts.append(f"  {rule.source_url}")
    click.echo("\n".join(parts))


@main.command()
def schema() -> None:
    """Print the JSON Schema of `check --format json` output (one REPORT, or {"cases": [...]})."""
    import json

    from doccheck.report.contract import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default: nothing is exposed).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(host: str, port: int) -> None:
    """Run the intake service: POST /v1/check, GET /v1/rules, GET /healthz, and a drop page at /."""
    from doccheck.service import serve as run

    run(host=host, port=port)


@main.group()
def data() -> None:
    """Manage local reference data (nothing is downloaded: you bring the files)."""


@data.command("import-wages")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_wages_cmd(csv_file: Path) -> None:
    """Import ESDC's Job Bank "Wages" open-data CSV for the prevailing-wage rule (DC220)."""
    from doccheck.wages import WageImportError, import_wages

    try:
        target, count = import_wages(csv_file)
    except WageImportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"imported {count} wage rows into {target}")


if __name__ == "__main__":  # pragma: no cover
    main()
