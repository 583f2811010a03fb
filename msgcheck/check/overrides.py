"""Reviewers' edits to a campaign's claims, applied to a check.

The workspace stores them (``Workspace.set_claim_override`` / ``claim_overrides``): a claim marked as a
headline promise (or as not one), a claim retired (no longer approved), a claim added by hand. The
Checker extracts claims from the assets; ``apply_overrides`` then edits that Campaign:

- retired claims are dropped (never aligned, not in coverage, never omitted);
- manual claims are annotated like extracted ones, embedded and added;
- the headline promises are regrouped; a claim marked ``headline=True`` pins its promise: it counts
  for omission even when only one asset states it, and pinned promises come first; a claim marked
  ``headline=False`` is not a headline, and a promise with no headline claim left is not one either.

Overrides of ``allowed-claims.txt`` are approved wording, not claims (msgcheck.check.named): left out here.

``Checker.using(overrides=...)`` gives a checker that applies them to every campaign; the workspace and
the app check with one.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np

from ..embed.embedders import Embedder
from ..extract.claims import annotate
from ..judge.rules import AssetIndex
from ..types import Claim, ClaimOverride, Document
from .campaign import Campaign, CheckerConfig, group_promises
from .named import is_allowed_file

__all__ = ["apply_overrides", "pinned"]


def _key(file: str, text: str) -> tuple[str, str]:
    return file.strip(), " ".join(text.split())


def pinned(camp: Campaign) -> list:
    """The campaign's promises a reviewer marked as headline (they drive omission at any support)."""
    return [p for p in camp.promises if p.pinned]


def apply_overrides(
    camp: Campaign, overrides: Sequence[ClaimOverride], *, embedder: Embedder, config: CheckerConfig
) -> Campaign:
    """A copy of ``camp`` with the overrides applied (see the module docstring); ``camp`` is unchanged.

    Promises with a marked claim are ``pinned``: the checker lets them drive omission whatever their
    support or slot, and leaves unpinned promises to the usual rule.
    """

    overrides = [o for o in overrides if not is_allowed_file(o.asset_file)]  # approved wording: not claims
    if not overrides:
        return camp
    by_key = {_key(o.asset_file, o.text): o for o in overrides}
    keep = [
        i for i, c in enumerate(camp.claims) if not (o := by_key.get(_key(c.file, c.text))) or not o.retired
    ]
    claims = [copy.copy(camp.claims[i]) for i in keep]
    vectors = camp.vectors[keep] if len(keep) else camp.vectors[:0]
    known = {_key(c.file, c.text) for c in camp.claims}
    manual = [
        annotate(Claim(text=" ".join(o.text.split()), side="asset", file=o.asset_file))
        for o in overrides
        if o.manual and not o.retired and _key(o.asset_file, o.text) not in known
    ]
    if manual:
        extra = embedder.embed_batch([c.text for c in manual])
        vectors = np.vstack([vectors, extra]) if len(vectors) else np.asarray(extra)
        claims += manual
    for c in claims:
        c.headline = _in_headline_block(camp.documents, c)  # as extracted, before promise grouping
        o = by_key.get(_key(c.file, c.text))
        if o and o.headline is not None:
            c.headline = bool(o.headline)
    out = Campaign(
        documents=list(camp.documents),
        claims=claims,
        vectors=vectors,
        index=AssetIndex.build(claims, camp.vocab.words),
        vocab=camp.vocab,
        errors=list(camp.errors),
    )
    if not claims:
        return out
    marked = {k for k, o in by_key.items() if o.headline is True and not o.retired}
    unmarked = {k for k, o in by_key.items() if o.headline is False}
    out.promises = group_promises(out, config)
    for p in out.promises:
        keys = {_key(c.file, c.text) for c in p.claims}
        p.pinned = bool(keys & marked)
        if p.pinned or keys & unmarked:
            # a headline is a property of the promise: marking or unmarking one of its claims does all
            p.headline = p.pinned
            for c in p.claims:
                c.headline = p.pinned
    out.promises.sort(key=lambda p: not p.pinned)  # stable: pinned first, each group in its order
    return out


def _in_headline_block(docs: Sequence[Document], claim: Claim) -> bool:
    """Whether the claim stands in a headline block of its asset (the extractor's own headline flag)."""
    return any(
        b.kind == "headline" and claim.text in b.text for d in docs if d.name == claim.file for b in d.blocks
    )
