"""The fine-tuned cross-encoder: reads (asset claim, rep sentence [after: what was said before]) pairs
and gives consistent / contradiction / weakened / unrelated probabilities.

One model folder (sentence-transformers CrossEncoder layout, fp16 safetensors), loaded lazily and once per
process; scores of pairs already read are remembered, so re-judging a call costs nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from ..errors import ModelError

__all__ = ["CALL_DIR", "CROSS_LABELS", "DEFAULT_DIR", "CrossModel", "hypothesis_text", "pair_probabilities"]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "models" / "pair-judge.v2"
# the pair judge fine-tuned on pairs read from labelled calls; the final head reads rep sentences through it
CALL_DIR = ROOT / "models" / "call-judge.v2"
CROSS_LABELS = ("consistent", "contradiction", "weakened", "unrelated")
_MEMO_MAX = 200_000
RETRAIN = "retrain it with `msgcheck train` (python -m msgcheck.train.crossencoder)"


def hypothesis_text(rep: str, context: str = "") -> str:
    """What the cross-encoder reads as the hypothesis: the rep's sentence, then what was said before it
    (pronouns and bare answers like "yep, every plan" point into it); truncation cuts the context first."""
    rep, context = " ".join(rep.split()), " ".join(context.split())
    return f"{rep} [after: {context}]" if context else rep


def pair_probabilities(
    model, pairs: list[tuple[str, str]], max_length: int = 128, batch_size: int = 64
) -> np.ndarray:
    """(n, 4) softmax probabilities of a sentence-transformers CrossEncoder on (premise, hypothesis) pairs:
    the one scoring loop, for the trainer's epochs and the checker alike."""
    import torch

    tok, net = model.tokenizer, model.model
    net.eval()
    out = []
    # pairs of like length batched together: padding to a batch's longest pair is most of the cost otherwise
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    ordered = [pairs[i] for i in order]
    with torch.inference_mode():
        for i in range(0, len(ordered), batch_size):
            batch = ordered[i : i + batch_size]
            enc = tok(
                [p for p, _ in batch],
                [h for _, h in batch],
                truncation=True,
                max_length=max_length,
                padding=True,
                return_tensors="pt",
            )
            out.append(torch.softmax(net(**enc).logits.float(), dim=-1).numpy())
    if not out:
        return np.zeros((0, len(CROSS_LABELS)), np.float32)
    probs = np.concatenate(out)
    back = np.empty_like(probs)
    back[order] = probs
    return back


class CrossModel:
    """Pair probabilities from the cross-encoder in ``folder`` (columns in CROSS_LABELS order)."""

    def __init__(self, folder: str | Path = DEFAULT_DIR, max_length: int = 128, batch_size: int = 64):
        self.folder = Path(folder)
        self.max_length, self.batch_size = max_length, batch_size
        self._model = None
        self._memo: dict[tuple[str, str], np.ndarray] = {}

    @property
    def version(self) -> str:
        return self.folder.name

    def load(self):
        """The CrossEncoder itself (loaded on first use, once)."""
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                meta = json.loads((self.folder / "training.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ModelError(
                    f"cannot read the pair judge model: {exc}", path=str(self.folder), hint=RETRAIN
                ) from exc
            if tuple(meta.get("labels", ())) != CROSS_LABELS:
                raise ModelError(
                    f"the pair judge model has labels {meta.get('labels')}, expected {list(CROSS_LABELS)}",
                    path=str(self.folder),
                    hint=RETRAIN,
                )
            from sentence_transformers import CrossEncoder  # heavy: only when a pair is read

            try:
                self._model = CrossEncoder(
                    str(self.folder), max_length=self.max_length, local_files_only=True
                )
            except (OSError, ValueError) as exc:
                raise ModelError(
                    f"cannot load the pair judge model: {exc}", path=str(self.folder), hint=RETRAIN
                ) from exc
            self._model.model.float().eval()
        return self._model

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(n, 4) probabilities of (premise, hypothesis) pairs; pairs read before come from memory."""
        if len(self._memo) + len(pairs) > _MEMO_MAX:
            self._memo.clear()  # a quarter's calls in one process: remember one batch's worth, not all
        todo = list(dict.fromkeys(p for p in pairs if p not in self._memo))
        if todo:
            probs = pair_probabilities(self.load(), todo, self.max_length, self.batch_size)
            self._memo.update(zip(todo, probs, strict=True))
        if not pairs:
            return np.zeros((0, len(CROSS_LABELS)), np.float32)
        return np.stack([self._memo[p] for p in pairs])
