"""The embedding cache: unchanged text is never embedded twice (fake embedder: pure logic)."""

from __future__ import annotations

import numpy as np

from msgcheck.embed.embedders import CachedEmbedder, HashingEmbedder


class CountingEmbedder(HashingEmbedder):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def embed_batch(self, texts):
        self.seen += texts
        return super().embed_batch(texts)


def test_cache_embeds_each_text_once_and_keeps_order():
    inner = CountingEmbedder()
    emb = CachedEmbedder(inner)
    a = emb.embed_batch(["free trial", "no setup fee", "free trial"])
    b = emb.embed_batch(["no setup fee", "cancel anytime"])
    assert inner.seen == ["free trial", "no setup fee", "cancel anytime"]
    assert np.allclose(a[0], a[2]) and np.allclose(a[1], b[0])
    assert emb.misses == 3


def test_vectors_are_unit_normalised():
    v = HashingEmbedder().embed_batch(["thirty day trial", "x"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
