"""Pairs read from labelled calls: each gold finding (contradiction, weakened) and each hard negative as one
(asset sentence, rep sentence, context) pair, built the way the checker builds a pair: the asset sentence
holding the asset quote, the rep sentence(s) holding the transcript quote, and the utterance before as context.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..ingest import load_assets, load_transcript
from .gold import load_set

__all__ = ["call_pairs"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentence_around(text: str, quote: str) -> str:
    """The sentence(s) of ``text`` that overlap ``quote`` (the quote itself when it is not found)."""
    at = text.find(quote)
    if at < 0:
        return quote
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    hit = [text[a:b] for a, b in spans if a < at + len(quote) and b > at]
    return " ".join(s.strip() for s in hit) or quote


def call_pairs(root: Path) -> list[dict]:
    """(asset sentence, rep sentence, context, gold label) for every finding and hard negative with an asset."""
    lset = load_set(root)
    out: list[dict] = []
    assets: dict[str, dict[str, str]] = {}
    for call in lset.calls:
        if call.campaign not in assets:
            assets[call.campaign] = {d.name: d.text for d in load_assets([lset.campaign_dir(call.campaign)])}
        utts = load_transcript(lset.call_path(call.call)).utterances
        items = [(f.kind, f.transcript_quote, f.asset_file, f.asset_quote) for f in call.findings]
        items += [("consistent", c.transcript_quote, c.asset_file, c.asset_quote) for c in call.consistent]
        for kind, tq, af, aq in items:
            if kind not in ("contradiction", "weakened", "consistent") or not (tq and af and aq):
                continue
            i = next((i for i, u in enumerate(utts) if tq in u.text), None)
            text = assets[call.campaign].get(af)
            if i is None or text is None:
                continue
            out.append(
                {
                    "set": root.name,
                    "call": call.call,
                    "label": kind,
                    "claim": _sentence_around(text, aq),
                    "rep": _sentence_around(utts[i].text, tq),
                    "context": utts[i - 1].text if i else "",
                }
            )
    return out
