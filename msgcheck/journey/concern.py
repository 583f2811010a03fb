"""The concern reader: the bundled MiniLM, its top layers fine-tuned to tell a prospect's concern from a remark
on the same topic.

The objection head reads a frozen sentence embedding, which says what a sentence is about, not whether the
prospect is worried about it: "We're with one of the big national payroll companies" and "the POS guy said
he'd do it for less" sit side by side. Fine-tuning lets the encoder learn the stance. Leave one journey set
out, it raised turn-level average precision from 0.61-0.73 to 0.74-0.88 (docs/measurements.md).

Only the top ``layers`` of the encoder and the classifier are trained, so the artifact stores those alone
(``concern.safetensors``, float16) over the bundled weights, a few MB rather than a whole model. Loaded lazily
and once, on CPU. Trained by ``msgcheck train objections`` (msgcheck/train/concern.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..models import minilm_path, quiet_loading

__all__ = ["CONFIG", "WEIGHTS", "ConcernModel", "load_classifier", "trained_names"]

CONFIG, WEIGHTS = "concern.json", "concern.safetensors"
RETRAIN = "retrain with `msgcheck train objections`"


def trained_names(model: Any, layers: int) -> list[str]:
    """The parameters a fine-tune of the top ``layers`` changes: those layers, the pooler, the classifier."""
    n = model.config.num_hidden_layers
    tops = tuple(f"bert.encoder.layer.{i}." for i in range(n - layers, n))
    return [k for k, _ in model.named_parameters() if k.startswith((*tops, "bert.pooler.", "classifier."))]


def load_classifier() -> tuple[Any, Any]:
    """(tokenizer, a two-label sequence classifier) on the bundled weights; the classifier starts untrained."""
    path = minilm_path()
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    with quiet_loading():  # no bar, and no "classifier newly initialised" report: that is expected here
        tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2, local_files_only=True)
    return tok, model


@dataclass
class ConcernModel:
    """P(the sentence raises a concern), with the threshold it was chosen at."""

    folder: Path
    config: dict
    _loaded: tuple[Any, Any] | None = field(default=None, repr=False)

    @property
    def threshold(self) -> float:
        return float(self.config["min_concern"])

    @classmethod
    def load(cls, folder: str | Path) -> ConcernModel | None:
        """The concern reader in an objections artifact, or None where the artifact has none (objections.v1)."""
        folder = Path(folder)
        if not (folder / CONFIG).is_file():
            return None
        try:
            cfg = json.loads((folder / CONFIG).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"cannot read the concern reader: {exc}", path=str(folder), hint=RETRAIN
            ) from exc
        if not (folder / WEIGHTS).is_file() or "min_concern" not in cfg:
            raise ModelError("the concern reader is incomplete", path=str(folder), hint=RETRAIN)
        return cls(folder, cfg)

    def _model(self) -> tuple[Any, Any]:
        if self._loaded is None:
            from safetensors.torch import load_file

            tok, model = load_classifier()
            state = {k: v.float() for k, v in load_file(str(self.folder / WEIGHTS)).items()}
            expected = set(trained_names(model, int(self.config["layers"])))
            if set(state) != expected:
                raise ModelError(
                    "the concern reader's weights do not match the bundled MiniLM",
                    path=str(self.folder / WEIGHTS),
                    hint=RETRAIN,
                )
            model.load_state_dict(state, strict=False)
            model.eval()
            self._loaded = (tok, model)
        return self._loaded

    def scores(self, texts: list[str], batch: int = 64) -> np.ndarray:
        """P(concern) per text."""
        if not texts:
            return np.zeros(0)
        import torch

        tok, model = self._model()
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), batch):
                enc = tok(
                    texts[i : i + batch],
                    truncation=True,
                    max_length=int(self.config.get("max_length", 128)),
                    padding=True,
                    return_tensors="pt",
                )
                out.append(torch.softmax(model(**enc).logits, -1)[:, 1].numpy())
        return np.concatenate(out).astype(np.float64)
