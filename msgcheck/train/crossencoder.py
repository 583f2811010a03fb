"""Fine-tune the cross-encoder pair judge from the bundled all-MiniLM-L6-v2 weights, on CPU.

    python -m msgcheck.train.crossencoder                       # models/pair-judge.v2 (seed 0, 6 epochs, about 47 min)
    python -m msgcheck.train.crossencoder --epochs 1 --out /tmp/ce   # a quick run

Data: the domain pair corpus' train industries (corpora/pairs, GUIDE.md), optionally with FactCC-style
drift edits of the dev corpora's asset claims (``--gen``) and CAD-SNLI entailment/contradiction pairs
(``--nli``). The dev industries are scored after every epoch; the frozen test industries are never read
here (``benchmarks/pairs.py`` scores them). Fixed seed, one thread pool of 2: the same command on the same
machine writes the same weights. The model is saved as fp16 safetensors (about 45 MB) with its tokenizer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..judge.crossmodel import pair_probabilities
from ..models import minilm_path
from .contrast import contrast_rows
from .nlidata import load_cad
from .pairdata import PAIR_LABELS, PairRow, augment, hypothesis_text, load_pair_corpus
from .pairgen import claim_pairs, corpus_claims, swap_pairs

__all__ = ["TrainConfig", "fit_pairs", "train"]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "models" / "pair-judge.v2"


@dataclass
class TrainConfig:
    epochs: int = 6
    batch_size: int = 16
    lr: float = 5e-5
    weight_decay: float = 0.01
    warmup: float = 0.1
    max_length: int = 128
    seed: int = 0
    gen: int = 0  # generated drift edits of asset claims to add (0: none)
    nli: int = 1000  # CAD-SNLI pairs to add (entailment -> consistent, contradiction -> contradiction)
    threads: int = 2
    augment: int = (
        1  # 1: even out context and spoken openings across labels, afresh each epoch (pairdata.augment)
    )
    contrast: float = 1.0  # rate of contrast edits of the train rows, afresh each epoch (train.contrast)
    swaps: int = 1500  # one-word number/antonym/synonym swaps of CAD-SNLI train premises (pairgen.swap_pairs)


def _extra_pairs(cfg: TrainConfig) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, label) from the generators, capped by cfg.gen and cfg.nli."""
    rng = random.Random(cfg.seed)
    out: list[tuple[str, str, str]] = []
    if cfg.gen:
        by_campaign = corpus_claims([ROOT / "corpora" / "demo", ROOT / "corpora" / "dev" / "tune"])
        claims = [c for cs in by_campaign.values() for c in cs]
        gen = [(p.premise, p.hypothesis, p.drift) for p in claim_pairs(claims, seed=cfg.seed)]
        gen = [g for g in gen if g[2] in PAIR_LABELS]
        rng.shuffle(gen)
        out += gen[: cfg.gen]
    cad = load_cad("train") if cfg.nli or cfg.swaps else []
    drift = {"entailment": "consistent", "contradiction": "contradiction"}
    if cfg.nli:
        nli = [(p.premise, p.hypothesis, drift[p.label]) for p in cad if p.label in drift]
        rng.shuffle(nli)
        out += nli[: cfg.nli]
    if cfg.swaps:
        premises = [p.premise for p in cad]
        swaps = [(g.premise, g.hypothesis, drift[g.label]) for g in swap_pairs(premises, cfg.seed)]
        rng.shuffle(swaps)
        out += swaps[: cfg.swaps]
    return out


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def evaluate(model, rows: list[PairRow], max_length: int = 128) -> dict:
    """4-way accuracy, and 3-way accuracy on the consistent / contradiction / weakened rows."""
    probs = pair_probabilities(
        model, [(r.claim, hypothesis_text(r.rep, r.context)) for r in rows], max_length
    )
    pred = [PAIR_LABELS[i] for i in probs.argmax(axis=1)]
    gold = [r.label for r in rows]
    three = [(g, p) for g, p in zip(gold, pred, strict=True) if g != "unrelated"]
    per = {}
    for lab in PAIR_LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == lab and g != lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        per[lab] = round(2 * tp / max(2 * tp + fp + fn, 1), 4)
    return {
        "n": len(rows),
        "acc4": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(rows), 1), 4),
        "acc3": round(sum(g == p for g, p in three) / max(len(three), 1), 4),
        "f1": per,
    }


def fit_pairs(model, epoch_data, cfg: TrainConfig, rng: random.Random, score, log=print):
    """Fine-tune a CrossEncoder on (premise, hypothesis, label) triples, labels in PAIR_LABELS order:
    ``epoch_data(epoch)`` gives the epoch's triples (None: the last epoch's again), ``score()`` what to log
    after each epoch. AdamW with linear warmup and decay, clipped gradients, shuffled by ``rng``. Returns the
    history and the last epoch's triples."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    net, tok = model.model, model.tokenizer
    data = epoch_data(0)
    label_id = {lab: i for i, lab in enumerate(PAIR_LABELS)}
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    steps = cfg.epochs * ((len(data) + cfg.batch_size - 1) // cfg.batch_size)
    sched = get_linear_schedule_with_warmup(opt, int(cfg.warmup * steps), steps)
    history = []
    t0 = time.perf_counter()
    for epoch in range(cfg.epochs):
        net.train()
        if epoch:
            data = epoch_data(epoch) or data
        order = data[:]
        rng.shuffle(order)
        total = 0.0
        for b in _batches(order, cfg.batch_size):
            enc = tok(
                [p for p, _, _ in b],
                [h for _, h, _ in b],
                truncation=True,
                max_length=cfg.max_length,
                padding=True,
                return_tensors="pt",
            )
            loss = net(**enc, labels=torch.tensor([label_id[lab] for _, _, lab in b])).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss.detach()) * len(b)
        history.append(
            {
                "epoch": epoch + 1,
                "loss": round(total / len(data), 4),
                **score(),
                "seconds": round(time.perf_counter() - t0),
            }
        )
        log(json.dumps(history[-1]))
    return history, data


def train(cfg: TrainConfig, out: Path = DEFAULT_OUT, log=print) -> dict:
    import torch
    from sentence_transformers import CrossEncoder

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    rows = load_pair_corpus(splits=("train", "dev"))
    train_rows = [r for r in rows if r.split == "train"]
    dev_rows = [r for r in rows if r.split == "dev"]
    if not train_rows:
        raise InputError("no training pairs found", path=str(ROOT / "corpora" / "pairs"))
    extra = _extra_pairs(cfg)
    rng = random.Random(cfg.seed)

    def epoch_data() -> list[tuple[str, str, str]]:
        """This epoch's pairs: the train rows (shortcuts evened out, contrast edits added) and the extras."""
        epoch_rows = augment(train_rows, rng) if cfg.augment else list(train_rows)
        if cfg.contrast:
            epoch_rows += contrast_rows(train_rows, rng, cfg.contrast)
        return [(r.claim, hypothesis_text(r.rep, r.context), r.label) for r in epoch_rows] + extra

    model = CrossEncoder(
        minilm_path(),
        num_labels=len(PAIR_LABELS),
        max_length=cfg.max_length,
        local_files_only=True,
    )
    history, data = fit_pairs(
        model,
        lambda epoch: epoch_data() if epoch == 0 or cfg.augment or cfg.contrast else None,
        cfg,
        rng,
        lambda: {"dev": evaluate(model, dev_rows, cfg.max_length)},
        log,
    )
    net = model.model
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    net.half()
    model.save(str(out), safe_serialization=True)
    net.float()
    meta = {
        "labels": list(PAIR_LABELS),
        "config": cfg.__dict__,
        "train_pairs": len(train_rows),
        "extra_pairs": len(data) - len(train_rows),
        "history": history,
    }
    (out / "training.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m msgcheck.train.crossencoder", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    for name, value in TrainConfig().__dict__.items():
        ap.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    args = ap.parse_args(argv)
    cfg = TrainConfig(**{k: getattr(args, k) for k in TrainConfig().__dict__})
    train(cfg, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
