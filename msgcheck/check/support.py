"""Support read by the cross-encoder (models/pair-judge.v2), SummaC-style: a statement is only as
supported as the best reading the model gives it against the nearest statements of the other side.

Two checks use it, each behind a CheckerConfig switch and thresholds:

- omission: a headline promise whose best mention over the rep's turns (P(the turn speaks to the
  promise, rightly or wrongly) = 1 - P(unrelated)) stays below a threshold was never brought up;
- unsupported: a claim-worthy rep sentence whose best P(consistent) over its nearest asset claims stays
  below a threshold is a claim no asset makes.

Only the nearest few of the other side (by embedding cosine) are read: reading every pair would cost a
cross-encoder pass per (promise, turn) or (rep claim, asset claim), where a 1,000-utterance call must
stay near the cost of embedding it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..embed.align import similarity
from ..judge.crossmodel import CROSS_LABELS, CrossModel, hypothesis_text
from ..types import Alignment, Claim

__all__ = ["Reading", "claim_support", "promise_mention"]

_CONS, _UNREL = CROSS_LABELS.index("consistent"), CROSS_LABELS.index("unrelated")


@dataclass
class Reading:
    """The best reading found: its value, and which statement of the other side gave it."""

    value: float
    other: str | None  # the rep's turn (omission) or the asset claim's text (unsupported)
    similarity: float = 0.0
    file: str | None = None  # the asset claim's file (unsupported)


def promise_mention(
    model: CrossModel,
    core: Sequence[Claim],
    core_vectors: np.ndarray,
    turns: Sequence[str],
    turn_vectors: np.ndarray,
    read: int,
    measure: str = "mention",
) -> Reading:
    """How surely some rep turn speaks to the promise: max over the ``read`` nearest turns and the
    promise's core claims of 1 - P(unrelated) (``mention``: a contradicted or hedged promise was
    mentioned) or of P(consistent) (``support``: the turn upholds it)."""
    if not turns or not len(core):
        return Reading(0.0, None)
    sims = similarity(turn_vectors, core_vectors).max(axis=1)
    near = [int(i) for i in np.argsort(-sims)[:read]]
    pairs = [(c.text, turns[i]) for i in near for c in core]
    p = model.probabilities(pairs)
    value = 1.0 - p[:, _UNREL] if measure == "mention" else p[:, _CONS]
    best_of = value.reshape(len(near), len(core)).max(axis=1)
    best = int(best_of.argmax())
    return Reading(float(best_of[best]), turns[near[best]], float(sims[near[best]]))


def claim_support(model: CrossModel, al: Alignment, read: int) -> Reading:
    """How surely the assets support a rep claim: max P(consistent) over its ``read`` nearest asset claims
    (the rep's previous turn read as context, as the cross-encoder judge reads it)."""
    near = al.candidates[:read]
    if not near:
        return Reading(0.0, None)
    hyp = hypothesis_text(al.rep.text, al.rep.before)
    p = model.probabilities([(a.text, hyp) for a, _ in near])[:, _CONS]
    best = int(p.argmax())
    asset, sim = near[best]
    return Reading(float(p[best]), asset.text, float(sim), asset.file)
