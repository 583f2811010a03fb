"""A call's transcript, evidence and timeline as the review page draws them (escaped HTML)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...ingest import parse_transcript
from ...report import KIND_WEIGHTS, format_time
from ...types import Transcript
from ...workspace.db import Workspace
from ...workspace.ledger import handoff_points
from .calls import FindingView
from .text import Mark, _sentence_span, highlight, qualifier_marks, value_marks

# --------------------------------------------------------------------------- transcript


def _safe_name(name: str) -> str:
    base = Path(str(name).replace("\\", "/")).name.strip() or "upload"
    return re.sub(r"[^\w.\- ]", "_", base)[:180]


def transcript_from_bytes(name: str, data: bytes) -> Transcript:
    """Parse a transcript from its bytes and file name (the extension picks the reader)."""

    safe = _safe_name(name)
    t = parse_transcript(safe, data)
    t.path, t.name = name, safe
    return t


def call_transcript(ws: Workspace, call_id: int, reps: Sequence[str] = ()) -> Transcript:
    """A stored call parsed again from its bytes, roles set from its checked reps."""
    call = ws.call(call_id)
    t = transcript_from_bytes(call.name, ws.call_bytes(call_id))
    t.name = call.name
    rep_set = set(reps or call.reps)
    t.roles = {s: ("rep" if s in rep_set else "prospect") for s in t.speakers}
    for u in t.utterances:
        u.role = t.roles.get(u.speaker, "unknown")
    return t


@dataclass
class Line:
    """One utterance of a call with the findings that quote it."""

    index: int
    speaker: str
    start: float | None
    text: str
    is_rep: bool
    findings: list[FindingView] = field(default_factory=list)

    @property
    def time(self) -> str:
        return format_time(self.start)


def transcript_lines(transcript: Transcript, findings: Sequence[FindingView]) -> list[Line]:
    """The call's utterances in order, each with the findings at its index."""
    by_index: dict[int, list[FindingView]] = {}
    for f in findings:
        if f.index is not None:
            by_index.setdefault(int(f.index), []).append(f)
    return [
        Line(
            u.index,
            u.speaker,
            u.start,
            u.text,
            transcript.roles.get(u.speaker) == "rep",
            by_index.get(u.index, []),
        )
        for u in transcript.utterances
    ]


CSS = """
<style>
.mc { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; }
.mc mark { padding: 0 2px; border-radius: 3px; }
.mc .m-value { background: #eef4ff; border-bottom: 2px solid #84adff; }
.mc .m-differs { background: #fee4e2; border-bottom: 2px solid #b42318; font-weight: 600; }
.mc .m-same { background: #dcfae6; border-bottom: 2px solid #067647; }
.mc .m-qualifier { background: #fef0c7; border-bottom: 2px dashed #dc6803; }
.mc .m-contradiction { background: #fee4e2; } .mc .m-weakened { background: #fef0c7; }
.mc .m-unsupported { background: #f4ebff; } .mc .m-omission { background: #e0f2fe; }
.mc .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  color: #fff; white-space: nowrap; }
.mc .k-contradiction { background: #b42318; } .mc .k-weakened { background: #dc6803; }
.mc .k-unsupported { background: #6941c6; } .mc .k-omission { background: #0e7090; }
.mc .who { font-size: 12px; color: #5b6475; margin-bottom: 2px; }
.mc .who b { color: #1d2433; }
.mc .card { border: 1px solid #e3e6ec; border-radius: 8px; padding: 10px 14px; background: #fff;
  height: 100%; }
.mc .card.rep { border-left: 4px solid #2e90fa; } .mc .card.asset { border-left: 4px solid #12b76a; }
.mc .card.none { border-left: 4px solid #98a2b3; color: #5b6475; }
.mc .side { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.mc .why { margin-top: 10px; padding: 8px 12px; background: #f7f8fa; border-radius: 6px; }
.mc .grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); column-gap: 16px; }
.mc .grid > div { padding: 6px 8px; border-top: 1px solid #f0f1f4; }
.mc .head { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #5b6475;
  border-top: none !important; }
.mc .utt.drift-contradiction { background: #fff5f4; border-left: 4px solid #b42318; }
.mc .utt.drift-weakened { background: #fffaeb; border-left: 4px solid #dc6803; }
.mc .utt.drift-unsupported { background: #faf5ff; border-left: 4px solid #6941c6; }
.mc .utt.prospect { color: #475467; }
.mc .utt.selected { outline: 2px solid #2e90fa; }
.mc .ev { font-size: 13px; }
.mc .ev + .ev { margin-top: 6px; }
.mc .omit { border: 1px solid #b9e6fe; background: #f0f9ff; border-radius: 8px; padding: 8px 12px;
  margin-bottom: 8px; }
.mc .handoff { font-size: 12px; color: #5b6475; text-align: center;
  border-top: 1px dashed #98a2b3 !important; }
.mc .muted { color: #5b6475; font-size: 12px; }
</style>
"""


def _badge(kind: str) -> str:
    return f'<span class="badge k-{html.escape(kind)}">{html.escape(kind)}</span>'


def _asset_html(f: FindingView) -> str:
    if f.asset_text is None:
        return '<span class="muted">no asset says this</span>'
    return highlight(f.asset_text, value_marks(f.asset_text, f.rep_text))


def _rep_sentence_html(f: FindingView) -> str:
    text = f.rep_text or ""
    marks = value_marks(text, f.asset_text) + (qualifier_marks(text) if f.kind == "weakened" else [])
    return highlight(text, marks)


def evidence_html(f: FindingView) -> str:
    """The side-by-side evidence of one finding: what the rep said, what the campaign says, and why."""
    if f.rep_text is not None:
        who = html.escape(f.speaker or "rep")
        when = f" · {html.escape(f.time)}" if f.time else ""
        left = (
            f'<div class="card rep"><div class="who">ON THE CALL · <b>{who}</b>{when}</div>'
            f"{_rep_sentence_html(f)}</div>"
        )
    else:
        left = (
            '<div class="card none"><div class="who">ON THE CALL</div>'
            "Nobody on the call brings this promise up.</div>"
        )
    source = html.escape(f.asset_file or "")
    right = (
        f'<div class="card asset"><div class="who">IN THE CAMPAIGN · <b>{source or "no asset"}</b></div>'
        f"{_asset_html(f)}</div>"
    )
    status = html.escape(f.status)
    return (
        f'{CSS}<div class="mc"><div class="side">{left}{right}</div>'
        f'<div class="why">{_badge(f.kind)} <b>{html.escape(f.slot_name)}</b> · score {f.score:.2f} · '
        f"{status}<br>{html.escape(f.explanation)}</div></div>"
    )


def _line_html(line: Line, selected: int | None) -> str:
    kinds = [f.kind for f in line.findings if f.kind in KIND_WEIGHTS]
    top = max(kinds, key=lambda k: KIND_WEIGHTS[k]) if kinds else None
    css = ["utt", "rep" if line.is_rep else "prospect"]
    if top:
        css.append(f"drift-{top}")
    if selected is not None and any(f.id == selected for f in line.findings):
        css.append("selected")
    marks: list[Mark] = []
    for f in line.findings:
        span = _sentence_span(line.text, f.rep_text or "")
        if span:
            marks.append(Mark(span[0], span[1], f.kind, f"{f.kind}: {f.explanation}"))
    text = highlight(line.text, marks)
    role = "rep" if line.is_rep else "prospect"
    when = f"{html.escape(line.time)} · " if line.time else ""
    left = (
        f'<div class="{" ".join(css)}" id="u{line.index}"><div class="who">{when}'
        f"<b>{html.escape(line.speaker)}</b> ({role})</div>{text}</div>"
    )
    evidence = "".join(
        f'<div class="ev">{_badge(f.kind)} <span class="muted">{html.escape(f.asset_file or "no asset")}'
        f"</span><br>{_asset_html(f)}<br><i>{html.escape(f.explanation)}</i>"
        f"{' · <b>dismissed</b>' if f.decision == 'dismiss' else ''}</div>"
        for f in line.findings
    )
    return f"{left}<div>{evidence}</div>"


def transcript_html(
    lines: Sequence[Line],
    omissions: Sequence[FindingView] = (),
    *,
    selected: int | None = None,
    only_drift: bool = False,
    context: int = 1,
    handoffs: Sequence[int] = (),
) -> str:
    """The call as a two-column grid: each utterance (drifting rep sentences highlighted by kind) and,
    beside it, the asset claim it drifts from with the differing values marked and the explanation.

    ``only_drift``: only drifting utterances and ``context`` utterances either side. ``handoffs``:
    utterance indices where another rep takes over (a dashed line above them).
    """
    keep = range(len(lines))
    if only_drift:
        hot = [i for i, line in enumerate(lines) if line.findings]
        wanted = {j for i in hot for j in range(i - context, i + context + 1)}
        keep = [i for i in range(len(lines)) if i in wanted]  # type: ignore[assignment]
    handoff_set = set(handoffs)
    parts = [CSS, '<div class="mc">']
    for f in omissions:
        parts.append(
            f'<div class="omit">{_badge(f.kind)} <b>Never came up on this call</b> · '
            f'<span class="muted">{html.escape(f.asset_file or "")}</span><br>{_asset_html(f)}'
            f"<br><i>{html.escape(f.explanation)}</i></div>"
        )
    parts.append(
        '<div class="grid"><div class="head">On the call</div><div class="head">What the campaign says</div>'
    )
    previous = None
    for i in keep:
        line = lines[i]
        if previous is not None and i != previous + 1:
            parts.append('<div class="muted">…</div><div></div>')
        if line.index in handoff_set:
            parts.append(
                f'<div class="handoff">handoff to {html.escape(line.speaker)}</div>'
                '<div class="handoff"></div>'
            )
        parts.append(_line_html(line, selected))
        previous = i
    parts.append("</div></div>")
    return "".join(parts)


def timeline(
    lines: Sequence[Line], findings: Sequence[FindingView], reps: Sequence[str]
) -> dict[str, list[dict]]:
    """Rows for the drift timeline of a call.

    ``x`` is seconds from the start when every utterance has a time (the page labels it mm:ss, as it
    writes times everywhere else), else the turn (the utterance number from 1, as the findings list says);
    ``points``: one per spoken finding; ``handoffs``: where another rep takes over; ``turns``: each rep
    utterance (the band of who is speaking). ``axis`` (in ``meta``) names the x axis.
    """

    timed = bool(lines) and all(line.start is not None for line in lines)
    pos = {
        line.index: (float(line.start) if timed and line.start is not None else float(line.index + 1))
        for line in lines
    }
    points = [
        {
            "x": pos.get(int(f.index), float(f.index + 1)),
            "time": f.time,
            "speaker": f.speaker or "",
            "kind": f.kind,
            "score": round(f.score, 2),
            "slot": f.slot_name,
            "said": f.rep_text or "",
            "campaign": f.asset_text or "",
            "explanation": f.explanation,
            "finding": f.id,
            "status": f.status,
        }
        for f in findings
        if f.index is not None
    ]
    speakers = [line.speaker for line in lines]
    handoffs = [
        {
            "x": pos[lines[p].index],
            "index": lines[p].index,
            "label": f"{a} → {b}",
            "from": a,
            "to": b,
            "time": lines[p].time,
        }
        for p, a, b in handoff_points(speakers, reps)
    ]
    rep_set = set(reps)
    turns = [
        {"x": pos[line.index], "speaker": line.speaker, "time": line.time}
        for line in lines
        if line.speaker in rep_set
    ]
    return {
        "points": points,
        "handoffs": handoffs,
        "turns": turns,
        "meta": [
            {
                "axis": "time into the call (mm:ss)" if timed else "turn in the call",
                "end": max(pos.values(), default=0.0),
                "timed": timed,
            }
        ],
    }
