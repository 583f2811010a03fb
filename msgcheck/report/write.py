"""Writing a report in a chosen format, atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from rich.console import Console

from ..errors import MsgcheckError
from ..types import Report
from .csvfile import to_csv
from .htmlpage import to_html
from .schema import to_json
from .table import _plain_table, render_table

ReportFormat = Literal["table", "json", "csv", "html"]


# --------------------------------------------------------------------------- writing


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and os.replace: the report is whole or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_report(
    report: Report,
    fmt: ReportFormat,
    output: Path | str | None = None,
    console: Console | None = None,
    html_sections: Sequence[tuple[str, str]] = (),
) -> None:
    """Write the report as ``fmt`` to ``output`` (atomically), or to the console / stdout.

    ``table`` prints rich tables to the console; with ``output`` it writes their plain-text rendering.
    The other formats go to ``console.file`` (or stdout) when there is no ``output``.
    """
    if fmt == "table":
        if output is None:
            render_table(report, console)
            return
        text = _plain_table(report)
    elif fmt == "json":
        text = to_json(report)
    elif fmt == "csv":
        text = to_csv(report)
    elif fmt == "html":
        text = to_html(report, html_sections)
    else:
        raise MsgcheckError(f"unknown report format {fmt!r}", hint="use one of table, json, csv, html")
    if output is None:
        stream = console.file if console is not None else sys.stdout
        stream.write(text)
        stream.flush()
        return
    path = Path(output)
    try:
        _atomic_write(path, text)
    except OSError as e:
        raise MsgcheckError(
            f"cannot write the report: {e.strerror or e}",
            path=str(path),
            hint="check that the folder is writable and the path is not a folder",
        ) from e
