"""The workspace: one SQLite file that remembers campaigns, asset versions, calls, runs, findings,
reviews, calibrated judge versions and embeddings.

Design (after simonw/llm's embeddings ``Collection``): WAL mode; numbered migrations tracked in
``PRAGMA user_version``; every write inside ``BEGIN IMMEDIATE`` (retried while another process holds
the lock); upserts keyed by content hashes, so importing the same file twice, or re-running an import
that was killed half-way, never duplicates anything. SQLite errors never reach the user as such: they
become a :class:`~msgcheck.errors.WorkspaceError` naming the file and what to do.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import WorkspaceError

if TYPE_CHECKING:
    pass

from ..types import ClaimOverride
from .assets import AssetsMixin
from .calls import CallsMixin
from .judges import JudgeVersionsMixin
from .overrides import ClaimOverridesMixin
from .records import (
    APPLICATION_ID,
    DEFAULT_PATH,
    EXPORT_FORMAT,
    MIGRATIONS,
    AssetVersion,
    CallRecord,
    CallResult,
    CampaignRecord,
    FindingRecord,
    ImportStats,
    JudgeVersion,
    ReviewRecord,
    RunRecord,
    _is_busy,
    _split_sql,
    workspace_error,
)
from .results import ResultsMixin
from .reviews import ReviewsMixin
from .runs import RunsMixin
from .vectors import VectorsMixin

__all__ = [
    "DEFAULT_PATH",
    "EXPORT_FORMAT",
    "MIGRATIONS",
    "AssetVersion",
    "CallRecord",
    "CallResult",
    "CampaignRecord",
    "ClaimOverride",
    "FindingRecord",
    "ImportStats",
    "JudgeVersion",
    "ReviewRecord",
    "RunRecord",
    "Workspace",
]


_IDENTITY = (
    "SELECT (SELECT user_version FROM pragma_user_version),"
    " (SELECT count(*) FROM sqlite_master WHERE type = 'table'),"
    " (SELECT application_id FROM pragma_application_id)"
)


def _refuse_foreign(version: int, tables: int, app_id: int, path: Path) -> None:
    if (version == 0 and tables) or (version and app_id != APPLICATION_ID):
        raise WorkspaceError(
            "is an SQLite file but not a msgcheck workspace (left unchanged)",
            path=str(path),
            hint="pass --workspace with a new file name or an existing workspace",
        )


def _open_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when SQLite cannot even make the WAL's -shm file here (a
    read-only folder), so that listing, showing and exporting still work."""
    uri = path.resolve().as_uri()
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        conn = sqlite3.connect(
            uri + query, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if "immutable" in query:
                raise
    raise AssertionError("unreachable")


class Workspace(
    AssetsMixin,
    CallsMixin,
    JudgeVersionsMixin,
    RunsMixin,
    ReviewsMixin,
    ResultsMixin,
    ClaimOverridesMixin,
    VectorsMixin,
):
    """One workspace file. Opening creates and migrates it; use as a context manager to close it.

    ``busy_timeout`` is how long SQLite itself waits for a lock; ``retry_for`` bounds the retries of
    ``BEGIN IMMEDIATE`` on top of it. Past both, a WorkspaceError says the workspace stayed busy.
    """

    def __init__(
        self, path: str | Path = DEFAULT_PATH, *, busy_timeout: float = 5.0, retry_for: float = 60.0
    ):
        self.path = Path(path)
        self.retry_for = retry_for
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise workspace_error(exc, self.path) from exc
        if self.path.is_dir():
            raise WorkspaceError(
                "is a folder, not a workspace file", path=str(self.path), hint="pass a file path"
            )
        exists = self.path.exists() and self.path.stat().st_size > 0
        if exists:
            self._check_identity()  # read-only: a file that is not ours is refused unchanged
        # an existing workspace we cannot write (file or folder read-only) is opened to read
        self.read_only = exists and not (
            os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        )
        try:
            if self.read_only:
                self.conn = _open_read_only(self.path, busy_timeout)
            else:
                self.conn = sqlite3.connect(
                    str(self.path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
                )
        except sqlite3.Error as exc:
            raise workspace_error(exc, self.path) from exc
        try:
            self._retry(lambda: self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}"))
            if not self.read_only:
                self._retry(lambda: self.conn.execute("PRAGMA journal_mode = WAL").fetchone())
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            self.conn.close()
            raise workspace_error(exc, self.path) from exc
        except WorkspaceError:
            self.conn.close()
            raise

    # -- lifecycle ----------------------------------------------------------------------------
    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    @property
    def schema_version(self) -> int:
        return int(self.query_one("PRAGMA user_version")[0])

    def integrity_check(self) -> str:
        """``ok`` when SQLite finds the file sound."""
        return str(self.query_one("PRAGMA integrity_check")[0])

    def _check_identity(self) -> None:
        """Refuse a file that is not a msgcheck workspace, reading it through a read-only connection: no
        journal-mode switch, no migration, nothing written to someone else's database."""
        try:
            probe = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
        except sqlite3.Error as exc:
            raise workspace_error(exc, self.path) from exc
        try:
            version, tables, app_id = probe.execute(_IDENTITY).fetchone()
        except sqlite3.Error as exc:
            if "unable to open" in str(exc) or "readonly" in str(exc):
                return  # a WAL file whose -shm cannot be made here; the real open decides
            raise workspace_error(exc, self.path) from exc
        finally:
            probe.close()
        _refuse_foreign(version, tables, app_id, self.path)

    def _migrate(self) -> None:
        # one statement, one snapshot: another process may be creating the workspace right now
        version, tables, app_id = self.conn.execute(_IDENTITY).fetchone()
        _refuse_foreign(version, tables, app_id, self.path)
        if version > len(MIGRATIONS):
            raise WorkspaceError(
                f"was written by a newer msgcheck (schema {version}; this one knows {len(MIGRATIONS)})",
                path=str(self.path),
                hint="upgrade msgcheck",
            )
        if version == len(MIGRATIONS):
            return
        if self.read_only:
            raise WorkspaceError(
                f"is read-only and needs an upgrade (schema {version} -> {len(MIGRATIONS)})",
                path=str(self.path),
                hint="make it and its folder writable once, so that msgcheck can upgrade it",
            )
        with self.transaction() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])  # another process may have won
            for number in range(version, len(MIGRATIONS)):
                for statement in _split_sql(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # -- transactions -------------------------------------------------------------------------
    def _retry(self, step: Any) -> Any:
        """Run ``step`` again while SQLite says busy (after its own busy_timeout), with jittered backoff."""
        deadline = time.monotonic() + self.retry_for
        delay = 0.02
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): all of it is saved, or none of it.

        Nested use joins the outer transaction through a savepoint. SQLite errors leave as WorkspaceError.
        """
        with self._lock:
            if self._depth:
                name = f"sp{self._depth}"
                self.conn.execute(f"SAVEPOINT {name}")
                self._depth += 1
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                    raise
                else:
                    self.conn.execute(f"RELEASE {name}")
                finally:
                    self._depth -= 1
                return
            try:
                self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
            except sqlite3.Error as exc:
                raise workspace_error(exc, self.path) from exc
            self._depth = 1
            try:
                yield self.conn
                self._retry(lambda: self.conn.execute("COMMIT"))
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise workspace_error(exc, self.path) from exc
                raise
            finally:
                self._depth = 0

    def query_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._retry(lambda: self.conn.execute(sql, params).fetchall())
            except sqlite3.Error as exc:
                raise workspace_error(exc, self.path) from exc

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        rows = self.query_all(sql, params)
        return rows[0] if rows else None
