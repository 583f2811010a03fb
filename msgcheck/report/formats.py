"""Report serialisation and rendering: JSON, CSV, HTML and rich tables.

The JSON layout is a stable, documented contract (docs/report-schema.md, ``schema_version`` 1);
every other format is a view of the same dict. Nothing here loads a model, so it is cheap to import.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import InputError, MsgcheckError
from ..types import CallReport, Coverage, Finding, Report

__all__ = [
    "COVERAGE_STATUSES",
    "CSV_COLUMNS",
    "FINDING_KINDS",
    "KIND_WEIGHTS",
    "SCHEMA_VERSION",
    "drift_score",
    "format_time",
    "from_json",
    "render_table",
    "report_from_dict",
    "report_to_dict",
    "to_csv",
    "to_html",
    "to_json",
    "write_report",
]

SCHEMA_VERSION = 1
FINDING_KINDS: tuple[str, ...] = ("contradiction", "weakened", "unsupported", "omission")
COVERAGE_STATUSES: tuple[str, ...] = ("upheld", "contradicted", "weakened", "not_mentioned")
# How much one finding of each kind counts towards a call's drift score (see drift_score).
KIND_WEIGHTS: dict[str, float] = {"contradiction": 1.0, "weakened": 0.6, "unsupported": 0.5, "omission": 0.4}
CSV_COLUMNS: tuple[str, ...] = (
    "call",
    "kind",
    "score",
    "slot",
    "speaker",
    "start",
    "index",
    "transcript_text",
    "asset_file",
    "asset_text",
    "explanation",
)
ReportFormat = Literal["table", "json", "csv", "html"]

_TRANSCRIPT_KEYS = ("speaker", "text", "start", "index")
_ASSET_KEYS = ("file", "text")
_KIND_STYLE = {
    "contradiction": "bold red",
    "weakened": "dark_orange",
    "unsupported": "magenta",
    "omission": "cyan",
}
_STATUS_LABEL = {
    "upheld": "upheld",
    "contradicted": "contradicted",
    "weakened": "weakened",
    "not_mentioned": "not mentioned",
}


# --------------------------------------------------------------------------- scoring and time


def drift_score(findings: Iterable[Finding]) -> float:
    """A call's drift as one number in 0..1: ``1 - prod(1 - score * KIND_WEIGHTS[kind])``.

    0 means no drift; each finding pushes the score towards 1 by its confidence times how much its
    kind matters, so one sure contradiction outweighs several doubtful omissions. Scores are clamped
    to 0..1 so the result always stays in range.
    """
    keep = 1.0
    for f in findings:
        if f.kind not in KIND_WEIGHTS:
            raise ValueError(f"unknown finding kind {f.kind!r}; expected one of {', '.join(FINDING_KINDS)}")
        score = min(1.0, max(0.0, float(f.score)))
        keep *= 1.0 - score * KIND_WEIGHTS[f.kind]
    return 1.0 - keep


def format_time(seconds: float | None) -> str:
    """Seconds from call start as ``mm:ss`` (``h:mm:ss`` from one hour); ``""`` when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    total = int(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


# --------------------------------------------------------------------------- dict <-> Report


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _ordered(d: dict, keys: tuple[str, ...], convert: dict[str, Any]) -> dict:
    """The documented keys in order (absent ones as null), then any extras, sorted."""
    out = {k: (convert[k](d.get(k)) if k in convert else d.get(k)) for k in keys}
    for k in sorted(set(d) - set(keys)):
        out[k] = d[k]
    return out


def finding_to_dict(f: Finding) -> dict:
    transcript = None
    if f.transcript is not None:
        transcript = _ordered(f.transcript, _TRANSCRIPT_KEYS, {"start": _num, "index": _int})
    asset = None if f.asset is None else _ordered(f.asset, _ASSET_KEYS, {})
    return {
        "kind": f.kind,
        "score": float(f.score),
        "slot": f.slot,
        "transcript": transcript,
        "asset": asset,
        "explanation": f.explanation,
        "probabilities": f.probabilities,
    }


def _coverage_to_dict(c: Coverage) -> dict:
    return {"asset_file": c.asset_file, "text": c.text, "status": c.status, "headline": bool(c.headline)}


def _call_to_dict(c: CallReport) -> dict:
    return {
        "call": c.call,
        "reps": list(c.reps),
        "prospects": list(c.prospects),
        "role_source": dict(c.role_source),
        "drift_score": float(c.drift_score),
        "error": c.error,
        "findings": [finding_to_dict(f) for f in c.findings],
        "coverage": [_coverage_to_dict(cov) for cov in c.coverage],
    }


def _summary(report: Report) -> dict:
    counts = dict.fromkeys(FINDING_KINDS, 0)
    for call in report.calls:
        for f in call.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
    return {
        "calls": len(report.calls),
        "calls_with_drift": sum(1 for c in report.calls if c.findings),
        "calls_with_errors": sum(1 for c in report.calls if c.error),
        "findings": counts,
    }


def report_to_dict(report: Report) -> dict:
    """The report as plain JSON-ready data, keys in the documented order (docs/report-schema.md)."""
    return {
        "schema_version": report.schema_version,
        "msgcheck_version": report.msgcheck_version,
        "assets": list(report.assets),
        "calls": [_call_to_dict(c) for c in report.calls],
        "summary": _summary(report),
    }


class _Reader:
    """Pulls typed values out of a report dict, naming the exact place of any problem."""

    def __init__(self, source: str | None):
        self.source = source

    def fail(self, where: str, message: str) -> InputError:
        return InputError(
            f"not a msgcheck report: {where}: {message}",
            path=self.source,
            hint="see docs/report-schema.md for the report layout",
        )

    def get(self, d: Any, key: str, where: str, types: tuple[type, ...], *, nullable: bool = False) -> Any:
        if not isinstance(d, dict):
            raise self.fail(where, f"expected an object, got {type(d).__name__}")
        if key not in d:
            raise self.fail(where, f"missing key {key!r}")
        value = d[key]
        if value is None and nullable:
            return None
        # bool is an int subclass; never accept it where a number is meant.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join(t.__name__ for t in types) + (" or null" if nullable else "")
            raise self.fail(f"{where}.{key}", f"expected {names}, got {type(value).__name__}")
        return value

    def strings(self, d: Any, key: str, where: str) -> list[str]:
        values = self.get(d, key, where, (list,))
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise self.fail(f"{where}.{key}[{i}]", f"expected str, got {type(v).__name__}")
        return list(values)

    def choice(self, d: Any, key: str, where: str, allowed: tuple[str, ...]) -> str:
        value = self.get(d, key, where, (str,))
        if value not in allowed:
            expected = ", ".join(allowed)
            raise self.fail(f"{where}.{key}", f"unknown value {value!r}; expected one of {expected}")
        return value


def _finding_from_dict(r: _Reader, d: Any, where: str) -> Finding:
    num = (int, float)
    transcript = r.get(d, "transcript", where, (dict,), nullable=True)
    if transcript is not None:
        tw = f"{where}.transcript"
        r.get(transcript, "speaker", tw, (str,))
        r.get(transcript, "text", tw, (str,))
        start = r.get(transcript, "start", tw, num, nullable=True)
        index = r.get(transcript, "index", tw, (int,), nullable=True)
        transcript = {**transcript, "start": _num(start), "index": index}
    asset = r.get(d, "asset", where, (dict,), nullable=True)
    if asset is not None:
        r.get(asset, "file", f"{where}.asset", (str,))
        r.get(asset, "text", f"{where}.asset", (str,))
        asset = dict(asset)
    return Finding(
        kind=r.choice(d, "kind", where, FINDING_KINDS),  # type: ignore[arg-type]
        score=float(r.get(d, "score", where, num)),
        slot=r.get(d, "slot", where, (str,), nullable=True),
        explanation=r.get(d, "explanation", where, (str,)),
        transcript=transcript,
        asset=asset,
        probabilities=r.get(d, "probabilities", where, (dict,), nullable=True)
        if "probabilities" in d
        else None,
    )


def _coverage_from_dict(r: _Reader, d: Any, where: str) -> Coverage:
    return Coverage(
        asset_file=r.get(d, "asset_file", where, (str,)),
        text=r.get(d, "text", where, (str,)),
        status=r.choice(d, "status", where, COVERAGE_STATUSES),  # type: ignore[arg-type]
        headline=r.get(d, "headline", where, (bool,)),
    )


def _call_from_dict(r: _Reader, d: Any, where: str) -> CallReport:
    role_source = r.get(d, "role_source", where, (dict,))
    for speaker, source in role_source.items():
        if not isinstance(source, str):
            raise r.fail(f"{where}.role_source[{speaker!r}]", f"expected str, got {type(source).__name__}")
    findings = r.get(d, "findings", where, (list,))
    coverage = r.get(d, "coverage", where, (list,))
    return CallReport(
        call=r.get(d, "call", where, (str,)),
        reps=r.strings(d, "reps", where),
        prospects=r.strings(d, "prospects", where),
        drift_score=float(r.get(d, "drift_score", where, (int, float))),
        findings=[_finding_from_dict(r, f, f"{where}.findings[{i}]") for i, f in enumerate(findings)],
        coverage=[_coverage_from_dict(r, c, f"{where}.coverage[{i}]") for i, c in enumerate(coverage)],
        role_source=dict(role_source),
        error=r.get(d, "error", where, (str,), nullable=True),
    )


def report_from_dict(d: Any, *, source: str | None = None) -> Report:
    """Rebuild a Report from ``report_to_dict`` output (or parsed JSON).

    Raises InputError naming the exact key when the version is unknown or the layout is wrong.
    ``summary`` is derived, so it is not read back; unknown extra keys are ignored (additive changes
    keep schema version 1). ``source`` is the file name to put in error messages.
    """
    r = _Reader(source)
    if not isinstance(d, dict):
        raise r.fail("top level", f"expected an object, got {type(d).__name__}")
    if "schema_version" not in d:
        raise r.fail("top level", "missing key 'schema_version'")
    version = d["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise InputError(
            f"unsupported report schema_version {version!r}; this msgcheck reads version {SCHEMA_VERSION}",
            path=source,
            hint="re-run msgcheck to regenerate the report, or upgrade msgcheck",
        )
    calls = r.get(d, "calls", "top level", (list,))
    return Report(
        calls=[_call_from_dict(r, c, f"calls[{i}]") for i, c in enumerate(calls)],
        assets=r.strings(d, "assets", "top level"),
        schema_version=SCHEMA_VERSION,
        msgcheck_version=r.get(d, "msgcheck_version", "top level", (str,)),
    )


# --------------------------------------------------------------------------- JSON and CSV


def _round_floats(value: Any, places: int = 4) -> Any:
    if isinstance(value, float):
        return round(value, places)
    if isinstance(value, dict):
        return {k: _round_floats(v, places) for k, v in value.items()}
    if isinstance(value, list):
        return [_round_floats(v, places) for v in value]
    return value


def to_json(report: Report, indent: int | None = 2) -> str:
    """The report as JSON: documented key order, floats rounded to 4 places, UTF-8 text kept as is."""
    data = _round_floats(report_to_dict(report))
    return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False) + "\n"


def from_json(text: str, *, source: str | None = None) -> Report:
    """Parse a JSON report written by ``to_json``; InputError on invalid JSON or layout."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
            path=source,
            hint="pass a report written by `msgcheck --format json`",
        ) from e
    return report_from_dict(data, source=source)


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: text starting with = + - @ (or tab/CR) gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(report: Report) -> str:
    """One row per finding, columns CSV_COLUMNS; ``start`` in seconds, empty cells for nulls.

    Calls that failed (``error``) or have no findings add no rows; the JSON and HTML show them.
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for call in report.calls:
        for f in call.findings:
            t = f.transcript or {}
            a = f.asset or {}
            row = (
                call.call,
                f.kind,
                float(f.score),
                f.slot,
                t.get("speaker"),
                _num(t.get("start")),
                t.get("index"),
                t.get("text"),
                a.get("file"),
                a.get("text"),
                f.explanation,
            )
            writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


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
.s-upheld { background:#067647; } .s-not_mentioned { background:#98a2b3; }
.tag { font-size:11px; border:1px solid var(--line); border-radius:4px; padding:0 4px; color:var(--muted); }
.bar { display:inline-block; width:90px; height:8px; background:var(--line); border-radius:4px;
  vertical-align:middle; margin-right:6px; overflow:hidden; }
.bar > span { display:block; height:100%; background:#b42318; }
.error { color:#b42318; font-weight:600; white-space:pre-wrap; }
ul.coverage { list-style:none; padding:0; margin:8px 0 0; } ul.coverage li { padding:4px 0; }
a { color:#175cd3; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _badge(text: str, css: str) -> str:
    return f'<span class="badge {_e(css)}">{_e(text)}</span>'


def _bar(score: float) -> str:
    pct = round(min(1.0, max(0.0, float(score))) * 100)
    return f'<span class="bar"><span style="width:{pct}%"></span></span>{float(score):.2f}'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


_KIND_PLURAL = {
    "contradiction": "contradictions",
    "weakened": "weakened",
    "unsupported": "unsupported",
    "omission": "omissions",
}


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
        headline = f'<p class="headline bad">{drift} of {_plural(n, "call")} drift from the marketing</p>'
    else:
        checked = n - errors
        headline = f'<p class="headline ok">No drift found in {_plural(checked, "checked call")}</p>'
    rows = []
    order = sorted(range(len(report.calls)), key=lambda i: -float(report.calls[i].drift_score))
    for i in order:
        c = report.calls[i]
        counts = dict.fromkeys(FINDING_KINDS, 0)
        for f in c.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        status = '<span class="error">could not be checked</span>' if c.error else _kind_counts_html(counts)
        rows.append(
            f'<tr><td><a href="#call-{i}">{_e(c.call)}</a></td><td>{_e(", ".join(c.reps))}</td>'
            f'<td class="num">{_bar(c.drift_score)}</td><td>{status}</td></tr>'
        )
    error_line = (
        f'<p class="error">{_plural(errors, "call")} could not be checked; see below.</p>' if errors else ""
    )
    return (
        '<div class="summary">'
        f"{headline}<div>{_kind_counts_html(summary['findings'])}</div>{error_line}"
        "<table><thead><tr><th>Call</th><th>Reps</th><th>Drift</th><th>Findings</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _finding_row_html(f: Finding) -> str:
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
    return (
        f"<tr><td>{_badge(f.kind, f'k-{f.kind}')}</td>"
        f'<td class="num">{float(f.score):.2f}</td>'
        f"<td>{_e(f.slot or '')}</td><td>{rep}</td><td>{asset}</td><td>{_e(f.explanation)}</td></tr>"
    )


def _call_html(i: int, c: CallReport) -> str:
    people = (
        f'<div class="meta">Reps: {_e(", ".join(c.reps) or "unknown")} · '
        f"Prospects: {_e(', '.join(c.prospects) or 'unknown')} · Drift: {_bar(c.drift_score)}</div>"
    )
    parts = [f'<section id="call-{i}"><h2>{_e(c.call)}</h2>{people}']
    if c.error:
        parts.append(f'<p class="error">Could not be checked: {_e(c.error)}</p>')
    if c.findings:
        parts.append(
            "<table><thead><tr><th>Kind</th><th>Score</th><th>Slot</th><th>Rep said</th>"
            "<th>Marketing says</th><th>Why</th></tr></thead><tbody>"
            + "".join(_finding_row_html(f) for f in c.findings)
            + "</tbody></table>"
        )
    elif not c.error:
        parts.append('<p class="ok">No drift found.</p>')
    if c.coverage:
        items = []
        for cov in c.coverage:
            head = ' <span class="tag">headline</span>' if cov.headline else ""
            label = _STATUS_LABEL.get(cov.status, cov.status)
            items.append(
                f"<li>{_badge(label, f's-{cov.status}')}{head} {_e(cov.text)} "
                f'<span class="muted">({_e(cov.asset_file)})</span></li>'
            )
        parts.append(f'<h3>Marketing claims on this call</h3><ul class="coverage">{"".join(items)}</ul>')
    parts.append("</section>")
    return "".join(parts)


def to_html(report: Report) -> str:
    """One self-contained HTML page: summary first, then each call's findings and coverage.

    Inline CSS only, no scripts, no external resources (a Content-Security-Policy says so too);
    every piece of report text goes through html.escape.
    """
    summary = _summary(report)
    assets = ", ".join(report.assets) or "none"
    version = f" {report.msgcheck_version}" if report.msgcheck_version else ""
    body = "".join(_call_html(i, c) for i, c in enumerate(report.calls))
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


# --------------------------------------------------------------------------- rich table


def _summary_line(summary: dict) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in summary["findings"].items() if n) or "no findings"
    line = f"{_plural(summary['calls'], 'call')}, {summary['calls_with_drift']} with drift; {kinds}"
    if summary["calls_with_errors"]:
        line += f"; {summary['calls_with_errors']} could not be checked"
    return line


def render_table(report: Report, console: Console | None = None) -> None:
    """Print one rich table per call, then a summary line. User text is never read as rich markup."""
    console = console or Console()
    for c in report.calls:
        header = Text.assemble(
            (c.call, "bold"),
            f"  reps: {', '.join(c.reps) or 'unknown'}  prospects: {', '.join(c.prospects) or 'unknown'}  ",
            ("drift ", "dim"),
            (f"{float(c.drift_score):.2f}", "bold red" if c.findings else "green"),
        )
        console.print(header)
        if c.error:
            console.print(Text(f"  error: {c.error}", style="red"))
        if c.findings:
            table = Table(show_lines=True, expand=True)
            table.add_column("kind", no_wrap=True)
            table.add_column("score", justify="right", no_wrap=True)
            table.add_column("slot", no_wrap=True)
            table.add_column("speaker", no_wrap=True)
            table.add_column("rep said", ratio=3)
            table.add_column("marketing says", ratio=3)
            table.add_column("why", ratio=2)
            for f in c.findings:
                t = f.transcript or {}
                a = f.asset or {}
                when = format_time(_num(t.get("start")))
                speaker = str(t.get("speaker") or "") + (f" @ {when}" if when else "")
                if f.transcript:
                    rep = Text(str(t.get("text") or ""))
                else:
                    rep = Text("(not said on the call)", style="dim")
                if f.asset:
                    asset = Text.assemble((f"{a.get('file')}\n", "dim"), str(a.get("text") or ""))
                else:
                    asset = Text("(no matching asset claim)", style="dim")
                table.add_row(
                    Text(f.kind, style=_KIND_STYLE.get(f.kind, "")),
                    f"{float(f.score):.2f}",
                    Text(f.slot or ""),
                    Text(speaker),
                    rep,
                    asset,
                    Text(f.explanation),
                )
            console.print(table)
        elif not c.error:
            console.print(Text("  no drift found", style="green"))
        if c.coverage:
            counts: dict[str, int] = {}
            for cov in c.coverage:
                counts[cov.status] = counts.get(cov.status, 0) + 1
            missed = sum(1 for cov in c.coverage if cov.headline and cov.status == "not_mentioned")
            line = ", ".join(f"{n} {_STATUS_LABEL.get(s, s)}" for s, n in counts.items())
            if missed:
                line += f" ({missed} headline not mentioned)"
            console.print(Text(f"  coverage: {line}", style="dim"))
        console.print()
    console.print(Text(_summary_line(_summary(report)), style="bold"))


# --------------------------------------------------------------------------- writing


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and os.replace: the report is whole or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _plain_table(report: Report, width: int = 160) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None, force_terminal=False)
    render_table(report, console)
    return console.export_text(styles=False)


def write_report(
    report: Report,
    fmt: ReportFormat,
    output: Path | str | None = None,
    console: Console | None = None,
) -> None:
    """Write the report as ``fmt`` to ``output`` (atomically), or to the console / stdout.

    ``table`` prints rich tables to the console; with ``output`` it writes their plain-text rendering.
    The other formats go to ``console.file`` (or stdout) when there is no ``output``.
    """
    if fmt == "table":
        if output is None:
            render_table(report, console)
            return
        text = _plain_table(report)
    elif fmt == "json":
        text = to_json(report)
    elif fmt == "csv":
        text = to_csv(report)
    elif fmt == "html":
        text = to_html(report)
    else:
        raise MsgcheckError(f"unknown report format {fmt!r}", hint="use one of table, json, csv, html")
    if output is None:
        stream = console.file if console is not None else sys.stdout
        stream.write(text)
        stream.flush()
        return
    path = Path(output)
    try:
        _atomic_write(path, text)
    except OSError as e:
        raise MsgcheckError(
            f"cannot write the report: {e.strerror or e}",
            path=str(path),
            hint="check that the folder is writable and the path is not a folder",
        ) from e
