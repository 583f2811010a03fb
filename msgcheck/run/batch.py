"""One batch: prepare the campaign once, hand the calls to a runner, assemble the report."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import MsgcheckError
from ..models import import_spacy_model
from ..types import CallReport, Document, Report, Upload
from .base import CallSource, CheckerSpec, Runner
from .local import LocalRunner

if TYPE_CHECKING:
    from ..check.campaign import Campaign
    from ..check.checker import Checker

Progress = Callable[[str, int, int], None]  # (call name, done, total)

log = logging.getLogger(__name__)


class Engine(StrEnum):
    local = "local"  # this machine: one process, or --jobs N worker processes
    ray = "ray"  # a Ray cluster (pip install 'msgcheck[scale]')


def make_runner(
    engine: Engine | str = Engine.local,
    *,
    jobs: int = 1,
    address: str | None = None,
    spec: CheckerSpec | None = None,
    checker: Checker | None = None,
) -> Runner:
    """The runner for an engine: local with one job checks in this process (with ``checker`` when given,
    else ``spec``'s); local with N jobs uses N processes; ray uses ``jobs`` actors (1: one per cluster CPU)."""
    spec = spec or CheckerSpec()
    if Engine(engine) is Engine.ray:
        from .ray import RayRunner

        return RayRunner(spec, actors=jobs if jobs > 1 else None, address=address)
    if jobs > 1:
        from .pool import PoolRunner

        return PoolRunner(spec, jobs)
    return LocalRunner(checker or spec.build())


def call_files(paths: Sequence[Path]) -> list[Path]:
    """The calls named: a folder stands for the transcripts in it (any depth, hidden ones left out, sorted);
    a file is kept as given, even one that cannot be read (it becomes its call's error)."""
    from ..errors import InputError
    from ..ingest import TRANSCRIPT_EXTENSIONS

    out: list[Path] = []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue
        found = sorted(
            f
            for f in p.rglob("*")
            if f.is_file()
            and f.suffix.lower() in TRANSCRIPT_EXTENSIONS
            and not any(part.startswith(".") for part in f.relative_to(p).parts)
        )
        if not found:
            raise InputError(
                "no transcripts in this folder",
                path=str(p),
                hint=f"msgcheck reads calls with these extensions: {' '.join(TRANSCRIPT_EXTENSIONS)}",
            )
        out += found
    return out


def run_calls(
    runner: Runner,
    campaign: Campaign,
    calls: Sequence[CallSource],
    reps: list[str] | None = None,
    progress: Progress | None = None,
) -> list[CallReport]:
    """Every call's report, in order, telling ``progress`` after each."""
    out: list[CallReport] = []
    for report in runner.run(campaign, calls, reps):
        out.append(report)
        if progress:
            progress(report.call, len(out), len(calls))
    return out


def _preload(checker: Checker) -> None:
    try:
        checker.preload()
    except Exception:  # the same failure shows where the model is first used, with its message
        log.debug("preloading the models failed", exc_info=True)


def check_batch(
    checker: Checker,
    assets: Iterable[str | Path | Document | Upload],
    calls: Sequence[CallSource],
    *,
    reps: list[str] | None = None,
    runner: Runner | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check ``calls`` against ``assets``: the campaign prepared once by ``checker``, the calls checked by
    ``runner`` (default: ``checker`` in this process). Same report as ``Checker.check``, whatever the runner:
    ``check_batch(spec.build(), ["assets/"], calls, runner=make_runner("ray", spec=spec))`` with
    ``spec = CheckerSpec()`` checks on a Ray cluster.
    """
    runner = runner or LocalRunner(checker)
    if isinstance(runner, LocalRunner):  # models load while spaCy parses the assets (workers warm up alone)
        with contextlib.suppress(MsgcheckError):  # an install problem is reported where spaCy is first used
            import_spacy_model()  # first, alone: while it imports, other threads would not see torch
        loader = threading.Thread(
            target=_preload, args=(runner.checker,), daemon=True, name="msgcheck-preload"
        )
        loader.start()
    campaign = checker.campaign(assets)
    found = run_calls(runner, campaign, calls, reps, progress)
    return Report(
        calls=found,
        assets=[d.name for d in campaign.documents],
        msgcheck_version=__version__,
        asset_errors=list(campaign.errors),
    )
