"""SummEdits (Laban et al., EMNLP 2023): does a written text stay true to the document it summarises?

Whole-document pairs through msgcheck's cross-encoder (msgcheck.check.documents). The decision threshold
is tuned for balanced accuracy on the `evaluation` split only; `test` is scored once with it. Published
balanced accuracy on sales emails: SummaC-Conv 53.7, QAFactEval 63.6, PaLM-bison 68.1, GPT-4 79.5,
human 87.4.

    python benchmarks/summedits.py                       # sales emails
    python benchmarks/summedits.py --domain samsum --limit 100
    python benchmarks/summedits.py --domain podcast --sample 120 200   # a fixed-seed sample of each split
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from msgcheck.check.documents import DocumentConfig, judge_document  # noqa: E402
from msgcheck.embed.embedders import SentenceEmbedder  # noqa: E402
from msgcheck.judge.crossmodel import DEFAULT_DIR, CrossModel  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "summedits"
DOMAINS = {
    "sales_email": "summedits_sales_email.json",
    "podcast": "summedits_podcast.json",
    "samsum": "summedits_samsum.json",
    "qmsumm": "summedits_qmsumm.json",
}


def balanced_accuracy(gold: list[int], pred: list[int]) -> float:
    pos = [p for g, p in zip(gold, pred, strict=True) if g == 1]
    neg = [p for g, p in zip(gold, pred, strict=True) if g == 0]
    tpr = sum(pos) / len(pos) if pos else 0.0
    tnr = sum(1 - p for p in neg) / len(neg) if neg else 0.0
    return 100 * (tpr + tnr) / 2


def scores(rows: list[dict], model: CrossModel, embedder, cfg: DocumentConfig) -> list[float]:
    return [judge_document(model, embedder, r["doc"], r["summary"], cfg).score for r in rows]


def best_threshold(gold: list[int], score: list[float]) -> tuple[float, float]:
    cands = sorted(set(round(s, 3) for s in score))
    best = max(cands, key=lambda t: balanced_accuracy(gold, [int(s >= t) for s in score]))
    return best, balanced_accuracy(gold, [int(s >= best) for s in score])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--domain", default="sales_email", choices=sorted(DOMAINS))
    ap.add_argument("--model", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--limit", type=int, default=None, help="at most this many rows of each split")
    ap.add_argument(
        "--sample",
        type=int,
        nargs=2,
        default=None,
        metavar=("EVALUATION", "TEST"),
        help="score a random sample (seed --seed) of at most this many rows of each split",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = json.loads((DATA / DOMAINS[args.domain]).read_text(encoding="utf-8"))
    model, embedder, cfg = CrossModel(args.model), SentenceEmbedder(), DocumentConfig()
    out: dict = {"domain": args.domain, "model": args.model.name, "sample": args.sample, "seed": args.seed}
    t0 = time.perf_counter()
    tune = _sample([r for r in rows if r["split"] == "evaluation"][: args.limit], args, 0)
    s_tune = scores(tune, model, embedder, cfg)
    g_tune = [int(r["label"]) for r in tune]
    threshold, ba_tune = best_threshold(g_tune, s_tune)
    test = _sample([r for r in rows if r["split"] == "test"][: args.limit], args, 1)
    s_test = scores(test, model, embedder, cfg)
    g_test = [int(r["label"]) for r in test]
    out.update(
        threshold=threshold,
        evaluation={"n": len(tune), "balanced_accuracy": round(ba_tune, 1)},
        test={
            "n": len(test),
            "consistent": sum(g_test),
            "balanced_accuracy": round(balanced_accuracy(g_test, [int(s >= threshold) for s in s_test]), 1),
            "auc_like": round(_auc(g_test, s_test), 3),
        },
        seconds=round(time.perf_counter() - t0, 1),
    )
    print(json.dumps(out))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


def _sample(rows: list[dict], args, which: int) -> list[dict]:
    """A fixed-seed random sample of a split (all of it when it is no larger), in the file's order."""
    if not args.sample or len(rows) <= args.sample[which]:
        return rows
    keep = np.random.default_rng(args.seed).choice(len(rows), args.sample[which], replace=False)
    return [rows[i] for i in sorted(keep)]


def _auc(gold: list[int], score: list[float]) -> float:
    """Probability that a consistent row outscores an inconsistent one (ties count half)."""
    pos = np.array([s for g, s in zip(gold, score, strict=True) if g == 1])
    neg = np.array([s for g, s in zip(gold, score, strict=True) if g == 0])
    if not len(pos) or not len(neg):
        return float("nan")
    return float(
        ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
        / (len(pos) * len(neg))
    )


if __name__ == "__main__":
    raise SystemExit(main())
