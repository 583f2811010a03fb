"""The workspace's records (plain dataclasses), its constants, and the SQLite plumbing every part uses."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError, WorkspaceError
from ..kinds import FINDING_KINDS
from ..report.schema import promise_to_dict
from ..types import CallReport, Coverage, FileError, Finding

if TYPE_CHECKING:
    pass


DEFAULT_PATH = Path("msgcheck.db")
EXPORT_FORMAT = 1  # the "msgcheck_workspace" number in `workspace export` JSON
APPLICATION_ID = 0x6D736763  # "msgc" in the file header: tells a workspace from any other SQLite file
Decision = Literal["accept", "dismiss", "change_kind"]
DECISIONS: tuple[str, ...] = ("accept", "dismiss", "change_kind")
_FINDING_KINDS = FINDING_KINDS
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
    # 3: how sure each call's roles are ({"uncertain": reason, "confidence": {speaker: p}, "evidence": {...}}),
    # and whether a reviewer named a call's reps (`workspace set-reps`): re-checks keep them
    """
    ALTER TABLE run_calls ADD COLUMN roles TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE calls ADD COLUMN reps_confirmed INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: the account (the prospect's company) a call belongs to, when the command line or a reviewer named it
    # (`workspace set-account`, the app's Journey page); the file's own account and inferred ones are read
    # at journey time (msgcheck.journey). `date_source` says who set call_date: "" file or name, "reviewer".
    """
    ALTER TABLE calls ADD COLUMN account TEXT;
    ALTER TABLE calls ADD COLUMN account_source TEXT NOT NULL DEFAULT '';
    ALTER TABLE calls ADD COLUMN date_source TEXT NOT NULL DEFAULT '';
    CREATE INDEX calls_account ON calls (account);
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
    settings: dict  # how it ran; "asset_errors": the assets it left out, [{"file", "error"}]
    assets: list[str]
    calls: int = 0
    findings: int = 0  # kept findings

    @property
    def asset_errors(self) -> list[FileError]:
        """The assets this run left out (unreadable, hidden), each with its reason, as its report said."""
        return [
            FileError(str(e.get("file", "")), str(e.get("error", "")))
            for e in self.settings.get("asset_errors") or []
            if isinstance(e, dict)
        ]


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


def roles_to_json(call: CallReport, finding_ids: Sequence[int] = ()) -> str:
    """A call's role confidence, evidence and uncertainty, as run_calls.roles stores them, with its promise
    checklist (no migration needed: the column is a JSON object). ``finding_ids``: the stored id of each
    of the call's findings, so a checklist line points to its finding whatever the run kept."""
    promises = []
    for p in call.promises:
        d = promise_to_dict(p)
        i = d.pop("finding")
        d["finding_id"] = finding_ids[i] if i is not None and i < len(finding_ids) else None
        promises.append(d)
    return json.dumps(
        {
            "uncertain": call.roles_uncertain,
            "confidence": call.role_confidence,
            "evidence": call.role_evidence,
            "promises": promises,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def roles_from_json(text: str | None) -> dict:
    """run_calls.roles back as CallReport keyword arguments (empty for runs stored before migration 3)."""
    data = json.loads(text or "{}")
    return {
        "roles_uncertain": data.get("uncertain", ""),
        "role_confidence": data.get("confidence", {}),
        "role_evidence": data.get("evidence", {}),
    }


def promises_from_json(text: str | None) -> list[dict]:
    """The promise checklist run_calls.roles stores: promise_to_dict's keys with ``finding_id`` (the
    stored finding) for ``finding``; empty for runs stored before checklists were recorded."""
    return list(json.loads(text or "{}").get("promises") or [])


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


def _coverage_dict(c: Coverage) -> dict:
    return {"asset_file": c.asset_file, "text": c.text, "status": c.status, "headline": bool(c.headline)}


def _read_bytes(p: Path) -> bytes:
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}", path=str(p), hint="check the path"
        ) from exc
