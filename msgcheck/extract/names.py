"""Capitalised words that name something: a plan, a product, an integration, a place.

A sentence's first word is capitalised too, so words that never name anything ("Each", "Then", "So") are left
out wherever they stand; the rest, the first word included ("Plus is fifty-nine"), are names.
"""

from __future__ import annotations

import re

__all__ = ["FUNCTION_WORDS", "name_words"]

_CAPITALISED = re.compile(r"\b[A-Z][\w+-]*")
# words a sentence may start with (so capitalised) that name nothing
FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "and", "but", "or", "so", "if", "then", "each", "every", "all", "any", "some", "no",
        "yes", "yeah", "yep", "ah", "oh", "well", "okay", "ok", "right", "sure", "it", "it's", "its", "that",
        "that's", "this", "these", "those", "there", "there's", "here", "we", "we're", "we'll", "our", "you",
        "you're", "you'd", "your", "i", "i'm", "i'd", "i'll", "they", "he", "she", "on", "in", "for", "with",
        "at", "to", "from", "by", "of", "as", "also", "just", "which", "what", "when", "where", "who", "how",
    }
)  # fmt: skip


def name_words(text: str) -> set[str]:
    """The capitalised words of ``text`` that are not function words."""
    return {w for w in _CAPITALISED.findall(text) if w.lower() not in FUNCTION_WORDS}
