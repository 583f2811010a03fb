"""A one-call check starts fast: the embedding model runs in ONNX Runtime (the torch model's vectors), spaCy
loads without its lemmatizer and without importing torch, and nothing of torch or sentence-transformers is
imported by a check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from msgcheck.embed.onnx import EXPORT_DIR, available
from msgcheck.errors import ModelError
from msgcheck.models import embedding_backend

ROOT = Path(__file__).resolve().parent.parent
needs_export = pytest.mark.skipif(
    not available(), reason="the ONNX export is made by `make install` (python -m msgcheck.embed.onnx)"
)


def _corpus_sentences(limit: int = 400) -> list[str]:
    texts: list[str] = []
    for base in (ROOT / "corpora" / "demo", ROOT / "corpora" / "dev" / "tune" / "campaigns"):
        for f in sorted(base.rglob("*")):
            if f.is_file() and f.suffix in (".txt", ".md", ".vtt", ".srt", ".csv"):
                texts += [
                    ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 3
                ]
    return list(dict.fromkeys(texts))[:limit]


@needs_export
@pytest.mark.slow
def test_onnx_vectors_are_the_torch_vectors():
    from msgcheck.embed.embedders import SentenceEmbedder

    texts = _corpus_sentences()
    assert len(texts) >= 300
    onnx = SentenceEmbedder(backend="onnx").embed_batch(texts)
    torch = SentenceEmbedder(backend="torch").embed_batch(texts)
    cosine = (onnx * torch).sum(axis=1)
    assert cosine.min() >= 0.9999, cosine.min()
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_the_backend_is_onnx_when_exported_and_can_be_forced(monkeypatch, tmp_path):
    monkeypatch.setenv("MSGCHECK_EMBEDDER", "torch")
    assert embedding_backend() == "torch"
    monkeypatch.delenv("MSGCHECK_EMBEDDER")
    assert embedding_backend() == ("onnx" if available() else "torch")
    monkeypatch.setattr("msgcheck.embed.onnx.EXPORT_DIR", tmp_path)  # no export there
    monkeypatch.setattr("msgcheck.embed.onnx.available", lambda folder=tmp_path: False)
    monkeypatch.setenv("MSGCHECK_EMBEDDER", "onnx")
    with pytest.raises(ModelError, match=r"python -m msgcheck.embed.onnx"):
        embedding_backend()


@needs_export
@pytest.mark.slow
def test_a_one_call_check_imports_neither_torch_nor_sentence_transformers(tmp_path):
    """A fresh process checks one call and has not imported torch (thinc would import it with spaCy) nor
    sentence-transformers; spaCy runs without its lemmatizer."""
    campaign = next(p for p in sorted((ROOT / "corpora" / "demo" / "campaigns").iterdir()) if p.is_dir())
    call = sorted((ROOT / "corpora" / "demo" / "calls").iterdir())[0]
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from msgcheck.cli.main import app\n"
        f"r = CliRunner().invoke(app, ['check', '-a', {str(campaign)!r}, {str(call)!r}, '-f', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "from msgcheck.models import nlp\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))\n"
        "print(nlp().pipe_names)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr
    imported, pipes = out.stdout.strip().splitlines()[-2:]
    assert imported == "[]"
    assert "lemmatizer" not in pipes and "ner" in pipes and "parser" in pipes


def test_the_export_lives_beside_the_other_models():
    assert EXPORT_DIR.parent == ROOT / "models"


@needs_export
def test_a_vector_does_not_depend_on_the_batch_it_is_encoded_in():
    """The checker embeds a call's claims a few at a time while spaCy reads the rest (Checker._rep_claims),
    and the encoder's batch size is a speed setting: neither may change a vector, bit for bit."""
    from msgcheck.models import onnx_model

    texts = _corpus_sentences(200)
    model = onnx_model()
    whole = model.encode(texts)
    for batch_size in (1, 7, 64):
        assert np.array_equal(model.encode(texts, batch_size=batch_size), whole), batch_size
    pieces = np.concatenate([model.encode(texts[i : i + 37]) for i in range(0, len(texts), 37)])
    assert np.array_equal(pieces, whole)
