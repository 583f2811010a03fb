"""Runners: where a batch's calls are checked (this process, a pool of processes, a Ray cluster).

Every runner has one method, ``run(campaign, calls, reps) -> Iterator[CallReport]``: the campaign is prepared
once by the caller and the runner yields one report per call, in the order given, whatever engine it uses.
``check_batch`` is the one loop the CLI, the workspace and the Python API share.
"""

from __future__ import annotations

from .base import CallSource, CheckerSpec, Runner
from .batch import Engine, check_batch, make_runner
from .local import LocalRunner

__all__ = [
    "CallSource",
    "CheckerSpec",
    "Engine",
    "LocalRunner",
    "Runner",
    "check_batch",
    "make_runner",
]
