"""Alignment: each rep claim with its nearest asset claims by cosine similarity."""

from __future__ import annotations

import numpy as np

from ..types import Alignment, Claim


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of unit-normalised rows."""
    if a.size == 0 or b.size == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    return a @ b.T


def align(
    rep: list[Claim],
    rep_vecs: np.ndarray,
    assets: list[Claim],
    asset_vecs: np.ndarray,
    k: int = 5,
    context_vecs: np.ndarray | None = None,
    context_weight: float = 0.95,
) -> list[Alignment]:
    """Nearest asset claims per rep claim. `context_vecs` (rows of NaN where a claim needs none) embed what
    an anaphoric sentence refers to ("That one's on Full House only"): its similarity counts too, slightly
    discounted."""
    sims = similarity(rep_vecs, asset_vecs)
    if context_vecs is not None and len(rep):
        ctx = similarity(np.nan_to_num(context_vecs), asset_vecs) * context_weight
        has_ctx = ~np.isnan(context_vecs).any(axis=1)
        sims = np.where(has_ctx[:, None], np.maximum(sims, ctx), sims)
    out = []
    for i, claim in enumerate(rep):
        order = np.argsort(-sims[i])[:k] if len(assets) else []
        out.append(Alignment(rep=claim, candidates=[(assets[j], float(sims[i, j])) for j in order]))
    return out
