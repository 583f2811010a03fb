"""Promises read by the call judge: a later call checked against the account's earlier rep words as if they
were the campaign, and every changed promise checked against the campaign itself.

The rules of journey.promises read the shapes of the writers they were written from; on five journey writers
they never saw they found 5 of 49 changed promises. Issue 11's call judge (cross-encoder and final head) was
trained to read a rep's words against a campaign's, in other words and in any shape. Here the earlier calls'
rep turns are that campaign: a later rep sentence the judge reads as contradicting or weakening one of them,
with enough score, is an ``inconsistent`` finding whose evidence is the earlier words.

Either reading then passes the correction test the issue asks for: a later sentence that the campaign's own
assets support (the cross-encoder's P(consistent) on its nearest asset claims) sets an earlier statement
right or restates the offer; it is not drift, whatever an earlier call said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..check.campaign import Campaign
from ..check.checker import Checker
from ..embed.embedders import Embedder
from ..errors import InputError
from ..judge.crossjudge import CrossJudge
from ..judge.crossmodel import CROSS_LABELS, hypothesis_text
from ..judge.select import make_judge
from ..types import Block, Document, Finding, Transcript
from .promises import changed_promise
from .text import Sentence, content_stems, utterances

__all__ = ["JudgedConfig", "JudgedPromises"]

_REASON = {
    "contradiction": "contradicts what was promised",
    "weakened": "takes back or limits what was promised",
}


@dataclass(frozen=True)
class JudgedConfig:
    """Thresholds of the judged reading (chosen on the journey tuning sets, docs/measurements.md 2026-12-06)."""

    judge: str = "cross"  # the call judge that reads a later call against the earlier rep words
    min_score: float = 0.4  # a judged contradiction or weakening counts from this score
    # ... and only where the later sentence is this close in meaning to the earlier one it is read against: the
    # judge reads each later sentence against its nearest earlier claim, which for a sentence on another topic
    # ("support hours" / "the go-live guarantee") is no promise it changes. On the eleven journey tuning sets
    # the pair's cosine ranks the judged findings better than the judge's score (average precision 0.33 vs
    # 0.20, at a base rate of 0.20; docs/measurements.md, 2026-12-06, second entry)
    min_similarity: float = 0.45
    # ... unless the judge is this sure ("month to month" / "a twelve-month commitment to lock in that rate")
    sure_score: float = 0.9
    asset_support: float = 0.8  # a later sentence the assets support this surely is no changed promise
    support_claims: int = 3  # nearest asset claims read for that support


class JudgedPromises:
    """The call judge and its cross-encoder, loaded on first use and shared by every account's calls."""

    def __init__(
        self, embedder: Embedder, config: JudgedConfig | None = None, checker: Checker | None = None
    ):
        """``checker``: one with the call judge already loaded, to share it (else built on first use)."""
        self.embedder = embedder
        self.config = config or JudgedConfig()
        self._checker = checker

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = Checker(embedder=self.embedder, judge=make_judge(self.config.judge))
        return self._checker

    def findings(
        self, later: Transcript, earlier: Sequence[Transcript], refs: Sequence[Sentence]
    ) -> list[Finding]:
        """``inconsistent`` findings of ``later`` read against the rep turns of ``earlier`` (the account's
        calls before it); each names the earlier sentence of ``refs`` (the promises still standing) that it
        changes, and a judged pair whose earlier words are no longer standing is dropped."""
        docs = [
            Document(
                path=t.name,
                name=t.name,
                format="txt",
                blocks=[Block(u.text) for u in utterances(t, "rep", 1)],
            )
            for t in earlier
        ]
        docs = [d for d in docs if d.blocks]
        if not docs or not refs:
            return []
        try:
            camp = self.checker.campaign(docs)  # InputError: nothing promise-like was said before
            report = self.checker.check_call(camp, later, later.speakers_with("rep") or None)
        except InputError:  # or the call could not be read in time: the rules' reading stands alone
            return []
        read = [
            (f, _source(f.asset["text"], f.asset["file"], refs))
            for f in report.findings
            if f.kind in _REASON and f.score >= self.config.min_score and f.asset and f.transcript
        ]
        read = [(f, ref) for f, ref in read if ref is not None]
        if not read:
            return []
        sims = self._similarity([ref.text for _, ref in read], [f.transcript["text"] for f, _ in read])
        return [
            changed_promise(f.transcript, ref, _REASON[f.kind], f.score, f.slot)
            for (f, ref), sim in zip(read, sims, strict=True)
            if sim >= self.config.min_similarity or f.score >= self.config.sure_score
        ]

    def _similarity(self, earlier: Sequence[str], later: Sequence[str]) -> np.ndarray:
        """Cosine of each earlier sentence with the later sentence read against it."""
        return (self.embedder.embed_batch(list(earlier)) * self.embedder.embed_batch(list(later))).sum(axis=1)

    def supported(self, texts: Sequence[str], campaign: Campaign | None) -> list[bool]:
        """Whether the campaign's assets support each later sentence (a correction or a restatement)."""
        if campaign is None or not texts or not campaign.claims:
            return [False] * len(texts)
        judge = self.checker.judge
        assert isinstance(judge, CrossJudge)  # make_judge("cross"...) gives one
        vecs = self.embedder.embed_batch(list(texts))
        k = min(self.config.support_claims, len(campaign.claims))
        near = np.argsort(-(vecs @ campaign.vectors.T), axis=1)[:, :k]
        pairs = [
            (campaign.claims[j].text, hypothesis_text(t))
            for t, row in zip(texts, near, strict=True)
            for j in row
        ]
        consistent = judge.model.probabilities(pairs)[:, CROSS_LABELS.index("consistent")].reshape(
            len(texts), k
        )
        return [bool(row.max() >= self.config.asset_support) for row in consistent]


def _source(claim: str, call: str, refs: Sequence[Sentence]) -> Sentence | None:
    """The earlier rep sentence a pseudo-asset claim came from: on that call, the one that holds its words (the
    extractor may cut a sentence to a clause), else the one that shares most of its content words."""
    here = [r for r in refs if r.call == call]
    text = " ".join(claim.split()).lower()
    held = [r for r in here if text in " ".join(r.text.split()).lower()]
    if held:
        return held[0]
    want = content_stems(claim)
    scored = [(len(want & content_stems(r.text)), r) for r in here]
    best = max(scored, key=lambda x: x[0], default=(0, None))
    return best[1] if best[0] and best[0] >= len(want) / 2 else None
