"""The judge stage's contract: one required method, ``judge_all``; conveniences on ``BaseJudge``.

A judge reads aligned pairs (a rep claim and its candidate asset claims) and returns one Verdict each.
The Checker only ever calls what is declared here, so any judge (the rules, the trained pair judge, a
fake in a test) can be swapped in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..types import Alignment, Verdict

if TYPE_CHECKING:  # typing only: rules.py implements this contract and imports this module
    from ..embed.embedders import Embedder
    from .rules import AssetIndex

__all__ = ["BaseJudge", "Judge", "NullJudge"]


@runtime_checkable
class Judge(Protocol):
    version: str

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        """One verdict per alignment, in order (batched: a trained judge scores all pairs at once)."""
        ...

    def judge(self, al: Alignment, index: AssetIndex) -> Verdict: ...

    def bind(self, embedder: Embedder) -> Judge: ...

    def floor(self, kind: str) -> float: ...

    def calibrated(self, kind: str, raw: float) -> float: ...


class BaseJudge:
    """Conveniences over ``judge_all``: no embedder needed, no thresholds, scores as they are."""

    version = "judge"

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        raise NotImplementedError

    def judge(self, al: Alignment, index: AssetIndex) -> Verdict:
        return self.judge_all([al], index)[0]

    def bind(self, embedder: Embedder) -> BaseJudge:
        """Share the checker's (cached) embedder; a judge that needs none ignores it."""
        return self

    def floor(self, kind: str) -> float:
        """The score a finding of ``kind`` must reach to be reported."""
        return 0.0

    def calibrated(self, kind: str, raw: float) -> float:
        """A raw score as a probability of real drift (identity for an uncalibrated judge)."""
        return float(raw)


class NullJudge(BaseJudge):
    """Finds no drift: every pair is consistent with its closest asset claim (tests, and ablations)."""

    version = "null"

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        out = []
        for al in alignments:
            best = al.candidates[0] if al.candidates else (None, 0.0)
            out.append(Verdict(kind="consistent", score=float(best[1]), explanation="", asset=best[0]))
        return out
