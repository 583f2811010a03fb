"""The dashboard's figures and the export's reports, reviews applied."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ... import __version__
from ...report import FINDING_KINDS, drift_score
from ...types import CallReport, FileError, Report
from ...workspace.db import Workspace
from ...workspace.ledger import claim_ledger
from .calls import FindingView, _view
from .text import NO_SLOT

# --------------------------------------------------------------------------- reviewed results


def _results(ws: Workspace, campaign: str | None) -> list[tuple[Any, list[FindingView]]]:
    """Each checked call's latest result with every finding of that run and its latest review."""
    results = ws.call_results(campaign)
    records = ws.findings(campaign=campaign) if results else []
    by_run_call: dict[tuple[int, int], list[FindingView]] = {}
    for r in records:
        by_run_call.setdefault((r.run_id, r.call_id), []).append(_view(r))
    return [(res, by_run_call.get((res.run_id, res.call.id), [])) for res in results]


def _reviewed_results(
    ws: Workspace, campaign: str | None, apply_reviews: bool
) -> list[tuple[Any, list[FindingView]]]:
    """``_results`` with reviews applied (dismissed findings left out, changed kinds used) or ignored."""
    out = []
    for res, views in _results(ws, campaign):
        if apply_reviews:
            views = [v for v in views if v.decision != "dismiss"]
        else:
            views = [_unreviewed(v) for v in views]
        out.append((res, views))
    return out


def _unreviewed(v: FindingView) -> FindingView:

    return replace(v, kind=v.detected_kind, decision=None, reviewer=None, note="")


def report_for(
    ws: Workspace,
    *,
    campaign: str | None = None,
    call_id: int | None = None,
    apply_reviews: bool = True,
) -> Report:
    """The report of a call, a campaign or the whole workspace, each call as its latest run left it.

    ``apply_reviews``: dismissed findings are left out and changed kinds used (the drift score is
    recomputed from what is left); otherwise the findings exactly as recorded.
    """

    calls: list[CallReport] = []
    assets: dict[str, None] = {}
    left_out: dict[str, FileError] = {}
    runs: set[int] = set()
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        if call_id is not None and res.call.id != call_id:
            continue
        findings = [v.to_finding() for v in views]
        calls.append(
            CallReport(
                call=res.call.name,
                reps=list(res.reps),
                prospects=list(res.prospects),
                drift_score=drift_score(findings) if apply_reviews else res.drift_score,
                findings=findings,
                coverage=list(res.coverage),
                error=res.error,
            )
        )
        runs.add(res.run_id)
    for run_id in sorted(runs):
        for a in ws.run_assets(run_id):
            assets.setdefault(a.name, None)
        for e in ws.run(run_id).asset_errors:  # what those runs left out, said in every report of them
            left_out.setdefault(e.file, e)
    return Report(
        calls=calls, assets=list(assets), msgcheck_version=__version__, asset_errors=list(left_out.values())
    )


# --------------------------------------------------------------------------- dashboard


def overview(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> dict[str, Any]:
    """Headline numbers: calls checked, calls with drift, findings by kind, reviewed findings."""
    everything = _results(ws, campaign)
    reviewed = sum(1 for _, views in everything for v in views if v.decision)
    rows = _reviewed_results(ws, campaign, apply_reviews)
    kinds = dict.fromkeys(FINDING_KINDS, 0)
    total = 0
    for _, views in rows:
        for v in views:
            kinds[v.kind] = kinds.get(v.kind, 0) + 1
            total += 1
    ok = [res for res, _ in rows if not res.error]
    return {
        "calls": len(ok),
        "calls_with_drift": sum(1 for res, views in rows if not res.error and views),
        "errors": len(rows) - len(ok),
        "findings": total,
        "kinds": kinds,
        "reviewed": reviewed,
        "mean_drift": (sum(drift_score([v.to_finding() for v in views]) for _, views in rows) / len(rows))
        if rows
        else 0.0,
    }


def drift_by_rep(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> list[dict]:
    """One row per rep and finding kind: ``rep``, ``kind``, ``count``, and per rep ``calls`` and
    ``mean_drift`` (the drift of the rep's own findings plus the call's omissions, averaged over calls).
    Reps with no findings get one row with kind None and count 0."""
    per_rep: dict[str, dict[str, Any]] = {}
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        if res.error:
            continue
        omissions = [v.to_finding() for v in views if v.kind == "omission"]
        for rep in res.reps:
            own = [v for v in views if v.speaker == rep]
            entry = per_rep.setdefault(
                rep, {"calls": 0, "drift": 0.0, "kinds": dict.fromkeys(FINDING_KINDS, 0)}
            )
            entry["calls"] += 1
            entry["drift"] += drift_score([v.to_finding() for v in own] + omissions)
            for v in own:
                entry["kinds"][v.kind] += 1
            entry["kinds"]["omission"] += len(omissions)
    rows = []
    for rep in sorted(per_rep):
        e = per_rep[rep]
        mean = e["drift"] / e["calls"] if e["calls"] else 0.0
        counts = [(k, n) for k, n in e["kinds"].items() if n]
        for kind, n in counts or [(None, 0)]:
            rows.append(
                {"rep": rep, "kind": kind, "count": n, "calls": e["calls"], "mean_drift": round(mean, 4)}
            )
    return rows


def drift_by_campaign(ws: Workspace, *, apply_reviews: bool = True) -> list[dict]:
    """One row per campaign: ``campaign``, ``calls``, ``mean_drift``, ``findings`` and one column per kind."""
    rows = []
    for c in ws.campaigns():
        results = _reviewed_results(ws, c.name, apply_reviews)
        ok = [(res, views) for res, views in results if not res.error]
        if not ok:
            continue
        kinds = dict.fromkeys(FINDING_KINDS, 0)
        for _, views in ok:
            for v in views:
                kinds[v.kind] += 1
        drift = [drift_score([v.to_finding() for v in views]) for _, views in ok]
        rows.append(
            {
                "campaign": c.name,
                "calls": len(ok),
                "mean_drift": round(sum(drift) / len(drift), 4),
                "findings": sum(kinds.values()),
                **kinds,
            }
        )
    return rows


CATCH_ALL_TOPICS = {NO_SLOT: NO_SLOT, "other": "other offer terms"}


def drift_by_slot(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> list[dict]:
    """One row per (slot, kind) with findings: ``slot`` (price, trial, contract, ...), ``kind``, ``count``,
    ``topic`` (the slot in words: "no topic" for a finding no slot rule claims, "other offer terms" for
    offer talk no rule names) and ``rank``: topics by findings, most first, the two catch-alls always
    last, so the chart answers "where does the story change" with a topic, not with "other"."""
    counts: dict[tuple[str, str], int] = {}
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        if res.error:
            continue
        for v in views:
            counts[(v.slot_name, v.kind)] = counts.get((v.slot_name, v.kind), 0) + 1
    totals: dict[str, int] = {}
    for (slot, _), n in counts.items():
        totals[slot] = totals.get(slot, 0) + n
    order = sorted(totals, key=lambda t: (t in CATCH_ALL_TOPICS, -totals[t], t))
    return [
        {"slot": s, "kind": k, "count": n, "topic": CATCH_ALL_TOPICS.get(s, s), "rank": order.index(s)}
        for (s, k), n in sorted(counts.items(), key=lambda item: (order.index(item[0][0]), item[0][1]))
    ]


def drift_over_time(ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True) -> list[dict]:
    """One row per checked call, in date order: ``order``, ``call``, ``date`` (None when unknown),
    ``drift``, ``findings``, ``reps``, ``campaign``."""
    rows = []
    for n, (res, views) in enumerate(
        r for r in _reviewed_results(ws, campaign, apply_reviews) if not r[0].error
    ):
        rows.append(
            {
                "order": n + 1,
                "call": res.call.name,
                "date": (res.call.date or "")[:10] or None,
                "drift": round(drift_score([v.to_finding() for v in views]), 4),
                "findings": len(views),
                "reps": ", ".join(res.reps),
                "campaign": res.call.campaign or "",
            }
        )
    return rows


def drift_by_rep_over_time(
    ws: Workspace, campaign: str | None = None, *, apply_reviews: bool = True
) -> list[dict]:
    """One row per (dated call, rep on it), in date order: ``date`` (YYYY-MM-DD), ``rep``, ``call``,
    ``drift`` (the rep's own findings plus the call's omissions, as drift_by_rep counts them) and
    ``findings``. Calls with no date are left out (drift_over_time counts them)."""
    rows = []
    for res, views in _reviewed_results(ws, campaign, apply_reviews):
        date = (res.call.date or "")[:10]
        if res.error or not date:
            continue
        omissions = [v for v in views if v.kind == "omission"]
        for rep in res.reps:
            own = [v for v in views if v.speaker == rep] + omissions
            rows.append(
                {
                    "date": date,
                    "rep": rep,
                    "call": res.call.name,
                    "drift": round(drift_score([v.to_finding() for v in own]), 4),
                    "findings": len(own),
                }
            )
    rows.sort(key=lambda r: (r["date"], r["rep"]))
    return rows


def promise_ledger(ws: Workspace, campaign: str | None = None) -> list[dict]:
    """The ledger one row per headline promise (as each call's promise checklist recorded it, so a
    promise stated in five assets is one row): ``promise``, ``asset_file``, ``campaign``, ``upheld``,
    ``changed``, ``not_mentioned``, ``calls`` and ``changed_by`` (the reps whose words changed it);
    most changed first."""
    rows: dict[tuple[str, str], dict] = {}
    for res in ws.call_results(campaign):
        if res.error:
            continue
        for p in ws.call_promises(res.run_id, res.call.id):
            key = (res.call.campaign or "", p["promise"])
            row = rows.setdefault(
                key,
                {
                    "campaign": key[0],
                    "promise": p["promise"],
                    "asset_file": p["asset_file"],
                    "upheld": 0,
                    "changed": 0,
                    "not_mentioned": 0,
                    "calls": 0,
                    "changed_by": set(),
                },
            )
            row[p["status"]] = row.get(p["status"], 0) + 1
            row["calls"] += 1
            if p["status"] == "changed" and (p.get("rep") or {}).get("speaker"):
                row["changed_by"].add(p["rep"]["speaker"])
    out = [{**r, "changed_by": ", ".join(sorted(r["changed_by"]))} for r in rows.values()]
    out.sort(key=lambda r: (-r["changed"], -r["not_mentioned"], r["promise"]))
    return out


def ledger_rows(ws: Workspace, campaign: str | None = None) -> list[dict]:
    """The claim ledger as rows: every asset claim with how many calls upheld, contradicted, weakened or
    never mentioned it, and the reps who broke it; most broken first."""

    rows = []
    for e in claim_ledger(ws, campaign):
        broken_by = sorted(set(e.reps.get("contradicted", [])) | set(e.reps.get("weakened", [])))
        rows.append(
            {
                "campaign": e.campaign or "",
                "asset_file": e.asset_file,
                "claim": e.text,
                "headline": e.headline,
                "upheld": e.upheld,
                "contradicted": e.contradicted,
                "weakened": e.weakened,
                "not_mentioned": e.not_mentioned,
                "calls": e.checked,
                "broken_by": ", ".join(broken_by),
            }
        )
    rows.sort(key=lambda r: (-(r["contradicted"] + r["weakened"]), -r["headline"], -r["upheld"], r["claim"]))
    return rows
