"""A call's drift score: one number from its findings, each weighted by its kind."""

from __future__ import annotations

from collections.abc import Iterable

from ..kinds import FINDING_KINDS, KINDS
from ..types import Finding

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
