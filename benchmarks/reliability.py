"""Are msgcheck's finding scores probabilities? Predicted score vs observed precision, in bins, on a labelled set.

    python benchmarks/reliability.py corpora/dev/tune      # the split the calibration was fitted on
    python benchmarks/reliability.py corpora/dev/test      # frozen: reporting only

A finding is right when it matches a gold finding of any kind (the gold format's drift match). Findings
below the judge's per-kind thresholds are included (`--no-thresholds`), so every score is visible.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--bins", type=int, default=5)
    ap.add_argument("--json", type=Path, help="write the table here")
    args = ap.parse_args(argv)

    import numpy as np

    from msgcheck.check.checker import Checker
    from msgcheck.eval.gold import load_set
    from msgcheck.eval.score import checker_system, match
    from msgcheck.judge.pairjudge import PairJudge
    from msgcheck.train.recipe import binned

    checker = Checker(judge=PairJudge(thresholds=False))
    lset = load_set(args.set_dir)
    system = checker_system(checker)
    scores, right, kinds = [], [], []
    for gold in lset.calls:
        report = system(lset, gold)
        hit = {pi for _, pi in match(report.findings, gold.findings, same_kind=False)}
        for i, f in enumerate(report.findings):
            scores.append(f.score)
            right.append(i in hit)
            kinds.append(f.kind)
    table = binned(np.array(scores), np.array(right, dtype=bool), bins=args.bins)
    per_kind = {
        k: {
            "n": sum(1 for x in kinds if x == k),
            "mean_score": round(float(np.mean([s for s, x in zip(scores, kinds, strict=True) if x == k])), 4),
            "precision": round(float(np.mean([r for r, x in zip(right, kinds, strict=True) if x == k])), 4),
        }
        for k in sorted(set(kinds))
    }
    print(f"{args.set_dir}: {len(scores)} findings, ECE {table['ece']}")
    print(f"  {'bin':<10}{'n':>5}{'predicted':>11}{'observed':>10}")
    for row in table["bins"]:
        if row["n"]:
            print(f"  {row['bin']:<10}{row['n']:>5}{row['predicted']:>11.3f}{row['observed']:>10.3f}")
    for k, v in per_kind.items():
        print(f"  {k:<14} n {v['n']:>3}  mean score {v['mean_score']:.3f}  precision {v['precision']:.3f}")
    if args.json:
        args.json.write_text(
            json.dumps({"bins": table, "per_kind": per_kind}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
