"""The cross-encoder on the pair corpus' frozen test industries (reporting only: never trained or tuned on).

python benchmarks/pairs.py [--model models/pair-judge.v2] [--split test]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msgcheck.judge.crossmodel import DEFAULT_DIR, CrossModel  # noqa: E402
from msgcheck.train.crossencoder import evaluate  # noqa: E402
from msgcheck.train.pairdata import load_pair_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--split", default="test", choices=("dev", "test"))
    args = ap.parse_args(argv)
    rows = load_pair_corpus(splits=(args.split,))
    print(
        json.dumps(
            {"model": args.model.name, "split": args.split, **evaluate(CrossModel(args.model).load(), rows)}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
