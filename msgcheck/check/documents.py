"""Whole documents as premises: a follow-up email, a proposal or a summary checked against a call or an asset.

SummaC-style: the premise is split into sentences (and windows of two, since one summary sentence often
fuses two of the source's), each hypothesis sentence is read by the cross-encoder against the premise
windows nearest to it in meaning, and its support is the best (consistent - contradiction) over those
windows. A hypothesis is only as consistent as its weakest sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..embed.align import similarity
from ..embed.embedders import Embedder
from ..judge.crossmodel import CROSS_LABELS, CrossModel
from ..models import nlp

__all__ = ["DocumentConfig", "DocumentResult", "SentenceSupport", "judge_document", "split_sentences"]

_CONS, _CONTRA = CROSS_LABELS.index("consistent"), CROSS_LABELS.index("contradiction")


@dataclass
class DocumentConfig:
    window: int = 2  # premise windows of 1..window consecutive sentences
    top: int = 6  # windows read per hypothesis sentence, nearest in embedding space first
    threshold: float = 0.0  # a document is consistent when its weakest sentence's support is at least this


@dataclass
class SentenceSupport:
    sentence: str
    support: float  # best P(consistent) - P(contradiction) over the windows read
    evidence: str  # the premise window that gave it


@dataclass
class DocumentResult:
    label: str  # consistent | inconsistent
    score: float  # the weakest sentence's support
    sentences: list[SentenceSupport] = field(default_factory=list)

    @property
    def weakest(self) -> SentenceSupport | None:
        return min(self.sentences, key=lambda s: s.support) if self.sentences else None


_LIST_MARKER = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)]|[-*\u2022]")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, blank lines and list items as boundaries too (emails are not prose)."""
    parts = [line.strip() for line in text.splitlines() if line.strip()]
    out: list[str] = []
    for doc in nlp().pipe(parts, batch_size=64):
        marker = ""
        for sent in doc.sents:
            text = sent.text.strip()
            if _LIST_MARKER.fullmatch(text):
                marker = text + " "  # "1." is the next sentence's number, not a sentence
                continue
            if len(text) > 1:
                out.append(marker + text)
            marker = ""
    return out


def _windows(sentences: list[str], width: int) -> list[str]:
    out = []
    for w in range(1, width + 1):
        out += [" ".join(sentences[i : i + w]) for i in range(0, max(len(sentences) - w + 1, 0))]
    return out


def judge_document(
    model: CrossModel,
    embedder: Embedder,
    premise: str,
    hypothesis: str,
    config: DocumentConfig | None = None,
) -> DocumentResult:
    """How well the premise supports every sentence of the hypothesis (see the module docstring)."""
    cfg = config or DocumentConfig()
    hyps = split_sentences(hypothesis)
    windows = _windows(split_sentences(premise), cfg.window)
    if not hyps:
        return DocumentResult("consistent", 1.0)
    if not windows:
        return DocumentResult("inconsistent", -1.0, [SentenceSupport(h, -1.0, "") for h in hyps])
    vecs = embedder.embed_batch(hyps + windows)
    sims = similarity(vecs[: len(hyps)], vecs[len(hyps) :])
    reads = [list(np.argsort(-sims[i])[: cfg.top]) for i in range(len(hyps))]
    pairs = [(windows[j], h) for h, js in zip(hyps, reads, strict=True) for j in js]
    probs = model.probabilities(pairs)
    out, at = [], 0
    for h, js in zip(hyps, reads, strict=True):
        p = probs[at : at + len(js)]
        at += len(js)
        support = p[:, _CONS] - p[:, _CONTRA]
        best = int(support.argmax())
        out.append(SentenceSupport(h, round(float(support[best]), 4), windows[js[best]]))
    score = min(s.support for s in out)
    return DocumentResult("consistent" if score >= cfg.threshold else "inconsistent", round(score, 4), out)
