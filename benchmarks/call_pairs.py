"""The cross-encoder on pairs taken from labelled calls: how it reads drift said the way reps say it.

The pair corpus' sentences are short and tidy; a real call's are long and share many words with the claim.
This reads each gold finding (contradiction, weakened) and each hard negative (consistent) of labelled
sets as one pair: the asset sentence holding the asset quote, and the rep sentence(s) holding the
transcript quote with the utterance before them as context, exactly as the checker builds them. It reports
the model's argmax per gold label, its 3-way accuracy, and how well P(contradiction) + P(weakened) ranks
drift above hard negatives (AUC), with no thresholds and no rules. Sets you tune on and sets you only
report on are read the same way; say which is which beside the figures.

    python benchmarks/call_pairs.py corpora/dev/tune corpora/dev/tune-e [--model models/pair-judge.v2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msgcheck.eval.callpairs import call_pairs  # noqa: E402
from msgcheck.judge.crossmodel import CROSS_LABELS, DEFAULT_DIR, CrossModel, hypothesis_text  # noqa: E402


def _auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def score(pairs: list[dict], probs: np.ndarray) -> dict:
    """Argmax per gold label, 3-way accuracy and drift AUC of the model's probabilities for ``pairs``."""
    pred = [CROSS_LABELS[int(i)] for i in probs.argmax(axis=1)]
    drift = probs[:, CROSS_LABELS.index("contradiction")] + probs[:, CROSS_LABELS.index("weakened")]
    by_label: dict[str, dict[str, int]] = {}
    for p, y in zip(pairs, pred, strict=True):
        by_label.setdefault(p["label"], {}).setdefault(y, 0)
        by_label[p["label"]][y] += 1
    three = [(p["label"], "consistent" if y == "unrelated" else y) for p, y in zip(pairs, pred, strict=True)]
    return {
        "n": len(pairs),
        "acc3": round(sum(g == y for g, y in three) / max(len(three), 1), 3),
        "drift_auc": round(
            _auc(
                [float(d) for d, p in zip(drift, pairs, strict=True) if p["label"] != "consistent"],
                [float(d) for d, p in zip(drift, pairs, strict=True) if p["label"] == "consistent"],
            ),
            3,
        ),
        "argmax_by_gold": by_label,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--model", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--dump", type=Path, help="write every pair with the model's probabilities here (JSONL)")
    args = ap.parse_args(argv)
    model = CrossModel(args.model)
    report = {"model": str(args.model)}
    for root in args.sets:
        pairs = call_pairs(root)
        probs = model.probabilities([(p["claim"], hypothesis_text(p["rep"], p["context"])) for p in pairs])
        report[root.name] = score(pairs, probs)
        if args.dump:
            with args.dump.open("a", encoding="utf-8") as fh:
                for p, pr in zip(pairs, probs, strict=True):
                    fh.write(json.dumps({**p, "probs": [round(float(x), 3) for x in pr]}) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
