"""Markdown for case notes and e-mails: summary, documents, the fields matrix, then each finding.

Every value from a document is escaped (``md``): documents are untrusted, and a value must never
turn into a link, an HTML tag or a broken table in the reader's Markdown viewer.
"""

from __future__ import annotations

from doccheck.extract import programs
from doccheck.models import Report
from doccheck.report.matrix import field_matrix

_MARK = {"error": "❌", "warning": "⚠️", "acknowledged": "☑️"}
_SPECIAL = programs.compile(r"([\\`*\[\]<>|#!~]|(?<![^\W_])_|_(?![^\W_]))")  # "_" inside a word stays as is


def md(text: object) -> str:
    """Plain text made literal in Markdown: special characters escaped, one line.

    >>> md("Salary | <b>$5</b> *now*")
    'Salary \\\\| \\\\<b\\\\>$5\\\\</b\\\\> \\\\*now\\\\*'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(reports: list[Report]) -> str:
    """One section per case, separated by a rule."""
    return "\n\n---\n\n".join(_case(report) for report in reports) + "\n"


def _case(report: Report) -> str:
    lines = [f"# doccheck: {md(report.case)}", "", _summary_line(report), ""]
    lines += _documents(report)
    lines += _matrix(report)
    lines += ["## Findings", ""]
    if not report.findings:
        lines += ["No findings: the documents agree on every field doccheck could read.", ""]
    for finding in report.findings:
        lines += _finding(finding)
    return "\n".join(lines).rstrip()


def _summary_line(report: Report) -> str:
    s = report.summary
    parts = [f"Checked {md(report.checked_on)}", _count(s.documents, "document"), f"**{_count(s.errors, 'error')}**",
             _count(s.warnings, "warning"), f"{s.infos} info"]
    acknowledged = getattr(s, "acknowledged", 0)
    if acknowledged:
        parts.append(f"{acknowledged} acknowledged")
    return " · ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _documents(report: Report) -> list[str]:
    lines = ["## Documents", "", "| document | kind | pages | fields | notes |", "|---|---|---|---|---|"]
    for doc in report.documents:
        notes = "; ".join(doc.errors + doc.warnings)
        lines.append(f"| {md(doc.path)} | {md(doc.kind)} | {doc.pages or ''} | {len(doc.fields)} | {md(notes)} |")
    return lines + [""]


def _matrix(report: Report) -> list[str]:
    matrix = field_matrix(report)
    if matrix is None:
        return []
    header = "| field | " + " | ".join(f"{md(d.path)} ({md(d.kind)})" for d in matrix.documents) + " |"
    lines = ["## Fields by document", "", "Marked: ❌ error, ⚠️ warning, ☑️ acknowledged.", "", header,
             "|---" * (len(matrix.documents) + 1) + "|"]
    for field in matrix.fields:
        cells = []
        for doc in matrix.documents:
            cell = matrix.cell(field, doc.path)
            text = md(cell.text) if cell.text else "—"
            cells.append(f"{_MARK[cell.state]} **{text}**" if cell.state else text)
        lines.append(f"| {field} | " + " | ".join(cells) + " |")
    return lines + [""]


def _finding(finding) -> list[str]:
    acknowledged = getattr(finding, "acknowledged", False)
    tag = " (acknowledged)" if acknowledged else ""
    lines = [f"### {finding.severity.upper()} {finding.rule} {finding.name}{tag}", "", md(finding.message), ""]
    if finding.documents:
        lines.append(f"- **Documents:** {', '.join(md(d) for d in finding.documents)}")
    for item in finding.evidence:
        page = f", page {item['page']}" if item.get("page") else ""
        snippet = item.get("snippet") or item.get("raw") or ""
        lines.append(f"- **Evidence** ({md(item.get('document', ''))}{page}): “{md(snippet)}”")
    lines += [f"- **Risk:** {md(finding.pfl_risk)}", f"- **Fix:** {md(finding.fix)}"]
    ack = getattr(finding, "acknowledgement", None)
    if acknowledged and ack is not None:
        when = f" on {md(ack.date)}" if ack.date else ""
        lines.append(f"- **Acknowledged** by {md(ack.reviewer)}{when}: {md(ack.reason)}")
    if finding.source:
        lines.append(f"- Source: <{finding.source}>" if finding.source.startswith("https://") else f"- Source: {md(finding.source)}")
    return lines + [""]


__all__ = ["md", "render_markdown"]
