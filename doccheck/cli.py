"""Command line: arguments in, engine call, output out. Heavy imports happen inside commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

FORMATS = ("text", "json")
SEVERITIES = ("error", "warning", "info", "never")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="doccheck")
def main() -> None:
    """doccheck: pre-filing checks for LMIA-exempt (IMP) work-permit files."""


@main.command()
@click.argument("case_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True, help="Exit 1 when a finding reaches this severity.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Judge rules in force on this date (default: today).")
@click.option("--disable", "disabled", multiple=True, metavar="RULE", help="Skip a rule (repeatable), e.g. --disable DC105.")
@click.option("--max-pages", type=click.IntRange(1, 100_000), default=500, show_default=True, help="Pages read per PDF.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages and images.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the report to this file instead of stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Log details (including field values) to stderr.")
def check(case_dirs, fmt, fail_on, as_of, disabled, max_pages, no_ocr, output, verbose) -> None:
    """Check one or more case folders (PDF, DOCX and images) for inconsistencies."""
    import logging

    from doccheck.pipeline import CheckOptions, check_case

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr, format="doccheck: %(message)s")
    options = CheckOptions(
        as_of=as_of.date() if as_of else date.today(),
        max_pages=max_pages,
        ocr=not no_ocr,
        disabled_rules=set(disabled),
    )
    reports = [check_case(case_dir, options, case_label=str(case_dir)) for case_dir in case_dirs]
    _emit(reports, fmt, output)
    sys.exit(exit_code(reports, fail_on))


def exit_code(reports, fail_on: str) -> int:
    from doccheck.models import SEVERITY_RANK

    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings))


def _emit(reports, fmt: str, output: Path | None) -> None:
    if fmt == "json":
        from doccheck.report.json_report import render_json

        text = render_json(reports)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
        return
    from rich.console import Console

    from doccheck.report.terminal import render_terminal

    with (output.open("w", encoding="utf-8") if output else _nullcontext()) as fh:
        console = Console(file=fh, width=160) if fh else Console()
        for report in reports:
            render_terminal(report, console)


class _nullcontext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def rules_cmd(fmt: str) -> None:
    """List every rule with its severity, source and effective dates."""
    import json

    from doccheck.engine import load_rules

    rules = load_rules()
    if fmt == "json":
        items = [
            {
                "id": r.id,
                "name": r.name,
                "severity": r.severity,
                "summary": r.summary,
                "source": r.source_url or r.source,
                "effective_from": r.effective_from.isoformat() if r.effective_from else None,
                "effective_until": r.effective_until.isoformat() if r.effective_until else None,
                "version": r.version,
            }
            for r in rules
        ]
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
        return
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
