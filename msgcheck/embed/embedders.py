"""Embedding stage: one required method (`embed_batch`), a content-hash cache on top.

The cache keys vectors by sha1(model id + text), so unchanged text is never embedded twice;
the workspace store can persist the same keys.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
from typing import Protocol

import numpy as np

from ..deadline import paced
from ..models import EMBEDDING_MODEL_ID, embedding_backend, onnx_model, sentence_model

log = logging.getLogger(__name__)


class Embedder(Protocol):
    model_id: str

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per text."""
        ...


class SentenceEmbedder:
    """The bundled all-MiniLM-L6-v2, loaded on first use: in ONNX Runtime when its export is installed
    (the same vectors, a faster start; msgcheck.embed.onnx), else in torch (``backend`` forces one)."""

    model_id = EMBEDDING_MODEL_ID

    def __init__(self, batch_size: int | None = None, backend: str | None = None):
        self.batch_size = batch_size  # None: each backend's own (ONNX 16, torch 64)
        self.backend = backend  # "onnx" | "torch" | None: models.embedding_backend() decides on first use

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self.backend is None:
            self.backend = embedding_backend()
        if self.backend == "onnx":
            return onnx_model().encode(texts, batch_size=self.batch_size or 16)
        vecs = sentence_model().encode(
            texts, batch_size=self.batch_size or 64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vecs, dtype=np.float32)

    def load(self) -> None:
        """Load the model now (a background thread of a one-call check does, while spaCy parses)."""
        self.embed_batch(["warm up"])


class HashingEmbedder:
    """A deterministic bag-of-words embedder for unit tests of pure logic (no model, no semantics)."""

    model_id = "hashing-test"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in text.lower().split():
                h = int(hashlib.md5(tok.strip(".,!?").encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha1(f"{model_id}\x00{text}".encode()).hexdigest()


class VectorStore(Protocol):
    """Somewhere vectors outlive the process (the workspace): keys are ``text_key(model_id, text)``."""

    def load_vectors(self, model_id: str, keys: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors among ``keys``; keys not stored are left out."""
        ...

    def save_vectors(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        """Store vectors by key; keys already stored are kept as they are."""
        ...


class CachedEmbedder:
    """Wraps an embedder with a content-hash cache: in memory, and in ``store`` when one is given.

    With a store, keys not yet seen there are looked up in one batch before the inner embedder is
    asked; new vectors, and vectors this process knew but the store lacked, are written back. So
    unchanged text is embedded once per workspace, not once per process. ``misses`` counts texts the
    inner embedder embedded. Within a call's time budget (msgcheck.deadline) new texts are embedded
    ``chunk`` at a time, each chunk cached whole, so a call past its budget stops between chunks.
    """

    chunk = 512

    def __init__(
        self, inner: Embedder, cache: dict[str, np.ndarray] | None = None, store: VectorStore | None = None
    ):
        self.inner = inner
        self.model_id = inner.model_id
        self.cache: dict[str, np.ndarray] = {} if cache is None else cache
        self.store = store
        self.misses = 0
        self._stored: set[str] = set()  # keys known to be in self._stored_in
        self._stored_in: VectorStore | None = None

    def _sync_store(self, keys: list[str]) -> None:
        store = self.store
        if store is None:
            return
        if store is not self._stored_in:
            self._stored, self._stored_in = set(), store
        unknown = [k for k in dict.fromkeys(keys) if k not in self._stored]
        if not unknown:
            return
        found = store.load_vectors(self.model_id, unknown)
        self.cache.update(found)
        self._stored.update(found)
        known_here = {k: self.cache[k] for k in unknown if k not in found and k in self.cache}
        if known_here:
            store.save_vectors(self.model_id, known_here)
            self._stored.update(known_here)

    def remember(self, texts: list[str], vectors: np.ndarray) -> None:
        """Put vectors this embedder made earlier (a prepared campaign's) in the in-memory cache, keeping
        any already there: a pool worker or Ray actor gets a campaign with its vectors but an empty cache,
        and would otherwise embed the campaign's claims again when the judge reads them."""
        for t, v in zip(texts, vectors, strict=True):
            self.cache.setdefault(text_key(self.model_id, t), v)

    def prefetch(self, texts: list[str]) -> threading.Thread | None:
        """Embed the ``texts`` not cached yet in a background thread, into the in-memory cache, and return the
        thread: join it before relying on the vectors. The encoder releases the GIL, so a caller can parse
        with spaCy meanwhile. None when there is nothing to do, or with a store (its connection belongs to
        the caller's thread, and it likely has the vectors already)."""
        if self.store is not None:
            return None
        todo = [t for t in dict.fromkeys(texts) if text_key(self.model_id, t) not in self.cache]
        if not todo:
            return None

        def work() -> None:
            try:
                vecs = self.inner.embed_batch(todo)
            except Exception:  # the caller embeds these texts itself and meets the error there
                log.debug("prefetching vectors failed", exc_info=True)
                return
            self.misses += len(todo)
            self.cache.update({text_key(self.model_id, t): v for t, v in zip(todo, vecs, strict=True)})

        thread = threading.Thread(target=work, daemon=True, name="msgcheck-prefetch")
        thread.start()
        return thread

    def background(self) -> Background:
        """A worker thread that embeds, in the order handed to it, the texts not cached yet, into the
        in-memory cache (``with embedder.background() as bg: ... bg.add(texts) ...``). Like ``prefetch``,
        it does nothing with a store."""
        return Background(self)

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(self.model_id, t) for t in texts]
        self._sync_store(keys)
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.cache))
        for part in paced(todo, self.chunk):  # within a call's time budget: checked between chunks
            vecs = self.inner.embed_batch(part)
            self.misses += len(part)
            fresh = {text_key(self.model_id, t): v for t, v in zip(part, vecs, strict=True)}
            self.cache.update(fresh)
            if self.store is not None:
                self.store.save_vectors(self.model_id, fresh)
                self._stored.update(fresh)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self.cache[k] for k in keys])


class Background:
    """One thread embedding texts as a caller hands them over (``add``), into a CachedEmbedder's cache.

    The checker hands it the rep's claims as spaCy reads each batch of utterances: the encoder releases the
    GIL, so the two run side by side on two cores. A text's vector does not depend on the batch it was
    encoded in (msgcheck.embed.onnx), so the cache ends up as ``embed_batch`` would have filled it. Leaving
    the ``with`` block waits for the texts handed over, or, on an error, only for the batch being encoded.
    Errors in the thread are dropped: the caller embeds what is missing itself and meets them there.
    """

    def __init__(self, cached: CachedEmbedder):
        self.cached = cached
        self._queue: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Background:
        if self.cached.store is None:  # a store's connection belongs to the caller's thread
            self._thread = threading.Thread(target=self._work, daemon=True, name="msgcheck-embed")
            self._thread.start()
        return self

    def add(self, texts: list[str]) -> None:
        if self._thread is not None and texts:
            self._queue.put(list(texts))

    def __exit__(self, kind, error, tb) -> None:
        if self._thread is None:
            return
        if kind is not None:
            self._stop.set()
        self._queue.put(None)
        self._thread.join()

    def _work(self) -> None:
        cached = self.cached
        while (texts := self._queue.get()) is not None:
            if self._stop.is_set():
                continue
            todo = [t for t in dict.fromkeys(texts) if text_key(cached.model_id, t) not in cached.cache]
            if not todo:
                continue
            try:
                vecs = cached.inner.embed_batch(todo)
            except Exception:
                log.debug("embedding in the background failed", exc_info=True)
                self._stop.set()
                continue
            cached.misses += len(todo)
            cached.cache.update({text_key(cached.model_id, t): v for t, v in zip(todo, vecs, strict=True)})
