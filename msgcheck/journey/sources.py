"""Where a journey's calls come from: files named on the command line, or a workspace."""

from __future__ import annotations

import contextlib

from ..check.campaign import Campaign
from ..errors import InputError, MsgcheckError
from ..types import Upload
from ..workspace.callaccounts import stored_accounts
from ..workspace.db import Workspace
from .accounts import CallInfo
from .build import JourneyBuilder, read_call
from .meta import CallMeta

__all__ = ["find_account", "workspace_calls"]


def workspace_calls(
    ws: Workspace, builder: JourneyBuilder, campaign: str | None = None
) -> tuple[list[CallInfo], dict[str, Campaign]]:
    """The workspace's calls (of one campaign, or all) with their accounts, and their campaigns' current assets.
    What a reviewer or the command line stored (``workspace set-account``) wins over the file and inference."""
    stored = stored_accounts(ws)
    infos: list[CallInfo] = []
    for rec in ws.calls(campaign):
        try:
            info = read_call(Upload(rec.name, ws.call_bytes(rec.id)))
        except MsgcheckError:
            continue  # a call that no longer parses is left out of journeys, as it is out of checks
        s = stored.get(rec.id)
        if s is not None:
            info.meta = CallMeta(
                account=s.account or info.meta.account,
                date=(s.date if s.date_source else None) or info.meta.date or s.date,
                account_source=s.account_source if s.account else info.meta.account_source,
                date_source=s.date_source or info.meta.date_source or ("file" if s.date else ""),
            )
        info.campaign = rec.campaign
        infos.append(info)
    reps = {r for rec in ws.calls(campaign) for r in (ws.confirmed_reps(rec.id) or [])}
    infos = builder.calls(infos, reps=sorted(reps))
    campaigns: dict[str, Campaign] = {}
    for name in {c.campaign for c in infos if c.campaign}:
        assets = [Upload(a.name, ws.asset_bytes(a.id)) for a in ws.asset_versions(name, current=True)]
        # no usable assets: the account's journey is built without the asset check
        with contextlib.suppress(MsgcheckError):
            if assets:
                campaigns[name] = builder.checker.campaign(assets)
    return infos, campaigns


def find_account(names: list[str], wanted: str) -> str:
    """The account ``wanted`` names: exactly, else case-insensitively, else the one name it is part of."""
    if wanted in names:
        return wanted
    low = wanted.lower()
    exact = [n for n in names if n.lower() == low]
    if exact:
        return exact[0]
    part = [n for n in names if low in n.lower()]
    if len(part) == 1:
        return part[0]
    known = "; ".join(names) or "none"
    if part:
        raise InputError(
            f"{wanted!r} matches several accounts: {'; '.join(part)}", hint="give more of the name"
        )
    raise InputError(f"no account {wanted!r}", hint=f"the accounts are: {known}")
