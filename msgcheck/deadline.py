"""A time budget per call, checked cooperatively.

``Checker`` runs each call inside ``call_budget(seconds, name)``; the loops that grow with a call (turns
parsed, sentences read for claims, rules judged, vectors embedded, utterances searched for omissions) call
``check_time()`` between steps. Past the deadline it raises ``CallTimeoutError``, which becomes that call's
``error`` and the batch goes on. No thread or signal interrupts a step halfway, so no cache or model is left
half-written; the cost is that one step (a spaCy batch, an embedding batch) finishes before the check sees
the time. The budget lives in a ContextVar, so two app sessions checking at once each have their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from .errors import CallTimeoutError

__all__ = ["Deadline", "call_budget", "check_time", "paced"]

T = TypeVar("T")

VARIABLE = "MSGCHECK_MAX_CALL_SECONDS"  # the setting (msgcheck.ingest.limits.Limits.max_call_seconds)


@dataclass(frozen=True)
class Deadline:
    """When the call named ``where`` must be done (``time.monotonic()`` seconds), and its budget."""

    at: float
    seconds: float
    where: str

    def check(self) -> None:
        if _now() > self.at:
            raise CallTimeoutError(
                f"took longer than {self.seconds:g} s to check",
                path=self.where,
                hint=f"raise {VARIABLE} to allow more, or split the call into parts",
            )


_now = time.monotonic  # the clock (a test replaces it with one it advances)
_current: ContextVar[Deadline | None] = ContextVar("msgcheck_call_deadline", default=None)


@contextmanager
def call_budget(seconds: float, where: str) -> Iterator[Deadline]:
    """Within the block, ``check_time()`` raises once ``seconds`` have passed; outside it, never."""
    deadline = Deadline(_now() + seconds, seconds, where)
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def check_time() -> None:
    """Raise CallTimeoutError when the current call is past its budget; a no-op outside a call."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check()


def paced(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in pieces of at most ``size``, the time checked before each, within a call's budget;
    outside one, in one piece (so a batch job's results never depend on the pieces: model batches
    padded differently can differ in the last float bits)."""
    if _current.get() is None:
        if items:
            yield items
        return
    for at in range(0, len(items), size):
        check_time()
        yield items[at : at + size]
