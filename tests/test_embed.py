"""The embedding cache: unchanged text is never embedded twice (fake embedder: pure logic)."""

from __future__ import annotations

import numpy as np
import pytest
from fakes import CountingEmbedder

from msgcheck.embed.embedders import CachedEmbedder, HashingEmbedder


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


def test_background_fills_the_cache_as_embed_batch_would_and_skips_what_is_cached():
    inner = CountingEmbedder()
    emb = CachedEmbedder(inner)
    emb.embed_batch(["free trial"])
    with emb.background() as bg:
        bg.add(["free trial", "no setup fee"])
        bg.add(["cancel anytime", "no setup fee"])
        bg.add([])
    assert inner.seen == ["free trial", "no setup fee", "cancel anytime"]
    assert emb.misses == 3
    got = emb.embed_batch(["cancel anytime", "no setup fee"])  # from the cache: nothing embedded again
    assert inner.seen == ["free trial", "no setup fee", "cancel anytime"]
    assert np.array_equal(got, HashingEmbedder().embed_batch(["cancel anytime", "no setup fee"]))


class FailingEmbedder(HashingEmbedder):
    def embed_batch(self, texts):
        raise RuntimeError("encoder broke")


def test_background_drops_its_errors_and_the_caller_meets_them_when_it_embeds():
    emb = CachedEmbedder(FailingEmbedder())
    with emb.background() as bg:
        bg.add(["free trial"])
    assert emb.cache == {} and emb.misses == 0
    with pytest.raises(RuntimeError, match="encoder broke"):
        emb.embed_batch(["free trial"])


def test_background_does_nothing_with_a_store():
    class Store:
        def load_vectors(self, model_id, keys):
            return {}

        def save_vectors(self, model_id, vectors):
            pass

    inner = CountingEmbedder()
    emb = CachedEmbedder(inner, store=Store())
    with emb.background() as bg:
        bg.add(["free trial"])
    assert inner.seen == [] and emb.cache == {}
