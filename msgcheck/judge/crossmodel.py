"""The fine-tuned cross-encoder: reads (asset claim, rep sentence [after: what was said before]) pairs
and gives consistent / contradiction / weakened / unrelated probabilities.

One model folder (sentence-transformers CrossEncoder layout, fp16 safetensors), read in ONNX Runtime by
default (crossonnx.py), loaded lazily and once per process; scores of pairs already read are remembered,
so re-judging a call costs nothing.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np

from ..errors import ModelError

__all__ = [
    "CALL_DIR",
    "CROSS_LABELS",
    "DEFAULT_DIR",
    "RUNTIMES",
    "CrossModel",
    "hypothesis_text",
    "pair_probabilities",
]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "models" / "pair-judge.v2"
# the pair judge fine-tuned on pairs read from labelled calls; the final head reads rep sentences through it
CALL_DIR = ROOT / "models" / "call-judge.v4"
CROSS_LABELS = ("consistent", "contradiction", "weakened", "unrelated")
_MEMO_MAX = 200_000
log = logging.getLogger(__name__)
RUNTIMES = ("onnx", "torch", "onnx-int8")  # the first is the default
RETRAIN = "retrain it with `msgcheck train` (python -m msgcheck.train.crossencoder)"


def hypothesis_text(rep: str, context: str = "") -> str:
    """What the cross-encoder reads as the hypothesis: the rep's sentence, then what was said before it
    (pronouns and bare answers like "yep, every plan" point into it); truncation cuts the context first."""
    rep, context = " ".join(rep.split()), " ".join(context.split())
    return f"{rep} [after: {context}]" if context else rep


def pair_probabilities(
    model, pairs: list[tuple[str, str]], max_length: int = 128, batch_size: int = 64
) -> np.ndarray:
    """(n, 4) softmax probabilities of a sentence-transformers CrossEncoder (or an ``OnnxCross``) on
    (premise, hypothesis) pairs: the one scoring loop, for the trainer's epochs and the checker alike."""
    logits = model.logits if hasattr(model, "logits") else _torch_logits(model)
    out = []
    # pairs of like length batched together: padding to a batch's longest pair is most of the cost otherwise
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    ordered = [pairs[i] for i in order]
    for i in range(0, len(ordered), batch_size):
        batch = ordered[i : i + batch_size]
        z = logits([p for p, _ in batch], [h for _, h in batch], max_length)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        out.append(z / z.sum(axis=1, keepdims=True))
    if not out:
        return np.zeros((0, len(CROSS_LABELS)), np.float32)
    probs = np.concatenate(out).astype(np.float32)
    back = np.empty_like(probs)
    back[order] = probs
    return back


def _torch_logits(model):
    import torch

    tok, net = model.tokenizer, model.model
    net.eval()

    def logits(premises: list[str], hypotheses: list[str], max_length: int) -> np.ndarray:
        enc = tok(
            premises, hypotheses, truncation=True, max_length=max_length, padding=True, return_tensors="pt"
        )
        with torch.inference_mode():
            return net(**enc).logits.float().numpy()

    return logits


def _configured_runtime(folder: Path) -> str:
    try:
        return str(
            json.loads((folder / "judge.json").read_text(encoding="utf-8")).get("runtime", RUNTIMES[0])
        )
    except (OSError, ValueError, AttributeError):
        return RUNTIMES[0]


class CrossModel:
    """Pair probabilities from the cross-encoder in ``folder`` (columns in CROSS_LABELS order).

    ``runtime``: "onnx" (the fp32 weights in ONNX Runtime, torch's probabilities to about 1e-7, faster; torch
    where the export cannot be made), "torch", or "onnx-int8" (int8 weights: faster still, a slightly
    different reading, so only where a final head was fitted on it). Left out, the folder's judge.json says,
    and "onnx" where it says nothing (crossonnx.py).
    """

    def __init__(
        self,
        folder: str | Path = DEFAULT_DIR,
        max_length: int = 128,
        batch_size: int | None = None,
        runtime: str | None = None,
    ):
        self.folder = Path(folder)
        self.runtime = runtime or _configured_runtime(self.folder)
        if self.runtime not in RUNTIMES:
            raise ModelError(
                f"unknown cross-encoder runtime {self.runtime!r}; use one of {', '.join(RUNTIMES)}",
                path=str(self.folder / "judge.json"),
            )
        self.max_length = max_length
        # ONNX Runtime was fastest in batches of 16, torch in batches of 64 (docs/measurements.md)
        self.batch_size = batch_size or (64 if self.runtime == "torch" else 16)
        self._model = None
        self._memo: dict[tuple[str, str], np.ndarray] = {}

    @property
    def version(self) -> str:
        # fp32 in ONNX Runtime reads as torch does: a run keyed by the model alone; int8 reads differently
        return f"{self.folder.name}+int8" if self.runtime == "onnx-int8" else self.folder.name

    def load(self):
        """The CrossEncoder (or its int8 export) itself, loaded on first use, once."""
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
            self._model = self._load_torch() if self.runtime == "torch" else self._load_onnx()
        return self._model

    def _load_torch(self):
        from sentence_transformers import CrossEncoder  # heavy: only when a pair is read

        try:
            model = CrossEncoder(str(self.folder), max_length=self.max_length, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"cannot load the pair judge model: {exc}", path=str(self.folder), hint=RETRAIN
            ) from exc
        model.model.float().eval()
        return model

    def _load_onnx(self):
        from .crossonnx import OnnxCross, export, exported

        quantised = self.runtime == "onnx-int8"
        try:
            if not exported(self.folder):
                export(self.folder)  # once per model, seconds
            return OnnxCross(self.folder, quantised=quantised)
        except Exception as exc:  # onnx and onnxruntime raise their own types
            if not quantised:
                log.warning(
                    "%s: no ONNX export (%s); reading with torch, the same probabilities", self.folder, exc
                )
                return self._load_torch()
            raise ModelError(
                f"cannot export or load the int8 pair judge: {exc}",
                path=str(self.folder),
                hint='check the folder is writable, or set "runtime": "onnx" in its judge.json',
            ) from exc

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
