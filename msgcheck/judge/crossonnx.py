"""The fine-tuned cross-encoder through ONNX Runtime: the same probabilities as torch (fp32, to about 1e-7)
in about 60% of the time on two cores, or with int8 weights in about a quarter of it (docs/measurements.md).

Quantising moves the probabilities (mean absolute change about 0.02), so an int8 reading is only used where
a final head was fitted on it: `msgcheck train final --runtime onnx-int8` reads its training calls that way
and records the runtime in the cross-encoder's judge.json, which `CrossModel` follows.

The export is made from the model folder's own weights, once, into ``<folder>/onnx/`` (not in git; `make
install` makes the shipped models'; otherwise the first read makes it, in seconds). A stamp of the weights
it came from sits beside it, so a retrained model is never read through a stale export.

    python -m msgcheck.judge.crossonnx [model folder ...]   # default: the shipped call and pair judges
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from ..embed.onnx import cpu_session, export_graph

__all__ = ["EXPORT", "OnnxCross", "export", "exported"]

EXPORT = "onnx"  # the export's folder inside the model folder
_FILES = {False: "model.onnx", True: "model.int8.onnx"}  # by quantised
_STAMP = "export.json"


def _weights_stamp(folder: Path) -> str:
    digest = hashlib.sha256()
    with open(folder / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def exported(folder: Path) -> bool:
    """The export is there and was made from the folder's current weights."""
    try:
        stamp = json.loads((folder / EXPORT / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = all((folder / EXPORT / f).is_file() for f in _FILES.values())
    return files and stamp.get("weights_sha256") == _weights_stamp(folder)


def export(folder: Path) -> Path:
    """Export the cross-encoder in ``folder`` (fp32 graph, opset 17), and a copy with its weights quantised
    to int8 per channel (dynamic quantisation: activations stay float); stamp both with the weights' hash."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic
    from sentence_transformers import CrossEncoder

    model = CrossEncoder(str(folder), local_files_only=True)
    net = model.model.float().eval()
    sample = model.tokenizer(["a claim"], ["a longer rep sentence [after: the context]"], return_tensors="pt")
    out = folder / EXPORT
    out.mkdir(parents=True, exist_ok=True)
    export_graph(lambda o: o.logits, net, sample, "logits", {}, out / _FILES[False])
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.ERROR)  # its advice to pre-process is for vision models
    try:
        quantize_dynamic(
            str(out / _FILES[False]), str(out / _FILES[True]), weight_type=QuantType.QInt8, per_channel=True
        )
    finally:
        logging.getLogger().setLevel(quiet)
    stamp = {"weights_sha256": _weights_stamp(folder), "int8": "dynamic quantisation, per channel"}
    (out / _STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return out


class OnnxCross:
    """Logits of (premise, hypothesis) pairs from the export (fp32, or int8 where ``quantised``), tokenised by
    the model's own tokenizer."""

    def __init__(self, folder: Path, quantised: bool = False, threads: int = 0):
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        self.session = cpu_session(folder / EXPORT / _FILES[quantised], threads)
        self._inputs = [i.name for i in self.session.get_inputs()]

    def logits(self, premises: list[str], hypotheses: list[str], max_length: int) -> np.ndarray:
        enc = self.tokenizer(
            premises, hypotheses, truncation=True, max_length=max_length, padding=True, return_tensors="np"
        )
        (out,) = self.session.run(["logits"], {n: enc[n].astype(np.int64) for n in self._inputs})
        return out.astype(np.float32)


if __name__ == "__main__":
    from .crossmodel import CALL_DIR, DEFAULT_DIR

    for folder in [Path(a) for a in sys.argv[1:]] or [CALL_DIR, DEFAULT_DIR]:
        print(f"{folder}: export is current" if exported(folder) else f"wrote {export(folder)}")
