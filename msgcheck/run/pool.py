"""Check calls in N worker processes on this machine (``msgcheck check --jobs N``).

Workers are spawned (not forked: torch and a forked parent's threads do not mix), and each one builds its
Checker and loads the models once, in the pool's initializer, with the campaign the parent prepared: the
campaign is pickled once per worker, never per call. Calls go out one at a time (the pool balances long and
short calls); reports come back in the order given. A worker that dies (out of memory, a crash in a native
library) breaks the pool: the calls not finished go to a fresh pool; when that breaks too, one worker takes
them in order, so that the call it dies on is the only one reported lost and a bad call never stops the batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from ..types import CallReport
from .base import CallSource, CheckerSpec, limit_threads, lost_report, warm

if TYPE_CHECKING:
    from ..check.campaign import Campaign
    from ..check.checker import Checker

_worker: tuple[Checker, Campaign] | None = None  # this worker process's checker and campaign


def _start(spec: CheckerSpec, campaign: Campaign, threads: int) -> None:
    global _worker
    limit_threads(threads)
    checker = spec.build()
    warm(checker, campaign)
    _worker = (checker, campaign)


def _check(t: CallSource, reps: list[str] | None) -> CallReport:
    assert _worker is not None, "the pool's initializer did not run"
    checker, campaign = _worker
    return checker.check_source(campaign, t, reps)


class PoolRunner:
    """``jobs`` worker processes, each with its own models (about 0.8 GB each)."""

    def __init__(self, spec: CheckerSpec | None = None, jobs: int = 2, retries: int = 1):
        self.spec = spec or CheckerSpec()
        self.jobs = max(1, jobs)
        self.retries = retries  # fresh pools for the unfinished calls before one worker finds the culprit

    def run(
        self, campaign: Campaign, calls: Sequence[CallSource], reps: list[str] | None = None
    ) -> Iterator[CallReport]:
        todo = list(calls)
        done: dict[int, CallReport] = {}
        next_out, breaks = 0, 0
        while len(done) < len(todo):
            pending = [i for i in range(len(todo)) if i not in done]
            # after `retries` broken pools, one worker takes the calls in order: when it dies, the call it
            # was checking is the one that kills workers, and only that call is reported lost
            isolate = breaks > self.retries
            broken: list[str] = []
            for i, report in self._attempt(
                campaign, todo, pending, reps, 1 if isolate else self.jobs, broken
            ):
                done[i] = report
                while next_out in done:  # in order, as soon as the next one is there
                    yield done[next_out]
                    next_out += 1
            if broken:
                breaks += 1
                if isolate:
                    culprit = min(i for i in pending if i not in done)
                    done[culprit] = lost_report(todo[culprit], broken[0])
        while next_out < len(todo):
            yield done[next_out]
            next_out += 1

    def _attempt(
        self,
        campaign: Campaign,
        todo: list[CallSource],
        pending: list[int],
        reps: list[str] | None,
        jobs: int,
        broken: list[str],
    ) -> Iterator[tuple[int, CallReport]]:
        """(index, report) for the pending calls one pool finishes, in order; stops at the first call the
        pool could not finish because it broke, noting why in ``broken``."""
        workers = min(jobs, len(pending))
        threads = max(1, (os.cpu_count() or 1) // workers)
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(self.spec, campaign, threads),
        )
        try:
            futures: dict[int, Future] = {i: pool.submit(_check, todo[i], reps) for i in pending}
            for i in pending:
                try:
                    report = futures[i].result()
                except BrokenProcessPool as exc:
                    broken.append(str(exc) or "a worker process died")
                    for j in pending:  # keep what other workers finished before it broke
                        f = futures[j]
                        if j > i and f.done() and not f.cancelled() and f.exception() is None:
                            yield j, f.result()
                    return
                except Exception as exc:  # pickling this call or its report failed: this call's error
                    report = lost_report(todo[i], f"{type(exc).__name__}: {exc}")
                yield i, report
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
