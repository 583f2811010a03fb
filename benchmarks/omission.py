"""Omission precision and recall on labelled sets, with the judge's floor lifted (issue 11: "report it when
its precision is at least 0.6"). Omissions are withheld by default; this says how right they would be.

Two ways of choosing and checking headline promises are measured side by side:

- ``rules``: what `msgcheck check --no-thresholds` reports: the campaign's headline promises
  (``check.campaign.headline_promises``), mentioned when an utterance is close in meaning, shares a value or
  an offer term, or talks about a topic slot (``Checker._omission``).
- ``offer``: an alternative tried in this benchmark only: the candidates are the promises that make an
  incentive ("free", "$0", a trial, a guarantee, a refund, "% off", "we pay") *and* stand in one of the
  first three headings or calls to action of an asset (any heading of an ad sheet), best first by how many
  assets put them there; a candidate is mentioned when an utterance uses one of its content words (lemmas
  that fewer than ``--df`` of the campaign's claims use) or is at least ``--sim`` close to one of its claims;
  the first of the top ``--top`` candidates nobody mentions is the call's omission.

    python benchmarks/omission.py corpora/dev/tune corpora/dev/test [--top 2] [--df 0.15] [--sim 0.6]

A predicted omission is right when its asset text matches the gold omission's asset quote (the gold
format's rule). Prints per-call rows for every call with a gold or predicted omission, then the figures.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from msgcheck.check.campaign import Campaign, Promise
from msgcheck.embed.align import similarity
from msgcheck.eval.gold import load_set
from msgcheck.eval.score import prf, quote_matches
from msgcheck.ingest import load_transcript
from msgcheck.models import import_spacy_model
from msgcheck.run import CheckerSpec

INCENTIVE = re.compile(
    r"\bfree\b|\$0\b|\bno[ -](?:cost|charge|setup|upfront)|waive|complimentary|\bon us\b|guarantee|refund|"
    r"% off|\boff\b|\btrial\b|\bwe(?:'ll)? (?:pay|cover)|money[- ]back|\bbonus\b",
    re.I,
)
GENERIC = frozenset("free get plan month day year start try every new first one more up no".split())  # noqa: SIM905
TOP_HEADINGS = 3


@lru_cache(maxsize=1)
def _nlp():
    """spaCy with its lemmatizer (msgcheck.models.nlp leaves it out: the checker reads no lemmas)."""
    return import_spacy_model().load()


def _lemmas(text: str) -> set[str]:
    return {
        t.lemma_.lower()
        for t in _nlp()(text)
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "ADV") and t.is_alpha and not t.is_stop
    }


def _prominence(camp: Campaign, p: Promise) -> int:
    """How many assets put the promise in one of their first headings or calls to action (any ad heading)."""
    n = 0
    for doc in camp.documents:
        mine = [c.text for c in p.claims if c.file == doc.name]
        heads = [b for b in doc.blocks if b.kind in ("headline", "cta") or b.marked]
        for k, b in enumerate(heads):
            if any(t in b.text or b.text in t for t in mine) and (k < TOP_HEADINGS or doc.format == "csv"):
                n += 1
                break
    return n


def offer_candidates(camp: Campaign, top: int, df_max: float) -> list[tuple[Promise, set[str]]]:
    """The campaign's prominent incentive promises, best first, each with the words that bring it up."""
    df = Counter(w for c in camp.claims for w in _lemmas(c.text))
    ranked = []
    for p in camp.promises:
        if not any(INCENTIVE.search(c.text) for c in p.claims):
            continue
        prominence = _prominence(camp, p)
        if prominence:
            words = set().union(*(_lemmas(c.text) for c in p.claims)) - GENERIC
            words = {w for w in words if df[w] / len(camp.claims) <= df_max}
            ranked.append((prominence * 10 + p.support, p, words))
    ranked.sort(key=lambda r: -r[0])
    return [(p, words) for _, p, words in ranked[:top]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--top", type=int, default=2, help="offer: candidates per campaign")
    ap.add_argument("--df", type=float, default=0.15, help="offer: a content word at most this common")
    ap.add_argument("--sim", type=float, default=0.6, help="offer: an utterance this close mentions it")
    args = ap.parse_args(argv)
    checker = CheckerSpec(thresholds=False).build()
    counts = {"rules": [0, 0], "offer": [0, 0]}  # [right, predicted]
    n_gold = 0
    for root in args.sets:
        lset = load_set(root)
        camps: dict[Path, tuple[Campaign, list]] = {}
        for gold in lset.calls:
            cdir = lset.campaign_dir(gold.campaign)
            if cdir not in camps:
                camp = checker.campaign([cdir])
                camps[cdir] = (camp, offer_candidates(camp, args.top, args.df))
            camp, cands = camps[cdir]
            transcript = load_transcript(lset.call_path(gold.call))
            report = checker.check_call(camp, transcript, gold.rep_speakers)
            preds = {"rules": next((f.asset["text"] for f in report.findings if f.kind == "omission"), None)}
            utts = [u.text for u in transcript.utterances]
            vecs = checker.embedder.embed_batch(utts)
            words = [_lemmas(u) for u in utts]
            preds["offer"] = None
            for p, keys in cands:
                idx = [i for i, c in enumerate(camp.claims) if any(c is m for m in p.claims)]
                if float(similarity(vecs, camp.vectors[idx]).max()) < args.sim and not any(
                    keys & w for w in words
                ):
                    preds["offer"] = p.representative.text
                    break
            want = next((g.asset_quote for g in gold.findings if g.kind == "omission"), None)
            n_gold += want is not None
            marks = []
            for name, pred in preds.items():
                right = bool(pred and want and quote_matches(pred, want))
                counts[name][0] += right
                counts[name][1] += pred is not None
                marks.append(f"{name}: {'RIGHT ' if right else ''}{(pred or '-')[:40]}")
            if want or any(preds.values()):
                print(f"{gold.call[:38]:38s} gold: {(want or '-')[:40]:40s} | " + " | ".join(marks))
    for name, (right, predicted) in counts.items():
        p, r, _ = prf(right, predicted, n_gold)
        print(
            f"{name:6s} omissions: {right} right of {predicted} reported, {n_gold} in gold: precision {p:.2f}, recall {r:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
