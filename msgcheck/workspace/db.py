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
import json
import random
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError, WorkspaceError
from ..ingest import load_asset, load_transcript
from ..report import finding_to_dict, report_from_dict, report_to_dict
from ..types import CallReport, Coverage, Finding, Report, ScoredCall, ScoredFinding
from .codec import dumps, finding_hash, review_key, sha256_bytes

if TYPE_CHECKING:
    import numpy as np

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
    "finding_hash",
    "sha256_bytes",
]

DEFAULT_PATH = Path("msgcheck.db")
EXPORT_FORMAT = 1  # the "msgcheck_workspace" number in `workspace export` JSON
APPLICATION_ID = 0x6D736763  # "msgc" in the file header: tells a workspace from any other SQLite file
Decision = Literal["accept", "dismiss", "change_kind"]
DECISIONS: tuple[str, ...] = ("accept", "dismiss", "change_kind")
_FINDING_KINDS = ("contradiction", "weakened", "unsupported", "omission")
_UNCHANGED = object()  # set_claim_override: "leave this field as it is"

# Numbered migrations: MIGRATIONS[i] takes a workspace from user_version i to i + 1, in one transaction.
# Never edit a shipped migration; append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE asset_versions (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        format TEXT NOT NULL,
        source_path TEXT,
        text TEXT NOT NULL,
        data BLOB NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (campaign_id, name, content_hash),
        UNIQUE (campaign_id, name, version)
    );
    CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        campaign_id INTEGER REFERENCES campaigns(id),
        call_date TEXT,
        reps TEXT NOT NULL DEFAULT '[]',
        format TEXT NOT NULL,
        source_path TEXT,
        data BLOB NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE INDEX calls_campaign ON calls (campaign_id);
    CREATE TABLE turns (
        call_id INTEGER NOT NULL REFERENCES calls(id),
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        start REAL,
        role TEXT,
        PRIMARY KEY (call_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE judge_versions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        base TEXT NOT NULL,
        params TEXT NOT NULL,
        metrics TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        run_key TEXT NOT NULL UNIQUE,
        campaign_id INTEGER REFERENCES campaigns(id),
        started_at TEXT NOT NULL,
        model_id TEXT NOT NULL,
        judge_version TEXT NOT NULL,
        base_judge TEXT NOT NULL,
        msgcheck_version TEXT NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        assets TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE run_assets (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        asset_version_id INTEGER NOT NULL REFERENCES asset_versions(id),
        PRIMARY KEY (run_id, asset_version_id)
    ) WITHOUT ROWID;
    CREATE TABLE run_calls (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        call_id INTEGER NOT NULL REFERENCES calls(id),
        ordinal INTEGER NOT NULL,
        drift_score REAL NOT NULL,
        reps TEXT NOT NULL,
        prospects TEXT NOT NULL,
        role_source TEXT NOT NULL,
        error TEXT,
        coverage TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (run_id, call_id)
    ) WITHOUT ROWID;
    CREATE INDEX run_calls_call ON run_calls (call_id);
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        finding_hash TEXT NOT NULL UNIQUE,
        call_id INTEGER NOT NULL REFERENCES calls(id),
        kind TEXT NOT NULL,
        slot TEXT,
        transcript_text TEXT,
        asset_file TEXT,
        asset_text TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX findings_call ON findings (call_id);
    CREATE TABLE run_findings (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        finding_id INTEGER NOT NULL REFERENCES findings(id),
        ordinal INTEGER NOT NULL,
        raw_score REAL NOT NULL,
        score REAL NOT NULL,
        kept INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, finding_id)
    ) WITHOUT ROWID;
    CREATE INDEX run_findings_finding ON run_findings (finding_id);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        review_key TEXT NOT NULL UNIQUE,
        finding_id INTEGER NOT NULL REFERENCES findings(id),
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'dismiss', 'change_kind')),
        new_kind TEXT,
        reviewer TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE INDEX reviews_finding ON reviews (finding_id);
    CREATE TABLE embeddings (
        model_id TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (model_id, text_hash)
    ) WITHOUT ROWID;
    """,
    # 2: reviewers' edits to a campaign's claims (msgcheck.overrides applies them to a check)
    """
    CREATE TABLE claim_overrides (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        asset_file TEXT NOT NULL,
        text TEXT NOT NULL,
        headline INTEGER,
        retired INTEGER NOT NULL DEFAULT 0,
        manual INTEGER NOT NULL DEFAULT 0,
        author TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, asset_file, text)
    ) WITHOUT ROWID;
    """,
]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class CampaignRecord:
    id: int
    name: str
    created_at: str


@dataclass(frozen=True)
class AssetVersion:
    id: int
    campaign: str
    name: str  # file name
    version: int  # 1, 2, ... per (campaign, name)
    content_hash: str  # sha256 of the file bytes
    format: str
    source_path: str | None
    added_at: str


@dataclass(frozen=True)
class CallRecord:
    id: int
    name: str  # file name
    content_hash: str  # sha256 of the file bytes
    campaign: str | None
    date: str | None  # ISO date or timestamp, when the file or the user says
    reps: list[str]
    format: str
    source_path: str | None
    added_at: str


@dataclass(frozen=True)
class JudgeVersion:
    """A judge as the workspace applies it: a shipped base plus calibration parameters (JSON numbers)."""

    name: str
    base: str  # the shipped judge version it was fitted on (e.g. "rules-1")
    params: dict  # {"thresholds": {kind: t}, "logistic": {kind: {"coef": a, "intercept": b}}}
    metrics: dict = field(default_factory=dict)
    created_at: str = ""


@dataclass(frozen=True)
class RunRecord:
    id: int
    run_key: str
    campaign: str | None
    started_at: str
    model_id: str
    judge_version: str  # what was applied: the base, or a calibrated version fitted on it
    base_judge: str
    msgcheck_version: str
    settings: dict
    assets: list[str]
    calls: int = 0
    findings: int = 0  # kept findings


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    finding_id: int
    decision: str  # accept | dismiss | change_kind
    new_kind: str | None
    reviewer: str
    note: str
    created_at: str


@dataclass(frozen=True)
class FindingRecord:
    """A finding as last seen in a run, with its latest review."""

    id: int
    finding_hash: str
    call: str
    call_id: int
    run_id: int
    kind: str
    score: float  # as shown (calibrated when the run's judge version is calibrated)
    raw_score: float  # as the base judge scored it
    kept: bool  # False when the run's thresholds dropped it
    slot: str | None
    explanation: str
    transcript: dict | None
    asset: dict | None
    review: ReviewRecord | None = None

    @property
    def effective_kind(self) -> str:
        """The kind after review: a changed kind wins."""
        if self.review and self.review.decision == "change_kind" and self.review.new_kind:
            return self.review.new_kind
        return self.kind

    def to_finding(self) -> Finding:
        return Finding(self.kind, self.score, self.slot, self.explanation, self.transcript, self.asset)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ClaimOverride:
    """A reviewer's edit to one of a campaign's asset claims (keyed by asset file and claim text).

    ``headline``: True marks a headline promise (it drives omission), False says it is not one, None
    leaves it to the checker. ``retired``: the claim is no longer approved and is left out of checks.
    ``manual``: an approved claim added by hand rather than extracted from the asset.
    """

    campaign: str
    asset_file: str
    text: str
    headline: bool | None = None
    retired: bool = False
    manual: bool = False
    author: str = ""
    updated_at: str = ""


@dataclass
class CallResult:
    """A call's outcome in one run (kept findings only, scores as shown)."""

    call: CallRecord
    run_id: int
    judge_version: str
    reps: list[str]
    prospects: list[str]
    drift_score: float
    findings: list[Finding]
    coverage: list[Coverage]
    error: str | None = None


@dataclass
class ImportStats:
    """What an import added; anything already there is counted as unchanged."""

    added: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, what: str, added: bool) -> None:
        target = self.added if added else self.unchanged
        target[what] = target.get(what, 0) + 1

    def merge(self, other: ImportStats) -> None:
        for k, v in other.added.items():
            self.added[k] = self.added.get(k, 0) + v
        for k, v in other.unchanged.items():
            self.unchanged[k] = self.unchanged.get(k, 0) + v
        self.errors += other.errors

    @property
    def changed(self) -> bool:
        return any(self.added.values())


# --------------------------------------------------------------------------- helpers


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def call_date(name: str, data: bytes) -> str | None:
    """The call's date when the file says: a JSON ``started``/``date`` key, or YYYY-MM-DD in the name."""
    head = data[:4096].lstrip()
    if head.startswith(b"{"):
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            doc = json.loads(data.decode("utf-8-sig"))
            if isinstance(doc, dict):
                meta = doc.get("metaData") if isinstance(doc.get("metaData"), dict) else {}
                for source in (doc, meta):
                    for key in ("started", "date", "start_time", "startTime", "scheduled"):
                        value = source.get(key)
                        if isinstance(value, str) and _DATE.match(value):
                            return value
    m = _DATE.search(name)
    return m.group(1) if m else None


_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_busy(exc: sqlite3.Error) -> bool:
    code = _primary_code(exc)
    if code is not None:
        return code in _BUSY
    return "locked" in str(exc) or "busy" in str(exc)


def workspace_error(exc: BaseException, path: Path) -> WorkspaceError:
    """Turn an SQLite or OS error into a WorkspaceError that names the file and says what to do."""
    where = str(path)
    text = str(exc)
    code = _primary_code(exc) if isinstance(exc, sqlite3.Error) else None
    errno = getattr(exc, "errno", None)
    if code == 8 or "readonly" in text or "read-only" in text or errno == 30:  # SQLITE_READONLY, EROFS
        return WorkspaceError(
            "the workspace is read-only",
            path=where,
            hint=f"make it and its folder {path.parent} writable, or pass --workspace with a writable path",
        )
    if code == 13 or "disk is full" in text or errno == 28:  # SQLITE_FULL, ENOSPC
        return WorkspaceError(
            "the disk is full (or the workspace reached its size limit); the last step was not saved",
            path=where,
            hint="free some disk space and run the command again; nothing is lost or duplicated",
        )
    if code in _BUSY or (code is None and ("locked" in text or "busy" in text)):
        return WorkspaceError(
            "the workspace stayed busy: another msgcheck process is writing to it",
            path=where,
            hint="wait for it to finish and run the command again",
        )
    if code == 14 or "unable to open" in text:  # SQLITE_CANTOPEN
        return WorkspaceError(
            "cannot open the workspace file (or create its -wal and -shm companions)",
            path=where,
            hint=f"check that the folder {path.parent} exists and is writable, or pass another --workspace",
        )
    if code in (11, 26) or "not a database" in text or "malformed" in text:  # SQLITE_CORRUPT, SQLITE_NOTADB
        return WorkspaceError(
            "not a msgcheck workspace, or the file is damaged",
            path=where,
            hint="pass --workspace with a workspace file, or restore it from a `workspace export`",
        )
    if code == 10 or isinstance(exc, OSError):  # SQLITE_IOERR
        return WorkspaceError(
            f"cannot read or write the workspace: {getattr(exc, 'strerror', None) or text}",
            path=where,
            hint="check the disk and the file's permissions, then run the command again",
        )
    return WorkspaceError(
        f"workspace error: {text}", path=where, hint="run the command again; if it persists, report it"
    )


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script, so they can run inside one transaction (executescript commits)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --------------------------------------------------------------------------- the workspace


class Workspace:
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
        try:
            self.conn = sqlite3.connect(
                str(self.path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise workspace_error(exc, self.path) from exc
        try:
            self._retry(lambda: self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}"))
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

    def _migrate(self) -> None:
        # one statement, one snapshot: another process may be creating the workspace right now
        version, tables, app_id = self.conn.execute(
            "SELECT (SELECT user_version FROM pragma_user_version),"
            " (SELECT count(*) FROM sqlite_master WHERE type = 'table'),"
            " (SELECT application_id FROM pragma_application_id)"
        ).fetchone()
        if (version == 0 and tables) or (version and app_id != APPLICATION_ID):
            raise WorkspaceError(
                "is an SQLite file but not a msgcheck workspace",
                path=str(self.path),
                hint="pass --workspace with a new file name or an existing workspace",
            )
        if version > len(MIGRATIONS):
            raise WorkspaceError(
                f"was written by a newer msgcheck (schema {version}; this one knows {len(MIGRATIONS)})",
                path=str(self.path),
                hint="upgrade msgcheck",
            )
        if version == len(MIGRATIONS):
            return
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

    # -- campaigns and assets -----------------------------------------------------------------
    def add_campaign(self, name: str) -> int:
        """The campaign's id, creating it when new."""
        name = name.strip()
        if not name:
            raise InputError("a campaign needs a name", hint="pass --campaign NAME")
        with self.transaction() as conn:
            return self.campaign_id(conn, name, create=True)  # type: ignore[return-value]

    def campaign_id(self, conn: sqlite3.Connection, name: str | None, *, create: bool) -> int | None:
        if name is None:
            return None
        row = conn.execute("SELECT id FROM campaigns WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        if not create:
            raise WorkspaceError(
                f"no campaign named {name!r} in the workspace",
                path=str(self.path),
                hint="see `msgcheck workspace list campaigns`",
            )
        return int(
            conn.execute("INSERT INTO campaigns (name, created_at) VALUES (?, ?)", (name, _now())).lastrowid
        )

    def campaigns(self) -> list[CampaignRecord]:
        return [
            CampaignRecord(*r)
            for r in self.query_all("SELECT id, name, created_at FROM campaigns ORDER BY name")
        ]

    def add_asset_version(self, campaign: str, path: str | Path) -> tuple[AssetVersion, bool]:
        """Store an asset file as a version of ``campaign``'s asset of that name; (version, added).

        The same bytes under the same name are the same version: nothing changes. InputError when the
        file cannot be read as an asset.
        """

        p = Path(path)
        data = _read_bytes(p)
        known = self.query_one(
            "SELECT a.id FROM asset_versions a JOIN campaigns c ON c.id = a.campaign_id"
            " WHERE c.name = ? AND a.name = ? AND a.content_hash = ?",
            (campaign, p.name, sha256_bytes(data)),
        )
        if known:  # unchanged: not even parsed again
            return self.asset_version(int(known[0])), False
        doc = load_asset(p)
        return self.put_asset(campaign, p.name, data, doc.format, doc.text, str(p))

    def put_asset(
        self,
        campaign: str,
        name: str,
        data: bytes,
        fmt: str,
        text: str,
        source: str | None,
        version: int | None = None,
        added_at: str | None = None,
    ) -> tuple[AssetVersion, bool]:
        digest = sha256_bytes(data)
        with self.transaction() as conn:
            cid = self.campaign_id(conn, campaign, create=True)
            row = conn.execute(
                "SELECT id FROM asset_versions WHERE campaign_id = ? AND name = ? AND content_hash = ?",
                (cid, name, digest),
            ).fetchone()
            added = row is None
            if added:
                taken = (
                    version is not None
                    and conn.execute(
                        "SELECT 1 FROM asset_versions WHERE campaign_id = ? AND name = ? AND version = ?",
                        (cid, name, version),
                    ).fetchone()
                )
                if version is None or taken:
                    version = int(
                        conn.execute(
                            "SELECT coalesce(max(version), 0) + 1 FROM asset_versions WHERE campaign_id = ?"
                            " AND name = ?",
                            (cid, name),
                        ).fetchone()[0]
                    )
                aid = conn.execute(
                    "INSERT INTO asset_versions (campaign_id, name, version, content_hash, format,"
                    " source_path, text,"
                    " data, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (cid, name, version, digest, fmt, source, text, data, added_at or _now()),
                ).lastrowid
            else:
                aid = row[0]
        return self.asset_version(int(aid)), added

    def asset_version(self, asset_id: int) -> AssetVersion:
        rows = self._asset_rows("WHERE a.id = ?", (asset_id,))
        if not rows:
            raise WorkspaceError(f"no asset version {asset_id}", path=str(self.path))
        return rows[0]

    def _asset_rows(self, where: str, params: Sequence[Any]) -> list[AssetVersion]:
        rows = self.query_all(
            "SELECT a.id, c.name, a.name, a.version, a.content_hash, a.format, a.source_path, a.added_at"
            f" FROM asset_versions a JOIN campaigns c ON c.id = a.campaign_id {where}"
            " ORDER BY c.name, a.name, a.version",
            params,
        )
        return [AssetVersion(*r) for r in rows]

    def asset_versions(self, campaign: str | None = None, *, current: bool = False) -> list[AssetVersion]:
        """Asset versions, oldest first; ``current``: only the latest version of each asset name."""
        where, params = ("WHERE c.name = ?", [campaign]) if campaign else ("", [])
        rows = self._asset_rows(where, params)
        if current:
            latest: dict[tuple[str, str], AssetVersion] = {}
            for a in rows:
                latest[(a.campaign, a.name)] = a
            rows = list(latest.values())
        return rows

    def asset_bytes(self, asset_id: int) -> bytes:
        row = self.query_one("SELECT data FROM asset_versions WHERE id = ?", (asset_id,))
        if row is None:
            raise WorkspaceError(f"no asset version {asset_id}", path=str(self.path))
        return bytes(row[0])

    # -- calls --------------------------------------------------------------------------------
    def add_call(
        self, path: str | Path, *, campaign: str | None = None, date: str | None = None
    ) -> tuple[CallRecord, bool]:
        """Store a call transcript keyed by the sha256 of its bytes; (call, added).

        A call already stored changes only where it had no campaign or date. InputError when the
        file cannot be read as a transcript.
        """

        p = Path(path)
        data = _read_bytes(p)
        date = date or call_date(p.name, data)
        if self.query_one("SELECT 1 FROM calls WHERE content_hash = ?", (sha256_bytes(data),)):
            return self.put_call(p.name, data, "", str(p), campaign, date, [], [])  # unchanged: not parsed
        transcript = load_transcript(p)
        turns = [
            (u.index, u.speaker, u.start, transcript.roles.get(u.speaker)) for u in transcript.utterances
        ]
        reps = transcript.speakers_with("rep")
        return self.put_call(p.name, data, transcript.format, str(p), campaign, date, reps, turns)

    def put_call(
        self,
        name: str,
        data: bytes,
        fmt: str,
        source: str | None,
        campaign: str | None,
        date: str | None,
        reps: list[str],
        turns: list[tuple],
        added_at: str | None = None,
    ) -> tuple[CallRecord, bool]:
        digest = sha256_bytes(data)
        with self.transaction() as conn:
            cid = self.campaign_id(conn, campaign, create=True)
            row = conn.execute(
                "SELECT id, campaign_id, call_date FROM calls WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row is None:
                call_id = int(
                    conn.execute(
                        "INSERT INTO calls (content_hash, name, campaign_id, call_date, reps, format,"
                        " source_path,"
                        " data, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (digest, name, cid, date, dumps(reps), fmt, source, data, added_at or _now()),
                    ).lastrowid
                )
                conn.executemany(
                    "INSERT INTO turns (call_id, idx, speaker, start, role) VALUES (?, ?, ?, ?, ?)",
                    [(call_id, *t) for t in turns],
                )
                added = True
            else:
                call_id, added = int(row[0]), False
                if row[1] is None and cid is not None:
                    conn.execute("UPDATE calls SET campaign_id = ? WHERE id = ?", (cid, call_id))
                    added = True
                if row[2] is None and date is not None:
                    conn.execute("UPDATE calls SET call_date = ? WHERE id = ?", (date, call_id))
                    added = True
        return self.call(call_id), added

    _CALL_SQL = (
        "SELECT k.id, k.name, k.content_hash, c.name, k.call_date, k.reps, k.format, k.source_path,"
        " k.added_at"
        " FROM calls k LEFT JOIN campaigns c ON c.id = k.campaign_id"
    )

    def _call_rows(self, where: str, params: Sequence[Any]) -> list[CallRecord]:
        rows = self.query_all(
            f"{self._CALL_SQL} {where} ORDER BY k.call_date IS NULL, k.call_date, k.id", params
        )
        return [CallRecord(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8]) for r in rows]

    def call(self, ref: int | str) -> CallRecord:
        """A call by id, content hash, or file name (the latest call of that name)."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            rows = self._call_rows("WHERE k.id = ?", (int(ref),))
        else:
            rows = self._call_rows("WHERE k.content_hash = ? OR k.name = ?", (ref, ref))
        if not rows:
            raise WorkspaceError(
                f"no call {ref!r} in the workspace",
                path=str(self.path),
                hint="see `msgcheck workspace list calls`",
            )
        return max(rows, key=lambda c: c.id)

    def calls(self, campaign: str | None = None) -> list[CallRecord]:
        """Calls in date order (undated last, in the order they were added)."""
        if campaign:
            return self._call_rows("WHERE c.name = ?", (campaign,))
        return self._call_rows("", ())

    def call_bytes(self, call_id: int) -> bytes:
        row = self.query_one("SELECT data FROM calls WHERE id = ?", (call_id,))
        if row is None:
            raise WorkspaceError(f"no call {call_id}", path=str(self.path))
        return bytes(row[0])

    def turns(self, call_id: int) -> list[tuple[int, str, float | None]]:
        """The call's utterances as (index, speaker, start seconds), in order."""
        return [
            (int(i), s, st)
            for i, s, st in self.query_all(
                "SELECT idx, speaker, start FROM turns WHERE call_id = ? ORDER BY idx", (call_id,)
            )
        ]

    # -- judge versions -----------------------------------------------------------------------
    def add_judge_version(self, version: JudgeVersion, *, activate: bool = True) -> JudgeVersion:
        """Store a calibrated judge version (never replacing one of the same name); make it active."""
        with self.transaction() as conn:
            created = version.created_at or _now()
            conn.execute(
                "INSERT INTO judge_versions (name, base, params, metrics, created_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (name) DO NOTHING",
                (version.name, version.base, dumps(version.params), dumps(version.metrics), created),
            )
            if activate:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES ('active_judge', ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (version.name,),
                )
        return self.judge_version(version.name)  # type: ignore[return-value]

    def judge_version(self, name: str) -> JudgeVersion | None:
        row = self.query_one(
            "SELECT name, base, params, metrics, created_at FROM judge_versions WHERE name = ?", (name,)
        )
        return (
            None
            if row is None
            else JudgeVersion(row[0], row[1], json.loads(row[2]), json.loads(row[3]), row[4])
        )

    def judge_versions(self) -> list[JudgeVersion]:
        rows = self.query_all(
            "SELECT name, base, params, metrics, created_at FROM judge_versions ORDER BY id"
        )
        return [JudgeVersion(r[0], r[1], json.loads(r[2]), json.loads(r[3]), r[4]) for r in rows]

    def active_judge(self) -> JudgeVersion | None:
        """The calibrated judge version later checks apply; None: the shipped judge as is."""
        row = self.query_one("SELECT value FROM settings WHERE key = 'active_judge'")
        return None if row is None else self.judge_version(row[0])

    def set_active_judge(self, name: str | None) -> None:
        """Apply this calibrated version from now on (None: back to the shipped judge)."""
        with self.transaction() as conn:
            if name is None:
                conn.execute("DELETE FROM settings WHERE key = 'active_judge'")
                return
            if conn.execute("SELECT 1 FROM judge_versions WHERE name = ?", (name,)).fetchone() is None:
                raise WorkspaceError(
                    f"no judge version {name!r}",
                    path=str(self.path),
                    hint="see `msgcheck workspace list judges`",
                )
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('active_judge', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (name,),
            )

    # -- runs and findings --------------------------------------------------------------------
    def record_run(
        self,
        report: Report,
        *,
        campaign: str | None = None,
        model_id: str = "",
        base_judge: str = "",
        judge_version: str | None = None,
        scored: Sequence[ScoredCall] | None = None,
        settings: dict | None = None,
        calls: Sequence[int | None] | None = None,
        assets: Sequence[int] | None = None,
        run_key: str | None = None,
        started_at: str | None = None,
    ) -> int:
        """Store a check's report as a run; returns the run id.

        The store only stores: ``scored`` (one ``ScoredCall`` per report call, from
        ``msgcheck.calibrate.score_report``) gives each finding's raw and shown score and whether it is
        kept, and each call's drift score; without it every finding is kept as scored. ``judge_version``
        is the judge that made the shown scores (default ``base_judge``). ``calls`` gives each report call's
        call id in order (None: not stored, skipped); by default calls are found by file name. ``assets``
        are the asset version ids checked against (default: the campaign's current versions named in the
        report). A ``run_key`` already stored returns that run unchanged.
        """
        applied = judge_version or base_judge
        key = run_key or uuid.uuid4().hex
        if scored is not None and len(scored) != len(report.calls):
            raise ValueError("record_run: scored must give one entry per report call")
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM runs WHERE run_key = ?", (key,)).fetchone()
            if row:
                return int(row[0])
            cid = self.campaign_id(conn, campaign, create=True)
            run_id = int(
                conn.execute(
                    "INSERT INTO runs (run_key, campaign_id, started_at, model_id, judge_version, base_judge,"
                    " msgcheck_version, settings, assets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        cid,
                        started_at or _now(),
                        model_id,
                        applied,
                        base_judge,
                        report.msgcheck_version,
                        dumps(dict(settings or {})),
                        dumps(list(report.assets)),
                    ),
                ).lastrowid
            )
            if assets is None and cid is not None:
                assets = [
                    a.id
                    for a in self.asset_versions(campaign, current=True)
                    if not report.assets or a.name in report.assets
                ]
            conn.executemany(
                "INSERT OR IGNORE INTO run_assets (run_id, asset_version_id) VALUES (?, ?)",
                [(run_id, a) for a in assets or ()],
            )
            for ordinal, call_report in enumerate(report.calls):
                call_id = (
                    calls[ordinal]
                    if calls is not None
                    else self._call_id_by_name(conn, call_report.call, cid)
                )
                if call_id is None:
                    continue
                call_hash = conn.execute(
                    "SELECT content_hash FROM calls WHERE id = ?", (call_id,)
                ).fetchone()[0]
                entry = scored[ordinal] if scored is not None else ScoredCall.as_reported(call_report)
                self._record_findings(conn, run_id, call_id, call_hash, entry.findings)
                conn.execute(
                    "INSERT INTO run_calls (run_id, call_id, ordinal, drift_score, reps, prospects,"
                    " role_source,"
                    " error, coverage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        run_id,
                        call_id,
                        ordinal,
                        float(entry.drift_score),
                        dumps(call_report.reps),
                        dumps(call_report.prospects),
                        dumps(call_report.role_source),
                        call_report.error,
                        dumps([_coverage_dict(c) for c in call_report.coverage]),
                    ),
                )
                if not call_report.error:
                    conn.execute("UPDATE calls SET reps = ? WHERE id = ?", (dumps(call_report.reps), call_id))
                    if cid is not None:
                        conn.execute(
                            "UPDATE calls SET campaign_id = ? WHERE id = ? AND campaign_id IS NULL",
                            (cid, call_id),
                        )
        return run_id

    def _call_id_by_name(self, conn: sqlite3.Connection, name: str, campaign_id: int | None) -> int | None:
        rows = conn.execute(
            "SELECT id, campaign_id FROM calls WHERE name = ? ORDER BY id DESC", (name,)
        ).fetchall()
        same = (
            [r[0] for r in rows if r[1] == campaign_id]
            or [r[0] for r in rows if r[1] is None]
            or [r[0] for r in rows]
        )
        return int(same[0]) if same else None

    def _record_findings(
        self,
        conn: sqlite3.Connection,
        run_id: int,
        call_id: int,
        call_hash: str,
        findings: Sequence[ScoredFinding],
    ) -> None:
        seen: dict[tuple, int] = {}
        now = _now()
        for ordinal, sf in enumerate(findings):
            f = sf.finding
            t_text = (f.transcript or {}).get("text")
            a_text = (f.asset or {}).get("text")
            identity = (f.kind, t_text, a_text)
            occurrence = seen.get(identity, 0)
            seen[identity] = occurrence + 1
            digest = finding_hash(call_hash, f.kind, t_text, a_text, occurrence)
            conn.execute(
                "INSERT INTO findings (finding_hash, call_id, kind, slot, transcript_text, asset_file,"
                " asset_text,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (finding_hash) DO NOTHING",
                (digest, call_id, f.kind, f.slot, t_text, (f.asset or {}).get("file"), a_text, now),
            )
            fid = conn.execute("SELECT id FROM findings WHERE finding_hash = ?", (digest,)).fetchone()[0]
            conn.execute(
                "INSERT INTO run_findings (run_id, finding_id, ordinal, raw_score, score, kept, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (run_id, fid, ordinal, sf.raw_score, sf.score, int(sf.kept), dumps(finding_to_dict(f))),
            )

    _RUN_SQL = (
        "SELECT r.id, r.run_key, c.name, r.started_at, r.model_id, r.judge_version, r.base_judge,"
        " r.msgcheck_version, r.settings, r.assets,"
        " (SELECT count(*) FROM run_calls rc WHERE rc.run_id = r.id),"
        " (SELECT count(*) FROM run_findings rf WHERE rf.run_id = r.id AND rf.kept)"
        " FROM runs r LEFT JOIN campaigns c ON c.id = r.campaign_id"
    )

    def _run_rows(self, where: str, params: Sequence[Any]) -> list[RunRecord]:
        rows = self.query_all(f"{self._RUN_SQL} {where} ORDER BY r.id", params)
        return [RunRecord(*r[:8], json.loads(r[8]), json.loads(r[9]), r[10], r[11]) for r in rows]  # type: ignore[misc]

    def runs(self, campaign: str | None = None) -> list[RunRecord]:
        """Runs, oldest first."""
        return self._run_rows("WHERE c.name = ?", (campaign,)) if campaign else self._run_rows("", ())

    def run(self, run_id: int | None = None) -> RunRecord:
        """A run by id; the latest run when ``run_id`` is None."""
        rows = (
            self._run_rows("WHERE r.id = ?", (run_id,)) if run_id is not None else self._run_rows("", ())[-1:]
        )
        if not rows:
            what = f"no run {run_id}" if run_id is not None else "no runs yet"
            raise WorkspaceError(
                f"{what} in the workspace",
                path=str(self.path),
                hint="record one with `msgcheck check --workspace`",
            )
        return rows[0]

    def run_assets(self, run_id: int) -> list[AssetVersion]:
        return self._asset_rows(
            "WHERE a.id IN (SELECT asset_version_id FROM run_assets WHERE run_id = ?)", (run_id,)
        )

    def run_report(self, run_id: int | None = None) -> Report:
        """The report as the run showed it: kept findings only, with the applied judge's scores."""

        run = self.run(run_id)
        calls: list[CallReport] = []
        for call_id, name, drift, reps, prospects, role_source, error, coverage in self.query_all(
            "SELECT rc.call_id, k.name, rc.drift_score, rc.reps, rc.prospects, rc.role_source, rc.error,"
            " rc.coverage"
            " FROM run_calls rc JOIN calls k ON k.id = rc.call_id WHERE rc.run_id = ? ORDER BY rc.ordinal",
            (run.id,),
        ):
            findings = [
                r.to_finding()
                for r in self._finding_rows(
                    "WHERE rf.run_id = ? AND rf.call_id_ = ? AND rf.kept", (run.id, call_id)
                )
            ]
            calls.append(
                CallReport(
                    call=name,
                    reps=json.loads(reps),
                    prospects=json.loads(prospects),
                    drift_score=float(drift),
                    findings=findings,
                    coverage=[Coverage(**c) for c in json.loads(coverage)],
                    role_source=json.loads(role_source),
                    error=error,
                )
            )
        report = Report(calls=calls, assets=list(run.assets), msgcheck_version=run.msgcheck_version)
        # through the documented schema once, so a stored run reads back exactly like a JSON report

        return report_from_dict(report_to_dict(report))

    _FINDING_SQL = (
        "SELECT * FROM (SELECT f.id, f.finding_hash, k.name, k.id AS call_id_, rf.run_id, f.kind, rf.score,"
        " rf.raw_score, rf.kept, rf.data, rf.ordinal,"
        " row_number() OVER (PARTITION BY f.id ORDER BY rf.run_id DESC) AS latest"
        " FROM findings f JOIN run_findings rf ON rf.finding_id = f.id JOIN calls k ON k.id = f.call_id"
        " JOIN runs r ON r.id = rf.run_id LEFT JOIN campaigns c ON c.id = r.campaign_id {inner}) rf"
    )

    def _finding_rows(self, where: str, params: Sequence[Any], inner: str = "") -> list[FindingRecord]:
        rows = self.query_all(
            f"{self._FINDING_SQL.format(inner=inner)} {where} ORDER BY rf.run_id, rf.call_id_, rf.ordinal",
            params,
        )
        reviews = self._latest_reviews([r[0] for r in rows])
        out = []
        for fid, digest, call, call_id, run_id, kind, score, raw, kept, data, _ordinal, _latest in rows:
            d = json.loads(data)
            out.append(
                FindingRecord(
                    id=fid,
                    finding_hash=digest,
                    call=call,
                    call_id=call_id,
                    run_id=run_id,
                    kind=kind,
                    score=float(score),
                    raw_score=float(raw),
                    kept=bool(kept),
                    slot=d.get("slot"),
                    explanation=d.get("explanation", ""),
                    transcript=d.get("transcript"),
                    asset=d.get("asset"),
                    review=reviews.get(fid),
                )
            )
        return out

    def findings(
        self,
        *,
        run_id: int | None = None,
        campaign: str | None = None,
        call: int | str | None = None,
        kind: str | None = None,
        reviewed: bool | None = None,
        include_dropped: bool = False,
    ) -> list[FindingRecord]:
        """Findings with their latest review: of one run, or each finding as last seen in any run."""
        where, params = [], []
        inner = ""
        if run_id is not None:
            where.append("rf.run_id = ?")
            params.append(run_id)
        else:
            where.append("rf.latest = 1")
        if campaign is not None:
            inner = "WHERE c.name = ?"
            params.insert(0, campaign)
        if call is not None:
            where.append("rf.call_id_ = ?")
            params.append(self.call(call).id)
        if kind is not None:
            where.append("rf.kind = ?")
            params.append(kind)
        if not include_dropped:
            where.append("rf.kept")
        rows = self._finding_rows("WHERE " + " AND ".join(where), params, inner)
        if reviewed is not None:
            rows = [r for r in rows if (r.review is not None) == reviewed]
        return rows

    def finding(self, finding_id: int) -> FindingRecord:
        rows = self._finding_rows("WHERE rf.id = ? AND rf.latest = 1", (finding_id,))
        if not rows:
            raise WorkspaceError(
                f"no finding {finding_id} in the workspace",
                path=str(self.path),
                hint="see `msgcheck workspace list findings`",
            )
        return rows[0]

    # -- reviews ------------------------------------------------------------------------------
    def review(
        self,
        finding_id: int,
        decision: str,
        reviewer: str,
        note: str = "",
        new_kind: str | None = None,
        *,
        created_at: str | None = None,
    ) -> ReviewRecord:
        """Record a reviewer's decision on a finding: accept, dismiss, or change_kind (with ``new_kind``).

        Reviews are kept as history; the latest one is the finding's review. The same review recorded
        twice (same finding, decision, kind, reviewer, note and time) is stored once.
        """
        if decision not in DECISIONS:
            raise InputError(
                f"unknown review decision {decision!r}", hint=f"use one of {', '.join(DECISIONS)}"
            )
        if decision == "change_kind":
            if new_kind not in _FINDING_KINDS:
                raise InputError(
                    f"change_kind needs a new kind, got {new_kind!r}",
                    hint=f"use one of {', '.join(_FINDING_KINDS)}",
                )
        else:
            new_kind = None
        if not reviewer.strip():
            raise InputError("a review needs a reviewer", hint="pass --reviewer NAME")
        created_at = created_at or _now()
        with self.transaction() as conn:
            row = conn.execute("SELECT finding_hash FROM findings WHERE id = ?", (finding_id,)).fetchone()
            if row is None:
                raise WorkspaceError(
                    f"no finding {finding_id} in the workspace",
                    path=str(self.path),
                    hint="see `msgcheck workspace list findings`",
                )
            key = review_key(row[0], decision, new_kind, reviewer, note, created_at)
            conn.execute(
                "INSERT INTO reviews (review_key, finding_id, decision, new_kind, reviewer, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_key) DO NOTHING",
                (key, finding_id, decision, new_kind, reviewer, note, created_at),
            )
            rid = conn.execute("SELECT id FROM reviews WHERE review_key = ?", (key,)).fetchone()[0]
        return self._reviews("WHERE id = ?", (rid,))[0]

    def _reviews(self, where: str, params: Sequence[Any]) -> list[ReviewRecord]:
        rows = self.query_all(
            f"SELECT id, finding_id, decision, new_kind, reviewer, note, created_at FROM reviews {where}"
            f" ORDER BY created_at, id",
            params,
        )
        return [ReviewRecord(*r) for r in rows]

    def reviews(self, finding_id: int | None = None) -> list[ReviewRecord]:
        """Every review (history), oldest first."""
        return (
            self._reviews("WHERE finding_id = ?", (finding_id,))
            if finding_id is not None
            else self._reviews("", ())
        )

    def _latest_reviews(self, finding_ids: list[int]) -> dict[int, ReviewRecord]:
        out: dict[int, ReviewRecord] = {}
        for chunk in _chunks(sorted(set(finding_ids))):
            marks = ",".join("?" * len(chunk))
            for r in self._reviews(f"WHERE finding_id IN ({marks})", chunk):
                out[r.finding_id] = r  # ordered by time: the last one wins
        return out

    # -- results for the ledger ---------------------------------------------------------------
    def call_results(self, campaign: str | None = None) -> list[CallResult]:
        """Each call's latest run result (calls in date order); calls never checked are left out."""
        out: list[CallResult] = []
        calls = {c.id: c for c in self.calls(campaign)}
        rows = self.query_all(
            "SELECT rc.call_id, rc.run_id, r.judge_version, rc.reps, rc.prospects, rc.drift_score,"
            " rc.coverage, rc.error"
            " FROM run_calls rc JOIN runs r ON r.id = rc.run_id"
            " WHERE rc.run_id = (SELECT max(run_id) FROM run_calls x WHERE x.call_id = rc.call_id)"
        )
        by_call = {r[0]: r for r in rows}
        for call_id, call in calls.items():
            if call_id not in by_call:
                continue
            _, run_id, judge, reps, prospects, drift, coverage, error = by_call[call_id]
            findings = [
                f.to_finding()
                for f in self._finding_rows(
                    "WHERE rf.run_id = ? AND rf.call_id_ = ? AND rf.kept", (run_id, call_id)
                )
            ]
            out.append(
                CallResult(
                    call=call,
                    run_id=run_id,
                    judge_version=judge,
                    reps=json.loads(reps),
                    prospects=json.loads(prospects),
                    drift_score=float(drift),
                    findings=findings,
                    coverage=[Coverage(**c) for c in json.loads(coverage)],
                    error=error,
                )
            )
        return out

    # -- claim overrides ----------------------------------------------------------------------
    def set_claim_override(
        self,
        campaign: str,
        asset_file: str,
        text: str,
        *,
        headline: bool | object | None = _UNCHANGED,
        retired: bool | None = None,
        manual: bool | None = None,
        author: str = "",
    ) -> ClaimOverride | None:
        """Mark, unmark, retire or add (``manual=True``) a campaign claim; fields not given stay as they
        are. Returns the override, or None when it no longer changes anything (its row is removed)."""
        text, asset_file = text.strip(), asset_file.strip()
        if not text or not asset_file:
            raise InputError("a claim override needs an asset file and the claim's text")
        with self.transaction() as conn:
            cid = self.campaign_id(conn, campaign, create=False)
            row = conn.execute(
                "SELECT headline, retired, manual FROM claim_overrides"
                " WHERE campaign_id = ? AND asset_file = ? AND text = ?",
                (cid, asset_file, text),
            ).fetchone()
            old_headline, old_retired, old_manual = row if row else (None, 0, 0)
            new_headline = old_headline if headline is _UNCHANGED else headline
            values = (
                None if new_headline is None else int(bool(new_headline)),
                int(old_retired if retired is None else retired),
                int(old_manual if manual is None else manual),
            )
            if values == (None, 0, 0):
                conn.execute(
                    "DELETE FROM claim_overrides WHERE campaign_id = ? AND asset_file = ? AND text = ?",
                    (cid, asset_file, text),
                )
                return None
            conn.execute(
                "INSERT INTO claim_overrides (campaign_id, asset_file, text, headline, retired, manual,"
                " author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (campaign_id, asset_file, text) DO UPDATE SET headline = excluded.headline,"
                " retired = excluded.retired,"
                " manual = excluded.manual, author = excluded.author, updated_at = excluded.updated_at",
                (cid, asset_file, text, *values, author, _now()),
            )
        return next(o for o in self.claim_overrides(campaign) if (o.asset_file, o.text) == (asset_file, text))

    def claim_overrides(self, campaign: str) -> list[ClaimOverride]:
        """The campaign's claim overrides, by asset file then text."""
        rows = self.query_all(
            "SELECT o.asset_file, o.text, o.headline, o.retired, o.manual, o.author, o.updated_at"
            " FROM claim_overrides o JOIN campaigns c ON c.id = o.campaign_id WHERE c.name = ?"
            " ORDER BY o.asset_file, o.text",
            (campaign,),
        )
        return [
            ClaimOverride(campaign, f, t, None if h is None else bool(h), bool(r), bool(m), a, u)
            for f, t, h, r, m, a, u in rows
        ]

    # -- embeddings (msgcheck.embed.VectorStore) ----------------------------------------------
    def load_vectors(self, model_id: str, keys: list[str]) -> dict[str, np.ndarray]:
        import numpy as np

        out: dict[str, np.ndarray] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for key, blob in self.query_all(
                f"SELECT text_hash, vector FROM embeddings WHERE model_id = ? AND text_hash IN ({marks})",
                [model_id, *chunk],
            ):
                out[key] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        return out

    def save_vectors(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        import numpy as np

        if not vectors:
            return
        rows = []
        for key, vec in vectors.items():
            v = np.asarray(vec, dtype="<f4").ravel()
            rows.append((model_id, key, int(v.shape[0]), v.tobytes()))
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                rows,
            )

    def counts(self) -> dict[str, int]:
        """How many of each thing the workspace holds."""
        tables = (
            "campaigns",
            "asset_versions",
            "calls",
            "runs",
            "findings",
            "reviews",
            "judge_versions",
            "embeddings",
        )
        return {t: int(self.query_one(f"SELECT count(*) FROM {t}")[0]) for t in tables}  # type: ignore[index]


def _coverage_dict(c: Coverage) -> dict:
    return {"asset_file": c.asset_file, "text": c.text, "status": c.status, "headline": bool(c.headline)}


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}", path=str(p), hint="check the path"
        ) from exc
