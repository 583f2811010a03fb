"""Check calls one after another in this process: the default, and what the other runners must equal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..types import CallReport
from .base import CallSource

if TYPE_CHECKING:
    from ..check.campaign import Campaign
    from ..check.checker import Checker


class LocalRunner:
    """Checks each call with ``checker`` (its models and vector cache, a workspace store if it has one)."""

    def __init__(self, checker: Checker):
        self.checker = checker

    def run(
        self, campaign: Campaign, calls: Sequence[CallSource], reps: list[str] | None = None
    ) -> Iterator[CallReport]:
        for t in calls:
            yield self.checker.check_source(campaign, t, reps)
