"""Fine-tune the concern reader (msgcheck/journey/concern.py): the top layers of the bundled MiniLM and a
two-label classifier, on prospect sentences labelled concern or not.

Fixed seed; on two CPU cores about a minute per thousand sentences an epoch. The weights it saves are only the
trained ones, in float16.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from ..journey.concern import CONFIG, WEIGHTS, load_classifier, trained_names

__all__ = ["ConcernRecipe", "fit", "save"]


@dataclass(frozen=True)
class ConcernRecipe:
    """The fine-tune's settings (the defaults are the shipped recipe's)."""

    layers: int = 2  # top encoder layers trained; the rest stay the bundled weights
    epochs: int = 2
    lr: float = 5e-5
    batch: int = 16
    max_length: int = 96
    seed: int = 0


def fit(texts: list[str], concern: list[bool], recipe: ConcernRecipe = ConcernRecipe()):
    """A fine-tuned classifier (texts may repeat to weigh them)."""
    import torch

    torch.manual_seed(recipe.seed)
    rng = random.Random(recipe.seed)
    tok, model = load_classifier()
    names = set(trained_names(model, recipe.layers))
    for k, p in model.named_parameters():
        p.requires_grad = k in names
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=recipe.lr, weight_decay=0.01)
    rows = list(zip(texts, (int(c) for c in concern), strict=True))
    steps = max(1, recipe.epochs * ((len(rows) + recipe.batch - 1) // recipe.batch))
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda i: min(1.0, (i + 1) / warm) * max(0.0, 1.0 - i / steps)
    )
    model.train()
    for _ in range(recipe.epochs):
        rng.shuffle(rows)
        for i in range(0, len(rows), recipe.batch):
            chunk = rows[i : i + recipe.batch]
            enc = tok(
                [t for t, _ in chunk],
                truncation=True,
                max_length=recipe.max_length,
                padding=True,
                return_tensors="pt",
            )
            loss = model(**enc, labels=torch.tensor([y for _, y in chunk])).loss
            loss.backward()
            opt.step()
            sched.step()
            opt.zero_grad()
    model.eval()
    return model


def save(model, folder: Path, min_concern: float, recipe: ConcernRecipe = ConcernRecipe(), **notes) -> None:
    """Write the trained weights (float16) and the reader's config beside an objections artifact."""
    from safetensors.torch import save_file

    names = trained_names(model, recipe.layers)
    state = dict(model.named_parameters())
    save_file({k: state[k].detach().to("cpu").half().contiguous() for k in names}, str(folder / WEIGHTS))
    cfg = {
        "min_concern": round(float(min_concern), 4),
        "layers": recipe.layers,
        "epochs": recipe.epochs,
        "lr": recipe.lr,
        "max_length": recipe.max_length,
        "seed": recipe.seed,
        **notes,
    }
    (folder / CONFIG).write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8")
