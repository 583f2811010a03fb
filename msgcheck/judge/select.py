"""Judges by name, for the command line and the benchmarks: one place that knows which judges exist."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import ModelError
from .base import Judge
from .crossjudge import CrossJudge, CrossJudgeConfig
from .crossmodel import CALL_DIR, CrossModel
from .pairjudge import PairJudge
from .rules import RuleJudge

__all__ = ["JUDGES", "make_judge"]

JUDGES = {
    "cross": "the fine-tuned cross-encoder reads each pair; rules and heads are evidence",
    "cross-fast": "cross, read in int8 by a head fitted on that reading that skips far, unclaim-like sentences",
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
    if name == "cross-fast":
        return fast_cross(PairJudge(thresholds=thresholds))
    raise ValueError(f"unknown judge {name!r}: choose one of {', '.join(JUDGES)}")


def fast_cross(inner: Judge, folder: Path = CALL_DIR) -> CrossJudge:
    """The cross judge's fast reading: the runtime and head its judge.json names under "fast" (a head fitted on
    that runtime's probabilities; a head fitted on another reading would misjudge them)."""
    cfg = CrossJudgeConfig.load(folder)
    fast = cfg.fast or {}
    if not fast.get("head") or not fast.get("runtime"):
        raise ModelError(
            "this cross-encoder has no fast head",
            path=str(folder / "judge.json"),
            hint="fit one with `msgcheck train final --runtime onnx-int8 --fast`",
        )
    model = CrossModel(folder, runtime=fast["runtime"])
    return CrossJudge(inner=inner, model=model, config=replace(cfg, head=fast["head"]))
