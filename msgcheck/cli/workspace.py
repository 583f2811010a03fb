"""``msgcheck workspace ...`` and ``msgcheck calibrate``: thin commands over msgcheck.store, .workspace,
.ledger and .calibrate. Library errors become one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import InputError, MsgcheckError
from ..report.write import _atomic_write, write_report
from ..safetext import strip_controls
from ..workspace import ledger as lg
from ..workspace.calibrate import KINDS, calibrate_workspace
from ..workspace.db import DEFAULT_PATH, Workspace, workspace_error
from ..workspace.export import export_workspace
from ..workspace.service import check_and_record, ensure_demo_workspace, import_paths
from .guard import say_error

workspace_app = typer.Typer(
    no_args_is_help=True,
    help="A workspace remembers campaigns, asset versions, calls, runs, findings and reviews in one file.",
)
out = Console(markup=False, highlight=False, soft_wrap=True)  # file content is data, never rich markup
err = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)

WorkspaceOpt = Annotated[
    Path,
    typer.Option(
        "--workspace",
        "-w",
        envvar="MSGCHECK_WORKSPACE",
        help="The workspace file (created when missing).",
    ),
]
CampaignOpt = Annotated[str | None, typer.Option("--campaign", "-c", help="Only this campaign.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class What(StrEnum):
    campaigns = "campaigns"
    assets = "assets"
    calls = "calls"
    runs = "runs"
    findings = "findings"
    reviews = "reviews"
    judges = "judges"


class ShowWhat(StrEnum):
    run = "run"
    call = "call"
    finding = "finding"
    judge = "judge"


class LedgerView(StrEnum):
    claims = "claims"
    reps = "reps"
    handoffs = "handoffs"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Any MsgcheckError leaves as one line on stderr and exit code 2."""
    try:
        yield
    except MsgcheckError as exc:
        say_error(exc, err)
        raise typer.Exit(2) from None


def _open(path: Path):  # -> Workspace

    return Workspace(path)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _echo_json(value: Any) -> None:
    typer.echo(json.dumps(_plain(value), indent=2, ensure_ascii=False))


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(title=title, title_justify="left", expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[Text(strip_controls("" if v is None else v)) for v in r])
    out.print(table)


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


# --------------------------------------------------------------------------- commands


@workspace_app.command()
def init(
    workspace: WorkspaceOpt = DEFAULT_PATH,
    demo: Annotated[
        bool, typer.Option("--demo", help="Also import and check corpora/demo (loads the models once).")
    ] = False,
) -> None:
    """Create the workspace (or bring an existing one up to date)."""
    with _errors():
        if demo:
            result = ensure_demo_workspace(workspace)
            note = "demo checked" if result.created else "demo already there"
            out.print(f"{note}: run {result.run_id}")
        with _open(workspace) as ws:
            counts = ws.counts()
            out.print(f"workspace ready: {ws.path} (schema {ws.schema_version})")
            out.print(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()))


@workspace_app.command("import")
def import_(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Transcripts or folders of them, corpus folders (campaigns/ + calls/), or exports."
        ),
    ] = None,
    workspace: WorkspaceOpt = DEFAULT_PATH,
    campaign: Annotated[
        str | None, typer.Option("--campaign", "-c", help="Campaign of these assets and calls.")
    ] = None,
    assets: Annotated[
        list[Path] | None,
        typer.Option("--assets", "-a", help="Asset files or folders of the campaign (repeatable)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Date of these calls (YYYY-MM-DD), when the files do not say."),
    ] = None,
) -> None:
    """Import assets, calls, corpus folders or a workspace export; importing a file twice changes nothing."""

    if not paths and not assets:
        say_error("nothing to import (pass files or folders, or --assets)", err)
        raise typer.Exit(2)
    with _errors(), _open(workspace) as ws:
        stats = import_paths(ws, paths or [], campaign=campaign, assets=assets or [], date=date)
        added = ", ".join(f"{n} {k}" for k, n in stats.added.items() if n) or "nothing new"
        same = ", ".join(f"{n} {k}" for k, n in stats.unchanged.items() if n)
        out.print(f"added {added}" + (f"; unchanged {same}" if same else "") + f" ({ws.path})")
        for e in stats.errors:
            say_error(e, err)
        if stats.errors:
            raise typer.Exit(2)


@workspace_app.command("list")
def list_(
    what: Annotated[What, typer.Argument(help="What to list.")] = What.campaigns,
    workspace: WorkspaceOpt = DEFAULT_PATH,
    campaign: CampaignOpt = None,
    run: Annotated[
        int | None, typer.Option("--run", help="Findings of this run (default: each as last seen).")
    ] = None,
    unreviewed: Annotated[
        bool, typer.Option("--unreviewed", help="Findings nobody has reviewed yet.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List campaigns, assets, calls, runs, findings, reviews or judges (calibrated judge versions)."""
    with _errors(), _open(workspace) as ws:
        if what is What.campaigns:
            rows: list = ws.campaigns()
            view = [
                [c.id, c.name, len(ws.asset_versions(c.name, current=True)), len(ws.calls(c.name))]
                for c in rows
            ]
            cols = ["id", "campaign", "assets", "calls"]
        elif what is What.assets:
            rows = ws.asset_versions(campaign)
            view = [
                [a.id, a.campaign, a.name, f"v{a.version}", a.content_hash[:12], a.added_at[:19]]
                for a in rows
            ]
            cols = ["id", "campaign", "asset", "version", "sha256", "added"]
        elif what is What.calls:
            rows = ws.calls(campaign)
            view = [[c.id, c.name, c.campaign, c.date, ", ".join(c.reps), c.content_hash[:12]] for c in rows]
            cols = ["id", "call", "campaign", "date", "reps", "sha256"]
        elif what is What.runs:
            rows = ws.runs(campaign)
            view = [
                [r.id, r.started_at[:19], r.campaign, r.judge_version, r.model_id, r.calls, r.findings]
                for r in rows
            ]
            cols = ["id", "started", "campaign", "judge", "model", "calls", "findings"]
        elif what is What.findings:
            rows = ws.findings(run_id=run, campaign=campaign, reviewed=False if unreviewed else None)
            view = [
                [
                    f.id,
                    f.call,
                    f.kind,
                    f"{f.score:.2f}",
                    (f.transcript or {}).get("speaker"),
                    (f.transcript or {}).get("text") or "(not said)",
                    _review_label(f.review),
                ]
                for f in rows
            ]
            cols = ["id", "call", "kind", "score", "speaker", "rep said", "review"]
        elif what is What.reviews:
            rows = ws.reviews()
            view = [
                [r.id, r.finding_id, _review_label(r), r.reviewer, r.note, r.created_at[:19]] for r in rows
            ]
            cols = ["id", "finding", "decision", "reviewer", "note", "at"]
        else:
            rows = ws.judge_versions()
            active = ws.active_judge()
            view = [
                [
                    j.name + (" (active)" if active and j.name == active.name else ""),
                    j.base,
                    json.dumps(j.params["thresholds"]),
                    j.created_at[:19],
                ]
                for j in rows
            ]
            cols = ["judge", "base", "thresholds", "created"]
        if as_json:
            _echo_json(rows)
        else:
            _table(f"{what.value} in {ws.path}", cols, view)


def _review_label(review: Any) -> str:
    if review is None:
        return ""
    if review.decision == "change_kind":
        return f"kind: {review.new_kind}"
    return review.decision


@workspace_app.command()
def show(
    what: Annotated[ShowWhat, typer.Argument(help="What to show.")] = ShowWhat.run,
    ref: Annotated[
        str | None, typer.Argument(help="Its id (a call: also its file name); a run: default the latest.")
    ] = None,
    workspace: WorkspaceOpt = DEFAULT_PATH,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="A run's report format.")
    ] = ReportFormat.table,
    as_json: JsonOpt = False,
) -> None:
    """Show a run's report, or one call, finding or judge version in detail."""

    with _errors(), _open(workspace) as ws:
        if what is ShowWhat.run:
            run = ws.run(_int(ref, "run") if ref else None)
            if as_json:
                fmt = ReportFormat.json
            if fmt is ReportFormat.table:
                out.print(
                    f"run {run.id} · {run.started_at[:19]} · campaign {run.campaign} · judge"
                    f" {run.judge_version}"
                )
            write_report(ws.run_report(run.id), fmt.value, None, out if fmt is ReportFormat.table else None)
            return
        if ref is None:
            raise InputError(
                f"which {what.value}? pass its id", hint=f"see `msgcheck workspace list {what.value}s`"
            )
        if what is ShowWhat.call:
            call = ws.call(ref)
            latest = next((r for r in ws.call_results() if r.call.id == call.id), None)
            detail: dict = {
                "call": call,
                "utterances": len(ws.turns(call.id)),
                "latest_run": latest.run_id if latest else None,
                "drift_score": latest.drift_score if latest else None,
                "findings": ws.findings(call=call.id),
            }
        elif what is ShowWhat.finding:
            finding = ws.finding(_int(ref, "finding"))
            detail = {"finding": finding, "reviews": ws.reviews(finding.id)}
        else:
            judge = ws.judge_version(ref)
            if judge is None:
                raise InputError(f"no judge version {ref!r}", hint="see `msgcheck workspace list judges`")
            detail = {"judge": judge}
        if as_json:
            _echo_json(detail)
        else:
            out.print_json(json.dumps(_plain(detail), ensure_ascii=False, default=str))


def _int(ref: str, what: str) -> int:
    if not ref.isdigit():
        raise InputError(
            f"a {what} id is a number, got {ref!r}", hint=f"see `msgcheck workspace list {what}s`"
        )
    return int(ref)


@workspace_app.command()
def export(
    output: Annotated[Path | None, typer.Argument(help="Write the JSON here (default: stdout).")] = None,
    workspace: WorkspaceOpt = DEFAULT_PATH,
) -> None:
    """Write the whole workspace as JSON; `workspace import` reads it back into an equal workspace."""

    with _errors(), _open(workspace) as ws:
        text = json.dumps(export_workspace(ws), indent=1, ensure_ascii=False) + "\n"
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            _atomic_write(output, text)
        except OSError as exc:
            raise workspace_error(exc, output) from exc
        err.print(f"exported {ws.path} to {output}")


@workspace_app.command()
def review(
    finding_id: Annotated[int, typer.Argument(help="The finding's id (see `workspace list findings`).")],
    decision: Annotated[str, typer.Argument(help="accept, dismiss, or kind:KIND (e.g. kind:weakened).")],
    workspace: WorkspaceOpt = DEFAULT_PATH,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", "-r", help="Who decided (default: your login).")
    ] = None,
    note: Annotated[str, typer.Option("--note", "-n", help="Why.")] = "",
) -> None:
    """Record a reviewer's decision on a finding; `msgcheck calibrate` learns from these."""
    new_kind = None
    if decision.startswith("kind:"):
        decision, new_kind = "change_kind", decision.split(":", 1)[1]
    who = reviewer or os.environ.get("MSGCHECK_REVIEWER") or _login()
    with _errors(), _open(workspace) as ws:
        r = ws.review(finding_id, decision, who, note, new_kind)
        out.print(f"finding {r.finding_id}: {_review_label(r)} by {r.reviewer}")


@workspace_app.command("set-reps")
def set_reps(
    call: Annotated[
        str, typer.Argument(help="The call: id, file name or content hash (`workspace list calls`).")
    ],
    reps: Annotated[
        list[str], typer.Argument(help="The call's reps, as named in the transcript (full or first name).")
    ],
    workspace: WorkspaceOpt = DEFAULT_PATH,
) -> None:
    """Name a stored call's reps and check it again (no re-upload); later re-checks keep them."""
    from ..app.views.uploads import set_reps as set_call_reps
    from ..check.checker import Checker

    with _errors(), _open(workspace) as ws:
        result = set_call_reps(ws, Checker(), call, reps)
        if result.error:
            raise InputError(result.error)
        named = ", ".join(ws.confirmed_reps(result.call_id) or [])
        out.print(
            f"{result.name}: reps {named}; checked again (run {result.run_id}): "
            f"{result.findings} findings, drift {result.drift_score:.2f}",
            highlight=False,
        )


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment
        return "unknown"


@workspace_app.command()
def ledger(
    view: Annotated[LedgerView, typer.Argument(help="claims, reps or handoffs.")] = LedgerView.claims,
    workspace: WorkspaceOpt = DEFAULT_PATH,
    campaign: CampaignOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The claim ledger: each claim's fate across calls, each rep's drift over time, and handoffs."""

    with _errors(), _open(workspace) as ws:
        if view is LedgerView.claims:
            entries: list = lg.claim_ledger(ws, campaign)
            cols = ["asset", "claim", "upheld", "contradicted", "weakened", "not mentioned", "drifting reps"]
            rows = [
                [
                    e.asset_file,
                    e.text,
                    e.upheld,
                    e.contradicted,
                    e.weakened,
                    e.not_mentioned,
                    ", ".join(sorted(set(e.reps["contradicted"]) | set(e.reps["weakened"]))),
                ]
                for e in entries
            ]
        elif view is LedgerView.reps:
            entries = lg.rep_ledger(ws, campaign)
            cols = ["rep", "calls", "mean drift", "drift per call (over time)", "handoffs"]
            rows = [
                [
                    e.rep,
                    len(e.calls),
                    _f(e.mean_drift),
                    ", ".join(f"{c.call} {c.drift:.2f}" for c in e.calls),
                    len(e.handoffs),
                ]
                for e in entries
            ]
        else:
            entries = lg.handoffs(ws, campaign)
            cols = ["call", "at", "from", "to", "drift before", "drift after"]
            rows = [
                [
                    h.call,
                    h.index,
                    h.from_rep,
                    h.to_rep,
                    f"{_f(h.before)} ({h.findings_before})",
                    f"{_f(h.after)} ({h.findings_after})",
                ]
                for h in entries
            ]
        if as_json:
            _echo_json(entries)
        else:
            _table(f"{view.value} ledger ({ws.path})", cols, rows)


def calibrate(
    workspace: WorkspaceOpt = DEFAULT_PATH,
    holdout: Annotated[
        float, typer.Option("--holdout", min=0.0, max=0.9, help="Share of reviews held out to report on.")
    ] = 0.3,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the held-out split.")] = 0,
    min_reviews: Annotated[
        int, typer.Option("--min-reviews", min=1, help="Reviews a kind needs to move its threshold.")
    ] = 5,
    min_logistic: Annotated[
        int, typer.Option("--min-logistic", min=2, help="Reviews a kind needs for a logistic re-calibration.")
    ] = 30,
    as_json: JsonOpt = False,
) -> None:
    """Refit per-kind thresholds (and, with enough reviews, score calibration) from reviewed findings.

    Stores a new judge version in the workspace, used by later `check --workspace` runs, and prints
    precision and recall before and after on a held-out share of the reviews.
    """

    with _errors(), _open(workspace) as ws:
        result = calibrate_workspace(
            ws,
            holdout=holdout,
            seed=seed,
            min_threshold_reviews=min_reviews,
            min_logistic_reviews=min_logistic,
        )
    if as_json:
        _echo_json({"version": result.version, **result.version.metrics})
        return
    v = result.version
    where = (
        "all reviews (too few to hold any out)"
        if result.in_sample
        else f"{result.held_out_size} held-out reviews"
    )
    out.print(f"new judge version {v.name} (was {result.previous}); fitted on {result.fit_size} reviews")
    rows = []
    for key in [*KINDS, "all"]:
        if key not in result.after:
            continue
        b, a = result.before[key], result.after[key]
        t = v.params["thresholds"].get(key)
        rows.append(
            [
                key,
                a.n,
                "-" if t is None else f"{t:.3f}",
                f"{_f(b.precision)} -> {_f(a.precision)}",
                f"{_f(b.recall)} -> {_f(a.recall)}",
            ]
        )
    _table(f"before -> after, on {where}", ["kind", "reviews", "threshold", "precision", "recall"], rows)
    if v.params.get("logistic"):
        out.print("logistic re-calibration for: " + ", ".join(v.params["logistic"]))


def check_with_workspace(
    workspace: Path,
    checker: Any,
    assets: list[Path],
    transcripts: list[Path],
    reps: list[str] | None,
    progress: Any = None,
    runner: Any = None,
) -> Any:
    """For `msgcheck check --workspace`: check, record the run, and return the report as recorded."""

    with Workspace(workspace) as ws:
        result = check_and_record(
            ws, checker, assets, transcripts, reps=reps, progress=progress, runner=runner
        )
    if result.note:
        err.print(Text.assemble(("note: ", "yellow"), result.note))
    if result.reused:
        err.print(
            f"{result.reused} of {len(transcripts)} calls already checked in this workspace: not checked again"
        )
    err.print(f"recorded run {result.run_id} in {workspace} (judge {result.judge_version})")
    return result.report
