"""Reproduces the baselines' tuned constants (msgcheck/baselines.py) by grid search on corpora/dev/tune.

Tunes on the tune set ONLY, maximising drift F1 (the kind is ignored, as in `msgcheck eval`), and
prints the best few settings of each grid. With --report it then scores the shipped constants on the
sets given (for reporting only: nothing is chosen from them).

    python benchmarks/tune_baselines.py [--report corpora/dev/tune corpora/dev/test] [--json out.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "corpora" / "dev" / "tune"


def _counts(gold, preds) -> tuple[int, int]:
    from msgcheck.eval.score import match

    return len(match(preds, gold.findings, same_kind=False)), len(preds)


def tune_embedding(lset, embedder) -> list[dict]:
    """Grid over the contradiction band and the omission threshold. The two parts never match the same
    gold finding (omission predictions match only omission gold), so their counts add up exactly."""
    from msgcheck.eval.baselines import EmbeddingBaseline, embedding_findings

    system = EmbeddingBaseline(embedder)
    calls = [(gold, system.prepare(lset, gold)) for gold in lset.calls]
    n_gold = sum(len(g.findings) for g in lset.calls)
    grid = np.round(np.arange(0.30, 1.0001, 0.02), 2)
    band: dict[tuple[float, float], tuple[int, int]] = {}
    for lo, hi in itertools.combinations(grid, 2):
        tp = n = 0
        for gold, call in calls:
            preds = [f for f in embedding_findings(call, lo, hi, -1.0) if f.kind == "contradiction"]
            a, b = _counts(gold, preds)
            tp, n = tp + a, n + b
        band[(float(lo), float(hi))] = (tp, n)
    omission: dict[float, tuple[int, int]] = {}
    for t in np.round(np.arange(0.10, 0.6001, 0.02), 2):
        tp = n = 0
        for gold, call in calls:
            preds = [f for f in embedding_findings(call, 2.0, 2.0, float(t)) if f.kind == "omission"]
            a, b = _counts(gold, preds)
            tp, n = tp + a, n + b
        omission[float(t)] = (tp, n)
    rows = []
    for (lo, hi), (tp1, n1) in band.items():
        for t, (tp2, n2) in omission.items():
            tp, n = tp1 + tp2, n1 + n2
            p = tp / n if n else 0.0
            r = tp / n_gold if n_gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append({"lo": lo, "hi": hi, "omission_below": t, "tp": tp, "pred": n, "f1": round(f, 4)})
    rows.sort(key=lambda d: (-d["f1"], d["hi"] - d["lo"], d["omission_below"]))
    return rows


def tune_tracker(lset_root) -> list[dict]:
    from msgcheck.eval.baselines import KeywordTrackerBaseline
    from msgcheck.eval.score import evaluate

    rows = []
    for window, match, require_value, support in itertools.product(
        (1, 2, 3, 5), ("phrase", "number"), (True, False), (1, 2, 3, 4)
    ):
        system = KeywordTrackerBaseline(window, match, require_value, support)
        s = evaluate(lset_root, {"t": system})["t"]
        rows.append(
            {
                "window": window,
                "match": match,
                "require_value": require_value,
                "omission_min_support": support,
                "tp": s.tp_drift,
                "pred": s.n_pred,
                "f1": round(s.drift[2], 4),
            }
        )
    rows.sort(key=lambda d: (-d["f1"], d["pred"]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", nargs="*", default=[], help="labelled sets to score the shipped constants on")
    ap.add_argument("--json", type=Path, help="write the grids' top rows and the reports here")
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(2)
    from msgcheck.embed.embedders import CachedEmbedder, SentenceEmbedder
    from msgcheck.eval.baselines import baseline_systems
    from msgcheck.eval.gold import load_set
    from msgcheck.eval.score import evaluate

    embedder = CachedEmbedder(SentenceEmbedder())
    lset = load_set(TUNE)
    t0 = time.perf_counter()
    emb = tune_embedding(lset, embedder)
    trk = tune_tracker(TUNE)
    print(f"tuned on {TUNE.relative_to(ROOT)} ({len(lset.calls)} calls) in {time.perf_counter() - t0:.1f}s")
    print("embedding-only, best settings (drift F1 on tune):")
    for r in emb[: args.top]:
        print("  ", r)
    print("keyword-tracker, best settings (drift F1 on tune):")
    for r in trk[: args.top]:
        print("  ", r)
    from msgcheck.eval import baselines as b

    shipped_emb = (b.EMBEDDING_LO, b.EMBEDDING_HI, b.EMBEDDING_OMISSION_BELOW)
    best_emb = (emb[0]["lo"], emb[0]["hi"], emb[0]["omission_below"])
    shipped_trk = (b.TRACKER_WINDOW, b.TRACKER_MATCH, b.TRACKER_REQUIRE_VALUE, b.TRACKER_OMISSION_MIN_SUPPORT)
    best_trk = tuple(trk[0][k] for k in ("window", "match", "require_value", "omission_min_support"))
    for name, shipped, best in (
        ("embedding-only", shipped_emb, best_emb),
        ("keyword-tracker", shipped_trk, best_trk),
    ):
        verdict = "match" if shipped == best else "DIFFER: update msgcheck/baselines.py"
        print(f"{name}: shipped constants {shipped}, grid best {best}: {verdict}")
    out: dict = {"embedding_grid_top": emb[:20], "tracker_grid_top": trk[:20], "report": {}}
    for root in args.report:
        scores = evaluate(root, baseline_systems(embedder))
        out["report"][root] = {name: s.summary() for name, s in scores.items()}
        for name, s in scores.items():
            p, r, f = s.drift
            print(
                f"{root} {name}: drift P {p:.3f} R {r:.3f} F1 {f:.3f} kind F1 {s.kind_f1:.3f} "
                f"(pred {s.n_pred}, gold {s.n_gold}, hard neg. flagged {s.hard_negative_rate:.1%}, "
                f"FP/drift-free call {s.fp_per_drift_free_call:.2f})"
            )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
