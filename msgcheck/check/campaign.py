"""A campaign as the checker sees it: its claims, their vectors, and its promises.

Computed once per set of assets and reused for every call. The promise grouping and the omission rule
live here, not in the Checker, so that reviewers' overrides (msgcheck.overrides) and the campaign page
use the same rules without importing the Checker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embed.align import similarity
from ..extract.claims import CampaignVocab
from ..extract.slots import OFFER_SLOTS
from ..extract.values import compare_quantities
from ..judge.rules import AssetIndex
from ..types import Claim, Document, FileError

__all__ = [
    "Campaign",
    "CheckerConfig",
    "Promise",
    "flag_headline_claims",
    "group_promises",
    "headline_promises",
    "omission_candidates",
]


@dataclass
class CheckerConfig:
    repeat_sim: float = 0.72  # two asset claims this close say the same promise
    core_sim: float = 0.6  # members this close to a promise's medoid define what mentioning it means
    mention_sim: float = 0.60  # an utterance this close to a promise mentions it
    omission_min_support: int = 2  # a promise in no headline must stand in this many assets to be one ...
    min_rep_claims_for_omission: int = 3  # ... and the call must be selling (this many rep claims)
    omission_top_promises: int = 3  # the campaign's headline promises: its top offers, this many at most
    headline_match_sim: float = 0.8  # a --headline text this close to an asset claim names that claim
    # an approved statement this close to a rep sentence supports it (check.named); MiniLM puts a spoken
    # sentence and its written paraphrase at 0.3-0.5, the same sentence said again at 0.9 or more
    allowed_sim: float = 0.6
    # omission read by the cross-encoder (check.support; thresholds from benchmarks/tune_support.py on
    # corpora/dev/tune): a headline promise that no rep turn speaks to, rightly or wrongly
    # off: on dev/tune it was right 0 times at every threshold (the model reads any turn about another offer
    # term as contradicting a promise, so every promise looks mentioned); the rules decide, withheld by the floor
    omission_model: bool = False
    omission_read: int = 6  # rep turns read per headline promise, nearest in meaning first
    omission_mention: float = 0.2  # best P(a turn speaks to the promise) below this: omitted
    # unsupported read by models (check.support, same tuning): a claim-worthy rep claim
    # (models/claim-worthy.v2) that no asset claim supports (best P(consistent) below a threshold)
    # (added to the judge's findings: replacing the rules' unsupported, or vetoing them, lowered drift F1)
    # off: on dev/tune drift F1 0.713 -> 0.715 (2 more right, 3 more wrong), unsupported precision
    # 0.75 -> 0.68: within noise, for a second model in every check (docs/measurements.md)
    unsupported_model: bool = False
    unsupported_read: int = 3  # asset claims read per rep claim, nearest in meaning first
    unsupported_worthy: float = 0.6  # P(claim-worthy) needed
    unsupported_support: float = 0.05  # best P(consistent) below this: unsupported


@dataclass
class Promise:
    """One headline promise: the asset claims (across files) that say the same thing."""

    claims: list[Claim]
    support: int  # how many asset files state it
    headline: bool  # stated in a headline (a title, hero or ad headline), or marked so by a reviewer
    core: list[Claim] = field(default_factory=list)  # the medoid first, then members close to it
    pinned: bool = False  # a reviewer marked it headline: it drives omission whatever its support or slot

    @property
    def slot(self) -> str | None:
        return self.claims[0].slot  # the group's leader

    @property
    def representative(self) -> Claim:
        """The headline statement most like the others (the medoid): what a reviewer would quote."""
        return self.core[0] if self.core else self.claims[0]


@dataclass
class Campaign:
    """Everything computed once per set of assets and reused for every call."""

    documents: list[Document]
    claims: list[Claim]
    vectors: np.ndarray
    index: AssetIndex
    vocab: CampaignVocab
    promises: list[Promise] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)  # assets that could not be read, left out
    # approved wording (allowed-claims.txt and the workspace's): not promises, only support (check.named)
    allowed: list[Claim] = field(default_factory=list)
    allowed_vectors: np.ndarray | None = None


def group_promises(camp: Campaign, config: CheckerConfig) -> list[Promise]:
    """Group asset claims that say the same thing; rank the groups by how many assets repeat them.

    Leader clustering (each claim joins the first group whose leader it is close to) keeps groups
    tight: chaining near neighbours would melt "$0 setup fee" and "$45 per tech" into one blob.
    """
    order = sorted(
        range(len(camp.claims)), key=lambda i: (not camp.claims[i].headline, len(camp.claims[i].text))
    )
    sims = similarity(camp.vectors, camp.vectors)
    leaders: list[int] = []
    members: dict[int, list[Claim]] = {}
    for i in order:
        c = camp.claims[i]
        for lead in leaders:
            if _same_promise(c, camp.claims[lead], float(sims[i, lead]), config.repeat_sim):
                members[lead].append(c)
                break
        else:
            leaders.append(i)
            members[i] = [c]
    pos = {id(c): i for i, c in enumerate(camp.claims)}
    promises = []
    for cs in members.values():
        idx = [pos[id(c)] for c in cs]
        block = sims[np.ix_(idx, idx)]
        heads = [k for k, c in enumerate(cs) if c.headline] or list(range(len(cs)))
        # a reviewer quotes the headline that states the promise, not a two-word fragment of it
        full = [k for k in heads if len(cs[k].text.split()) >= 4] or [
            k for k, c in enumerate(cs) if len(c.text.split()) >= 4
        ]
        medoid = max(full or heads, key=lambda k: float(block[k].mean()))
        core = [c for k, c in enumerate(cs) if k == medoid or block[medoid, k] >= config.core_sim]
        promises.append(
            Promise(
                claims=cs,
                support=len({c.file for c in cs}),
                headline=any(c.headline for c in cs),
                core=[cs[medoid]] + [c for c in core if c is not cs[medoid]],
            )
        )
    promises.sort(key=lambda p: (-(p.support + (1 if p.headline else 0)), p.representative.text))
    return promises


def headline_promises(promises: Sequence[Promise], config: CheckerConfig) -> list[Promise]:
    """The campaign's headline promises: the one definition the checklist, the omission rule, the CLI
    summary, the JSON and HTML reports and the app all use.

    Any promise a reviewer marked (or ``--headline`` named), then the campaign's top offer promises (trial,
    price, contract, guarantee, ...) that a title, hero or ad headline states or that at least
    ``omission_min_support`` assets repeat: so a one-asset campaign has headline promises too. At most
    ``omission_top_promises`` in all, unless more were marked."""
    pinned = [p for p in promises if p.pinned]
    offers = [
        p
        for p in promises
        if not p.pinned and p.slot in OFFER_SLOTS and (p.headline or p.support >= config.omission_min_support)
    ]
    return pinned + offers[: max(0, config.omission_top_promises - len(pinned))]


def omission_candidates(promises: Sequence[Promise], config: CheckerConfig) -> list[Promise]:
    """The promises the omission check looks for, in order: the headline promises (one rule)."""
    return headline_promises(promises, config)


def flag_headline_claims(camp: Campaign, config: CheckerConfig) -> None:
    """Set every claim's ``headline`` flag to whether it belongs to one of the headline promises, so
    coverage, the reports and the app count the same promises (the flag read off the page's headings is
    only evidence for `group_promises`)."""
    chosen = {id(c) for p in headline_promises(camp.promises, config) for c in p.claims}
    for c in camp.claims:
        c.headline = id(c) in chosen


def _same_promise(a: Claim, b: Claim, sim: float, repeat_sim: float) -> bool:
    """Two asset claims state one promise: same slot, and close in meaning or sharing its value or term."""
    if a.slot != b.slot:
        return False
    if sim >= repeat_sim:
        return True
    shared_value = any(compare_quantities(x, y) == "same" for x in a.quantities for y in b.quantities)
    shared_term = any(b.polarity.get(t) == v for t, v in a.polarity.items())
    return (shared_value and sim >= 0.45) or (shared_term and sim >= 0.5)
