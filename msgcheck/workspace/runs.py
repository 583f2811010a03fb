"""Runs of a check and their findings, stored as scored before they got here."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import WorkspaceError
from ..report import finding_to_dict, report_from_dict, report_to_dict
from ..report.score import drift_score
from ..types import CallReport, Coverage, Finding, PromiseCheck, Report, ScoredCall, ScoredFinding
from .codec import dumps, finding_hash

if TYPE_CHECKING:
    pass

from .records import (
    AssetVersion,
    FindingRecord,
    RunRecord,
    _chunks,
    _coverage_dict,
    _now,
    promises_from_json,
    roles_from_json,
    roles_to_json,
)


class RunsMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

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
        """Store a check's report as a run; returns the run id. The report's ``asset_errors`` (assets
        left out) are kept in the run's ``settings`` and come back with ``run_report``.

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
        settings = dict(settings or {})
        if report.asset_errors:  # kept with the run (no column of their own): shown whenever it is shown
            settings["asset_errors"] = [{"file": e.file, "error": e.error} for e in report.asset_errors]
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
                        dumps(settings),
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
                fids = self._record_findings(conn, run_id, call_id, call_hash, entry.findings)
                conn.execute(
                    "INSERT INTO run_calls (run_id, call_id, ordinal, drift_score, reps, prospects,"
                    " role_source,"
                    " error, coverage, roles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
                        roles_to_json(call_report, fids),
                    ),
                )
                if not call_report.error:
                    conn.execute(
                        "UPDATE calls SET reps = ? WHERE id = ? AND NOT reps_confirmed",
                        (dumps(call_report.reps), call_id),
                    )
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
    ) -> list[int]:
        """Store one call's findings in a run; returns their ids in order."""
        seen: dict[tuple, int] = {}
        ids = []
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
            ids.append(int(fid))
            conn.execute(
                "INSERT INTO run_findings (run_id, finding_id, ordinal, raw_score, score, kept, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (run_id, fid, ordinal, sf.raw_score, sf.score, int(sf.kept), dumps(finding_to_dict(f))),
            )
        return ids

    def checked_calls(
        self, base_judge: str, batch_key: str, call_ids: Sequence[int]
    ) -> dict[int, CallReport]:
        """Calls already checked without error by ``base_judge`` in a run with this ``batch_key`` (its
        settings' ``batch_key``: the campaign version, the judge's options, the reps: workspace.service.batch_key),
        as the base judge reported them: every finding it made, at its own score, so a new run can record
        them under any calibration. The latest such run wins; calls not found are left out."""
        out: dict[int, CallReport] = {}
        for chunk in _chunks(list(dict.fromkeys(call_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.query_all(
                "SELECT rc.run_id, rc.call_id, k.name, rc.reps, rc.prospects, rc.role_source, rc.coverage,"
                " rc.roles FROM run_calls rc JOIN runs r ON r.id = rc.run_id JOIN calls k ON k.id = rc.call_id"
                " WHERE r.base_judge = ? AND json_extract(r.settings, '$.batch_key') = ?"
                f" AND rc.error IS NULL AND rc.call_id IN ({marks}) ORDER BY rc.run_id DESC",
                [base_judge, batch_key, *chunk],
            )
            for run_id, call_id, name, reps, prospects, role_source, coverage, roles in rows:
                if call_id in out:
                    continue
                stored = self.query_all(
                    "SELECT f.id, rf.data, rf.raw_score FROM run_findings rf JOIN findings f"
                    " ON f.id = rf.finding_id WHERE rf.run_id = ? AND f.call_id = ? ORDER BY rf.ordinal",
                    (run_id, call_id),
                )
                findings = [Finding(**{**json.loads(data), "score": float(raw)}) for _, data, raw in stored]
                position = {fid: i for i, (fid, _, _) in enumerate(stored)}
                out[call_id] = CallReport(
                    call=name,
                    reps=json.loads(reps),
                    prospects=json.loads(prospects),
                    drift_score=drift_score(findings),
                    findings=findings,
                    coverage=[Coverage(**c) for c in json.loads(coverage)],
                    promises=_promises(roles, position),
                    role_source=json.loads(role_source),
                    **roles_from_json(roles),
                )
        return out

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

    def call_roles(self, run_id: int, call_id: int) -> dict:
        """How sure one call's roles were in one run: CallReport's roles_uncertain, role_confidence and
        role_evidence (empty for runs stored before they were recorded)."""
        row = self.query_one(
            "SELECT roles FROM run_calls WHERE run_id = ? AND call_id = ?", (run_id, call_id)
        )
        return roles_from_json(row[0] if row else None)

    def call_promises(self, run_id: int, call_id: int) -> list[dict]:
        """One call's promise checklist in one run (records.promises_from_json: ``finding_id`` names the
        stored finding); empty for runs stored before checklists were recorded."""
        row = self.query_one(
            "SELECT roles FROM run_calls WHERE run_id = ? AND call_id = ?", (run_id, call_id)
        )
        return promises_from_json(row[0] if row else None)

    def run_report(self, run_id: int | None = None) -> Report:
        """The report as the run showed it: kept findings only, with the applied judge's scores."""

        run = self.run(run_id)
        calls: list[CallReport] = []
        for call_id, name, drift, reps, prospects, role_source, error, coverage, roles in self.query_all(
            "SELECT rc.call_id, k.name, rc.drift_score, rc.reps, rc.prospects, rc.role_source, rc.error,"
            " rc.coverage, rc.roles"
            " FROM run_calls rc JOIN calls k ON k.id = rc.call_id WHERE rc.run_id = ? ORDER BY rc.ordinal",
            (run.id,),
        ):
            rows = self._finding_rows(
                "WHERE rf.run_id = ? AND rf.call_id_ = ? AND rf.kept", (run.id, call_id)
            )
            findings = [r.to_finding() for r in rows]
            promises = _promises(roles, {r.id: i for i, r in enumerate(rows)})
            calls.append(
                CallReport(
                    call=name,
                    reps=json.loads(reps),
                    prospects=json.loads(prospects),
                    drift_score=float(drift),
                    findings=findings,
                    coverage=[Coverage(**c) for c in json.loads(coverage)],
                    promises=promises,
                    role_source=json.loads(role_source),
                    error=error,
                    **roles_from_json(roles),
                )
            )
        report = Report(
            calls=calls,
            assets=list(run.assets),
            msgcheck_version=run.msgcheck_version,
            asset_errors=run.asset_errors,
        )
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


def _promises(roles: str | None, position: dict[int, int]) -> list[PromiseCheck]:
    """A call's stored promise checklist, each line pointing to its finding's place in ``position``
    (stored finding id -> index among the call's findings as rebuilt)."""
    return [
        PromiseCheck(
            **{k: v for k, v in p.items() if k != "finding_id"},
            finding=position.get(p.get("finding_id")),  # type: ignore[arg-type]
        )
        for p in promises_from_json(roles)
    ]
