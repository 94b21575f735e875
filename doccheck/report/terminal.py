"""The terminal report: a documents x fields table with differences highlighted, then the findings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from doccheck.models import Report
from doccheck.report.matrix import field_matrix

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "acknowledged": "magenta"}


def render_terminal(report: Report, console: Console) -> None:
    console.print(Text(f"Case: {report.case}  (checked {report.checked_on})", style="bold"))
    console.print(_documents_table(report))
    matrix = _matrix(report)
    if matrix is not None:
        console.print(matrix)
    if not report.findings:
        console.print(Text("No findings: the documents agree on every field doccheck could read.", style="green"))
    for finding in report.findings:
        console.print(_finding_panel(finding))
    s = report.summary
    line = f"{s.documents} documents · {s.errors} errors · {s.warnings} warnings · {s.infos} info"
    acknowledged = getattr(s, "acknowledged", 0)
    if acknowledged:
        line += f" · {acknowledged} acknowledged"
    console.print(Text(line, style="bold"))


def _finding_panel(finding) -> Panel:
    parts = [
        Text(finding.message),
        Text(f"Documents: {', '.join(finding.documents)}", style="dim"),
        Text(f"Risk: {finding.pfl_risk}"),
        Text(f"Fix: {finding.fix}", style="green"),
    ]
    title = f"[{_STYLE[finding.severity]}]{finding.severity.upper()}[/] {finding.rule} {finding.name}"
    border = _STYLE[finding.severity]
    ack = getattr(finding, "acknowledgement", None)
    if getattr(finding, "acknowledged", False) and ack is not None:
        when = f" on {ack.date}" if ack.date else ""
        parts.append(Text(f"Acknowledged by {ack.reviewer}{when}: {ack.reason}", style=_STYLE["acknowledged"]))
        title += f" [{_STYLE['acknowledged']}](acknowledged)[/]"
        border = _STYLE["acknowledged"]
    return Panel(Group(*parts), title=title, title_align="left", border_style=border)


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
    matrix = field_matrix(report)
    if matrix is None:
        return None
    table = Table(title="Fields by document (differences highlighted)", title_justify="left", show_lines=True)
    table.add_column("field", style="bold")
    for doc in matrix.documents:
        table.add_column(f"{doc.path}\n[dim]{doc.kind}[/]", overflow="fold")
    for field in matrix.fields:
        cells = []
        for doc in matrix.documents:
            cell = matrix.cell(field, doc.path)
            if not cell.text:
                cells.append(Text("—", style="dim"))
                continue
            cells.append(Text(cell.text, style=_STYLE.get(cell.state, "")))
        table.add_row(field, *cells)
    return table
