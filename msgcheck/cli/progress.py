"""The batch progress bar of `msgcheck check`: calls done, rate, time left, on stderr.

Shown only where someone watches: stderr is a terminal, and the report is not JSON, CSV or HTML piped to
another program (`msgcheck check -f json ... | jq` stays quiet).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Callback = Callable[[str, int, int], None]  # (call name, done, total)


def wanted(machine_format: bool, to_file: bool) -> bool:
    """Whether to draw the bar: a terminal is watching stderr, and no machine-read report goes to a pipe."""
    if not sys.stderr.isatty():
        return False
    return to_file or not machine_format or sys.stdout.isatty()


class _Rate(ProgressColumn):
    """Calls per minute (per second once that is more than one)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if not speed:
            return Text("-- calls/min", style="progress.data.speed")
        if speed >= 1:
            return Text(f"{speed:.1f} calls/s", style="progress.data.speed")
        return Text(f"{speed * 60:.1f} calls/min", style="progress.data.speed")


@contextmanager
def call_progress(total: int, console: Console, show: bool) -> Iterator[Callback | None]:
    """A callback that moves the bar (None when ``show`` is False); the bar is gone when the block ends."""
    if not show:
        yield None
        return
    columns = (
        TextColumn("checking calls"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TextColumn("elapsed"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("calls", total=total)
        yield lambda _name, done, _total: bar.update(task, completed=done)
