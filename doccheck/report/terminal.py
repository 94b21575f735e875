"""The terminal report: a documents x fields table with differences highlighted, then the findings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from doccheck.checks.compare import display
from doccheck.models import CANONICAL_FIELDS, Report

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MATRIX_FIELDS = [f for f in CANONICAL_FIELDS if f not in {"duties", "teer"}]


def render_terminal(report: Report, console: Console) -> None:
    console.print(Text(f"Case: {report.case}  (checked {report.checked_on})", style="bold"))
    console.print(_documents_table(report))
    matrix = _matrix(report)
    if matrix is not None:
        console.print(matrix)
    if not report.findings:
        console.print(Text("No findings: the documents agree on every field doccheck could read.", style="green"))
    for finding in report.findings:
        body = Group(
            Text(finding.message),
            Text(f"Documents: {', '.join(finding.documents)}", style="dim"),
            Text(f"Risk: {finding.pfl_risk}"),
            Text(f"Fix: {finding.fix}", style="green"),
        )
        title = f"[{_STYLE[finding.severity]}]{finding.severity.upper()}[/] {finding.rule} {finding.name}"
        console.print(Panel(body, title=title, title_align="left", border_style=_STYLE[finding.severity]))
    s = report.summary
    console.print(Text(f"{s.documents} documents · {s.errors} errors · {s.warnings} warnings · {s.infos} info", style="bold"))


def _documents_table(report: Report) -> Table:
    table = Table(title="Documents", title_justify="left", show_lines=False)
    for column in ("document", "kind", "pages", "fields", "notes"):
        table.add_column(column)
    for doc in report.documents:
        notes = "; ".join(doc.errors + doc.warnings)
        style = "red" if doc.kind == "unreadable" else None
        table.add_row(doc.path, doc.kind, str(doc.pages or ""), str(len(doc.fields)), notes, style=style)
    return table


def _matrix(report: Report) -> Table | None:
    docs = [d for d in report.documents if d.fields]
    fields = [f for f in _MATRIX_FIELDS if any(f in d.fields for d in docs)]
    if not docs or not fields:
        return None
    flagged: dict[tuple[str, str], str] = {}
    for finding in report.findings:
        for field in finding.fields:
            for path in finding.documents:
                if finding.severity != "info":
                    flagged.setdefault((field, path), finding.severity)
    table = Table(title="Fields by document (differences highlighted)", title_justify="left", show_lines=True)
    table.add_column("field", style="bold")
    for doc in docs:
        table.add_column(f"{doc.path}\n[dim]{doc.kind}[/]", overflow="fold")
    for field in fields:
        cells = []
        for doc in docs:
            value = doc.fields.get(field)
            if value is None:
                cells.append(Text("—", style="dim"))
                continue
            severity = flagged.get((field, doc.path))
            cells.append(Text(display(field, value), style=_STYLE.get(severity, "")))
        table.add_row(field, *cells)
    return table
