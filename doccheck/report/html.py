"""A self-contained HTML report: one file, inline CSS, no scripts, no external assets; prints well.

Per case: the summary, the documents, the documents x fields matrix with the differences marked
(colour and a symbol, so a black-and-white print still shows them), then each finding with its
severity, message, evidence (document, page, snippet), PFL risk, fix and any acknowledgement.
Every value is escaped with ``html.escape``: documents are untrusted input. A Content-Security-Policy
forbids anything but the inline stylesheet, so even a missed escape could not load or run anything.
"""

from __future__ import annotations

from html import escape

from doccheck.models import Report
from doccheck.report.matrix import field_matrix

_SYMBOL = {"error": "✖", "warning": "▲", "acknowledged": "✔"}

CSS = """
:root { --error: #b00020; --error-bg: #fde7ea; --warning: #8a5a00; --warning-bg: #fff4d6;
        --info: #0b5394; --info-bg: #e8f0fb; --ack: #5b3a8c; --ack-bg: #efe8f8; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f1f1f;
       margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 1.5em; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.15em; margin: 24px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta, .muted { color: var(--muted); }
.case + .case { margin-top: 48px; border-top: 3px double #999; padding-top: 24px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; padding: 0; list-style: none; }
.counts li { border: 1px solid #ccc; border-radius: 6px; padding: 6px 12px; background: #fafafa; }
.counts li b { font-size: 1.2em; }
.counts .errors { border-color: var(--error); color: var(--error); }
.counts .warnings { border-color: var(--warning); color: var(--warning); }
.counts .acknowledged { border-color: var(--ack); color: var(--ack); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.95em; }
th, td { border: 1px solid #ccc; padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #f1f3f4; }
th[scope=row] { background: #f8f9fa; white-space: nowrap; }
td.empty { color: #aaa; }
td.error { background: var(--error-bg); color: var(--error); font-weight: 600; outline: 2px solid var(--error); outline-offset: -2px; }
td.warning { background: var(--warning-bg); color: var(--warning); font-weight: 600; outline: 2px dashed var(--warning); outline-offset: -2px; }
td.acknowledged { background: var(--ack-bg); color: var(--ack); }
td .raw { display: block; color: var(--muted); font-size: 0.85em; font-weight: normal; }
tr.unreadable td { background: var(--error-bg); }
.legend span { margin-right: 16px; }
.finding { border: 1px solid #ccc; border-left: 6px solid var(--info); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.acknowledged { border-left-color: var(--ack); background: #fcfaff; }
.finding h3 { margin: 0 0 6px; font-size: 1.05em; }
.badge { display: inline-block; border-radius: 4px; padding: 1px 8px; font-size: 0.8em; font-weight: 700;
         letter-spacing: 0.04em; color: #fff; background: var(--info); vertical-align: middle; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.acknowledged { background: var(--ack); }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0 0; }
.finding dt { font-weight: 600; color: var(--muted); }
.finding dd { margin: 0; }
.finding dd.fix { font-weight: 600; }
blockquote { margin: 2px 0; padding: 2px 8px; border-left: 3px solid #ccc; background: #f8f9fa; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.ok { color: #137333; font-weight: 600; }
footer { margin-top: 32px; font-size: 0.85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .case + .case { break-before: page; page-break-before: always; border-top: none; margin-top: 0; padding-top: 0; }
  .finding, tr, blockquote { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: var(--muted); overflow-wrap: anywhere; }
}
"""


def render_html(reports: list[Report], *, title: str | None = None) -> str:
    """The whole HTML document for one or several cases."""
    page_title = title or (f"doccheck report: {reports[0].case}" if len(reports) == 1 else f"doccheck report: {len(reports)} cases")
    body = "\n".join(_case(report) for report in reports)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="doccheck">
<title>{escape(page_title)}</title>
<style>{CSS}</style>
</head>
<body>
{_batch_overview(reports) if len(reports) > 1 else ""}{body}
<footer class="muted">Generated by doccheck. Nothing left this machine while checking these documents.</footer>
</body>
</html>
"""


def _batch_overview(reports: list[Report]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.case)}</td><td>{r.summary.documents}</td><td>{r.summary.errors}</td>"
        f"<td>{r.summary.warnings}</td><td>{getattr(r.summary, 'acknowledged', 0)}</td></tr>"
        for r in reports
    )
    return (
        f'<section class="overview"><h1>doccheck report: {len(reports)} cases</h1>'
        "<table><thead><tr><th>case</th><th>documents</th><th>errors</th><th>warnings</th><th>acknowledged</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>\n"
    )


def _case(report: Report) -> str:
    return (
        '<section class="case">'
        f"<h1>doccheck report: {escape(report.case)}</h1>"
        f'<p class="meta">Checked on {escape(report.checked_on)} · schema version {escape(report.schema_version)}</p>'
        f"{_counts(report)}{_documents(report)}{_matrix(report)}{_findings(report)}"
        "</section>"
    )


def _counts(report: Report) -> str:
    s = report.summary
    items = [("documents", s.documents, _plural(s.documents, "document")), ("errors", s.errors, _plural(s.errors, "error")),
             ("warnings", s.warnings, _plural(s.warnings, "warning")), ("infos", s.infos, "info"),
             ("acknowledged", getattr(s, "acknowledged", 0), "acknowledged")]
    lis = "".join(f'<li class="{cls}" data-count="{cls}"><b>{n}</b> {label}</li>' for cls, n, label in items)
    return f'<ul class="counts" aria-label="Summary">{lis}</ul>'


def _plural(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


def _documents(report: Report) -> str:
    rows = []
    for doc in report.documents:
        notes = "; ".join(doc.errors + doc.warnings)
        cls = ' class="unreadable"' if doc.kind == "unreadable" else ""
        rows.append(
            f"<tr{cls}><td>{escape(doc.path)}</td><td>{escape(doc.kind)}</td><td>{doc.pages or ''}</td>"
            f"<td>{len(doc.fields)}</td><td>{escape(notes)}</td></tr>"
        )
    head = "<tr><th>document</th><th>kind</th><th>pages</th><th>fields</th><th>notes</th></tr>"
    return f'<h2>Documents</h2><table class="documents"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _matrix(report: Report) -> str:
    matrix = field_matrix(report)
    if matrix is None:
        return ""
    head = "".join(f'<th scope="col">{escape(d.path)}<br><span class="muted">{escape(d.kind)}</span></th>' for d in matrix.documents)
    rows = []
    for field in matrix.fields:
        cells = []
        for doc in matrix.documents:
            cell = matrix.cell(field, doc.path)
            if not cell.text:
                cells.append('<td class="empty">—</td>')
                continue
            mark = f"{_SYMBOL[cell.state]} " if cell.state else ""
            page = f", p{cell.page}" if cell.page else ""
            raw = f'<span class="raw">“{escape(cell.raw)}”{page}</span>' if cell.raw and cell.raw != cell.text else ""
            state = f' class="{cell.state}" data-state="{cell.state}"' if cell.state else ""
            cells.append(f"<td{state}>{mark}{escape(cell.text)}{raw}</td>")
        rows.append(f'<tr data-field="{escape(field)}"><th scope="row">{escape(field)}</th>{"".join(cells)}</tr>')
    legend = (
        '<p class="legend muted"><span>✖ error: differs</span><span>▲ warning: check</span>'
        "<span>✔ acknowledged by a reviewer</span></p>"
    )
    return (
        f'<h2>Fields by document</h2>{legend}<table class="matrix"><thead><tr><th>field</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )


def _findings(report: Report) -> str:
    if not report.findings:
        return '<h2>Findings</h2><p class="ok">No findings: the documents agree on every field doccheck could read.</p>'
    return "<h2>Findings</h2>" + "".join(_finding(f) for f in report.findings)


def _finding(finding) -> str:
    acknowledged = getattr(finding, "acknowledged", False)
    classes = f"finding {finding.severity}" + (" acknowledged" if acknowledged else "")
    badges = f'<span class="badge {finding.severity}">{finding.severity.upper()}</span>'
    if acknowledged:
        badges += ' <span class="badge acknowledged">ACKNOWLEDGED</span>'
    rows = []
    if finding.documents:
        rows.append(("Documents", ", ".join(escape(d) for d in finding.documents), ""))
    for item in finding.evidence:
        page = f", page {escape(str(item['page']))}" if item.get("page") else ""
        snippet = item.get("snippet") or item.get("raw") or ""
        rows.append(("Evidence", f"{escape(str(item.get('document', '')))}{page}<blockquote>{escape(str(snippet))}</blockquote>", "evidence"))
    rows.append(("PFL risk", escape(finding.pfl_risk), "risk"))
    rows.append(("Fix", escape(finding.fix), "fix"))
    ack = getattr(finding, "acknowledgement", None)
    if acknowledged and ack is not None:
        when = f" on {escape(ack.date)}" if ack.date else ""
        rows.append(("Acknowledged", f"by {escape(ack.reviewer)}{when}: {escape(ack.reason)}", "acknowledgement"))
    if finding.source:
        source = escape(finding.source)
        link = f'<a href="{source}">{source}</a>' if finding.source.startswith("https://") else source
        rows.append(("Source", link, "source"))
    dl = "".join(f"<dt>{label}</dt>" + (f'<dd class="{cls}">' if cls else "<dd>") + f"{value}</dd>" for label, value, cls in rows)
    return (
        f'<article class="{classes}" data-rule="{escape(finding.rule)}">'
        f"<h3>{badges} {escape(finding.rule)} {escape(finding.name)}</h3>"
        f'<p class="message">{escape(finding.message)}</p><dl>{dl}</dl></article>'
    )


__all__ = ["CSS", "render_html"]
