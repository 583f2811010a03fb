"""The HTML report: one self-contained page, every piece of user text escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from ..types import CallReport, Finding, Report
from .schema import _num, _summary
from .score import FINDING_KINDS
from .words import _KIND_PLURAL, _STATUS_LABEL, counted, format_time

# --------------------------------------------------------------------------- HTML

_CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#e3e6ec; --bg:#f7f8fa; }
* { box-sizing: border-box; }
body { margin:0; padding:24px; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:var(--ink); background:var(--bg); }
main { max-width:1200px; margin:0 auto; }
h1 { font-size:22px; margin:0 0 4px; } h2 { font-size:18px; margin:0 0 6px; word-break:break-all; }
.meta, .muted { color:var(--muted); font-size:13px; }
section, .summary { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px;
  margin:16px 0; }
.headline { font-size:20px; font-weight:600; margin:0 0 10px; }
.ok { color:#067647; } .bad { color:#b42318; }
table { border-collapse:collapse; width:100%; margin-top:10px; }
th, td { text-align:left; vertical-align:top; padding:7px 8px; border-top:1px solid var(--line); }
th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
td.num { white-space:nowrap; font-variant-numeric:tabular-nums; }
blockquote { margin:0; padding:2px 0 2px 10px; border-left:3px solid var(--line); white-space:pre-wrap; }
blockquote.rep { border-color:#2e90fa; } blockquote.asset { border-color:#12b76a; }
.who { font-size:12px; color:var(--muted); margin-bottom:3px; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:600;
  white-space:nowrap; color:#fff; background:#667085; }
.k-contradiction, .s-contradicted { background:#b42318; } .k-weakened, .s-weakened { background:#dc6803; }
.k-unsupported { background:#6941c6; } .k-omission { background:#0e7090; }
.s-upheld { background:#067647; } .s-changed { background:#b42318; } .s-not_mentioned { background:#98a2b3; }
.tag { font-size:11px; border:1px solid var(--line); border-radius:4px; padding:0 4px; color:var(--muted); }
.bar { display:inline-block; width:90px; height:8px; background:var(--line); border-radius:4px;
  vertical-align:middle; margin-right:6px; overflow:hidden; }
.bar > span { display:block; height:100%; background:#b42318; }
.error { color:#b42318; font-weight:600; white-space:pre-wrap; }
ul.coverage { list-style:none; padding:0; margin:8px 0 0; } ul.coverage li { padding:4px 0; }
a { color:#175cd3; }
.warn { background:#fffaeb; border:1px solid #fec84b; border-radius:6px; padding:10px 14px; margin:10px 0; }
.warn ul { margin:6px 0 0; padding-left:18px; font-size:13px; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _badge(text: str, css: str) -> str:
    return f'<span class="badge {_e(css)}">{_e(text)}</span>'


def _bar(score: float) -> str:
    pct = round(min(1.0, max(0.0, float(score))) * 100)
    return f'<span class="bar"><span style="width:{pct}%"></span></span>{float(score):.2f}'


def _kind_counts_html(counts: dict[str, int]) -> str:
    parts = []
    for kind, n in counts.items():
        if n:
            label = kind if n == 1 else _KIND_PLURAL.get(kind, kind)
            parts.append(_badge(f"{n} {label}", f"k-{kind}"))
    return " ".join(parts) or '<span class="muted">no findings</span>'


def _summary_html(report: Report, summary: dict) -> str:
    n, drift, errors = summary["calls"], summary["calls_with_drift"], summary["calls_with_errors"]
    if drift:
        headline = f'<p class="headline bad">{drift} of {counted(n, "call")} drift from the marketing</p>'
    else:
        checked = n - errors
        headline = f'<p class="headline ok">No drift found in {counted(checked, "checked call")}</p>'
    rows = []
    order = sorted(range(len(report.calls)), key=lambda i: -float(report.calls[i].drift_score))
    for i in order:
        c = report.calls[i]
        counts = dict.fromkeys(FINDING_KINDS, 0)
        for f in c.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        status = '<span class="error">could not be checked</span>' if c.error else _kind_counts_html(counts)
        guessed = ' <span class="tag">guessed</span>' if c.roles_uncertain else ""
        rows.append(
            f'<tr><td><a href="#call-{i}">{_e(c.call)}</a></td><td>{_e(", ".join(c.reps))}{guessed}</td>'
            f'<td class="num">{_bar(c.drift_score)}</td><td>{status}</td></tr>'
        )
    error_line = (
        f'<p class="error">{counted(errors, "call")} could not be checked; see below.</p>' if errors else ""
    )
    error_line += "".join(f'<p class="error">Asset left out: {_e(e.error)}</p>' for e in report.asset_errors)
    return (
        '<div class="summary">'
        f"{headline}<div>{_kind_counts_html(summary['findings'])}</div>{error_line}"
        "<table><thead><tr><th>Call</th><th>Reps</th><th>Drift</th><th>Findings</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _finding_row_html(f: Finding, anchor: str = "") -> str:
    if f.transcript:
        t = f.transcript
        when = format_time(_num(t.get("start")))
        who = _e(t.get("speaker")) + (f" @ {_e(when)}" if when else "")
        rep = f'<div class="who">{who}</div><blockquote class="rep">{_e(t.get("text"))}</blockquote>'
    else:
        rep = '<span class="muted">not said on the call</span>'
    if f.asset:
        a = f.asset
        asset = (
            f'<div class="who">{_e(a.get("file"))}</div>'
            f'<blockquote class="asset">{_e(a.get("text"))}</blockquote>'
        )
    else:
        asset = '<span class="muted">no matching claim in the assets</span>'
    row_id = f' id="{anchor}"' if anchor else ""
    return (
        f"<tr{row_id}><td>{_badge(f.kind, f'k-{f.kind}')}</td>"
        f'<td class="num">{float(f.score):.2f}</td>'
        f"<td>{_e(f.slot or '')}</td><td>{rep}</td><td>{asset}</td><td>{_e(f.explanation)}</td></tr>"
    )


def _roles_banner(c: CallReport) -> str:
    """A warning that the reps are a guess, why, and how to fix it; the evidence per speaker beside it."""
    evidence = "".join(
        f"<li><b>{_e(s)}</b>: {_e('rep' if s in c.reps else 'prospect')}, "
        f"{round(100 * c.role_confidence.get(s, 0.0))}% sure. {_e('; '.join(c.role_evidence.get(s, [])))}</li>"
        for s in [*c.reps, *c.prospects]
    )
    fix = (
        f"msgcheck check ... --rep &quot;NAME&quot;, or for a stored call: msgcheck workspace set-reps "
        f"{_e(c.call)} &quot;NAME&quot;"
    )
    return (
        '<div class="warn" role="alert"><b>The reps on this call are a guess.</b> '
        f"{_e(c.roles_uncertain)} Only reps' words are checked, so findings may be missing or wrong. "
        f"To fix it, name the reps: <code>{fix}</code><ul>{evidence}</ul></div>"
    )


def _call_html(i: int, c: CallReport) -> str:
    people = (
        f'<div class="meta">Reps: {_e(", ".join(c.reps) or "unknown")} · '
        f"Prospects: {_e(', '.join(c.prospects) or 'unknown')} · Drift: {_bar(c.drift_score)}</div>"
    )
    parts = [f'<section id="call-{i}"><h2>{_e(c.call)}</h2>{people}']
    if c.roles_uncertain:
        parts.append(_roles_banner(c))
    if c.error:
        parts.append(f'<p class="error">Could not be checked: {_e(c.error)}</p>')
    if c.findings:
        parts.append(
            "<table><thead><tr><th>Kind</th><th>Score</th><th>Slot</th><th>Rep said</th>"
            "<th>Marketing says</th><th>Why</th></tr></thead><tbody>"
            + "".join(_finding_row_html(f, f"call-{i}-finding-{k}") for k, f in enumerate(c.findings))
            + "</tbody></table>"
        )
    elif not c.error:
        said = " in what the guessed reps said" if c.roles_uncertain else ""
        parts.append(f'<p class="ok">No drift found{said}.</p>')
    if c.promises:
        parts.append(_checklist_html(i, c))
    upheld = [cov for cov in c.coverage if cov.status != "not_mentioned"]
    if upheld:
        items = []
        for cov in upheld:
            head = ' <span class="tag">headline</span>' if cov.headline else ""
            label = _STATUS_LABEL.get(cov.status, cov.status)
            said = _rep_said_html(cov.rep)
            items.append(
                f"<li>{_badge(label, f's-{cov.status}')}{head} {_e(cov.text)} "
                f'<span class="muted">({_e(cov.asset_file)})</span>{said}</li>'
            )
        parts.append(
            f'<h3>Marketing claims the reps brought up</h3><ul class="coverage">{"".join(items)}</ul>'
        )
    parts.append("</section>")
    return "".join(parts)


def _rep_said_html(rep: dict | None) -> str:
    if not rep:
        return ""
    when = format_time(rep.get("start"))
    who = _e(rep.get("speaker") or "rep") + (f" @ {_e(when)}" if when else "")
    return f'<br><span class="muted">{who}:</span> “{_e(rep.get("text", ""))}”'


def _checklist_html(i: int, c: CallReport) -> str:
    """The headline promises of the campaign and what this call did with each."""
    rows = []
    for p in c.promises:
        label = _STATUS_LABEL.get(p.status, p.status)
        what = _rep_said_html(p.rep)
        if p.asset and p.asset.get("text") != p.promise:
            what += f'<br><span class="muted">matches “{_e(p.asset.get("text", ""))}”</span>'
        if p.finding is not None:
            what += f' <a href="#call-{i}-finding-{p.finding}">finding {p.finding + 1}</a>'
        rows.append(
            f"<tr><td>{_badge(label, f's-{p.status}')}</td><td>{_e(p.promise)} "
            f'<span class="muted">({_e(p.asset_file)})</span></td><td>{what}</td></tr>'
        )
    return (
        '<h3>Headline promises on this call</h3><table class="checklist"><thead><tr><th>Status</th>'
        "<th>Promise</th><th>On the call</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def to_html(report: Report, sections: Sequence[tuple[str, str]] = ()) -> str:
    """One self-contained HTML page: summary first, then each call's findings and coverage, then any extra
    ``sections`` (title, HTML already escaped: the account journeys of ``check --journeys``).

    Inline CSS only, no scripts, no external resources (a Content-Security-Policy says so too);
    every piece of report text goes through html.escape.
    """
    summary = _summary(report)
    assets = ", ".join(report.assets) or "none"
    version = f" {report.msgcheck_version}" if report.msgcheck_version else ""
    body = "".join(_call_html(i, c) for i, c in enumerate(report.calls))
    body += "".join(
        f'<section class="journey"><h2>{_e(title)}</h2>{html}</section>' for title, html in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>msgcheck report</title><style>{_CSS}</style></head><body><main>"
        f"<h1>msgcheck report</h1>"
        f'<div class="meta">Assets: {_e(assets)} · msgcheck{_e(version)} · schema {_e(report.schema_version)}'
        "</div>"
        f"{_summary_html(report, summary)}{body}</main></body></html>\n"
    )
