"""A call's drift score: one number from its findings, each weighted by its kind."""

from __future__ import annotations

from collections.abc import Iterable

from ..kinds import FINDING_KINDS, KINDS
from ..types import Finding, Report

# How much one finding of each kind counts towards a call's drift score (see drift_score).
KIND_WEIGHTS: dict[str, float] = {k.name: k.weight for k in KINDS}


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


def drop_below(report: Report, min_score: float) -> Report:
    """The report with findings scored below ``min_score`` dropped and each call's drift score recomputed
    from what is left (``--min-score``); ``report`` itself is changed and returned."""
    if min_score <= 0:
        return report
    for call in report.calls:
        call.findings = [f for f in call.findings if f.score >= min_score]
        call.drift_score = drift_score(call.findings)
    return report
