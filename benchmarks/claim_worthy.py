"""Claim-worthiness on the pair corpus' frozen test industries (reporting only; trained and thresholded
on train/dev by `python -m msgcheck.train.worthy`).

    python benchmarks/claim_worthy.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msgcheck.embed.embedders import SentenceEmbedder  # noqa: E402
from msgcheck.extract.worthy import ClaimWorthiness  # noqa: E402
from msgcheck.train.worthy import load_claim_rows  # noqa: E402


def main() -> int:
    rows = load_claim_rows(("test",))
    model = ClaimWorthiness()
    pred = model.worthy(SentenceEmbedder().embed_batch([t for t, _, _ in rows]))
    gold = [lab for _, lab, _ in rows]
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(sum(gold), 1)
    print(
        json.dumps(
            {
                "rows": len(rows),
                "claims": sum(gold),
                "threshold": model.threshold,
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
