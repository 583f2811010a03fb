"""Alignment: each rep claim with its nearest asset claims by cosine similarity."""

from __future__ import annotations

import numpy as np

from .types import Alignment, Claim


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of unit-normalised rows."""
    if a.size == 0 or b.size == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    return a @ b.T


def align(
    rep: list[Claim], rep_vecs: np.ndarray, assets: list[Claim], asset_vecs: np.ndarray, k: int = 5
) -> list[Alignment]:
    sims = similarity(rep_vecs, asset_vecs)
    out = []
    for i, claim in enumerate(rep):
        order = np.argsort(-sims[i])[:k] if len(assets) else []
        out.append(Alignment(rep=claim, candidates=[(assets[j], float(sims[i, j])) for j in order]))
    return out
