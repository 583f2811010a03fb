"""The extraction stage's contract: one required method, ``extract``.

An extractor turns a campaign's documents, or a call's transcript, into claims. The Checker only calls
``extract``, so any extractor (spaCy's ``ClaimExtractor``, a fake in a test) can be swapped in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..types import Claim, Document, Transcript

if TYPE_CHECKING:  # typing only: claims.py implements this contract
    from .claims import CampaignVocab

__all__ = ["Extractor", "NullExtractor"]


@runtime_checkable
class Extractor(Protocol):
    def extract(
        self, source: Sequence[Document] | Transcript, vocab: CampaignVocab | None = None
    ) -> list[Claim]:
        """Asset claims of the documents, or the rep claims of a transcript (``vocab``: the campaign's words)."""
        ...


class NullExtractor:
    """Extracts nothing (tests of the stages around extraction)."""

    def extract(
        self, source: Sequence[Document] | Transcript, vocab: CampaignVocab | None = None
    ) -> list[Claim]:
        return []
