"""``msgcheck journey ACCOUNT``: an account's story across calls, from files or a workspace (msgcheck.journey),
and ``msgcheck workspace set-account``: a reviewer's correction of a call's account or date."""

from __future__ import annotations

import html
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..errors import InputError, MsgcheckError
from .guard import say_error

out = Console(markup=False, highlight=False, soft_wrap=False)


class JourneyFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


def journey(
    account: Annotated[
        str, typer.Argument(help="The account (the prospect's company); part of its name will do.")
    ],
    calls: Annotated[
        list[Path] | None, typer.Argument(help="Call transcripts; without them, the workspace's calls.")
    ] = None,
    assets: Annotated[
        list[Path] | None,
        typer.Option(
            "--assets", "-a", help="The campaign's assets (files or a folder), for the asset check."
        ),
    ] = None,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace", "-w", envvar="MSGCHECK_WORKSPACE", help="Read calls from this workspace."
        ),
    ] = None,
    campaign: Annotated[
        str | None, typer.Option("--campaign", "-c", help="Only this campaign's calls.")
    ] = None,
    set_account: Annotated[
        str | None, typer.Option("--account", help="The account of every call given (overrides the files).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The date (YYYY-MM-DD) of every call given.")
    ] = None,
    rep: Annotated[list[str] | None, typer.Option("--rep", help="A rep's name (repeat for several).")] = None,
    fmt: Annotated[
        JourneyFormat,
        typer.Option("--format", "-f", help="table, json, or html (the app's story as a page)."),
    ] = JourneyFormat.table,
    judged: Annotated[
        bool,
        typer.Option(
            "--judged/--rules-only",
            help="Changed promises: also read by the call judge, and checked against the assets "
            "(docs/journeys.md); --rules-only: the rules alone, faster.",
        ),
    ] = True,
) -> None:
    """An account's calls in order: who sold, each handoff, promises that changed (inconsistent), objections
    left open, missed follow-ups. Accounts and dates come from the files, from --account/--date, or are
    inferred (docs/journey-format.md)."""
    from ..journey.build import JourneyBuilder, account_names
    from ..journey.render import print_journey
    from ..journey.sources import find_account, workspace_calls

    try:
        builder = JourneyBuilder(judged=judged)
        if calls:
            infos = builder.calls(calls, account=set_account, date=date, reps=rep or [])
            name = find_account(account_names(infos), account)
            camp = builder.checker.campaign(assets) if assets else None
            journeys = builder.journeys(infos, camp, only=name)
        else:
            if set_account or date:
                raise InputError(
                    "--account and --date set the calls given on the command line",
                    hint="for a workspace's call, use `msgcheck workspace set-account CALL ACCOUNT`",
                )
            from ..workspace.db import DEFAULT_PATH, Workspace

            with Workspace(workspace or DEFAULT_PATH) as ws:
                infos, campaigns = workspace_calls(ws, builder, campaign)
            if not infos:
                raise InputError("no calls to read", hint="name call files, or add calls to the workspace")
            name = find_account(account_names(infos), account)
            journeys = builder.journeys(infos, campaigns, only=name)
    except MsgcheckError as exc:
        say_error(exc)
        raise typer.Exit(2) from None
    if fmt is JourneyFormat.json:
        typer.echo(json.dumps(journeys[name].to_dict(), indent=2, ensure_ascii=False))
    elif fmt is JourneyFormat.html:
        from ..app.views.journey import story_html

        title = html.escape(name)
        typer.echo(f"<!doctype html><meta charset=utf-8><title>{title}</title><h2>{title}</h2>")
        typer.echo(story_html(journeys[name]))
    else:
        print_journey(journeys[name], out)


def set_account_command(
    call: Annotated[str, typer.Argument(help="The call: its id, file name or content hash.")],
    account: Annotated[str, typer.Argument(help="The account (the prospect's company) it belongs to.")],
    date: Annotated[str | None, typer.Option("--date", help="Its date, YYYY-MM-DD.")] = None,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", "-w", envvar="MSGCHECK_WORKSPACE", help="The workspace file."),
    ] = None,
) -> None:
    """Correct the account (and date) of a stored call: journeys use it over the file and inference."""
    from ..workspace.callaccounts import set_account
    from ..workspace.db import DEFAULT_PATH, Workspace

    try:
        with Workspace(workspace or DEFAULT_PATH) as ws:
            set_account(ws, call, account, date)
            rec = ws.call(call)
    except MsgcheckError as exc:
        say_error(exc)
        raise typer.Exit(2) from None
    typer.echo(f"{rec.name}: account {account}" + (f", date {date}" if date else ""))


def journey_sections(
    checker, assets: list[Path], calls: list[Path], reps: list[str] | None
) -> list[tuple[str, str]]:
    """(title, HTML) of each account with two calls or more among ``calls``: ``check --journeys``'s section."""
    from ..app.views.journey import story_html
    from ..journey.build import JourneyBuilder

    builder = JourneyBuilder(checker=checker)
    infos = builder.calls(calls, reps=reps or [])
    journeys = builder.journeys(infos, checker.campaign(assets))
    return [(f"Journey: {name}", story_html(j)) for name, j in journeys.items() if len(j.calls) >= 2]
