"""Typed errors: each names the file and the problem, and says what to do.

The CLI turns any MsgcheckError into a one-line message and exit code 2; the app into st.error. A message
is always one line, without control characters, whatever file content it quotes (msgcheck.safetext).
"""

from __future__ import annotations

from .safetext import one_line


class MsgcheckError(Exception):
    """Base class of every error a user can cause and fix."""

    def __init__(self, message: str, path: str | None = None, hint: str | None = None):
        self.path = path
        self.hint = hint
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return one_line(f"{where}{self.message}{tail}")  # file content in a message stays data


class InputError(MsgcheckError):
    """A file that cannot be read: missing, empty, binary, wrong encoding, malformed."""


class UnsupportedFormatError(InputError):
    """A file whose extension or shape msgcheck does not read."""


class CallTimeoutError(InputError):
    """A call that took longer than its time budget to check (MSGCHECK_MAX_CALL_SECONDS)."""


class GoldFormatError(InputError):
    """A labelled set that does not follow gold-format.md."""


class ModelError(MsgcheckError):
    """A bundled model that cannot be loaded (missing package, corrupt artifact)."""


class WorkspaceError(MsgcheckError):
    """A workspace that cannot be opened, read or written: read-only, full disk, busy, not a workspace."""


class EngineError(MsgcheckError):
    """An engine for a batch (msgcheck.run: a process pool, a Ray cluster) that is not installed or cannot
    be reached."""
