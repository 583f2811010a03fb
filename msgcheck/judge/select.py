"""Judges by name, for the command line and the benchmarks: one place that knows which judges exist."""

from __future__ import annotations

from .base import Judge
from .crossjudge import CrossJudge
from .pairjudge import PairJudge
from .rules import RuleJudge

__all__ = ["JUDGES", "make_judge"]

JUDGES = {
    "cross": "the fine-tuned cross-encoder reads each pair; rules and heads are evidence",
    "pair": "rule flags checked and scored by the embedding heads",
    "rules": "the rules alone (ablation)",
}


def make_judge(name: str, thresholds: bool = True) -> Judge:
    """A fresh judge of the given name; models load on first use."""
    if name == "rules":
        return RuleJudge()
    if name == "pair":
        return PairJudge(thresholds=thresholds)
    if name == "cross":
        return CrossJudge(inner=PairJudge(thresholds=thresholds))
    raise ValueError(f"unknown judge {name!r}: choose one of {', '.join(JUDGES)}")
