"""Claim-worthiness: does a rep sentence state something concrete about the product or the offer?

The keyword gates (a number, an offer term, a slot word) catch most claims; this classifier catches the
rest ("Typeform and Gravity Forms both push leads straight in, natively", "our crews are all
background-checked"): a logistic regression over the sentence's MiniLM vector, trained on labelled rep
sentences (corpora/pairs/raw/*.claims.tsv) by ``msgcheck train worthy``. Artifact: ``config.json`` and
``weights.npz`` (plain arrays) in models/claim-worthy.v2.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import ModelError

__all__ = ["DEFAULT_DIR", "ClaimWorthiness"]

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "claim-worthy.v2"
RETRAIN = "retrain it with `msgcheck train worthy`"


class ClaimWorthiness:
    """P(claim) of sentence vectors; ``threshold`` (from the artifact) decides."""

    def __init__(self, folder: str | Path = DEFAULT_DIR):
        self.folder = Path(folder)
        self._w: np.ndarray | None = None
        self._b = 0.0
        self.threshold = 0.5

    def _load(self) -> np.ndarray:
        if self._w is None:
            try:
                cfg = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
                with np.load(self.folder / "weights.npz", allow_pickle=False) as npz:
                    self._w, self._b = npz["coef"].astype(np.float32), float(npz["intercept"])
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(
                    f"cannot read the claim-worthiness model: {exc}", path=str(self.folder), hint=RETRAIN
                ) from exc
            if cfg.get("artifact") != "claim-worthy":
                raise ModelError("not a claim-worthiness artifact", path=str(self.folder), hint=RETRAIN)
            self.threshold = float(cfg["threshold"])
        return self._w

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        w = self._load()
        if len(vectors) == 0:
            return np.zeros(0, np.float32)
        return 1.0 / (1.0 + np.exp(-(vectors @ w + self._b)))

    def worthy(self, vectors: np.ndarray) -> np.ndarray:
        p = self.probability(vectors)
        return p >= self.threshold
