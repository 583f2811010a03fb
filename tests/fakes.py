"""Fakes shared by pure-logic tests: no models load."""

from __future__ import annotations

from msgcheck.embed.embedders import HashingEmbedder


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, remembering every text it was asked to embed: what a cache saved shows as
    texts that never reach it."""

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def embed_batch(self, texts):
        self.seen += texts
        return super().embed_batch(texts)
