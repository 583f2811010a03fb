"""Train the claim-worthiness classifier (msgcheck.extract.worthy) on the corpus' labelled rep sentences.

Data: corpora/pairs/raw/*.claims.tsv, train industries only (splits.tsv); the dev industries choose the
threshold (best F1 with precision first: a false "claim" costs a judge call, a missed one a finding) and
report; the frozen test industries are scored by benchmarks/claim_worthy.py. Fixed seed; seconds on CPU.

    python -m msgcheck.train.worthy [--out models/claim-worthy.v2]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import numpy as np

from ..embed.embedders import SentenceEmbedder
from ..extract.worthy import DEFAULT_DIR
from .pairdata import industry_splits

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "corpora" / "pairs"


def load_claim_rows(splits: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(rep sentence, 1 claim / 0 not, split) of the labelled claim-worthiness rows in the given splits."""
    split_of = industry_splits(PAIRS)
    out = []
    for path in sorted((PAIRS / "raw").glob("*.claims.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                split = split_of.get(rec["industry"], "train")
                if split in splits:
                    out.append((rec["rep_sentence"], int(rec["label"] == "claim"), split))
    return out


def train(out: Path = DEFAULT_DIR, seed: int = 0, C: float = 2.0) -> dict:
    from sklearn.linear_model import LogisticRegression

    rows = load_claim_rows(("train", "dev"))
    emb = SentenceEmbedder()
    X = emb.embed_batch([t for t, _, _ in rows])
    y = np.array([lab for _, lab, _ in rows])
    tr = np.array([s == "train" for _, _, s in rows])
    clf = LogisticRegression(C=C, max_iter=2000, random_state=seed).fit(X[tr], y[tr])
    p_dev = clf.predict_proba(X[~tr])[:, 1]
    y_dev = y[~tr]

    def prf(t: float) -> tuple[float, float, float]:
        pred = p_dev >= t
        tp = int((pred & (y_dev == 1)).sum())
        p = tp / max(int(pred.sum()), 1)
        r = tp / max(int((y_dev == 1).sum()), 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)

    grid = [round(t, 2) for t in np.arange(0.3, 0.91, 0.05)]
    threshold = max(grid, key=lambda t: (round(prf(t)[2], 2), prf(t)[0]))
    p, r, f = prf(threshold)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(
        out / "weights.npz", coef=clf.coef_[0].astype(np.float32), intercept=np.float32(clf.intercept_[0])
    )
    meta = {
        "artifact": "claim-worthy",
        "version": _version_of(out),
        "threshold": threshold,
        "params": {"C": C, "seed": seed},
        "train_rows": int(tr.sum()),
        "dev": {"rows": int((~tr).sum()), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
    }
    (out / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _version_of(folder: Path) -> int:
    """The artifact version is the folder's ``.vN`` suffix, so a retrain into a new folder cannot mislabel itself."""
    m = re.search(r"\.v(\d+)$", folder.name)
    return int(m.group(1)) if m else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m msgcheck.train.worthy", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args(argv)
    print(json.dumps(train(args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
