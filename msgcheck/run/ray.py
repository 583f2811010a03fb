"""Check calls on a Ray cluster (``msgcheck check --engine ray [--address ADDR]``), docs/scale.md.

One actor per worker slot builds its Checker and loads the models once; the campaign the caller prepared is
put in the object store once (``ray.put``) and every actor reads it from there. A call given as a path is
read here and shipped as bytes (an Upload that remembers its path for error messages), so the cluster's
nodes need msgcheck and its model packages installed, not the files. Reports come back in the order given;
a call whose actor died becomes that call's error and the batch goes on. Ray is an optional extra:
``pip install 'msgcheck[scale]'``.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EngineError, MsgcheckError
from ..ingest._text import read_bytes
from ..types import CallReport, Upload
from .base import CallSource, CheckerSpec, limit_threads, lost_report, warm

if TYPE_CHECKING:
    from ..check.campaign import Campaign


def import_ray() -> Any:
    """The ray module, or EngineError saying how to install it."""
    try:
        return importlib.import_module("ray")
    except ImportError as exc:
        raise EngineError(
            f"--engine ray needs Ray, which is not installed ({exc})",
            hint="pip install 'msgcheck[scale]'",
        ) from None


class CheckActor:
    """One worker slot on the cluster: a Checker with its models loaded once, and the campaign."""

    def __init__(self, spec: CheckerSpec, shared: list, threads: int = 1):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        limit_threads(threads)
        self.checker = spec.build()
        # the campaign's object-store reference comes wrapped in a list, so that the actor fetches it here,
        # again after a restart, instead of Ray pinning it as a constructor argument
        self.campaign: Campaign = import_ray().get(shared[0])
        warm(self.checker, self.campaign)

    def check(self, t: CallSource, reps: list[str] | None) -> CallReport:
        return self.checker.check_source(self.campaign, t, reps)


def ship(t: CallSource) -> CallSource:
    """A path as an Upload of its bytes (the cluster's nodes cannot read this machine's files); a path
    that cannot be read here is sent as it is, so the actor reports the same error a local run would."""
    if isinstance(t, str | Path):
        p = Path(t)
        try:
            return Upload(p.name, read_bytes(p), where=str(p))
        except MsgcheckError:
            return p
    return t


class RayRunner:
    """``actors`` actors (default: one per CPU of the cluster) on the cluster at ``address`` (None: the
    one this process is connected to, else a new local one; "auto": the one `ray start` made here)."""

    def __init__(
        self,
        spec: CheckerSpec | None = None,
        actors: int | None = None,
        address: str | None = None,
        cpus_per_actor: int = 1,
    ):
        self.spec = spec or CheckerSpec()
        self.actors = actors
        self.address = address
        self.cpus_per_actor = cpus_per_actor
        import_ray()  # fail now, with the install hint, not after the campaign is prepared

    def _connect(self) -> Any:
        ray = import_ray()
        if not ray.is_initialized():
            try:
                ray.init(
                    address=self.address,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                    runtime_env={"env_vars": {"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}},
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise EngineError(
                    f"cannot reach the Ray cluster at {self.address or 'a new local cluster'}: {exc}",
                    hint="start one with `ray start --head`, or check --address (docs/scale.md)",
                ) from None
        return ray

    def run(
        self, campaign: Campaign, calls: Sequence[CallSource], reps: list[str] | None = None
    ) -> Iterator[CallReport]:
        calls = list(calls)
        if not calls:
            return
        ray = self._connect()
        n = self.actors or max(1, int(ray.cluster_resources().get("CPU", 1)) // self.cpus_per_actor)
        actor_cls = ray.remote(num_cpus=self.cpus_per_actor)(CheckActor)
        shared = [ray.put(campaign)]  # once into the object store; each actor's node reads it from there

        def start() -> Any:
            return actor_cls.remote(self.spec, shared, self.cpus_per_actor)

        idle = [start() for _ in range(min(n, len(calls)))]
        everyone = list(idle)
        waiting = deque(range(len(calls)))
        running: dict[Any, tuple[int, Any]] = {}  # task -> (call, actor)
        done: dict[int, CallReport] = {}
        next_out = 0
        try:
            while next_out < len(calls):
                while idle and waiting:  # a call goes out when an actor is free: long calls do not queue
                    i = waiting.popleft()
                    actor = idle.pop()
                    running[actor.check.remote(ship(calls[i]), reps)] = (i, actor)
                ready, _ = ray.wait(list(running), num_returns=1)
                for task in ready:
                    i, actor = running.pop(task)
                    try:
                        done[i] = ray.get(task)
                    except ray.exceptions.RayActorError as exc:  # the actor died: a new one takes its place
                        done[i] = lost_report(calls[i], _first_line(exc))
                        actor = start()
                        everyone.append(actor)
                    except ray.exceptions.RayError as exc:
                        done[i] = lost_report(calls[i], _first_line(exc))
                    idle.append(actor)
                while next_out in done:  # in order, as soon as the next one is there
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            for actor in everyone:
                ray.kill(actor)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"
