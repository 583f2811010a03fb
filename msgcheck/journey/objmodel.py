"""The two small trained heads behind "objections left open", over the bundled MiniLM sentence embeddings.

- ``ObjectionHead``: a prospect sentence -> price, timing, competitor, security, integration, authority,
  contract, need, trust or none (multinomial logistic regression over the sentence's embedding).
- ``ConcernModel`` (msgcheck/journey/concern.py, from objections.v2): a fine-tuned MiniLM that decides whether
  a prospect sentence raises a concern at all; the objection head then names which.
- ``AnswerHead``: (objection, rep reply) -> does the reply address that concern (an answer, a remedy, evidence,
  a next step for it)? Logistic regression over the pair's embedding product, difference and cosine.

Both follow the estimator contract (``fit`` returns self, learned state ends in ``_``) and are saved as plain
JSON (``models/objections.v2/``: ``config.json`` and ``weights.json``, never pickled; the concern reader beside
them in safetensors). Trained by ``msgcheck train objections`` on ``corpora/objections`` and the journey tuning
sets (about a minute on two cores for the heads, minutes more for the reader).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .concern import ConcernModel

__all__ = ["DEFAULT_DIR", "LABELS", "AnswerHead", "ObjectionHead", "ObjectionModel", "pair_features"]

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "objections.v2"
LABELS: tuple[str, ...] = (
    "none", "price", "timing", "competitor", "security", "integration", "authority", "contract", "need", "trust",
)  # fmt: skip
ARTIFACT, VERSION = "objections", 1
RETRAIN = "retrain with `msgcheck train objections`"


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def pair_features(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(objection, reply) unit vectors -> [a*b, |a-b|, cos]: what the answer head reads."""
    cos = (a * b).sum(axis=1, keepdims=True)
    return np.hstack([a * b, np.abs(a - b), cos]).astype(np.float32)


@dataclass
class ObjectionHead:
    """Prospect sentence embedding -> concern label probabilities."""

    C: float = 0.5
    classes_: tuple[str, ...] = LABELS
    coef_: np.ndarray | None = None
    intercept_: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: list[str], sample_weight: np.ndarray | None = None) -> ObjectionHead:
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=self.C, max_iter=3000)
        lr.fit(X, y, sample_weight=sample_weight)
        self.classes_ = tuple(str(c) for c in lr.classes_)
        self.coef_, self.intercept_ = lr.coef_.astype(np.float32), lr.intercept_.astype(np.float32)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.coef_ is None or self.intercept_ is None:
            raise ModelError("this ObjectionHead instance is not fitted yet", hint="call fit() or load()")
        return _softmax(X @ self.coef_.T + self.intercept_)


@dataclass
class AnswerHead:
    """(objection, reply) embeddings -> probability that the reply addresses the objection."""

    C: float = 1.0
    coef_: np.ndarray | None = None
    intercept_: float = 0.0

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> AnswerHead:
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=self.C, max_iter=3000)
        lr.fit(X, y, sample_weight=sample_weight)
        self.coef_, self.intercept_ = lr.coef_[0].astype(np.float32), float(lr.intercept_[0])
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.coef_ is None:
            raise ModelError("this AnswerHead instance is not fitted yet", hint="call fit() or load()")
        return 1.0 / (1.0 + np.exp(-(X @ self.coef_ + self.intercept_)))


@dataclass
class ObjectionModel:
    """Both heads with their decision thresholds, as one versioned artifact."""

    objection: ObjectionHead
    answer: AnswerHead
    config: dict = field(default_factory=dict)  # thresholds and training notes
    concern: ConcernModel | None = None  # a fine-tuned concern reader, where the artifact has one (from v2)

    @property
    def min_objection(self) -> float:
        """P(some concern) a prospect sentence needs to count as an objection."""
        return float(self.config.get("min_objection", 0.5))

    @property
    def min_answer(self) -> float:
        """P(addressed) a rep reply needs to count as an answer to the objection."""
        return float(self.config.get("min_answer", 0.5))

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        assert self.objection.coef_ is not None and self.answer.coef_ is not None  # fitted: save after fit
        cfg = {
            "artifact": ARTIFACT,
            "version": VERSION,
            "labels": list(self.objection.classes_),
            **self.config,
        }
        weights = {
            "objection_coef": self.objection.coef_.round(6).tolist(),
            "objection_intercept": self.objection.intercept_.round(6).tolist(),  # type: ignore[union-attr]
            "answer_coef": self.answer.coef_.round(6).tolist(),
            "answer_intercept": round(self.answer.intercept_, 6),
        }
        (folder / "config.json").write_text(
            json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        (folder / "weights.json").write_text(json.dumps(weights) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path = DEFAULT_DIR) -> ObjectionModel:
        folder = Path(folder)
        try:
            cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            w = json.loads((folder / "weights.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"cannot read the objection model: {exc}", path=str(folder), hint=RETRAIN
            ) from exc
        if cfg.get("artifact") != ARTIFACT or cfg.get("version") != VERSION:
            raise ModelError(
                f"not an {ARTIFACT} v{VERSION} artifact (found {cfg.get('artifact')} v{cfg.get('version')})",
                path=str(folder),
                hint=RETRAIN,
            )
        head = ObjectionHead(
            classes_=tuple(cfg["labels"]),
            coef_=np.asarray(w["objection_coef"], np.float32),
            intercept_=np.asarray(w["objection_intercept"], np.float32),
        )
        answer = AnswerHead(
            coef_=np.asarray(w["answer_coef"], np.float32), intercept_=float(w["answer_intercept"])
        )
        extra = {k: v for k, v in cfg.items() if k not in ("artifact", "version", "labels")}
        return cls(head, answer, extra, ConcernModel.load(folder))
