"""What the app shows, as plain functions over a Workspace, Report or Transcript (no Streamlit here).

Every figure on a page of the app comes from one of these, so the CLI or a notebook can compute it
too. Functions return dataclasses or lists of dicts (rows ready for a chart or a table).

- text: ``quantity_label``, ``value_marks``, ``qualifier_marks``, ``highlight`` (escaped HTML with the
  values marked), ``md_escape`` (user text made safe for Streamlit's markdown labels);
- a call: ``call_summaries``, ``call_findings``, ``filter_findings``, ``call_transcript``,
  ``transcript_lines``, ``transcript_html``, ``evidence_html``, ``timeline``;
- the dashboard: ``overview``, ``drift_by_rep``, ``drift_by_campaign``, ``drift_by_slot``,
  ``drift_over_time``, ``ledger_rows``;
- export: ``report_for`` (a call, a campaign or the whole workspace, reviews applied);
- the campaign page: ``campaign_documents``, ``campaign_claims``;
- the calls page: ``preview_transcript``, ``check_uploads``, ``recheck_campaign``.

Every piece of user text that goes into HTML here goes through ``html.escape``.
"""

from __future__ import annotations

import contextlib
import html
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..check.campaign import Campaign
from ..check.checker import omission_candidates
from ..check.overrides import OverridingChecker, apply_overrides
from ..embed.embedders import CachedEmbedder
from ..errors import InputError, MsgcheckError, WorkspaceError
from ..extract.qualifiers import find_qualifiers
from ..extract.roles import assign_roles
from ..extract.values import compare_quantities, extract_quantities
from ..ingest import load_asset, load_transcript
from ..report import FINDING_KINDS, KIND_WEIGHTS, drift_score, format_time
from ..types import CallReport, Document, Finding, Quantity, Report, Transcript
from ..workspace.codec import sha256_bytes
from ..workspace.db import FindingRecord, Workspace
from ..workspace.ledger import claim_ledger, handoff_points
from ..workspace.service import check_and_record

__all__ = [
    "KIND_COLORS",
    "STATUS_COLORS",
    "AssetResult",
    "CallSummary",
    "ClaimView",
    "FindingView",
    "Line",
    "Mark",
    "SpeakerRole",
    "UploadResult",
    "add_assets",
    "call_findings",
    "call_headline",
    "call_summaries",
    "call_transcript",
    "campaign_claims",
    "campaign_documents",
    "campaign_model",
    "check_uploads",
    "drift_by_campaign",
    "drift_by_rep",
    "drift_by_slot",
    "drift_over_time",
    "evidence_html",
    "filter_findings",
    "highlight",
    "ledger_rows",
    "md_escape",
    "omission_keys",
    "overview",
    "preview_transcript",
    "qualifier_marks",
    "quantity_label",
    "recheck_campaign",
    "report_for",
    "timeline",
    "transcript_html",
    "transcript_lines",
    "value_marks",
]

KIND_COLORS: dict[str, str] = {
    "contradiction": "#b42318",
    "weakened": "#dc6803",
    "unsupported": "#6941c6",
    "omission": "#0e7090",
}
KIND_LABELS: dict[str, str] = {
    "contradiction": "Contradiction",
    "weakened": "Weakened",
    "unsupported": "Unsupported",
    "omission": "Omission",
}
STATUS_COLORS: dict[str, str] = {
    "upheld": "#067647",
    "weakened": "#dc6803",
    "contradicted": "#b42318",
    "not_mentioned": "#98a2b3",
}
NO_SLOT = "unspecified"

# --------------------------------------------------------------------------- text and highlighting

_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def quantity_label(q: Quantity) -> str:
    """A value as msgcheck normalised it: ``$49/month per user``, ``14 days``, ``20%``, ``up to 25 users``."""
    bound = {"max": "up to ", "min": "at least "}.get(q.bound, "")
    high = f"–{_num(q.high)}" if q.high is not None else ""
    if q.kind == "money":
        symbol = _CURRENCY.get(q.unit, f"{q.unit} " if q.unit else "$")
        text = f"{symbol}{_num(q.value or 0)}{high}"
        if q.period and q.period != "one-time":
            text += f"/{q.period}"
        elif q.period == "one-time":
            text += " one-time"
        if q.per:
            text += f" per {q.per}"
        if q.billing:
            text += f", billed {'annually' if q.billing == 'annual' else q.billing}"
        return bound + text
    if q.kind == "duration":
        return f"{bound}{_num(q.value or 0)}{high} days"
    if q.kind == "percent":
        return f"{bound}{_num(q.value or 0)}{high}%"
    if q.kind == "hours":
        return q.unit or q.text
    unit = q.unit or ""
    if q.value is None:
        return f"unlimited {unit}".strip()
    period = f"/{q.period}" if q.period else ""
    return f"{bound}{_num(q.value)}{high} {unit}{period}".strip()


@dataclass(frozen=True)
class Mark:
    """A span of a text to highlight: ``css`` is ``value``, ``differs``, ``same``, ``qualifier`` or a kind."""

    start: int
    end: int
    css: str
    title: str = ""


def value_marks(text: str, other: str | None = None) -> list[Mark]:
    """The values in ``text``, each labelled with its normalised form.

    With ``other`` (the text it is compared with), a value is ``differs`` when it is comparable with a
    value of ``other`` and never the same, ``same`` when it matches one, else plain ``value``.
    """

    theirs = extract_quantities(other) if other else []
    out = []
    for q in extract_quantities(text):
        css = "value"
        outcomes = {compare_quantities(q, t) for t in theirs}
        if "same" in outcomes:
            css = "same"
        elif "different" in outcomes:
            css = "differs"
        out.append(Mark(q.start, q.end, css, quantity_label(q)))
    return out


def qualifier_marks(text: str) -> list[Mark]:
    """Conditions and hedges that narrow a claim ("only if you sign for a year")."""

    return [Mark(q.start, q.end, "qualifier", q.kind) for q in find_qualifiers(text)]


def highlight(text: str, marks: Sequence[Mark] = ()) -> str:
    """``text`` as HTML: every piece escaped, each mark wrapped in ``<mark class="m-CSS">``.

    Overlapping marks: the earlier (then longer) one wins; marks outside the text are ignored.
    """
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if 0 <= m.start < m.end <= len(text) and all(m.start >= c.end or m.end <= c.start for c in chosen):
            chosen.append(m)
    out, pos = [], 0
    for m in sorted(chosen, key=lambda m: m.start):
        out.append(html.escape(text[pos : m.start]))
        title = f' title="{html.escape(m.title)}"' if m.title else ""
        out.append(f'<mark class="m-{html.escape(m.css)}"{title}>{html.escape(text[m.start : m.end])}</mark>')
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def md_escape(text: str) -> str:
    """User text made literal for Streamlit's markdown (labels of radios, captions, markdown).

    Every markdown and HTML special is backslash-escaped (links, images, emphasis, headings, HTML tags,
    ``:color[...]`` directives, ``$`` maths), and line breaks become spaces.
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _sentence_span(utterance: str, sentence: str) -> tuple[int, int] | None:
    i = utterance.find(sentence)
    if i < 0:
        i = utterance.lower().find(sentence.lower())
    return (i, i + len(sentence)) if i >= 0 else None


# --------------------------------------------------------------------------- findings of a call


@dataclass(frozen=True)
class CallSummary:
    """A checked call as its latest run left it."""

    call_id: int
    name: str
    campaign: str | None
    date: str | None
    reps: list[str]
    run_id: int
    drift_score: float
    findings: int
    kinds: dict[str, int]
    error: str | None = None
    content_hash: str = ""

    @property
    def label(self) -> str:
        if self.error:
            return f"{self.name} · could not be checked"
        n = self.findings
        return f"{self.name} · drift {self.drift_score:.2f} · {n} finding{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class FindingView:
    """A finding as the review page shows it, with its latest review applied."""

    id: int
    kind: str  # after review (a changed kind wins)
    detected_kind: str  # as the checker found it
    score: float
    slot: str | None
    explanation: str
    speaker: str | None
    start: float | None
    index: int | None
    rep_text: str | None
    asset_file: str | None
    asset_text: str | None
    decision: str | None = None  # accept | dismiss | change_kind
    reviewer: str | None = None
    note: str = ""
    run_id: int = 0
    call_id: int = 0

    @property
    def time(self) -> str:
        return format_time(self.start)

    @property
    def slot_name(self) -> str:
        return self.slot or NO_SLOT

    @property
    def status(self) -> str:
        return {"accept": "accepted", "dismiss": "dismissed", "change_kind": "kind changed"}.get(
            self.decision or "", "to review"
        )

    @property
    def label(self) -> str:
        """One plain-text line: where, who, what kind, about what."""
        where = self.time or (f"#{self.index}" if self.index is not None else "whole call")
        who = self.speaker or "nobody on the call"
        return f"{where} · {who} · {self.kind} · {self.slot_name}"

    def to_finding(self) -> Finding:
        transcript = (
            None
            if self.rep_text is None
            else {"speaker": self.speaker, "text": self.rep_text, "start": self.start, "index": self.index}
        )
        asset = None if self.asset_text is None else {"file": self.asset_file, "text": self.asset_text}
        return Finding(self.kind, self.score, self.slot, self.explanation, transcript, asset)  # type: ignore[arg-type]


def _view(r: FindingRecord) -> FindingView:
    t, a, rev = r.transcript or {}, r.asset or {}, r.review
    return FindingView(
        id=r.id,
        kind=r.effective_kind,
        detected_kind=r.kind,
        score=float(r.score),
        slot=r.slot,
        explanation=r.explanation,
        speaker=t.get("speaker"),
        start=t.get("start"),
        index=t.get("index"),
        rep_text=t.get("text"),
        asset_file=a.get("file"),
        asset_text=a.get("text"),
        decision=rev.decision if rev else None,
        reviewer=rev.reviewer if rev else None,
        note=rev.note if rev else "",
        run_id=r.run_id,
        call_id=r.call_id,
    )


def call_summaries(ws: Workspace, campaign: str | None = None) -> list[CallSummary]:
    """Every checked call (its latest run), in date order."""
    out = []
    for r in ws.call_results(campaign):
        kinds = dict.fromkeys(FINDING_KINDS, 0)
        for f in r.findings:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        out.append(
            CallSummary(
                call_id=r.call.id,
                name=r.call.name,
                campaign=r.call.campaign,
                date=r.call.date,
                reps=list(r.reps),
                run_id=r.run_id,
                drift_score=float(r.drift_score),
                findings=len(r.findings),
                kinds=kinds,
                error=r.error,
                content_hash=r.call.content_hash,
            )
        )
    return out


def call_findings(ws: Workspace, call_id: int, run_id: int) -> list[FindingView]:
    """The findings of one call in one run (kept ones), each with its latest review."""
    return [_view(r) for r in ws.findings(run_id=run_id, call=call_id)]


_PLURAL = {
    "contradiction": "contradictions",
    "weakened": "weakened claims",
    "unsupported": "unsupported claims",
}


def call_headline(findings: Sequence[FindingView]) -> str:
    """The call's drift in one plain sentence: who drifted how, on what; which headline promises never came
    up. Dismissed findings are left out."""
    live = [f for f in findings if f.decision != "dismiss"]
    if not live:
        return "On message: nothing on this call drifts from the campaign."
    parts = []
    for kind in ("contradiction", "weakened", "unsupported"):
        these = [f for f in live if f.kind == kind]
        if not these:
            continue
        reps = sorted({f.speaker for f in these if f.speaker})
        slots = sorted({f.slot_name for f in these})
        noun = kind if len(these) == 1 else _PLURAL[kind]
        if kind == "weakened" and len(these) == 1:
            noun = "weakened claim"
        elif kind == "unsupported" and len(these) == 1:
            noun = "unsupported claim"
        who = f" by {', '.join(reps)}" if reps else ""
        parts.append(f"{len(these)} {noun}{who} ({', '.join(slots)})")
    omitted = [f for f in live if f.kind == "omission"]
    if omitted:
        slots = ", ".join(sorted({f.slot_name for f in omitted}))
        n = len(omitted)
        parts.append(f"{n} headline promise{'s' if n != 1 else ''} never came up ({slots})")
    return "; ".join(parts) + "."


def filter_findings(
    findings: Sequence[FindingView],
    *,
    kinds: Sequence[str] | None = None,
    reps: Sequence[str] | None = None,
    slots: Sequence[str] | None = None,
    min_score: float = 0.0,
    show_dismissed: bool = True,
) -> list[FindingView]:
    """Findings that pass every filter given (None: no filter). Omissions have no rep: a rep filter keeps
    them only when it is empty."""
    out = []
    for f in findings:
        if kinds is not None and f.kind not in kinds:
            continue
        if reps is not None and f.speaker is not None and f.speaker not in reps:
            continue
        if slots is not None and f.slot_name not in slots:
            continue
        if f.score < min_score:
            continue
        if not show_dismissed and f.decision == "dismiss":
            continue
        out.append(f)
    return out


# --------------------------------------------------------------------------- transcript


def _safe_name(name: str) -> str:
    base = Path(str(name).replace("\\", "/")).name.strip() or "upload"
    return re.sub(r"[^\w.\- ]", "_", base)[:180]


@contextlib.contextmanager
def _materialised(files: Sequence[tuple[str, bytes]]) -> Iterator[list[Path]]:
    """Files written under a temporary folder with their (sanitised) names, one sub-folder each."""
    with tempfile.TemporaryDirectory(prefix="msgcheck-") as tmp:
        paths = []
        for i, (name, data) in enumerate(files):
            folder = Path(tmp) / f"{i:04d}"
            folder.mkdir()
            p = folder / _safe_name(name)
            p.write_bytes(data)
            paths.append(p)
        yield paths


@contextlib.contextmanager
def _named(name: str) -> Iterator[None]:
    """Errors raised inside name the file as the user knows it, not the temporary copy."""
    try:
        yield
    except MsgcheckError as exc:
        exc.path = _safe_name(name)
        raise


def transcript_from_bytes(name: str, data: bytes) -> Transcript:
    """Parse a transcript from its bytes and file name (the extension picks the reader)."""

    with _materialised([(name, data)]) as (path,), _named(name):
        t = load_transcript(path)
    t.path, t.name = name, _safe_name(name)
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

    ``x`` is minutes from the start when every utterance has a time, else the utterance number;
    ``points``: one per spoken finding; ``handoffs``: where another rep takes over; ``turns``: each rep
    utterance (the band of who is speaking). ``axis`` (in ``meta``) names the x axis.
    """

    timed = bool(lines) and all(line.start is not None for line in lines)
    pos = {
        line.index: (line.start / 60 if timed and line.start is not None else float(line.index))
        for line in lines
    }
    points = [
        {
            "x": pos.get(int(f.index), float(f.index)),
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
                "axis": "minutes into the call" if timed else "utterance number",
                "end": max(pos.values(), default=0.0),
            }
        ],
    }


# --------------------------------------------------------------------------- reviewed results


def _results(ws: Workspace, campaign: str | None) -> list[tuple[Any, list[FindingView]]]:
    """Each checked call's latest result with every finding of that run and its latest review."""
    results = ws.call_results(campaign)
    records = ws.findings(campaign=campaign) if results else []
    by_run_call: dict[tuple[int, int], list[FindingView]] = {}
    for r in records:
        by_run_call.setdefault((r.run_id, r.call_id), []).append(_view(r))
    return [(res, by_run_call.get((res.run_id, res.call.id), [])) for res in results]


def _reviewed_results(
    ws: Workspace, campaign: str | None, apply_reviews: bool
) -> list[tuple[Any, list[FindingView]]]:
    """``_results`` with reviews applied (dismissed findings left out, changed kinds used) or ignored."""
    out = []
    for res, views in _results(ws, campaign):
        if apply_reviews:
            views = [v for v in views if v.decision != "dismiss"]
        else:
            views = [_unreviewed(v) for v in views]
        out.append((res, views))
    return out


def _unreviewed(v: FindingView) -> FindingView:

    return replace(v, kind=v.detected_kind, decision=None, reviewer=None, note="")


def report_for(
    ws: Workspace,
    *,
    campaign: str | None = None,
    call_id: int | None = None,
    apply_reviews: bool = True,
) -> Report:
    """The report of a call, a campaign or the whole workspace, each call as its latest run left it.

    ``apply_reviews``: dismissed findings are left out and changed kinds used (the drift score is
    recomputed from what is left); otherwise the findings exactly as recorded.
    """

    calls: list[CallReport] = []
    assets: dict[str, None] = {}
    runs: set[int] = set()
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        if call_id is not None and res.call.id != call_id:
            continue
        findings = [v.to_finding() for v in views]
        calls.append(
            CallReport(
                call=res.call.name,
                reps=list(res.reps),
                prospects=list(res.prospects),
                drift_score=drift_score(findings) if apply_reviews else res.drift_score,
                findings=findings,
                coverage=list(res.coverage),
                error=res.error,
            )
        )
        runs.add(res.run_id)
    for run_id in sorted(runs):
        for a in ws.run_assets(run_id):
            assets.setdefault(a.name, None)
    return Report(calls=calls, assets=list(assets), msgcheck_version=__version__)


# --------------------------------------------------------------------------- dashboard


def overview(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> dict[str, Any]:
    """Headline numbers: calls checked, calls with drift, findings by kind, reviewed findings."""
    everything = _results(ws, campaign)
    reviewed = sum(1 for _, views in everything for v in views if v.decision)
    rows = _reviewed_results(ws, campaign, apply_reviews)
    kinds = dict.fromkeys(FINDING_KINDS, 0)
    total = 0
    for _, views in rows:
        for v in views:
            kinds[v.kind] = kinds.get(v.kind, 0) + 1
            total += 1
    ok = [res for res, _ in rows if not res.error]
    return {
        "calls": len(ok),
        "calls_with_drift": sum(1 for res, views in rows if not res.error and views),
        "errors": len(rows) - len(ok),
        "findings": total,
        "kinds": kinds,
        "reviewed": reviewed,
        "mean_drift": (sum(drift_score([v.to_finding() for v in views]) for _, views in rows) / len(rows))
        if rows
        else 0.0,
    }


def drift_by_rep(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> list[dict]:
    """One row per rep and finding kind: ``rep``, ``kind``, ``count``, and per rep ``calls`` and
    ``mean_drift`` (the drift of the rep's own findings plus the call's omissions, averaged over calls).
    Reps with no findings get one row with kind None and count 0."""
    per_rep: dict[str, dict[str, Any]] = {}
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        if res.error:
            continue
        omissions = [v.to_finding() for v in views if v.kind == "omission"]
        for rep in res.reps:
            own = [v for v in views if v.speaker == rep]
            entry = per_rep.setdefault(
                rep, {"calls": 0, "drift": 0.0, "kinds": dict.fromkeys(FINDING_KINDS, 0)}
            )
            entry["calls"] += 1
            entry["drift"] += drift_score([v.to_finding() for v in own] + omissions)
            for v in own:
                entry["kinds"][v.kind] += 1
            entry["kinds"]["omission"] += len(omissions)
    rows = []
    for rep in sorted(per_rep):
        e = per_rep[rep]
        mean = e["drift"] / e["calls"] if e["calls"] else 0.0
        counts = [(k, n) for k, n in e["kinds"].items() if n]
        for kind, n in counts or [(None, 0)]:
            rows.append(
                {"rep": rep, "kind": kind, "count": n, "calls": e["calls"], "mean_drift": round(mean, 4)}
            )
    return rows


def drift_by_campaign(ws: Workspace, *, apply_reviews: bool = True) -> list[dict]:
    """One row per campaign: ``campaign``, ``calls``, ``mean_drift``, ``findings`` and one column per kind."""
    rows = []
    for c in ws.campaigns():
        results = _reviewed_results(ws, c.name, apply_reviews)
        ok = [(res, views) for res, views in results if not res.error]
        if not ok:
            continue
        kinds = dict.fromkeys(FINDING_KINDS, 0)
        for _, views in ok:
            for v in views:
                kinds[v.kind] += 1
        drift = [drift_score([v.to_finding() for v in views]) for _, views in ok]
        rows.append(
            {
                "campaign": c.name,
                "calls": len(ok),
                "mean_drift": round(sum(drift) / len(drift), 4),
                "findings": sum(kinds.values()),
                **kinds,
            }
        )
    return rows


def drift_by_slot(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> list[dict]:
    """One row per (slot, kind) with findings: ``slot`` (price, trial, contract, ...), ``kind``, ``count``."""
    counts: dict[tuple[str, str], int] = {}
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        if res.error:
            continue
        for v in views:
            counts[(v.slot_name, v.kind)] = counts.get((v.slot_name, v.kind), 0) + 1
    return [{"slot": s, "kind": k, "count": n} for (s, k), n in sorted(counts.items())]


def drift_over_time(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> list[dict]:
    """One row per checked call, in date order: ``order``, ``call``, ``date`` (None when unknown),
    ``drift``, ``findings``, ``reps``, ``campaign``."""
    rows = []
    for n, (res, views) in enumerate(
        r for r in _reviewed_results(ws, campaign, apply_reviews) if not r[0].error
    ):
        rows.append(
            {
                "order": n + 1,
                "call": res.call.name,
                "date": (res.call.date or "")[:10] or None,
                "drift": round(drift_score([v.to_finding() for v in views]), 4),
                "findings": len(views),
                "reps": ", ".join(res.reps),
                "campaign": res.call.campaign or "",
            }
        )
    return rows


def ledger_rows(ws: Workspace, campaign: str | None = None) -> list[dict]:
    """The claim ledger as rows: every asset claim with how many calls upheld, contradicted, weakened or
    never mentioned it, and the reps who broke it; most broken first."""

    rows = []
    for e in claim_ledger(ws, campaign):
        broken_by = sorted(set(e.reps.get("contradicted", [])) | set(e.reps.get("weakened", [])))
        rows.append(
            {
                "campaign": e.campaign or "",
                "asset_file": e.asset_file,
                "claim": e.text,
                "headline": e.headline,
                "upheld": e.upheld,
                "contradicted": e.contradicted,
                "weakened": e.weakened,
                "not_mentioned": e.not_mentioned,
                "calls": e.checked,
                "broken_by": ", ".join(broken_by),
            }
        )
    rows.sort(key=lambda r: (-(r["contradicted"] + r["weakened"]), -r["headline"], -r["upheld"], r["claim"]))
    return rows


# --------------------------------------------------------------------------- campaign page


def campaign_documents(ws: Workspace, campaign: str) -> list[Document]:
    """The campaign's current asset versions, parsed again from their stored bytes."""

    current = ws.asset_versions(campaign, current=True)
    docs = []
    with _materialised([(a.name, ws.asset_bytes(a.id)) for a in current]) as paths:
        for a, p in zip(current, paths, strict=True):
            with _named(a.name):
                docs.append(load_asset(p))
    for d, a in zip(docs, current, strict=True):
        d.path, d.name = a.name, a.name
    return docs


@dataclass(frozen=True)
class ClaimView:
    """An asset claim as the campaign page lists it."""

    asset_file: str
    text: str
    slot: str | None
    values: list[str]  # normalised values ("30 days", "$0 one-time")
    html: str  # the text, escaped, values marked
    headline: bool  # drives omission in the next check (a top headline offer promise, marks applied)
    marked: bool | None  # the reviewer's mark: True headline, False not, None the checker decides
    retired: bool = False
    manual: bool = False
    promise: int | None = None  # rank of the headline promise it belongs to (1 = the campaign's first)


@contextlib.contextmanager
def _with_store(checker: Any, ws: Workspace) -> Iterator[None]:
    """The checker's embedding cache reads and writes the workspace for the duration (as check_and_record)."""

    emb = getattr(checker, "embedder", None)
    borrowed = isinstance(emb, CachedEmbedder) and emb.store is None
    if borrowed:
        emb.store = ws
    try:
        yield
    finally:
        if borrowed:
            emb.store = None


@dataclass(frozen=True)
class AssetResult:
    name: str
    version: int | None = None
    added: bool = False
    error: str | None = None


def add_assets(ws: Workspace, campaign: str, files: Sequence[tuple[str, bytes]]) -> list[AssetResult]:
    """Store uploaded asset files as versions of the campaign's assets (the campaign is created when
    new). A file that cannot be read gets an AssetResult with ``error``; the others go on."""
    ws.add_campaign(campaign)
    out = []
    with _materialised(files) as paths:
        for (name, _), p in zip(files, paths, strict=True):
            try:
                with _named(name):
                    version, added = ws.add_asset_version(campaign, p)
                out.append(AssetResult(p.name, version.version, added))
            except WorkspaceError:
                raise
            except MsgcheckError as exc:
                out.append(AssetResult(p.name, error=str(exc)))
    return out


def campaign_model(checker: Any, ws: Workspace, campaign: str) -> Campaign:
    """The campaign as the checker sees it (claims, vectors, promises), before any claim overrides.
    InputError when the campaign has no assets or no claims."""
    docs = campaign_documents(ws, campaign)
    if not docs:
        raise InputError(f"campaign {campaign!r} has no assets yet", hint="add its assets first")
    with _with_store(checker, ws):
        return checker.campaign(docs)


def omission_keys(checker: Any, camp: Campaign) -> dict[tuple[str, str], int]:
    """(asset file, text) -> rank (1, 2, ...) of the claims whose promises the omission check uses
    (msgcheck.checker.omission_candidates: the checker's own rule)."""

    eligible = omission_candidates(camp.promises, checker.config)
    return {(c.file, c.text): rank for rank, p in enumerate(eligible, 1) for c in p.claims}


def campaign_claims(
    checker: Any, ws: Workspace, campaign: str, camp: Campaign | None = None
) -> list[ClaimView]:
    """Every claim of the campaign's current assets as the next check will see it: extracted claims
    then manual ones, with the reviewers' marks applied; retired claims are listed as retired.
    ``camp``: the campaign_model already computed (it is not changed)."""

    camp = camp if camp is not None else campaign_model(checker, ws, campaign)
    overrides = ws.claim_overrides(campaign)
    by_key = {(o.asset_file, o.text): o for o in overrides}
    with _with_store(checker, ws):
        applied = apply_overrides(camp, overrides, embedder=checker.embedder, config=checker.config)
    active = {(c.file, c.text): c for c in applied.claims}
    drives = omission_keys(checker, applied)
    extracted = {(c.file, c.text) for c in camp.claims}
    out = []
    for c in [*camp.claims, *(c for c in applied.claims if (c.file, c.text) not in extracted)]:
        key = (c.file, c.text)
        o = by_key.get(key)
        live = active.get(key)
        out.append(
            ClaimView(
                asset_file=c.file,
                text=c.text,
                slot=c.slot,
                values=[quantity_label(q) for q in c.quantities],
                html=highlight(c.text, value_marks(c.text)),
                headline=key in drives,
                promise=drives.get(key),
                marked=o.headline if o else None,
                retired=live is None,
                manual=key not in extracted,
            )
        )
    for o in overrides:  # manual claims retired, so the page can list them
        if o.manual and o.retired:
            out.append(
                ClaimView(
                    o.asset_file, o.text, None, [], html.escape(o.text), False, o.headline, True, True, None
                )
            )
    return out


# --------------------------------------------------------------------------- calls page


@dataclass(frozen=True)
class SpeakerRole:
    speaker: str
    role: str  # rep | prospect
    source: str  # file | inferred
    utterances: int


def preview_transcript(name: str, data: bytes) -> tuple[Transcript, list[SpeakerRole]]:
    """Parse an uploaded transcript and say who msgcheck takes for the reps (InputError when unreadable)."""

    t = transcript_from_bytes(name, data)
    if not t.utterances:
        raise InputError("no utterances found", path=_safe_name(name), hint="is this a call transcript?")
    assign_roles(t)
    counts: dict[str, int] = {}
    for u in t.utterances:
        counts[u.speaker] = counts.get(u.speaker, 0) + 1
    return t, [
        SpeakerRole(s, t.roles.get(s, "prospect"), t.role_source.get(s, "inferred"), counts[s])
        for s in t.speakers
    ]


@dataclass(frozen=True)
class UploadResult:
    name: str
    call_id: int | None = None
    run_id: int | None = None
    drift_score: float = 0.0
    findings: int = 0
    error: str | None = None


Progress = Callable[[str, int, int], None]  # (file name, done, total)


def check_uploads(
    ws: Workspace,
    checker: Any,
    campaign: str,
    files: Sequence[tuple[str, bytes, Sequence[str] | None]],
    progress: Progress | None = None,
) -> list[UploadResult]:
    """Store and check uploaded transcripts against the campaign's current assets and claim overrides.

    ``files``: (file name, bytes, reps or None: as the file says or inferred). Files with the same reps
    are checked in one run. A file that cannot be read gets an UploadResult with ``error``; the others
    go on. Raises MsgcheckError only for problems with the campaign or the workspace.
    """

    results: dict[int, UploadResult] = {}
    readable: list[int] = []
    for i, (name, data, _) in enumerate(files):
        try:
            transcript_from_bytes(name, data)
            readable.append(i)
        except MsgcheckError as exc:
            results[i] = UploadResult(_safe_name(name), error=str(exc))
    current = ws.asset_versions(campaign, current=True)
    if not current and readable:
        raise InputError(
            f"campaign {campaign!r} has no assets yet", hint="add its assets on the Campaign page first"
        )
    groups: dict[tuple[str, ...] | None, list[int]] = {}
    for i in readable:
        reps = files[i][2]
        groups.setdefault(tuple(reps) if reps else None, []).append(i)
    total, done = len(files), len(files) - len(readable)
    wrapped = OverridingChecker(checker, ws.claim_overrides(campaign))
    with _materialised([(a.name, ws.asset_bytes(a.id)) for a in current]) as asset_paths:
        asset_dir = asset_paths[0].parent.parent if asset_paths else None
        for reps, members in groups.items():
            with _materialised([(files[i][0], files[i][1]) for i in members]) as paths:
                base = done

                def step(name: str, n: int, _total: int, base: int = base) -> None:
                    if progress:
                        progress(name, base + n, total)

                result = check_and_record(
                    ws,
                    wrapped,
                    [asset_dir] if asset_dir else [],
                    paths,
                    campaign=campaign,
                    reps=list(reps) if reps else None,
                    settings={"source": "app", "claim_overrides": len(wrapped.overrides)},
                    progress=step,
                )
                done += len(members)
                by_name = {c.call: c for c in result.report.calls}
                for i, p in zip(members, paths, strict=True):
                    call = by_name.get(p.name)
                    record = ws.call(sha256_bytes(files[i][1]))
                    if call is None:
                        results[i] = UploadResult(p.name, record.id, result.run_id, error="not checked")
                    else:
                        results[i] = UploadResult(
                            p.name, record.id, result.run_id, call.drift_score, len(call.findings), call.error
                        )
    return [results[i] for i in range(len(files))]


def recheck_campaign(
    ws: Workspace, checker: Any, campaign: str, progress: Progress | None = None
) -> list[UploadResult]:
    """Check every stored call of the campaign again (after its assets or claim marks changed)."""
    calls = ws.calls(campaign)
    files = [(c.name, ws.call_bytes(c.id), None) for c in calls]
    return check_uploads(ws, checker, campaign, files, progress) if files else []
