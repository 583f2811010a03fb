"""The drift head: (asset claim, rep claim) -> consistent / contradiction / weakened probabilities.

It sits on the NLI pair head (msgcheck.pairmodel): its input is the pair head's three probabilities, the
structured evidence of msgcheck.evidence and the cosine of the two sentences. NLI's "neutral" mixes
"unrelated" with "the same claim, shrunk by a condition"; a weakening is something this head learns from
msgcheck's own drift edits and labelled calls. A multinomial logistic regression: small, and its
probabilities are close to calibrated by construction. Saved as plain arrays plus ``config.json``.

The same artifact carries the per-kind score calibration the checker applies to findings (Platt scaling
fitted on the tuning split; see `msgcheck.train`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .artifact import RETRAIN, read_artifact, softmax
from .evidence import EVIDENCE_FEATURES

DRIFT_LABELS: tuple[str, ...] = ("consistent", "contradiction", "weakened")
FEATURES: tuple[str, ...] = ("p_entailment", "p_neutral", "p_contradiction", *EVIDENCE_FEATURES, "cosine")
ARTIFACT = "drift-head"
ARTIFACT_VERSION = 1
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "drift-head.v1"


def drift_features(nli: np.ndarray, evidence: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """One row a pair: the NLI probabilities, the evidence columns, the cosine."""
    return np.hstack([nli, evidence, np.asarray(cosine, dtype=np.float32).reshape(-1, 1)]).astype(np.float32)


class DriftHead:
    """Parameters: `C` (inverse L2 of the logistic regression), `class_weight` ("balanced" or None)."""

    def __init__(self, C: float = 1.0, class_weight: str | None = "balanced"):
        self.C = C
        self.class_weight = class_weight

    def fit(self, X: np.ndarray, labels: list[str], sample_weight: np.ndarray | None = None) -> DriftHead:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        unknown = sorted(set(labels) - set(DRIFT_LABELS))
        if unknown:
            raise ValueError(f"DriftHead: unknown labels {unknown}; expected {', '.join(DRIFT_LABELS)}")
        y = np.array([DRIFT_LABELS.index(lab) for lab in labels])
        scaler = StandardScaler().fit(X)
        clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        clf.fit(scaler.transform(X), y, sample_weight=sample_weight)
        if list(clf.classes_) != list(range(len(DRIFT_LABELS))):
            raise ValueError("DriftHead: the training labels must include all of " + ", ".join(DRIFT_LABELS))
        self.mean_ = scaler.mean_.astype(np.float32)
        self.scale_ = scaler.scale_.astype(np.float32)
        self.coef_ = clf.coef_.T.astype(np.float32)
        self.intercept_ = clf.intercept_.astype(np.float32)
        self.calibration_: dict[str, tuple[float, float]] = {}
        self.thresholds_: dict = {}
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n, 3) probabilities in `DRIFT_LABELS` order."""
        if not hasattr(self, "coef_"):
            raise ModelError("This DriftHead is not fitted yet: call fit, or DriftHead.load(dir).")
        if X.shape[1] != self.coef_.shape[0]:
            raise ValueError(f"DriftHead: got {X.shape[1]} features, expected {self.coef_.shape[0]}")
        return softmax(((X - self.mean_) / self.scale_) @ self.coef_ + self.intercept_)

    # -- score calibration ------------------------------------------------------------------------
    def calibrated(self, kind: str, raw: float) -> float:
        """A finding's raw score mapped to the probability that it is real drift (Platt, per kind)."""
        a, b = self.calibration_.get(kind, (1.0, 0.0))
        if kind not in self.calibration_:
            return float(raw)
        z = np.log(np.clip(raw, 1e-4, 1 - 1e-4) / (1 - np.clip(raw, 1e-4, 1 - 1e-4)))
        return float(1.0 / (1.0 + np.exp(-(a * z + b))))

    # -- artifact ---------------------------------------------------------------------------------
    def save(self, path: str | Path, metadata: dict | None = None) -> Path:
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            out / "weights.npz",
            mean=self.mean_,
            scale=self.scale_,
            coef=self.coef_,
            intercept=self.intercept_,
        )
        cfg = {
            "artifact": ARTIFACT,
            "version": ARTIFACT_VERSION,
            "labels": list(DRIFT_LABELS),
            "features": list(FEATURES),
            "params": {"C": self.C, "class_weight": self.class_weight},
            "calibration": {k: list(v) for k, v in self.calibration_.items()},
        } | ({"training": metadata} if metadata else {})
        (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, path: str | Path = DEFAULT_DIR) -> DriftHead:
        folder = Path(path)
        cfg, arrays = read_artifact(folder, ARTIFACT, ARTIFACT_VERSION, "drift head")
        if cfg.get("features") != list(FEATURES):
            raise ModelError(
                "the drift head was trained on other features than this msgcheck computes",
                path=str(folder),
                hint=RETRAIN,
            )
        head = cls(**cfg["params"])
        head.mean_, head.scale_ = arrays["mean"], arrays["scale"]
        head.coef_, head.intercept_ = arrays["coef"], arrays["intercept"]
        head.calibration_ = {k: (float(v[0]), float(v[1])) for k, v in cfg.get("calibration", {}).items()}
        head.thresholds_ = dict(cfg.get("thresholds", {}))  # the checker's decision thresholds, tuned with it
        return head
