"""How the CLI fails: a user's mistake is one line and exit 2; msgcheck's own is one line and exit 3.

Every command runs inside ``GuardedGroup.invoke``. A ``MsgcheckError`` (a file or an option the user can
fix) prints ``error: ...`` and exits 2. Any other exception is a bug or a library failure: one line
naming it and a log file holding the traceback, exit 3; ``msgcheck --debug`` prints the traceback
instead. Tracebacks of calls that failed inside a batch (``Checker.check`` logs them and goes on) go
to the same log file. Messages are printed as plain text, never as rich markup (docs/security.md).
"""

from __future__ import annotations

import logging
import os
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from ..errors import MsgcheckError
from ..safetext import one_line, strip_controls

EXIT_OK, EXIT_DRIFT, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

err = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)


def say_error(message: object, console: Console | None = None, label: str = "error") -> None:
    """``error: <message>`` on stderr: one line, control characters stripped, never read as markup."""
    (console or err).print(Text.assemble((f"{label}: ", "red"), one_line(message)))


def crash_log(text: str) -> Path:
    """Write ``text`` to a new log file (in ``$MSGCHECK_LOG_DIR``, else the temp folder); its path."""
    folder = os.environ.get("MSGCHECK_LOG_DIR") or tempfile.gettempdir()
    fd, name = tempfile.mkstemp(prefix="msgcheck-crash-", suffix=".log", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return Path(name)


def report_tracebacks(tracebacks: list[str], *, debug: bool, what: str) -> None:
    """Print the tracebacks (``--debug``) or write them to a log file and name it."""
    if not tracebacks:
        return
    text = "\n".join(tracebacks)
    if debug:
        err.print(strip_controls(text))
        return
    try:
        where = f"the traceback is in {crash_log(text)}"
    except OSError:
        where = "no log file could be written"
    err.print(Text(f"{what}: {where}; run with `msgcheck --debug ...` to print it", style="dim"))


class _Collect(logging.Handler):
    """Keeps the tracebacks that msgcheck logs while a command runs (calls that failed in a batch)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.tracebacks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.tracebacks.append(
                f"{record.getMessage()}\n{''.join(traceback.format_exception(*record.exc_info))}"
            )


@contextmanager
def _collect_logged_errors(debug: bool) -> Iterator[None]:
    logger = logging.getLogger("msgcheck")
    handler = _Collect()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False  # the tracebacks go to --debug or the log file, not to the terminal
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        report_tracebacks(handler.tracebacks, debug=debug, what="a call failed inside msgcheck")


class GuardedGroup(TyperGroup):
    """The root command group: turns every exception of a command into a message and an exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        debug = bool(ctx.params.get("debug"))
        try:
            with _collect_logged_errors(debug):
                return super().invoke(ctx)
        except (typer.Exit, click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except MsgcheckError as exc:
            say_error(exc)
            raise typer.Exit(EXIT_INPUT) from None
        except Exception as exc:
            say_error(f"internal error, a bug in msgcheck: {type(exc).__name__}: {exc}")
            report_tracebacks([traceback.format_exc()], debug=debug, what="please report it")
            raise typer.Exit(EXIT_INTERNAL) from None
