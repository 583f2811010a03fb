"""The final head: one small calibrated classifier that decides each rep claim's kind from everything the
earlier stages saw.

The rules and embedding heads (the inner judge) are tuned on the sentences of the writers they were built
from; on writers they never saw they miss most drift that carries no number or offer word. The
cross-encoder reads meaning but cannot tell a hard negative from drift on its own. The head weighs them
together: the inner judge's verdict, the cross-encoder's probabilities over the claim's nearest asset
claims, the pair's structured evidence (values, flipped terms, added conditions, swapped words), how
claim-like the sentence is, and whether the rules would have kept it at all. A multinomial logistic
regression (plain arrays, no pickle) fitted by ``msgcheck train final`` on labelled calls from several
writers; its probability is the finding's score.

A head may carry an unsupported cue: a logistic regression over the rep sentence's MiniLM vector that reads
the shapes of claims reps make up (awards and rankings, rate locks, "never/always" track records, freebies,
partnerships, certifications). The cross-encoder reads "we were named the number one platform" as consistent
with "the platform built for restaurants"; the cue is what tells the head it is the kind of claim no asset
makes. Fitted by the same trainer, on the same labelled calls, saved in the head's weights.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..extract.claims import NUMBER_WORDS
from ..kinds import DRIFT_KINDS
from ..types import Claim, Verdict
from .crossmodel import CROSS_LABELS
from .evidence import EVIDENCE_FEATURES

__all__ = [
    "BASE_FEATURES",
    "DEFAULT_DIR",
    "FEATURES",
    "HEAD_KINDS",
    "FinalHead",
    "Screen",
    "claim_features",
    "cue_probability",
    "drift_partner",
]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "models" / "final-head.v7"
HEAD_KINDS = ("none", "contradiction", "weakened", "unsupported")
RETRAIN = "retrain it with `msgcheck train final`"
_CONS, _CONTRA, _WEAK = (CROSS_LABELS.index(k) for k in ("consistent", "contradiction", "weakened"))

BASE_FEATURES: tuple[str, ...] = (
    "inner_contradiction",  # the inner judge's kind, one-hot
    "inner_weakened",
    "inner_unsupported",
    "inner_certain",  # two values of one named attribute differ
    "inner_score",  # its calibrated score when it flags drift, else 0
    *(f"nearest_{lab}" for lab in CROSS_LABELS),  # the cross-encoder on the nearest asset claim
    "nearest_sim",
    "max_contradiction",  # ... its highest contradiction, weakened, consistent over the k read
    "max_weakened",
    "max_consistent",
    "drift_sim",  # similarity of the pair it reads as most drifted
    "inner_asset_contradiction",  # the cross-encoder on the asset claim the rules compared
    "inner_asset_weakened",
    "inner_asset_consistent",
    "has_number",
    "ruled",  # the rules found a value, an offer term or an offer assertion in the sentence
    "claim_worthy",  # models/claim-worthy.v2's probability
    "length",  # words / 40, capped at 1
    *(f"evidence_{f}" for f in EVIDENCE_FEATURES),  # of the most drifted pair
)
# last, so that a head fitted without them (final-head.v3, v4) reads the first columns only
CUE_FEATURES: tuple[str, ...] = (
    "unsupported_cue",  # the head's unsupported cue: P(a made-up kind of claim) from the sentence alone
    "cue_unsupported",  # ... times how little the best-supporting asset claim supports it (1 - max_consistent)
)
FEATURES: tuple[str, ...] = BASE_FEATURES + CUE_FEATURES


def drift_partner(p: np.ndarray) -> int:
    """The read pair the cross-encoder sees as most drifted (contradiction + weakened)."""
    return int((p[:, _CONTRA] + p[:, _WEAK]).argmax()) if len(p) else 0


def claim_features(
    rep: Claim,
    inner: Verdict,
    read: list[tuple[Claim, float]],
    p: np.ndarray,
    evidence: np.ndarray,
    worthy: float,
    cue: float = 0.0,
) -> list[float]:
    """One rep claim's row of `FEATURES`; ``read`` are the asset claims the cross-encoder read (nearest
    first), ``p`` its probabilities for them, ``evidence`` the pair evidence of the most drifted one, ``cue``
    the head's unsupported cue for the sentence (0 where the head has none)."""
    if not len(read):
        p, sims = np.zeros((1, len(CROSS_LABELS))), np.zeros(1)
    else:
        sims = np.array([s for _, s in read])
    j = drift_partner(p)
    at = next((i for i, (a, _) in enumerate(read) if a is inner.asset), None)
    pa = p[at] if at is not None else np.zeros(len(CROSS_LABELS))
    words = rep.text.lower().split()
    has_number = bool(re.search(r"\d|[$€£%]", rep.text) or NUMBER_WORDS.search(rep.text))
    drift = inner.kind in DRIFT_KINDS
    return [
        float(inner.kind == "contradiction"),
        float(inner.kind == "weakened"),
        float(inner.kind == "unsupported"),
        float(inner.certain),
        float(inner.score) if drift else 0.0,
        *(float(x) for x in p[0]),
        float(sims[0]),
        float(p[:, _CONTRA].max()),
        float(p[:, _WEAK].max()),
        float(p[:, _CONS].max()),
        float(sims[j]),
        float(pa[_CONTRA]),
        float(pa[_WEAK]),
        float(pa[_CONS]),
        float(has_number),
        float(rep.ruled),
        float(worthy),
        min(1.0, len(words) / 40),
        *(float(x) for x in evidence),
        float(cue),
        float(cue) * (1.0 - float(p[:, _CONS].max())),
    ]


def cue_probability(vectors: np.ndarray, cue: tuple[np.ndarray, float]) -> np.ndarray:
    """An unsupported cue's probability per sentence vector (weights and bias as the trainer fits them)."""
    if len(vectors) == 0:
        return np.zeros(0)
    w, b = cue
    return 1.0 / (1.0 + np.exp(-(np.asarray(vectors, dtype=np.float64) @ w + b)))


@dataclass(frozen=True)
class Screen:
    """Which rep sentences the cross-encoder need not read: those no nearer than ``sim`` to any asset claim
    and less claim-like than ``worthy``, where the inner judge flags nothing. `msgcheck train final` picks the
    widest such screen under which the held-out heads lose no true finding; most of a long call's small talk
    falls in it, and reading fewer pairs is most of what a check costs."""

    sim: float
    worthy: float

    def skips(self, nearest_sim: float, worthy: float, inner: Verdict) -> bool:
        return bool(self.skipped(nearest_sim, worthy, inner.kind in DRIFT_KINDS))

    def skipped(
        self, nearest_sim: np.ndarray | float, worthy: np.ndarray | float, flagged: np.ndarray | bool
    ) -> np.ndarray | bool:
        """The rule itself, element-wise: on one sentence's values or on arrays of many (the trainer's grid)."""
        return (nearest_sim < self.sim) & (worthy < self.worthy) & np.logical_not(flagged)


@dataclass
class FinalHead:
    """The fitted head: weights (kinds x features), intercepts, and the decision threshold."""

    coef: np.ndarray
    intercept: np.ndarray
    threshold: float
    k: int = 5  # asset claims the cross-encoder reads per rep claim, nearest first
    meta: dict | None = None
    screen: Screen | None = None  # rep sentences the head never flags, left unread (set by the trainer)
    # the unsupported cue: its weights over a MiniLM sentence vector, and its bias (set by the trainer)
    cue: tuple[np.ndarray, float] | None = None

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """(n, 4) probabilities over `HEAD_KINDS`; a head fitted on fewer features reads the first columns."""
        if len(X) == 0:
            return np.zeros((0, len(HEAD_KINDS)))
        z = X[:, : self.coef.shape[1]] @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def cue_probability(self, vectors: np.ndarray) -> np.ndarray:
        """The unsupported cue per sentence vector (zeros where this head has no cue)."""
        return np.zeros(len(vectors)) if self.cue is None else cue_probability(vectors, self.cue)

    def decide(self, proba: np.ndarray) -> tuple[str, float]:
        """The kind a row of probabilities reads as ("none" below the threshold) and its probability."""
        k = int(proba[1:].argmax()) + 1
        return (HEAD_KINDS[k], float(proba[k])) if proba[k] >= self.threshold else ("none", float(proba[0]))

    def save(self, folder: Path, meta: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        cue = {"cue_coef": self.cue[0], "cue_intercept": np.float64(self.cue[1])} if self.cue else {}
        np.savez(folder / "weights.npz", coef=self.coef, intercept=self.intercept, **cue)
        cfg = {
            "artifact": "final-head",
            "features": list(FEATURES[: self.coef.shape[1]]),
            "kinds": list(HEAD_KINDS),
            "threshold": self.threshold,
            "k": self.k,
            "screen": {"sim": self.screen.sim, "worthy": self.screen.worthy} if self.screen else None,
            **meta,
        }
        (folder / "config.json").write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path = DEFAULT_DIR) -> FinalHead:
        folder = Path(folder)
        try:
            cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            with np.load(folder / "weights.npz", allow_pickle=False) as npz:
                coef, intercept = npz["coef"].astype(np.float64), npz["intercept"].astype(np.float64)
                cue = (
                    (npz["cue_coef"].astype(np.float64), float(npz["cue_intercept"]))
                    if "cue_coef" in npz.files
                    else None
                )
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot read the final head: {exc}", path=str(folder), hint=RETRAIN) from exc
        names = tuple(cfg.get("features", ()))
        if cfg.get("artifact") != "final-head" or names not in (BASE_FEATURES, FEATURES):
            raise ModelError("not a final head for this version's features", path=str(folder), hint=RETRAIN)
        if names == FEATURES and cue is None:
            raise ModelError(
                "the final head reads an unsupported cue it does not carry", path=str(folder), hint=RETRAIN
            )
        if coef.shape != (len(HEAD_KINDS), len(names)):
            raise ModelError(f"final head weights have shape {coef.shape}", path=str(folder), hint=RETRAIN)
        screen = cfg.get("screen")
        try:
            screen = Screen(float(screen["sim"]), float(screen["worthy"])) if screen else None
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(
                f"the final head's screen is malformed: {screen!r}", path=str(folder), hint=RETRAIN
            ) from exc
        return cls(coef, intercept, float(cfg["threshold"]), int(cfg.get("k", 5)), cfg, screen, cue)
