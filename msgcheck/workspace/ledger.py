"""The claim ledger: what the workspace's checked calls say about each asset claim and each rep.

Plain functions over a Workspace returning dataclasses. Each call counts once, by its latest run.

- ``claim_ledger``: for every asset claim, across the calls checked against it, how often it was upheld,
  contradicted, weakened or never mentioned (the runs' ``coverage``), and by which reps.
- ``rep_ledger``: for every rep, their drift per call over time, and the handoffs they took part in.
- ``handoffs``: each point in a call where the speaking rep changes to another rep, with the drift of
  the stretch before and after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..report import drift_score
from ..types import Finding
from .db import CallResult, Workspace

STATUSES: tuple[str, ...] = ("upheld", "contradicted", "weakened", "not_mentioned")


@dataclass
class ClaimEntry:
    """One asset claim across every call checked against it."""

    campaign: str | None
    asset_file: str
    text: str
    headline: bool
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    reps: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in STATUSES})  # status -> reps
    calls: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in STATUSES})  # status -> calls

    @property
    def checked(self) -> int:
        return sum(self.counts.values())

    @property
    def upheld(self) -> int:
        return self.counts["upheld"]

    @property
    def contradicted(self) -> int:
        return self.counts["contradicted"]

    @property
    def weakened(self) -> int:
        return self.counts["weakened"]

    @property
    def not_mentioned(self) -> int:
        return self.counts["not_mentioned"]


@dataclass(frozen=True)
class Handoff:
    """The speaking rep changes from ``from_rep`` to ``to_rep`` at utterance ``index``."""

    call: str
    call_id: int
    index: int
    start: float | None
    from_rep: str
    to_rep: str
    before: float  # drift score of the findings in the stretch before (since the previous handoff)
    after: float  # ... and in the stretch after (until the next handoff)
    findings_before: int
    findings_after: int


@dataclass(frozen=True)
class RepCall:
    """One rep on one call."""

    call: str
    call_id: int
    date: str | None
    run_id: int
    drift: float  # drift of the rep's own findings (and the call's omissions, which every rep shares)
    call_drift: float
    findings: dict[str, int]  # kind -> count, the rep's own


@dataclass
class RepEntry:
    rep: str
    calls: list[RepCall] = field(default_factory=list)  # over time: by call date, then as added
    handoffs: list[Handoff] = field(default_factory=list)

    @property
    def mean_drift(self) -> float:
        return sum(c.drift for c in self.calls) / len(self.calls) if self.calls else 0.0


# --------------------------------------------------------------------------- pure functions


def handoff_points(speakers: Sequence[str], reps: Sequence[str]) -> list[tuple[int, str, str]]:
    """(utterance position, from rep, to rep) wherever the speaking rep changes to another rep.

    Prospects speaking in between do not break the chain: A, prospect, B is a handoff from A to B.
    """
    rep_set = set(reps)
    out = []
    last: str | None = None
    for i, speaker in enumerate(speakers):
        if speaker not in rep_set:
            continue
        if last is not None and speaker != last:
            out.append((i, last, speaker))
        last = speaker
    return out


def stretch_drift(findings: Sequence[Finding], start: int, end: int) -> tuple[float, int]:
    """(drift score, count) of the spoken findings at utterance indices in ``[start, end)``."""
    inside = [
        f
        for f in findings
        if f.transcript
        and f.transcript.get("index") is not None
        and start <= int(f.transcript["index"]) < end
    ]
    return drift_score(inside), len(inside)


def _rep_of(finding: Finding) -> str | None:
    return (finding.transcript or {}).get("speaker")


# --------------------------------------------------------------------------- over the workspace


def claim_ledger(ws: Workspace, campaign: str | None = None) -> list[ClaimEntry]:
    """Every asset claim with its upheld / contradicted / weakened / not-mentioned counts and reps.

    Reps: for a contradicted or weakened claim, the rep whose sentence the finding quotes; otherwise
    (upheld, not mentioned) every rep on the call. Claims keep the order the runs list them in.
    """
    entries: dict[tuple[str | None, str, str], ClaimEntry] = {}
    for result in ws.call_results(campaign):
        if result.error:
            continue
        for cov in result.coverage:
            key = (result.call.campaign, cov.asset_file, cov.text)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = ClaimEntry(
                    result.call.campaign, cov.asset_file, cov.text, cov.headline
                )
            entry.headline = entry.headline or cov.headline
            entry.counts[cov.status] = entry.counts.get(cov.status, 0) + 1
            entry.calls.setdefault(cov.status, []).append(result.call.name)
            speakers = [
                _rep_of(f)
                for f in result.findings
                if cov.status in ("contradicted", "weakened")
                and f.asset
                and f.asset.get("text") == cov.text
                and _rep_of(f)
            ]
            for rep in speakers or result.reps:
                if rep and rep not in entry.reps.setdefault(cov.status, []):
                    entry.reps[cov.status].append(rep)
    for entry in entries.values():
        for status in entry.reps:
            entry.reps[status].sort()
    return list(entries.values())


def _handoffs_of(ws: Workspace, result: CallResult) -> list[Handoff]:
    turns = ws.turns(result.call.id)
    points = handoff_points([s for _, s, _ in turns], result.reps)
    bounds = [0] + [turns[p][0] for p, _, _ in points] + [10**9]
    out = []
    for n, (pos, from_rep, to_rep) in enumerate(points):
        index, _, start = turns[pos]
        before, n_before = stretch_drift(result.findings, bounds[n], index)
        after, n_after = stretch_drift(result.findings, index, bounds[n + 2])
        out.append(
            Handoff(
                result.call.name,
                result.call.id,
                index,
                start,
                from_rep,
                to_rep,
                before,
                after,
                n_before,
                n_after,
            )
        )
    return out


def handoffs(ws: Workspace, campaign: str | None = None, call: int | str | None = None) -> list[Handoff]:
    """Every rep-to-rep handoff in the checked calls (or in one call), in call order."""
    results = ws.call_results(campaign)
    if call is not None:
        target = ws.call(call).id
        results = [r for r in results if r.call.id == target]
    return [h for r in results if not r.error for h in _handoffs_of(ws, r)]


def rep_ledger(ws: Workspace, campaign: str | None = None) -> list[RepEntry]:
    """Every rep: drift per call over time (calls in date order) and the handoffs they gave or took."""
    reps: dict[str, RepEntry] = {}
    for result in ws.call_results(campaign):
        if result.error:
            continue
        omissions = [f for f in result.findings if f.kind == "omission"]
        for rep in result.reps:
            own = [f for f in result.findings if _rep_of(f) == rep]
            kinds: dict[str, int] = {}
            for f in own:
                kinds[f.kind] = kinds.get(f.kind, 0) + 1
            entry = reps.setdefault(rep, RepEntry(rep))
            entry.calls.append(
                RepCall(
                    call=result.call.name,
                    call_id=result.call.id,
                    date=result.call.date,
                    run_id=result.run_id,
                    drift=drift_score(own + omissions),
                    call_drift=result.drift_score,
                    findings=kinds,
                )
            )
        for h in _handoffs_of(ws, result):
            for rep in (h.from_rep, h.to_rep):
                reps.setdefault(rep, RepEntry(rep)).handoffs.append(h)
    return [reps[name] for name in sorted(reps)]
