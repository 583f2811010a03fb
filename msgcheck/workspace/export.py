"""``workspace export`` and ``workspace import`` of an export: the whole workspace as one JSON document.

Rows refer to each other by content (campaign names, content hashes, finding hashes, run keys), never
by row ids, so an export imported into a fresh workspace exports again to the same document, and an
export imported twice changes nothing the second time. File bytes and vectors travel as base64.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..errors import InputError, WorkspaceError
from .codec import b64, dumps, review_key, unb64
from .db import EXPORT_FORMAT, ImportStats, Workspace
from .exportschema import validate_export


def export_workspace(ws: Workspace) -> dict:
    """Everything in the workspace, in a stable order (see docs/workspace.md, "Export format")."""
    q = ws.query_all
    out: dict[str, Any] = {"msgcheck_workspace": EXPORT_FORMAT, "schema_version": ws.schema_version}
    out["campaigns"] = [
        {"name": n, "created_at": t} for n, t in q("SELECT name, created_at FROM campaigns ORDER BY name")
    ]
    out["assets"] = [
        {
            "campaign": r[0],
            "name": r[1],
            "version": r[2],
            "content_hash": r[3],
            "format": r[4],
            "source_path": r[5],
            "text": r[6],
            "added_at": r[7],
            "data": b64(bytes(r[8])),
        }
        for r in q(
            "SELECT c.name, a.name, a.version, a.content_hash, a.format, a.source_path, a.text, a.added_at,"
            " a.data"
            " FROM asset_versions a JOIN campaigns c ON c.id = a.campaign_id ORDER BY c.name, a.name,"
            " a.version"
        )
    ]
    calls = []
    for (
        cid,
        digest,
        name,
        campaign,
        date,
        reps,
        fmt,
        source,
        added,
        data,
        account,
        account_src,
        date_src,
    ) in q(
        "SELECT k.id, k.content_hash, k.name, c.name, k.call_date, k.reps, k.format, k.source_path,"
        " k.added_at, k.data, k.account, k.account_source, k.date_source"
        " FROM calls k LEFT JOIN campaigns c ON c.id = k.campaign_id ORDER BY k.content_hash"
    ):
        turns = [
            list(t)
            for t in q("SELECT idx, speaker, start, role FROM turns WHERE call_id = ? ORDER BY idx", (cid,))
        ]
        calls.append(
            {
                "content_hash": digest,
                "name": name,
                "campaign": campaign,
                "date": date,
                "reps": json.loads(reps),
                "format": fmt,
                "source_path": source,
                "added_at": added,
                "data": b64(bytes(data)),
                "turns": turns,
                "account": account,
                "account_source": account_src,
                "date_source": date_src,
            }
        )
    out["calls"] = calls
    out["findings"] = _records(
        q,
        ("finding_hash", "call", "kind", "slot", "transcript_text", "asset_file", "asset_text", "created_at"),
        "SELECT f.finding_hash, k.content_hash, f.kind, f.slot, f.transcript_text, f.asset_file,"
        " f.asset_text,"
        " f.created_at FROM findings f JOIN calls k ON k.id = f.call_id ORDER BY f.finding_hash",
    )
    out["judge_versions"] = [
        {"name": n, "base": b, "params": json.loads(p), "metrics": json.loads(m), "created_at": t}
        for n, b, p, m, t in q(
            "SELECT name, base, params, metrics, created_at FROM judge_versions ORDER BY created_at, name"
        )
    ]
    active = q("SELECT value FROM settings WHERE key = 'active_judge'")
    out["active_judge"] = active[0][0] if active else None
    runs = []
    for rid, key, campaign, started, model, judge, base, version, settings, assets in q(
        "SELECT r.id, r.run_key, c.name, r.started_at, r.model_id, r.judge_version, r.base_judge,"
        " r.msgcheck_version,"
        " r.settings, r.assets FROM runs r LEFT JOIN campaigns c ON c.id = r.campaign_id ORDER BY"
        " r.started_at, r.run_key"
    ):
        used = [
            list(r)
            for r in q(
                "SELECT c.name, a.name, a.content_hash FROM run_assets ra JOIN asset_versions a ON a.id ="
                " ra.asset_version_id"
                " JOIN campaigns c ON c.id = a.campaign_id WHERE ra.run_id = ? ORDER BY c.name, a.name,"
                " a.version",
                (rid,),
            )
        ]
        run_calls = []
        for call_id, digest, ordinal, drift, reps, prospects, role_source, error, coverage, roles in q(
            "SELECT rc.call_id, k.content_hash, rc.ordinal, rc.drift_score, rc.reps, rc.prospects,"
            " rc.role_source,"
            " rc.error, rc.coverage, rc.roles FROM run_calls rc JOIN calls k ON k.id = rc.call_id WHERE rc.run_id = ?"
            " ORDER BY rc.ordinal",
            (rid,),
        ):
            findings = [
                {
                    "finding": f[0],
                    "ordinal": f[1],
                    "raw_score": f[2],
                    "score": f[3],
                    "kept": bool(f[4]),
                    "data": json.loads(f[5]),
                }
                for f in q(
                    "SELECT f.finding_hash, rf.ordinal, rf.raw_score, rf.score, rf.kept, rf.data FROM"
                    " run_findings rf"
                    " JOIN findings f ON f.id = rf.finding_id WHERE rf.run_id = ? AND f.call_id = ? ORDER"
                    " BY rf.ordinal",
                    (rid, call_id),
                )
            ]
            run_calls.append(
                {
                    "call": digest,
                    "ordinal": ordinal,
                    "drift_score": drift,
                    "reps": json.loads(reps),
                    "prospects": json.loads(prospects),
                    "role_source": json.loads(role_source),
                    "error": error,
                    "coverage": json.loads(coverage),
                    "roles": json.loads(roles),
                    "findings": findings,
                }
            )
        runs.append(
            {
                "run_key": key,
                "campaign": campaign,
                "started_at": started,
                "model_id": model,
                "judge_version": judge,
                "base_judge": base,
                "msgcheck_version": version,
                "settings": json.loads(settings),
                "assets": json.loads(assets),
                "asset_versions": used,
                "calls": run_calls,
            }
        )
    out["runs"] = runs
    out["reviews"] = _records(
        q,
        ("finding", "decision", "new_kind", "reviewer", "note", "created_at"),
        "SELECT f.finding_hash, r.decision, r.new_kind, r.reviewer, r.note, r.created_at FROM reviews r"
        " JOIN findings f ON f.id = r.finding_id ORDER BY r.created_at, r.review_key",
    )
    out["claim_overrides"] = [
        {
            "campaign": r[0],
            "asset_file": r[1],
            "text": r[2],
            "headline": None if r[3] is None else bool(r[3]),
            "retired": bool(r[4]),
            "manual": bool(r[5]),
            "author": r[6],
            "updated_at": r[7],
        }
        for r in q(
            "SELECT c.name, o.asset_file, o.text, o.headline, o.retired, o.manual, o.author, o.updated_at"
            " FROM claim_overrides o JOIN campaigns c ON c.id = o.campaign_id ORDER BY c.name, o.asset_file, o.text"
        )
    ]
    out["embeddings"] = [
        {"model_id": m, "key": k, "vector": b64(bytes(v))}
        for m, k, v in q("SELECT model_id, text_hash, vector FROM embeddings ORDER BY model_id, text_hash")
    ]
    return out


def _records(q: Callable[[str], list[tuple]], keys: tuple[str, ...], sql: str) -> list[dict]:
    """Each row of ``sql`` as a dict, ``keys`` naming its columns in the order the query selects them:
    for the tables whose columns go into the export as they are stored."""
    return [dict(zip(keys, row, strict=True)) for row in q(sql)]


def import_workspace(ws: Workspace, data: Any, *, source: str | None = None) -> ImportStats:
    """Merge an export into ``ws`` in one transaction: all of it, or (killed or failed) none of it."""
    if not isinstance(data, dict) or data.get("msgcheck_workspace") != EXPORT_FORMAT:
        raise InputError(
            "not a msgcheck workspace export",
            path=source,
            hint=f"pass a file written by `msgcheck workspace export` (format {EXPORT_FORMAT})",
        )
    dims = dict(ws.query_all("SELECT model_id, max(dim) FROM embeddings GROUP BY model_id"))
    validate_export(data, source=source, dims=dims)  # nothing is written unless all of it is well-formed
    try:
        with ws.transaction():
            return _import(ws, data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            f"malformed workspace export: {type(exc).__name__}: {exc}",
            path=source,
            hint="re-export it with `msgcheck workspace export`",
        ) from exc


def _import(ws: Workspace, data: dict) -> ImportStats:
    stats = ImportStats()
    conn = ws.conn
    for c in data.get("campaigns", []):
        exists = conn.execute("SELECT 1 FROM campaigns WHERE name = ?", (c["name"],)).fetchone()
        if not exists:
            conn.execute(
                "INSERT INTO campaigns (name, created_at) VALUES (?, ?)", (c["name"], c["created_at"])
            )
        stats.count("campaigns", not exists)
    for a in data.get("assets", []):
        _, added = ws.put_asset(
            a["campaign"],
            a["name"],
            unb64(a["data"]),
            a["format"],
            a["text"],
            a.get("source_path"),
            version=int(a["version"]),
            added_at=a["added_at"],
        )
        stats.count("assets", added)
    call_ids: dict[str, int] = {}
    for k in data.get("calls", []):
        record, added = ws.put_call(
            k["name"],
            unb64(k["data"]),
            k["format"],
            k.get("source_path"),
            k.get("campaign"),
            k.get("date"),
            list(k.get("reps", [])),
            [tuple(t) for t in k.get("turns", [])],
            added_at=k["added_at"],
        )
        if record.content_hash != k["content_hash"]:
            raise ValueError(f"call {k['name']!r}: content_hash does not match its data")
        call_ids[k["content_hash"]] = record.id
        stats.count("calls", added)
        if k.get("account") or k.get("date_source"):
            conn.execute(
                "UPDATE calls SET account = COALESCE(account, ?), account_source = CASE WHEN account IS NULL"
                " THEN ? ELSE account_source END, date_source = CASE WHEN date_source = '' THEN ? ELSE"
                " date_source END WHERE id = ?",
                (k.get("account"), k.get("account_source") or "", k.get("date_source") or "", record.id),
            )
    finding_ids: dict[str, int] = {}
    for f in data.get("findings", []):
        cur = conn.execute(
            "INSERT INTO findings (finding_hash, call_id, kind, slot, transcript_text, asset_file,"
            " asset_text, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (finding_hash) DO NOTHING",
            (
                f["finding_hash"],
                call_ids[f["call"]],
                f["kind"],
                f.get("slot"),
                f.get("transcript_text"),
                f.get("asset_file"),
                f.get("asset_text"),
                f["created_at"],
            ),
        )
        stats.count("findings", cur.rowcount > 0)
        finding_ids[f["finding_hash"]] = conn.execute(
            "SELECT id FROM findings WHERE finding_hash = ?", (f["finding_hash"],)
        ).fetchone()[0]
    for j in data.get("judge_versions", []):
        cur = conn.execute(
            "INSERT INTO judge_versions (name, base, params, metrics, created_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO NOTHING",
            (j["name"], j["base"], dumps(j["params"]), dumps(j.get("metrics", {})), j["created_at"]),
        )
        stats.count("judge_versions", cur.rowcount > 0)
    for r in data.get("runs", []):
        stats.count("runs", _import_run(ws, r, call_ids, finding_ids))
    for r in data.get("reviews", []):
        key = review_key(
            r["finding"], r["decision"], r.get("new_kind"), r["reviewer"], r.get("note", ""), r["created_at"]
        )
        cur = conn.execute(
            "INSERT INTO reviews (review_key, finding_id, decision, new_kind, reviewer, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_key) DO NOTHING",
            (
                key,
                finding_ids[r["finding"]],
                r["decision"],
                r.get("new_kind"),
                r["reviewer"],
                r.get("note", ""),
                r["created_at"],
            ),
        )
        stats.count("reviews", cur.rowcount > 0)
    for o in data.get("claim_overrides", []):  # schema 2 onwards; older exports have none
        row = conn.execute("SELECT id FROM campaigns WHERE name = ?", (o["campaign"],)).fetchone()
        if row is None:
            raise WorkspaceError(
                f"claim override for unknown campaign {o['campaign']!r}", hint="is the export complete?"
            )
        headline = o.get("headline")
        cur = conn.execute(
            "INSERT INTO claim_overrides (campaign_id, asset_file, text, headline, retired, manual, author, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                row[0],
                o["asset_file"],
                o["text"],
                None if headline is None else int(bool(headline)),
                int(bool(o.get("retired"))),
                int(bool(o.get("manual"))),
                o.get("author", ""),
                o["updated_at"],
            ),
        )
        stats.count("claim_overrides", cur.rowcount > 0)
    for e in data.get("embeddings", []):
        vector = unb64(e["vector"])
        cur = conn.execute(
            "INSERT INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?) ON CONFLICT DO"
            " NOTHING",
            (e["model_id"], e["key"], len(vector) // 4, vector),
        )
        stats.count("embeddings", cur.rowcount > 0)
    active = data.get("active_judge")
    if active and conn.execute("SELECT 1 FROM settings WHERE key = 'active_judge'").fetchone() is None:
        conn.execute("INSERT INTO settings (key, value) VALUES ('active_judge', ?)", (active,))
    return stats


def _import_run(ws: Workspace, r: dict, call_ids: dict[str, int], finding_ids: dict[str, int]) -> bool:
    conn = ws.conn
    if conn.execute("SELECT 1 FROM runs WHERE run_key = ?", (r["run_key"],)).fetchone():
        return False
    cid = ws.campaign_id(conn, r.get("campaign"), create=True)
    run_id = conn.execute(
        "INSERT INTO runs (run_key, campaign_id, started_at, model_id, judge_version, base_judge,"
        " msgcheck_version,"
        " settings, assets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            r["run_key"],
            cid,
            r["started_at"],
            r["model_id"],
            r["judge_version"],
            r["base_judge"],
            r["msgcheck_version"],
            dumps(r.get("settings", {})),
            dumps(r.get("assets", [])),
        ),
    ).lastrowid
    for campaign, name, digest in r.get("asset_versions", []):
        row = conn.execute(
            "SELECT a.id FROM asset_versions a JOIN campaigns c ON c.id = a.campaign_id"
            " WHERE c.name = ? AND a.name = ? AND a.content_hash = ?",
            (campaign, name, digest),
        ).fetchone()
        if row is None:
            raise ValueError(f"run {r['run_key']}: asset {name!r} of {campaign!r} is not in the export")
        conn.execute(
            "INSERT OR IGNORE INTO run_assets (run_id, asset_version_id) VALUES (?, ?)", (run_id, row[0])
        )
    for c in r.get("calls", []):
        call_id = call_ids[c["call"]]
        conn.execute(
            "INSERT INTO run_calls (run_id, call_id, ordinal, drift_score, reps, prospects, role_source,"
            " error, coverage, roles)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                call_id,
                int(c["ordinal"]),
                float(c["drift_score"]),
                dumps(c.get("reps", [])),
                dumps(c.get("prospects", [])),
                dumps(c.get("role_source", {})),
                c.get("error"),
                dumps(c.get("coverage", [])),
                dumps(c.get("roles", {})),
            ),
        )
        for f in c.get("findings", []):
            conn.execute(
                "INSERT INTO run_findings (run_id, finding_id, ordinal, raw_score, score, kept, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    finding_ids[f["finding"]],
                    int(f["ordinal"]),
                    float(f["raw_score"]),
                    float(f["score"]),
                    int(bool(f["kept"])),
                    dumps(f["data"]),
                ),
            )
    return True
