"""`msgcheck train promises`: the promise head (msgcheck.journey.promisehead) from the journey tuning sets.

Each set's later calls are read as `msgcheck journey` reads them (accounts and order inferred, the rules'
reading of every later rep sentence against the account's earlier promises), and every later sentence becomes
a row labelled by the set's gold ``inconsistent`` findings. The settings (k promises read per sentence, the
regularisation and the threshold) are chosen leave one set out: each set is predicted by a head fitted on the
others (the sets come from different writers), and the setting with the best pooled F1 wins. Then the head is
refitted on every set and saved with those held-out figures in its ``config.json``. Frozen and holdout sets
are refused.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..check.checker import Checker
from ..errors import InputError
from ..eval.gold import is_frozen
from ..eval.journeyset import build_set
from ..eval.score import prf, quote_matches
from ..journey.build import JourneyBuilder
from ..journey.promisehead import DEFAULT_DIR, HeadDecider, PromiseHead, RuleDecider
from ..journey.promises import PromiseReads
from ..judge.crossmodel import DEFAULT_DIR as PAIR_JUDGE
from ..judge.crossmodel import CrossModel
from .objections import journey_sets

KS = (1, 2, 3, 5)
CS = (0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
SEED = 0


class _Recorder(RuleDecider):
    """Keeps every reading the journey build makes (the rules decide meanwhile, as they did before the head)."""

    def __init__(self) -> None:
        self.reads: list[PromiseReads] = []

    def choose(self, reads: PromiseReads):
        self.reads.append(reads)
        return super().choose(reads)


@dataclass
class SetRows:
    reads: list[PromiseReads]
    y: np.ndarray  # 1 where the later sentence is a gold inconsistent finding of its call
    rules: np.ndarray  # 1 where the rules flag it


def read_set(root: Path, checker: Checker) -> SetRows:
    rec = _Recorder()
    built = build_set(root, JourneyBuilder(checker, promises=rec))
    gold: dict[str, list[str]] = {}
    for call, g in built.raw.items():
        gold[call] = [f["transcript_quote"] for f in g.get("findings", []) if f["kind"] == "inconsistent"]
    y, rules = [], []
    for reads in rec.reads:
        for i, s in enumerate(reads.todo):
            y.append(any(quote_matches(s.text, q) for q in gold.get(s.call, [])))
            rules.append(i in reads.best)
    return SetRows(rec.reads, np.array(y, dtype=int), np.array(rules, dtype=int))


def fit(X: np.ndarray, y: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(X, y)
    return lr.coef_[0].astype(np.float64), float(lr.intercept_[0])


def figures(y: np.ndarray, pred: np.ndarray) -> dict:
    tp = int((y & pred).sum())
    p, r, f = prf(tp, int(pred.sum()), int(y.sum()))
    return {
        "tp": tp,
        "predicted": int(pred.sum()),
        "gold": int(y.sum()),
        "p": round(p, 3),
        "r": round(r, 3),
        "f1": round(f, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="msgcheck train promises", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--journeys", nargs="+", type=Path, default=None, help="journey sets (default: corpora/journeys/dev*)"
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    ap.add_argument(
        "--cross",
        type=Path,
        default=PAIR_JUDGE,
        help="the cross-encoder that reads the pairs, a models/ folder (promise-judge.v1: msgcheck train promise-judge)",
    )
    args = ap.parse_args(argv)
    roots = args.journeys or journey_sets()
    for root in roots:
        if is_frozen(root):
            raise InputError("a frozen or holdout set is never trained on", path=str(root))
    if len(roots) < 2:
        raise InputError("need two journey sets or more (each is predicted by a head fitted on the others)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    started = time.time()
    checker = Checker()
    decider = HeadDecider(checker.embedder, cross=CrossModel(args.cross))
    sets = {}
    for root in roots:
        sets[root.name] = read_set(root, checker)
        print(
            f"read {root}: {len(sets[root.name].y)} later sentences, {sets[root.name].y.sum()} gold",
            flush=True,
        )
    X = {k: {n: np.concatenate([decider.rows(r, k).X for r in s.reads]) for n, s in sets.items()} for k in KS}
    held: dict[tuple[int, float, float], dict[str, np.ndarray]] = {}
    for k in KS:
        for C in CS:
            for n in sets:
                others = [m for m in sets if m != n]
                coef, icpt = fit(
                    np.concatenate([X[k][m] for m in others]), np.concatenate([sets[m].y for m in others]), C
                )
                proba = PromiseHead(coef, icpt, 0.5, k).probability(X[k][n])
                for t in THRESHOLDS:
                    held.setdefault((k, C, t), {})[n] = (proba >= t).astype(int)
    y_all = np.concatenate([s.y for s in sets.values()])
    pooled = {kct: figures(y_all, np.concatenate([pred[n] for n in sets])) for kct, pred in held.items()}
    best = max(pooled, key=lambda kct: (pooled[kct]["f1"], -kct[0], kct[1]))
    k, C, t = best
    rules = figures(y_all, np.concatenate([s.rules for s in sets.values()]))
    print(f"{'held-out set':16s} rules P/R/F1          head (k={k}, C={C}, t={t}) P/R/F1")
    per_set = {}
    for n, s in sets.items():
        r, h = figures(s.y, s.rules), figures(s.y, held[best][n])
        per_set[n] = {"rules": r, "head": h}
        print(
            f"{n:16s} {r['p']:.2f} {r['r']:.2f} {r['f1']:.2f}          {h['p']:.2f} {h['r']:.2f} {h['f1']:.2f}"
        )
    print(
        f"{'pooled':16s} {rules['p']:.2f} {rules['r']:.2f} {rules['f1']:.2f}          "
        f"{pooled[best]['p']:.2f} {pooled[best]['r']:.2f} {pooled[best]['f1']:.2f}"
    )
    coef, icpt = fit(np.concatenate([X[k][n] for n in sets]), y_all, C)
    PromiseHead(coef, icpt, t, k).save(
        args.out,
        {
            "C": C,
            "cross": args.cross.name,
            "trained_on": sorted(str(r) for r in roots),
            "rows": len(y_all),
            "positives": int(y_all.sum()),
            "held_out": {"pooled_rules": rules, "pooled_head": pooled[best], "per_set": per_set},
            "settings_tried": {"k": list(KS), "C": list(CS), "threshold": list(THRESHOLDS)},
            "seconds": round(time.time() - started, 1),
        },
    )
    print(f"saved {args.out} ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
