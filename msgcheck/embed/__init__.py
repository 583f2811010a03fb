"""Embedding: sentence vectors (with a content-hash cache) and the alignment of rep claims to asset claims."""
