"""The cross-encoder judge: a model that reads each (asset claim, rep sentence) pair decides; the rules
and the embedding heads are evidence.

For every rep claim the fine-tuned cross-encoder (judge.crossmodel) reads the top-k aligned asset claims
with the previous utterance as context. Then, per claim:

- a value difference of one named attribute (the rules' ``certain`` verdicts) stands: numbers need no model;
- the model's contradiction or weakened probability for any of the k claims, at the kind's threshold, flags it;
- a rule flag the model does not see as drift (below ``veto``) is dropped, one it does see stands;
- an unsupported claim is dropped when the model reads some asset claim as supporting it (SummaC-style:
  P(consistent) at least ``support``).

Thresholds live in the model folder's ``judge.json`` (written by benchmarks/tune_cross.py on the tuning
split), not here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..embed.embedders import Embedder
from ..kinds import PAIR_DRIFT_KINDS
from ..types import Alignment, Claim, Verdict
from .base import BaseJudge, Judge
from .crossmodel import CROSS_LABELS, DEFAULT_DIR, CrossModel, hypothesis_text
from .pairjudge import PairJudge
from .rules import AssetIndex

_CONS, _CONTRA, _WEAK = (CROSS_LABELS.index(k) for k in ("consistent", "contradiction", "weakened"))


@dataclass
class CrossJudgeConfig:
    k: int = 3  # asset claims read per rep claim, nearest first
    min_sim: float = 0.2  # ... each at least this close (cosine)
    flag: dict[str, float] = field(default_factory=lambda: {"contradiction": 0.6, "weakened": 0.6})
    veto: float = 0.2  # a rule's flag stands when the model gives it this much drift probability
    support: float = 0.5  # an unsupported claim is dropped when some asset claim supports it this much

    @classmethod
    def from_dict(cls, d: dict) -> CrossJudgeConfig:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})

    @classmethod
    def load(cls, folder: Path) -> CrossJudgeConfig:
        path = folder / "judge.json"
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else cls()


class CrossJudge(BaseJudge):
    """The cross-encoder's reading of each aligned pair, with the rules' verdicts as evidence."""

    def __init__(
        self,
        inner: Judge | None = None,
        model: CrossModel | None = None,
        config: CrossJudgeConfig | None = None,
    ):
        self.inner = inner or PairJudge()
        self.model = model or CrossModel(DEFAULT_DIR)
        self._config = config

    @property
    def version(self) -> str:  # type: ignore[override]
        return f"cross-1+{self.model.version}+{self.inner.version}"

    @property
    def config(self) -> CrossJudgeConfig:
        if self._config is None:
            self._config = CrossJudgeConfig.load(self.model.folder)
        return self._config

    def bind(self, embedder: Embedder) -> CrossJudge:
        self.inner.bind(embedder)
        return self

    def floor(self, kind: str) -> float:
        return self.inner.floor(kind)

    def calibrated(self, kind: str, raw: float) -> float:
        return self.inner.calibrated(kind, raw)

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        cfg = self.config
        evidence = self.inner.judge_all(alignments, index)
        read = [_read(al, v, cfg) for al, v in zip(alignments, evidence, strict=True)]
        pairs = [
            (a.text, hypothesis_text(al.rep.text, al.rep.before))
            for al, r in zip(alignments, read, strict=True)
            for a, _ in r
        ]
        probs = self.model.probabilities(pairs)
        out, at = [], 0
        for al, v, r in zip(alignments, evidence, read, strict=True):
            p = probs[at : at + len(r)]
            at += len(r)
            out.append(self._decide(al.rep, v, r, p, cfg))
        return out

    def _decide(
        self, rep: Claim, v: Verdict, read: list[tuple[Claim, float]], p: np.ndarray, cfg: CrossJudgeConfig
    ) -> Verdict:
        if v.certain and v.kind in PAIR_DRIFT_KINDS:
            return _shown(v, read, p)  # two values of one named attribute differ: no model overrules that
        if not read:
            return v
        shown = _probabilities(read, p)
        for kind, col in (("contradiction", _CONTRA), ("weakened", _WEAK)):
            j = int(p[:, col].argmax())
            if p[j, col] >= cfg.flag[kind] and p[j, col] >= max(p[j, _CONTRA], p[j, _WEAK]):
                asset, sim = read[j]
                why = v.explanation if v.kind == kind and v.asset is asset else _explain(kind, rep, asset)
                raw = max(float(p[j, col]), v.score if v.kind == kind else 0.0)
                return Verdict(kind, self.calibrated(kind, raw), asset, why, sim, probabilities=shown)
        if v.kind in PAIR_DRIFT_KINDS:
            j = next((i for i, (a, _) in enumerate(read) if a is v.asset), None)
            drift = float(p[j, _CONTRA] + p[j, _WEAK]) if j is not None else 1.0
            if drift >= cfg.veto:
                return Verdict(v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=shown)
            asset, sim = read[j]  # type: ignore[index]
            return Verdict(
                "consistent",
                0.0,
                asset,
                f"Read as consistent: the rules saw {v.kind} ({v.explanation}), the pair model overruled "
                "them (its probabilities are in the JSON).",
                sim,
                probabilities=shown,
            )
        if v.kind == "unsupported":
            j = int(p[:, _CONS].argmax())
            if p[j, _CONS] >= cfg.support:
                asset, sim = read[j]
                return Verdict(
                    "consistent",
                    float(p[j, _CONS]),
                    asset,
                    f'{asset.file} says it: "{asset.text}"',
                    sim,
                    probabilities=shown,
                )
        return Verdict(v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=shown)


def _read(al: Alignment, v: Verdict, cfg: CrossJudgeConfig) -> list[tuple[Claim, float]]:
    """The asset claims the model reads for this rep claim: the k nearest close enough, and the rules' pick."""
    read = [(a, s) for a, s in al.candidates[: cfg.k] if s >= cfg.min_sim]
    if v.asset is not None and not any(a is v.asset for a, _ in read):
        sim = next((s for a, s in al.candidates if a is v.asset), v.similarity)
        read.append((v.asset, float(sim)))
    return read


def _probabilities(read: list[tuple[Claim, float]], p: np.ndarray) -> dict:
    """The model's reading of the closest pair it read, for the report (labels -> probability)."""
    best = int((1 - p[:, CROSS_LABELS.index("unrelated")]).argmax())
    return {"cross": {lab: round(float(x), 4) for lab, x in zip(CROSS_LABELS, p[best], strict=True)}}


def _shown(v: Verdict, read, p) -> Verdict:
    probs = _probabilities(read, p) if len(read) else v.probabilities
    return Verdict(
        v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=probs, certain=v.certain
    )


def _explain(kind: str, rep: Claim, asset: Claim) -> str:
    """One line, both sides quoted: 'The rep says "..." where landing.html says "...": a contradiction.'"""
    what = "a contradiction" if kind == "contradiction" else "an added condition or hedge"
    return f'The rep says "{_short(rep.text)}" where {asset.file} says "{_short(asset.text)}": {what}.'


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
