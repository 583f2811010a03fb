"""A call's findings as the review page lists them, and its drift in one sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...kinds import DRIFT_KINDS, FINDING_KINDS
from ...report import format_time
from ...types import Finding
from ...workspace.db import FindingRecord, Workspace
from .text import _PLURAL, NO_SLOT

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


def left_out_assets(ws: Workspace, run_id: int) -> list[str]:
    """What the run left out (assets it could not read, hidden files), one line each: a call checked
    without one of its campaign's assets says so whenever it is shown."""
    return [f"Checked without {Path(e.file).name}: {e.error}" for e in ws.run(run_id).asset_errors]


def call_headline(findings: Sequence[FindingView]) -> str:
    """The call's drift in one plain sentence: who drifted how, on what; which headline promises never came
    up. Dismissed findings are left out."""
    live = [f for f in findings if f.decision != "dismiss"]
    if not live:
        return "On message: nothing on this call drifts from the campaign."
    parts = []
    for kind in DRIFT_KINDS:
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


@dataclass(frozen=True)
class CallRoles:
    """Who the call's reps are, how sure, and why: what the review page's banner shows."""

    uncertain: str  # why the reps are a guess; empty when they are not
    speakers: list[tuple[str, str, float, str]]  # (speaker, role, confidence, evidence in words)


def call_roles(ws: Workspace, call: CallSummary, speakers: Sequence[str]) -> CallRoles:
    """The roles of a call as its latest run decided them, for every speaker in the transcript."""
    roles = ws.call_roles(call.run_id, call.call_id)
    confidence, evidence = roles["role_confidence"], roles["role_evidence"]
    rows = [
        (
            s,
            "rep" if s in call.reps else "prospect",
            float(confidence.get(s, 1.0)),
            "; ".join(evidence.get(s, [])),
        )
        for s in speakers
    ]
    return CallRoles(_for_the_app(roles["roles_uncertain"]), rows)


def _for_the_app(reason: str) -> str:
    """The library's reason, as the app's banner says it: its fix is the banner's button, not ``--rep``."""
    reason = re.sub(r"\s*Name the reps \(--rep\) to be sure\.?$", "", reason.strip())
    if not reason:
        return ""
    reason = reason[0].upper() + reason[1:]
    return reason if reason.endswith(".") else f"{reason}."
