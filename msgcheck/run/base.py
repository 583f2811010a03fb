"""The runner protocol, and the recipe that builds the same Checker in another process."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..check.campaign import CheckerConfig
from ..safetext import one_line
from ..types import CallReport, Transcript, Upload, Utterance

if TYPE_CHECKING:
    from ..check.campaign import Campaign
    from ..check.checker import Checker

CallSource = str | Path | Transcript | Upload

log = logging.getLogger(__name__)


class Runner(Protocol):
    def run(
        self, campaign: Campaign, calls: Sequence[CallSource], reps: list[str] | None = None
    ) -> Iterator[CallReport]:
        """One CallReport per call, in the order of ``calls``; a call that fails becomes its report's
        ``error`` and the batch goes on."""
        ...


@dataclass(frozen=True)
class CheckerSpec:
    """How to build a Checker in a worker process or a Ray actor: picklable, and no models in it (each
    worker loads its own, once). The campaign is not part of it: it is prepared once by the caller."""

    judge: str = "pair"  # msgcheck.judge.select.make_judge
    thresholds: bool = True
    config: CheckerConfig = field(default_factory=CheckerConfig)

    def build(self) -> Checker:
        from ..check.checker import Checker
        from ..judge.select import make_judge

        return Checker(judge=make_judge(self.judge, self.thresholds), config=self.config)


def lost_report(t: CallSource, why: str) -> CallReport:
    """The report of a call a worker could not give back (it died, or the call or its report could not be
    sent): an internal error, not the file's fault, and the batch goes on."""
    name = Path(t).name if isinstance(t, str | Path) else t.name
    return CallReport(
        call=name,
        reps=[],
        prospects=[],
        drift_score=0.0,
        error=f"{one_line(name)}: internal error, not the file's fault (in the worker checking it: "
        f"{one_line(why, 200)}); please report it",
        internal=True,
    )


def warm(checker: Checker, campaign: Campaign) -> None:
    """Load every model a check uses (spaCy, the sentence model, the judge's artifacts) now, in a worker's
    start-up, by checking a two-line call; a failure here is left for the real calls to report."""
    t = Transcript(path="warm-up", name="warm-up.txt", format="txt")
    t.utterances = [
        Utterance(0, "Rep", "The trial is free for 30 days and setup costs nothing.", 0.0),
        Utterance(1, "Prospect", "Great, and what does it cost after that?", 4.0),
    ]
    t.roles = {"Rep": "rep", "Prospect": "prospect"}
    try:
        checker.check_call(campaign, t)
    except Exception:  # the same failure will show on the first real call, as that call's error
        log.debug("warm-up check failed", exc_info=True)


def limit_threads(threads: int) -> None:
    """Give the models ``threads`` threads, so N workers on N cores do not each start N threads."""
    from ..models import limit_threads as limit

    limit(threads)
