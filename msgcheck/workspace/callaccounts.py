"""Which account a stored call belongs to, and its date, when the command line or a reviewer said so.

The file's own account and date, and inferred ones, are read when a journey is built (msgcheck.journey); what
is stored here (migration 4) wins over both, so a reviewer's correction sticks across re-imports and exports.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..journey.meta import normalise_date
from .db import Workspace

__all__ = ["StoredAccount", "set_account", "stored_accounts"]


@dataclass(frozen=True)
class StoredAccount:
    account: str | None
    account_source: str  # "" (not set) | "cli" | "reviewer"
    date: str | None
    date_source: str  # "" (the file or its name) | "cli" | "reviewer"


def set_account(
    ws: Workspace, ref: int | str, account: str | None, date: str | None = None, source: str = "reviewer"
) -> None:
    """Name the call's account (and date): ``ref`` is a call id, content hash or file name. None leaves it."""
    call = ws.call(ref)
    if date is not None and normalise_date(date) is None:
        raise InputError(f"{date!r} is not a date", hint="write it as YYYY-MM-DD")
    account = " ".join(account.split()) if account else None
    with ws.transaction() as conn:
        if account:
            conn.execute(
                "UPDATE calls SET account = ?, account_source = ? WHERE id = ?", (account, source, call.id)
            )
        if date is not None:
            conn.execute(
                "UPDATE calls SET call_date = ?, date_source = ? WHERE id = ?",
                (normalise_date(date), source, call.id),
            )


def stored_accounts(ws: Workspace) -> dict[int, StoredAccount]:
    """Call id -> what is stored about its account and date."""
    return {
        int(r[0]): StoredAccount(r[1], r[2] or "", r[3], r[4] or "")
        for r in ws.query_all("SELECT id, account, account_source, call_date, date_source FROM calls", ())
    }
