"""Judge versions: the shipped judge and reviewer-calibrated ones; one is active."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..errors import WorkspaceError
from .codec import dumps

if TYPE_CHECKING:
    pass

from .records import JudgeVersion, _now


class JudgeVersionsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

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
