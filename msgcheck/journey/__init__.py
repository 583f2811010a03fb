"""A deal's story across calls: accounts, promises carried forward, objections left open, follow-ups."""
