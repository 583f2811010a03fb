"""Reviewers' decisions on findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, WorkspaceError
from .codec import review_key

if TYPE_CHECKING:
    pass

from .records import _FINDING_KINDS, DECISIONS, ReviewRecord, _chunks, _now


class ReviewsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

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
