"""The checker's default judge: the rules propose, the trained pair judge disposes and scores.

For every aligned (asset claim, rep claim) pair the NLI pair head (msgcheck.pairmodel) and the drift
head (msgcheck.drifthead) give consistent / contradiction / weakened probabilities from the frozen
embeddings plus structured evidence (values after unit normalisation, polarity and predicate flips,
added conditions, new names, swapped words). Then:

- a rule flag (contradiction, weakened) stands only when the drift head gives drift at least the
  kind's threshold, and a contradiction the head reads as a weakening is relabelled;
- a pair the rules pass but the heads call a contradiction with high confidence is flagged;
- every finding's score is a calibrated probability of being real drift (per-kind Platt scaling fitted
  on the tuning split), so ``--min-score 0.7`` means "about 70% of these are right".

Unsupported claims have no asset to pair with; the rules decide them and the calibration scores them.
Thresholds and calibration live in the drift head's artifact and are refitted by ``python -m msgcheck.train``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..embed.embedders import Embedder
from ..kinds import DRIFT_KINDS, PAIR_DRIFT_KINDS
from ..types import Alignment, Claim, Verdict
from .base import BaseJudge
from .drifthead import DEFAULT_DIR as DRIFT_DIR
from .drifthead import DRIFT_LABELS, DriftHead, drift_features
from .evidence import EVIDENCE_FEATURES, evidence_matrix
from .pairhead import DEFAULT_DIR as HEAD_DIR
from .pairhead import LABELS as NLI_LABELS
from .pairhead import LEXICAL_FEATURES, PairHead
from .rules import AssetIndex, RuleJudge
from .wording import quoted

_C, _W = DRIFT_LABELS.index("contradiction"), DRIFT_LABELS.index("weakened")


@dataclass
class PairJudgeConfig:
    """Decision thresholds; `python -m msgcheck.train` writes tuned values into the drift head's config."""

    keep: dict[str, float] = field(default_factory=lambda: {"contradiction": 0.15, "weakened": 0.15})
    relabel_margin: float = 0.5  # contradiction -> weakened when P(weakened) exceeds P(contradiction) by this
    promote: float = 0.95  # P(contradiction) from the drift head needed to flag a pair the rules passed
    promote_sim: float = 0.6  # ... and the pair must be this close
    pair_min_sim: float = 0.3  # pairs below this similarity are not compared at all
    mix: float = 0.5  # raw score = mix * rule score + (1 - mix) * the head's probability of the kind
    # per-kind floor on the calibrated score: findings below it are not reported (omission guesses, mostly)
    min_score: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict) -> PairJudgeConfig:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)


class PairJudge(BaseJudge):
    """Rule verdicts checked and scored by the trained heads. Loads its artifacts on first use."""

    version = "pair-1"

    def __init__(
        self,
        rules: RuleJudge | None = None,
        head_dir: str | Path = HEAD_DIR,
        drift_dir: str | Path = DRIFT_DIR,
        config: PairJudgeConfig | None = None,
        calibrate: bool = True,
        thresholds: bool = True,
    ):
        self.rules = rules or RuleJudge()
        self.thresholds = thresholds  # False: report findings below the per-kind floors too
        self.head_dir, self.drift_dir = Path(head_dir), Path(drift_dir)
        self._config = config
        self.calibrate = calibrate
        self.embedder: Embedder | None = None
        self._head: PairHead | None = None
        self._drift: DriftHead | None = None

    def bind(self, embedder: Embedder) -> PairJudge:
        """Share the checker's (cached) embedder: the pair head reuses the vectors alignment computed."""
        self.embedder = embedder
        return self

    def load(self) -> None:
        """Load the heads now (a one-call check does, in a background thread, while spaCy parses)."""
        self._load()

    def _load(self) -> tuple[PairHead, DriftHead]:
        if self._head is None:
            self._head = PairHead.load(self.head_dir, embedder=self.embedder)
            self._drift = DriftHead.load(self.drift_dir)
        assert self._drift is not None
        return self._head, self._drift

    @property
    def config(self) -> PairJudgeConfig:
        if self._config is None:
            self._config = PairJudgeConfig.from_dict(self._load()[1].thresholds_)
        return self._config

    # -- scoring ----------------------------------------------------------------------------------
    def pair_probabilities(self, premises: list[str], hypotheses: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(NLI probabilities, drift probabilities) of many pairs, each (n, 3)."""
        head, drift = self._load()
        if not premises:
            return np.zeros((0, 3)), np.zeros((0, 3))
        X = head.features(premises, hypotheses)
        nli = head.predict_proba_features(X)
        return nli, drift.predict_proba(drift_inputs(head, X, nli, premises, hypotheses))

    def floor(self, kind: str) -> float:
        """The per-kind threshold a finding's calibrated score must reach to be reported."""
        if not (self.calibrate and self.thresholds):
            return 0.0
        return float(self.config.min_score.get(kind, 0.0))

    def calibrated(self, kind: str, raw: float) -> float:
        if not self.calibrate:
            return float(raw)
        _, drift = self._load()
        return round(drift.calibrated(kind, raw), 4)

    # -- judging ----------------------------------------------------------------------------------
    def judge(self, al: Alignment, index: AssetIndex) -> Verdict:
        return self.judge_all([al], index)[0]

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        cfg = self.config
        verdicts = [self.rules.judge(al, index) for al in alignments]
        todo: list[tuple[int, Claim, float]] = []
        for i, (al, v) in enumerate(zip(alignments, verdicts, strict=True)):
            asset, sim = _partner(al, v)
            if asset is not None and sim >= cfg.pair_min_sim:
                todo.append((i, asset, sim))
        nli, drift = self.pair_probabilities(
            [a.text for _, a, _ in todo], [alignments[i].rep.text for i, _, _ in todo]
        )
        probs = {i: (nli[k], drift[k], a, s) for k, (i, a, s) in enumerate(todo)}
        out = []
        for i, v in enumerate(verdicts):
            out.append(self._decide(v, probs.get(i), cfg))
        return out

    def _decide(self, v: Verdict, p, cfg: PairJudgeConfig) -> Verdict:
        if p is None:
            if v.kind in DRIFT_KINDS:
                return _with(v, v.kind, self.calibrated(v.kind, v.score), None)
            return v
        nli, d, asset, sim = p
        shown = {
            "nli": {lab: round(float(x), 4) for lab, x in zip(NLI_LABELS, nli, strict=True)},
            "drift": {lab: round(float(x), 4) for lab, x in zip(DRIFT_LABELS, d, strict=True)},
        }
        if v.kind in PAIR_DRIFT_KINDS:
            if d[_C] + d[_W] < cfg.keep.get(v.kind, 0.0) and not v.certain:
                return Verdict(
                    "consistent",
                    0.0,
                    v.asset,
                    f"Read as consistent: the rules saw {v.kind} ({v.explanation}), the pair judge overruled "
                    "them (its probabilities are in the JSON).",
                    v.similarity,
                    probabilities=shown,
                )
            kind = v.kind
            if kind == "contradiction" and d[_W] > d[_C] + cfg.relabel_margin:
                kind = "weakened"
            raw = cfg.mix * v.score + (1 - cfg.mix) * float(
                d[_C] if kind == "contradiction" else d[_C] + d[_W]
            )
            if v.certain:
                kind, raw = v.kind, max(raw, v.score)  # the values say it; the model does not overrule them
            return _with(v, kind, self.calibrated(kind, raw), shown)
        if v.kind == "unsupported":
            return _with(v, v.kind, self.calibrated(v.kind, v.score), shown)
        if d[_C] >= cfg.promote and sim >= cfg.promote_sim and nli[2] >= 0.5:
            raw = float(d[_C])
            return Verdict(
                "contradiction",
                self.calibrated("contradiction", raw),
                asset,
                f'What the rep said does not square with what {asset.file} says: "{quoted(asset.text)}".',
                sim,
                probabilities=shown,
            )
        return _with(v, v.kind, v.score, shown)


def _partner(al: Alignment, v: Verdict) -> tuple[Claim | None, float]:
    """The asset claim the verdict is about, else the nearest one."""
    if v.asset is not None:
        sim = next((s for a, s in al.candidates if a is v.asset), v.similarity)
        return v.asset, float(sim)
    if al.candidates:
        a, s = al.candidates[0]
        return a, float(s)
    return None, 0.0


def _with(v: Verdict, kind: str, score: float, probabilities: dict | None) -> Verdict:
    return Verdict(kind, score, v.asset, v.explanation, v.similarity, probabilities=probabilities)  # type: ignore[arg-type]


def drift_inputs(
    head: PairHead, X: np.ndarray, nli: np.ndarray, premises: list[str], hypotheses: list[str]
) -> np.ndarray:
    """The drift head's input rows, taken from the pair head's feature matrix X (evidence columns, u . v)."""

    ev = X[:, -len(EVIDENCE_FEATURES) :] if head.evidence else evidence_matrix(premises, hypotheses)
    tail = (len(LEXICAL_FEATURES) if head.lexical else 0) + (len(EVIDENCE_FEATURES) if head.evidence else 0)
    dim = (X.shape[1] - tail) // 4  # [u, v, |u-v|, u*v] come first: the cosine is the sum of the u*v block
    return drift_features(nli, ev, X[:, 3 * dim : 4 * dim].sum(axis=1))
