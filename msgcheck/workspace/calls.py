"""Call transcripts: stored once by content, with their turns and reps."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import WorkspaceError
from ..ingest import parse_transcript
from .codec import dumps, sha256_bytes

if TYPE_CHECKING:
    pass

from .records import CallRecord, _now, _read_bytes, call_date


class CallsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

    def add_call(
        self, path: str | Path, *, campaign: str | None = None, date: str | None = None
    ) -> tuple[CallRecord, bool]:
        """Store a call transcript keyed by the sha256 of its bytes; (call, added).

        A call already stored changes only where it had no campaign or date. InputError when the
        file cannot be read as a transcript.
        """

        p = Path(path)
        return self.add_call_bytes(p.name, _read_bytes(p), campaign=campaign, date=date, source_path=str(p))

    def add_call_bytes(
        self,
        name: str,
        data: bytes,
        *,
        campaign: str | None = None,
        date: str | None = None,
        source_path: str | None = None,
    ) -> tuple[CallRecord, bool]:
        """``add_call`` for an upload: the file's name and bytes, parsed as they are."""
        date = date or call_date(name, data)
        if self.query_one("SELECT 1 FROM calls WHERE content_hash = ?", (sha256_bytes(data),)):
            return self.put_call(name, data, "", source_path, campaign, date, [], [])  # unchanged: not parsed
        transcript = parse_transcript(name, data, where=source_path or name)
        turns = [
            (u.index, u.speaker, u.start, transcript.roles.get(u.speaker)) for u in transcript.utterances
        ]
        reps = transcript.speakers_with("rep")
        return self.put_call(name, data, transcript.format, source_path, campaign, date, reps, turns)

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

    def confirm_reps(self, call_id: int, reps: Sequence[str]) -> None:
        """A reviewer's word on who the call's reps are: every later check of the call uses it."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE calls SET reps = ?, reps_confirmed = 1 WHERE id = ?", (dumps(list(reps)), call_id)
            )

    def confirmed_reps(self, call_id: int) -> list[str] | None:
        """The reps a reviewer named for the call, or None when they are inferred or from the file."""
        row = self.query_one("SELECT reps, reps_confirmed FROM calls WHERE id = ?", (call_id,))
        return json.loads(row[0]) if row and row[1] else None

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
