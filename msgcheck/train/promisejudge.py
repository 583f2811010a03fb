"""`msgcheck train promise-judge`: the cross-encoder that reads (earlier rep sentence, later rep sentence) pairs
for account journeys, fine-tuned from the pair judge (models/pair-judge.v2) on promise pairs.

The pair judge reads asset claims, short and written; across calls both sides are spoken, long and in other
words ("we'd bring both sites on at once" / "we'd start you at Mississauga and see how it goes"), and it reads
most such changes as unrelated. Data: the promise pair corpus (corpora/promises/<author>.tsv, four writers,
GUIDE in its README), the journey tuning sets' gold pairs (``inconsistent`` findings with their earlier words as
contradictions, across-call hard negatives as consistent), and a replay sample of the pair corpus' train rows so
that the model keeps reading the shapes it learned there. Fixed seed, two threads; saved as fp16 safetensors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..eval.gold import is_frozen
from ..journey.promisehead import FEATURES
from ..judge.crossmodel import DEFAULT_DIR as PAIR_JUDGE
from .crossencoder import TrainConfig, fit_pairs
from .objections import journey_sets
from .pairdata import PAIR_LABELS, hypothesis_text, load_pair_corpus

__all__ = ["LABELS", "journey_pairs", "load_promise_pairs", "main"]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora" / "promises"
DEFAULT_OUT = ROOT / "models" / "promise-judge.v1"
LABELS = {
    "changed_contradiction": "contradiction",
    "changed_weakened": "weakened",
    "kept": "consistent",
    "unrelated": "unrelated",
}


def load_promise_pairs(corpus: Path = CORPUS) -> list[tuple[str, str, str]]:
    """(earlier, later with its context, label) from every ``<author>.tsv`` of the promise pair corpus."""
    out = []
    files = sorted(corpus.glob("*.tsv"))
    if not files:
        raise InputError("no promise pairs found", path=str(corpus), hint="see corpora/promises/README.md")
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, rec in enumerate(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
                label = LABELS.get((rec.get("label") or "").strip())
                if label is None or not rec.get("earlier") or not rec.get("later"):
                    raise InputError(
                        f"line {n}: needs earlier, later and a label in {sorted(LABELS)}", path=str(path)
                    )
                out.append((rec["earlier"], hypothesis_text(rec["later"], rec.get("context") or ""), label))
    return out


def journey_pairs(roots: list[Path]) -> list[tuple[str, str, str]]:
    """The journey sets' gold pairs: each ``inconsistent`` finding (earlier words, later words) as a
    contradiction, each across-call hard negative as consistent."""
    out = []
    for root in roots:
        for path in sorted((root / "gold").glob("*.json")):
            g = json.loads(path.read_text(encoding="utf-8"))
            for f in g.get("findings", []):
                if f.get("kind") == "inconsistent" and f.get("earlier_quote"):
                    out.append((f["earlier_quote"], hypothesis_text(f["transcript_quote"]), "contradiction"))
            for c in g.get("consistent", []):
                if c.get("earlier_quote"):
                    out.append((c["earlier_quote"], hypothesis_text(c["transcript_quote"]), "consistent"))
    return out


def mined_pairs(
    roots: list[Path], drift: float = 0.5, reader: Path = PAIR_JUDGE
) -> list[tuple[str, str, str]]:
    """Hard negatives from the journey sets' own calls: a later rep sentence that no gold finding marks as
    inconsistent, paired with the earlier promise ``reader`` (a cross-encoder) reads as most drifted from it,
    where it reads it so (drift probability >= ``drift``): consistent when the two are close (cosine >= 0.5),
    else unrelated.
    Real calls are full of such sentences (a detail, another topic on the same deal) and the written pairs
    have too few of them."""
    from ..check.checker import Checker
    from ..journey.promisehead import HeadDecider
    from ..judge.crossmodel import CrossModel
    from .promises import read_set

    checker = Checker()
    decider = HeadDecider(checker.embedder, cross=CrossModel(reader))
    at = {f: i for i, f in enumerate(FEATURES)}
    out = []
    for root in roots:
        rows = read_set(root, checker)
        n = 0
        for reads in rows.reads:
            r = decider.rows(reads, 3)
            for i, s in enumerate(reads.todo):
                x = r.X[i]
                if rows.y[n + i] or x[at["max_contradiction"]] + x[at["max_weakened"]] < drift:
                    continue
                j = r.partner[i]
                label = "consistent" if reads.sims[i, j] >= 0.5 else "unrelated"
                out.append((reads.refs[j].text, hypothesis_text(s.text), label))
            n += len(reads.todo)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="msgcheck train promise-judge", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--start", type=Path, default=PAIR_JUDGE, help="the model fine-tuned (default: the pair judge)"
    )
    ap.add_argument(
        "--journeys", nargs="*", type=Path, default=None, help="journey sets (default: corpora/journeys/dev*)"
    )
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--mine", action="store_true", help="add hard negatives mined from the journey sets")
    ap.add_argument("--mine-with", type=Path, default=PAIR_JUDGE, help="the cross-encoder that mines them")
    ap.add_argument("--replay", type=int, default=1500, help="pair corpus train rows mixed in")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    roots = journey_sets() if args.journeys is None else args.journeys
    for root in roots:
        if is_frozen(root):
            raise InputError("a frozen or holdout set is never trained on", path=str(root))
    import torch
    from sentence_transformers import CrossEncoder

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    cfg = TrainConfig(epochs=args.epochs, lr=args.lr, seed=args.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    rng = random.Random(cfg.seed)
    np.random.seed(cfg.seed)
    pairs = load_promise_pairs(args.corpus)
    gold = journey_pairs(roots)
    mined = mined_pairs(roots, reader=args.mine_with) if args.mine else []
    replay = [r for r in load_pair_corpus(splits=("train",)) if r.split == "train"]
    rng.shuffle(replay)
    data = (
        pairs
        + gold
        + mined
        + [(r.claim, hypothesis_text(r.rep, r.context), r.label) for r in replay[: args.replay]]
    )
    model = CrossEncoder(str(args.start), max_length=cfg.max_length, local_files_only=True)
    model.model.float()
    history, _ = fit_pairs(model, lambda epoch: data if epoch == 0 else None, cfg, rng, dict)
    args.out.mkdir(parents=True, exist_ok=True)
    model.model.half()
    model.save(str(args.out), safe_serialization=True)
    meta = {
        "labels": list(PAIR_LABELS),
        "started_from": args.start.name,
        "config": cfg.__dict__,
        "promise_pairs": len(pairs),
        "journey_pairs": len(gold),
        "mined_pairs": len(mined),
        "journeys": sorted(r.name for r in roots),
        "replay_pairs": min(args.replay, len(replay)),
        "history": history,
    }
    (args.out / "training.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
