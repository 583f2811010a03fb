"""The promise head: a small learned classifier that decides which later rep sentences take back an earlier
rep's promise (``inconsistent``).

The rules in journey.promises read the shapes of the writers they were written from: on a writer they never
saw they caught one changed promise in four, because most changes come in other words ("included" -> "an
add-on", "we integrate with X" -> "that'd be a CSV for now"). The cross-encoder (judge.crossmodel) reads such
pairs, but on its own it also calls restatements and topic changes drift. The head weighs both: for each later
sentence, the cross-encoder's probabilities on its k nearest earlier promises, their similarity, the rules'
verdict and cues, whether the sentence sets an earlier mistake right, and how claim-like it is. A logistic
regression (plain arrays, no pickle) fitted by ``msgcheck train promises`` on the journey tuning sets; its
probability is the finding's score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..embed.embedders import Embedder
from ..errors import ModelError
from ..extract.worthy import ClaimWorthiness
from ..judge.crossmodel import CROSS_LABELS, CrossModel, hypothesis_text
from .promises import CUES, PromiseReads, evidence_rank, pair_cues

__all__ = ["DEFAULT_DIR", "FEATURES", "PromiseHead", "choose", "promise_rows"]

MODELS = Path(__file__).resolve().parents[2] / "models"
DEFAULT_DIR = MODELS / "promise-head.v1"
RETRAIN = "retrain it with `msgcheck train promises`"
_CONS, _CONTRA, _WEAK, _UNREL = (
    CROSS_LABELS.index(k) for k in ("consistent", "contradiction", "weakened", "unrelated")
)
_REASONS = (
    "states another value",
    "takes back or limits what was promised",
    "charges for what was said to be free or included",
    "says there is what was ruled out",
    "changes a value stated earlier",
)

FEATURES: tuple[str, ...] = (
    "rule_flag",  # the rules flag the sentence, and why (one-hot)
    *(f"rule_{i}" for i in range(len(_REASONS))),
    "rule_compared",  # the rules compared it with some promise at all
    "rule_pair_drift",  # the cross-encoder's drift (contradiction + weakened) on the pair the rules chose
    *(f"nearest_{lab}" for lab in CROSS_LABELS),  # the cross-encoder on the nearest promise
    "nearest_sim",
    "max_contradiction",  # ... the most over the k promises read
    "max_weakened",
    "max_consistent",
    "drift_sim",  # similarity of the pair it reads as most drifted
    "drift_x_sim",  # that pair's drift times its similarity
    *(f"cue_{c}" for c in CUES),  # the rules' cues on that pair
    "near_asset",  # an asset claim is close to the sentence (a restatement of the campaign)
    "claim_worthy",  # models/claim-worthy.v2's probability
    "length",  # words / 40, capped at 1
)


@dataclass
class PromiseRows:
    """One later call's feature rows (one per ``reads.todo`` sentence) and, per row, the promise each would
    cite: the rules' choice where they flag it, else the pair the cross-encoder reads as most drifted."""

    X: np.ndarray
    partner: list[int]
    reason: list[str]


def promise_rows(
    reads: PromiseReads, embedder: Embedder, cross: CrossModel, worthy: ClaimWorthiness, k: int
) -> PromiseRows:
    """The head's rows for one later call: the cross-encoder reads each later sentence against its k nearest
    earlier promises (and the one the rules chose)."""
    n = len(reads.todo)
    reads_of: list[list[int]] = []
    for i in range(n):
        js = [int(j) for j in np.argsort(-reads.sims[i])[:k]]
        if i in reads.best and reads.best[i][1] not in js:
            js.append(reads.best[i][1])
        reads_of.append(js)
    pairs = [(reads.refs[j].text, hypothesis_text(reads.todo[i].text)) for i in range(n) for j in reads_of[i]]
    probs = cross.probabilities(pairs)
    worth = worthy.probability(embedder.embed_batch([s.text for s in reads.todo]))
    compared = {i for i, _, _ in reads.candidates}
    rows, partner, reason = [], [], []
    at = 0
    for i, s in enumerate(reads.todo):
        js = reads_of[i]
        p = probs[at : at + len(js)]
        at += len(js)
        drift = p[:, _CONTRA] + p[:, _WEAK]
        top = min(k, len(js))
        d = int(drift[:top].argmax())
        rule = reads.best.get(i)
        rule_pair = js.index(rule[1]) if rule else None
        sims = [float(reads.sims[i, j]) for j in js]
        cue_j = js[rule_pair] if rule_pair is not None else js[d]
        rows.append(
            [
                float(rule is not None),
                *(float(rule is not None and rule[2] == r) for r in _REASONS),
                float(i in compared),
                float(drift[rule_pair]) if rule_pair is not None else 0.0,
                *(float(x) for x in p[0]),
                sims[0],
                float(p[:top, _CONTRA].max()),
                float(p[:top, _WEAK].max()),
                float(p[:top, _CONS].max()),
                sims[d],
                float(drift[d]) * max(0.0, sims[d]),
                *pair_cues(s.text, reads.refs[cue_j].text, reads.names, reads.near[i]),
                float(bool(reads.near[i])),
                float(worth[i]),
                min(1.0, len(s.text.split()) / 40),
            ]
        )
        partner.append(cue_j)
        if rule:
            reason.append(rule[2])
        elif p[d, _CONTRA] >= p[d, _WEAK]:
            reason.append("says otherwise than what was said")
        else:
            reason.append("adds a condition to what was said")
    X = np.array(rows, dtype=np.float64).reshape(n, len(FEATURES))
    return PromiseRows(X, partner, reason)


@dataclass
class PromiseHead:
    """The fitted head: one weight per feature, an intercept, the decision threshold and k."""

    coef: np.ndarray
    intercept: float
    threshold: float
    k: int = 3
    meta: dict | None = None

    def probability(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(X @ self.coef + self.intercept)))

    def save(self, folder: Path, meta: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(folder / "weights.npz", coef=self.coef, intercept=np.array([self.intercept]))
        cfg = {
            "artifact": "promise-head",
            "features": list(FEATURES),
            "threshold": self.threshold,
            "k": self.k,
            **meta,
        }
        (folder / "config.json").write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path = DEFAULT_DIR) -> PromiseHead:
        folder = Path(folder)
        try:
            cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            with np.load(folder / "weights.npz", allow_pickle=False) as npz:
                coef, intercept = npz["coef"].astype(np.float64), float(npz["intercept"][0])
        except (OSError, ValueError, KeyError, IndexError) as exc:
            raise ModelError(f"cannot read the promise head: {exc}", path=str(folder), hint=RETRAIN) from exc
        if cfg.get("artifact") != "promise-head" or tuple(cfg.get("features", ())) != FEATURES:
            raise ModelError("not a promise head for this version's features", path=str(folder), hint=RETRAIN)
        if coef.shape != (len(FEATURES),):
            raise ModelError(f"promise head weights have shape {coef.shape}", path=str(folder), hint=RETRAIN)
        return cls(coef, intercept, float(cfg["threshold"]), int(cfg.get("k", 3)), cfg)


def choose(
    reads: PromiseReads, rows: PromiseRows, head: PromiseHead
) -> dict[int, tuple[float, int, str, float]]:
    """The later sentences the head flags: index -> (evidence rank, promise, reason, probability), the shape
    journey.promises.promise_findings takes."""
    proba = head.probability(rows.X)
    out = {}
    for i, pr in enumerate(proba):
        if pr >= head.threshold:
            j = rows.partner[i]
            rank = evidence_rank(reads.todo[i].text, reads.refs[j].text, float(reads.sims[i, j]), reads.names)
            out[i] = (rank, j, rows.reason[i], float(pr))
    return out


class RuleDecider:
    """The rules decide (journey.promises): the reading before the head, kept for comparison."""

    version = "rules"

    def choose(self, reads: PromiseReads) -> dict[int, tuple[float, int, str, float | None]]:
        return {i: (rank, j, why, None) for i, (rank, j, why) in reads.best.items()}


class HeadDecider:
    """The promise head decides; it, the cross-encoder and the claim-worthiness model load on first use."""

    def __init__(self, embedder: Embedder, folder: str | Path = DEFAULT_DIR, cross: CrossModel | None = None):
        self.embedder, self.folder = embedder, Path(folder)
        self._head: PromiseHead | None = None
        self._cross, self._worthy = cross, ClaimWorthiness()

    @property
    def head(self) -> PromiseHead:
        if self._head is None:
            self._head = PromiseHead.load(self.folder)
        return self._head

    @property
    def version(self) -> str:
        return self.folder.name

    @property
    def cross(self) -> CrossModel:
        """The cross-encoder the head was fitted on (its config names it), loaded once."""
        if self._cross is None:
            name = (self.head.meta or {}).get("cross")
            self._cross = CrossModel(MODELS / name) if name else CrossModel()
        return self._cross

    def rows(self, reads: PromiseReads, k: int | None = None) -> PromiseRows:
        return promise_rows(reads, self.embedder, self.cross, self._worthy, k or self.head.k)

    def choose(self, reads: PromiseReads) -> dict[int, tuple[float, int, str, float | None]]:
        return dict(choose(reads, self.rows(reads), self.head))
