"""Each call's latest results, as the ledger reads them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..types import Coverage

if TYPE_CHECKING:
    pass

from .records import CallResult


class ResultsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

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
