"""`msgcheck train call-judge`: the pair judge fine-tuned on pairs read from labelled calls (models/call-judge.v4).

The pair judge (models/pair-judge.v2) learned from short written pairs. Read the way the checker reads a call
(every rep sentence against its nearest asset claims), it gives a drift probability of 0.5 or more to one
ordinary rep sentence in five and to two hard negatives in five, and the final head then has to distrust it.
This fine-tunes it on what it gets wrong there, from every tuning set:

- the gold pairs (`msgcheck.eval.callpairs`): a finding as contradiction or weakened, a hard negative as
  consistent;
- mined pairs: a rep sentence no finding marks, with each of its ``k`` nearest asset claims that the start
  model reads as drift (>= ``drift``), as consistent when the two are close (cosine >= ``close``) and as
  unrelated otherwise; at most ``cap`` times the set's gold pairs;
- a replay sample of the pair corpus' train rows, so that the shapes learned there stay.

A second stage then goes on from that model with every train row of the focus writers of the pair corpus
(``--focus``: pwk, pwl, pwm, who wrote the same promise changed or kept in other words, the shape the first
stage reads as `unrelated`) and as many replayed rows of the other writers, for ``--focus-epochs`` epochs.
The first stage's replay leaves the focus writers out, so it is the same as before they were written.

Cross-fitting: the sets are dealt into folds and one model is trained without each fold
(``--folds-out``, with folds.json). `msgcheck train final --cross-fit DIR` reads every set with the fold model
that never saw it, so the head learns how far to trust the judge on a writer it has not read. The shipped
model is then trained on every set. Fixed seed, two threads, fp16 safetensors.

    msgcheck train call-judge [--sets SET ...] [--out models/call-judge.v4] [--folds-out build/call-judge-folds]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..eval.callpairs import call_pairs
from ..eval.gold import is_frozen, load_set
from ..eval.tuning import aligned_calls, claim_label
from ..judge.crossmodel import CALL_DIR, CROSS_LABELS
from ..judge.crossmodel import DEFAULT_DIR as PAIR_JUDGE
from .crossencoder import TrainConfig, fit_pairs
from .pairdata import PairRow, hypothesis_text, load_pair_corpus
from .tuningsets import FOLDS_FILE, SETS, folds

__all__ = ["FOCUS", "SetPairs", "main", "mine", "split_focus", "writer"]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDS = ROOT / "build" / "call-judge-folds"
Triple = tuple[str, str, str]  # (asset claim, rep sentence with its context, label)
FOCUS = ("pwk", "pwl", "pwm")  # corpora/pairs/README.md: the same promise changed or kept in other words


def writer(row_id: str) -> str:
    """The pair-corpus writer of a row, from its id (``pwk-0001`` -> ``pwk``)."""
    return row_id.split("-", 1)[0]


def _triple(r: PairRow) -> Triple:
    """A pair-corpus row as the fine-tuning reads it."""
    return (r.claim, hypothesis_text(r.rep, r.context), r.label)


def split_focus(rows: list[PairRow], focus: list[str]) -> tuple[list[PairRow], list[PairRow]]:
    """The rows of the focus writers and the others, each in corpus order (the first stage replays only
    the others, so it reads as it did before the focus writers were written)."""
    return [r for r in rows if writer(r.id) in focus], [r for r in rows if writer(r.id) not in focus]


@dataclass
class Read:
    """One rep sentence as the checker reads it: its gold label, its nearest asset claims and the start
    model's probabilities for each."""

    label: str  # claim_label: a finding's kind, "hard", "none"
    hypothesis: str
    read: list[tuple[str, float]]  # (asset claim, cosine), nearest first
    p: np.ndarray  # CROSS_LABELS probabilities per read claim


@dataclass
class SetPairs:
    name: str
    gold: list[Triple]
    mined: list[Triple]


def mine(reads: list[Read], k: int, drift: float, close: float) -> list[Triple]:
    """Pairs the start model reads as drift where the gold says there is none (see the module doc)."""
    c, w = CROSS_LABELS.index("contradiction"), CROSS_LABELS.index("weakened")
    out = []
    for r in reads:
        if r.label not in ("none", "hard"):
            continue
        for (text, sim), p in zip(r.read[:k], r.p[:k], strict=True):
            if p[c] + p[w] >= drift:
                out.append((text, r.hypothesis, "consistent" if sim >= close else "unrelated"))
    return out


def read_set(root: Path, start: Path, k: int) -> tuple[list[Triple], list[Read]]:
    """A set's gold pairs, and every rep sentence read by ``start`` against its ``k`` nearest asset claims."""
    from ..check.checker import Checker
    from ..extract.claims import ClaimExtractor
    from ..judge.crossjudge import CrossJudge, CrossJudgeConfig, head_rows
    from ..judge.crossmodel import CrossModel

    judge = CrossJudge(model=CrossModel(start), config=CrossJudgeConfig(head=None))
    checker = Checker(judge=judge, extractor=ClaimExtractor(wide=True))
    reads = []
    for t in aligned_calls(checker, load_set(root)):
        rows = head_rows(judge, t.alignments, t.campaign.index, k)
        for c, al, h in zip(t.claims, t.alignments, rows.read, strict=True):
            reads.append(
                Read(
                    claim_label(c.text, t.gold),
                    hypothesis_text(al.rep.text, al.rep.before),
                    [(a.text, float(s)) for a, s in h.read[:k]],
                    h.p[:k],
                )
            )
    gold = [(p["claim"], hypothesis_text(p["rep"], p["context"]), p["label"]) for p in call_pairs(root)]
    return gold, reads


def fine_tune(start: Path, data: list[Triple], cfg: TrainConfig, out: Path, meta: dict) -> list[dict]:
    """``start`` fine-tuned on ``data``, saved to ``out`` (fp16) with training.json; returns the history."""
    import torch
    from sentence_transformers import CrossEncoder

    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    np.random.seed(cfg.seed)
    model = CrossEncoder(str(start), max_length=cfg.max_length, local_files_only=True)
    model.model.float()
    history, _ = fit_pairs(
        model, lambda epoch: data if epoch == 0 else None, cfg, random.Random(cfg.seed), dict
    )
    out.mkdir(parents=True, exist_ok=True)
    model.model.half()
    model.save(str(out), safe_serialization=True)
    # sentence-transformers writes a generated card; MODEL_CARD.md is ours
    (out / "README.md").unlink(missing_ok=True)
    used = ("epochs", "batch_size", "lr", "weight_decay", "warmup", "max_length", "seed", "threads")
    config = {k: getattr(cfg, k) for k in used}  # the rest of TrainConfig is the pair corpus' augmentation
    meta = {"labels": list(CROSS_LABELS), "started_from": start.name, "config": config, **meta}
    (out / "training.json").write_text(json.dumps({**meta, "history": history}, indent=1) + "\n", "utf-8")
    return history


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="msgcheck train call-judge", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS), help="tuning sets, relative to the repository")
    ap.add_argument("--out", type=Path, default=CALL_DIR)
    ap.add_argument("--folds-out", type=Path, default=DEFAULT_FOLDS)
    ap.add_argument(
        "--folds", type=int, default=2, help="fold models for `train final --cross-fit` (0: none)"
    )
    ap.add_argument(
        "--start", type=Path, default=PAIR_JUDGE, help="the model fine-tuned and the one that mines"
    )
    ap.add_argument("--k", type=int, default=3, help="nearest asset claims mined per rep sentence")
    ap.add_argument(
        "--drift", type=float, default=0.5, help="mined where the start model reads this much drift"
    )
    ap.add_argument(
        "--close", type=float, default=0.5, help="mined as consistent at this cosine, else unrelated"
    )
    ap.add_argument(
        "--cap", type=float, default=2.0, help="mined pairs per set, at most this many x gold pairs"
    )
    ap.add_argument("--replay", type=int, default=1500, help="pair corpus train rows mixed in")
    ap.add_argument(
        "--focus",
        nargs="*",
        default=list(FOCUS),
        help="pair-corpus writers (id prefix) the second stage trains on (none: no second stage)",
    )
    ap.add_argument("--focus-epochs", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    for s in args.sets:
        if is_frozen(ROOT / s):
            raise InputError("a frozen or holdout set is never trained on", path=s)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    started = time.time()
    rng = random.Random(args.seed)
    sets = []
    for s in args.sets:
        gold, reads = read_set(ROOT / s, args.start, args.k)
        mined = mine(reads, args.k, args.drift, args.close)
        rng.shuffle(mined)
        sets.append(SetPairs(s, gold, mined[: int(args.cap * max(len(gold), 10))]))
        print(f"read {s}: {len(gold)} gold pairs, {len(sets[-1].mined)} of {len(mined)} mined", flush=True)
    corpus = [r for r in load_pair_corpus(splits=("train",)) if r.split == "train"]
    focused, others = split_focus(corpus, args.focus)
    replay = others[:]
    rng.shuffle(replay)
    replayed = [_triple(r) for r in replay[: args.replay]]
    focus_rows = [
        _triple(r) for r in focused + random.Random(args.seed).sample(others, min(len(focused), len(others)))
    ]
    cfg = TrainConfig(epochs=args.epochs, lr=args.lr, seed=args.seed)
    focus_cfg = replace(cfg, epochs=args.focus_epochs)
    focus_meta = {
        "focus": args.focus,
        "focus_pairs": len(focused),
        "focus_replay_pairs": len(focus_rows) - len(focused),
    }

    def train(rows: list[Triple], out: Path, counts: dict) -> None:
        fine_tune(args.start, rows, cfg, out, counts)
        if focused:
            first = json.loads((out / "training.json").read_text(encoding="utf-8"))
            stages = {"started_from": f"{args.start.name}, then the first stage", "first_stage": first}
            fine_tune(out, focus_rows, focus_cfg, out, {**counts, **focus_meta, **stages})

    settings = {k: v for k, v in vars(args).items() if k in ("k", "drift", "close", "cap", "replay")}

    def data(names: list[str]) -> tuple[list[Triple], dict]:
        chosen = [p for p in sets if p.name in names]
        rows = [t for p in chosen for t in p.gold + p.mined] + replayed
        counts = {
            "trained_on": names,
            "gold_pairs": sum(len(p.gold) for p in chosen),
            "mined_pairs": sum(len(p.mined) for p in chosen),
            "replay_pairs": len(replayed),
            "settings": settings,
        }
        return rows, counts

    if args.folds:
        if args.folds_out.exists():
            shutil.rmtree(args.folds_out)
        record = []
        for i, held in enumerate(folds(args.sets, args.folds)):
            rows, counts = data([s for s in args.sets if s not in held])
            train(rows, args.folds_out / f"fold-{i}", counts)
            record.append({"model": f"fold-{i}", "held_out": held, "trained_on": counts["trained_on"]})
            print(f"fold {i}: {len(rows)} pairs, {round(time.time() - started)} s", flush=True)
        (args.folds_out / FOLDS_FILE).write_text(json.dumps({"folds": record}, indent=1) + "\n", "utf-8")
    rows, counts = data(list(args.sets))
    train(rows, args.out, {**counts, "seconds": None})
    judge = args.start / "judge.json"
    if judge.exists() and not (args.out / "judge.json").exists():
        # the rules' settings, with no head yet: `msgcheck train final` names the head it fits through this model
        settings = {**json.loads(judge.read_text(encoding="utf-8")), "head": None}
        (args.out / "judge.json").write_text(json.dumps(settings, indent=1) + "\n", "utf-8")
    meta = json.loads((args.out / "training.json").read_text(encoding="utf-8"))
    meta["seconds"] = round(time.time() - started)
    (args.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    print(f"saved {args.out} ({len(rows)} pairs, {meta['seconds']} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
