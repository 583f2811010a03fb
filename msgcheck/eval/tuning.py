"""The checker's first stages replayed on each call of a labelled set, for the tuning scripts.

benchmarks/tune_cross.py and benchmarks/tune_support.py both score many settings of a later stage on the
same extracted and aligned claims, read once from here: the reps are the gold ones, and claims are
aligned as ``Checker.check_call`` aligns them (every asset claim, with what an "it" refers to).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..check.campaign import Campaign
from ..check.checker import Checker
from ..embed.align import align
from ..extract.roles import assign_roles
from ..ingest import load_transcript
from ..types import Alignment, Claim, Transcript
from .gold import GoldCall, LabelledSet
from .score import quote_matches


@dataclass
class TuningCall:
    """One labelled call after extraction, embedding and alignment (nothing judged yet)."""

    gold: GoldCall
    campaign: Campaign
    transcript: Transcript
    claims: list[Claim]
    vectors: np.ndarray
    alignments: list[Alignment]


def aligned_calls(checker: Checker, lset: LabelledSet) -> Iterator[TuningCall]:
    """Each call of ``lset`` in order: roles from its gold reps, the rep claims extracted, embedded and
    aligned against every claim of its campaign."""
    camps: dict[Path, Campaign] = {}
    for gold in lset.calls:
        cdir = lset.campaign_dir(gold.campaign)
        camp = camps.setdefault(cdir, checker.campaign([cdir]))  # read for each call; the first is kept
        transcript = load_transcript(lset.call_path(gold.call))
        assign_roles(transcript, gold.rep_speakers)
        claims = checker.extractor.extract(transcript, camp.vocab)
        vecs = checker.embedder.embed_batch([c.text for c in claims])
        als = align(
            claims,
            vecs,
            camp.claims,
            camp.vectors,
            k=len(camp.claims),
            context_vecs=checker._context_vectors(claims),
        )
        yield TuningCall(gold, camp, transcript, claims, vecs, als)


def claim_label(text: str, gold: GoldCall) -> str:
    """What the gold says of one rep sentence: the kind of a contradiction, weakened or unsupported finding
    whose quote it matches (the scoring rule), "inconsistent" for a journey finding (not the claim judge's
    to find), "hard" for a hard negative's quote, else "none"."""
    for kinds in (("contradiction", "weakened", "unsupported"), ("inconsistent",)):
        for g in gold.findings:
            if g.kind in kinds and quote_matches(text, g.transcript_quote):
                return g.kind
    if any(quote_matches(text, c.transcript_quote) for c in gold.consistent):
        return "hard"
    return "none"
