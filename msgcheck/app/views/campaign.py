"""The campaign page: its assets' claims as the next check will see them, reviewers' marks applied."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ...check.campaign import Campaign, headline_promises
from ...check.checker import Checker
from ...check.named import is_allowed_file
from ...check.overrides import apply_overrides
from ...errors import InputError, MsgcheckError, WorkspaceError
from ...ingest import parse_asset
from ...types import Document, Upload
from ...workspace.db import Workspace
from .text import highlight, quantity_label, value_marks
from .transcript import _safe_name

# --------------------------------------------------------------------------- campaign page


def campaign_documents(ws: Workspace, campaign: str) -> list[Document]:
    """The campaign's current asset versions, parsed again from their stored bytes."""

    current = ws.asset_versions(campaign, current=True)
    docs = [parse_asset(a.name, ws.asset_bytes(a.id)) for a in current]
    for d, a in zip(docs, current, strict=True):
        d.path, d.name = a.name, a.name
    return docs


@dataclass(frozen=True)
class ClaimView:
    """An asset claim as the campaign page lists it."""

    asset_file: str
    text: str
    slot: str | None
    values: list[str]  # normalised values ("30 days", "$0 one-time")
    html: str  # the text, escaped, values marked
    headline: bool  # drives omission in the next check (a top headline offer promise, marks applied)
    marked: bool | None  # the reviewer's mark: True headline, False not, None the checker decides
    retired: bool = False
    manual: bool = False
    promise: int | None = None  # rank of the headline promise it belongs to (1 = the campaign's first)
    lead: bool = False  # the promise's representative: how the checklist and reports quote the promise


@dataclass(frozen=True)
class AssetResult:
    name: str
    version: int | None = None
    added: bool = False
    error: str | None = None


def add_assets(ws: Workspace, campaign: str, files: Sequence[tuple[str, bytes]]) -> list[AssetResult]:
    """Store uploaded asset files as versions of the campaign's assets (the campaign is created when
    new). A file that cannot be read gets an AssetResult with ``error``; the others go on."""
    ws.add_campaign(campaign)
    out = []
    for name, data in files:
        safe = _safe_name(name)
        try:
            version, added = ws.add_asset_bytes(campaign, safe, data)
            out.append(AssetResult(safe, version.version, added))
        except WorkspaceError:
            raise
        except MsgcheckError as exc:
            out.append(AssetResult(safe, error=str(exc)))
    return out


def campaign_model(checker: Checker, ws: Workspace, campaign: str) -> Campaign:
    """The campaign as the checker sees it (claims, vectors, promises), before any claim overrides: the
    stored assets read as a check reads them, so one a check leaves out (a hidden ``.offer.md`` stored
    by an older msgcheck) is in ``Campaign.errors`` here too. InputError when the campaign has no assets
    or no claims."""
    current = ws.asset_versions(campaign, current=True)
    if not current:
        raise InputError(f"campaign {campaign!r} has no assets yet", hint="add its assets first")
    return checker.using(store=ws).campaign([Upload(a.name, ws.asset_bytes(a.id)) for a in current])


def omission_keys(checker: Checker, camp: Campaign) -> dict[tuple[str, str], int]:
    """(asset file, text) -> rank (1, 2, ...) of the claims whose promises the omission check uses
    (msgcheck.check.campaign.headline_promises: the one definition the checker and reports use)."""

    eligible = headline_promises(camp.promises, checker.config)
    return {(c.file, c.text): rank for rank, p in enumerate(eligible, 1) for c in p.claims}


def campaign_claims(
    checker: Checker, ws: Workspace, campaign: str, camp: Campaign | None = None
) -> list[ClaimView]:
    """Every claim of the campaign's current assets as the next check will see it: extracted claims
    then manual ones, with the reviewers' marks applied; retired claims are listed as retired.
    ``camp``: the campaign_model already computed (it is not changed)."""

    camp = camp if camp is not None else campaign_model(checker, ws, campaign)
    overrides = ws.claim_overrides(campaign)
    by_key = {(o.asset_file, o.text): o for o in overrides}
    view = checker.using(store=ws)
    applied = apply_overrides(camp, overrides, embedder=view.embedder, config=view.config)
    active = {(c.file, c.text): c for c in applied.claims}
    drives = omission_keys(checker, applied)
    leads = {
        (p.representative.file, p.representative.text)
        for p in headline_promises(applied.promises, checker.config)
    }
    extracted = {(c.file, c.text) for c in camp.claims}
    out = []
    for c in [*camp.claims, *(c for c in applied.claims if (c.file, c.text) not in extracted)]:
        key = (c.file, c.text)
        o = by_key.get(key)
        live = active.get(key)
        out.append(
            ClaimView(
                asset_file=c.file,
                text=c.text,
                slot=c.slot,
                values=[quantity_label(q) for q in c.quantities],
                html=highlight(c.text, value_marks(c.text)),
                headline=key in drives,
                promise=drives.get(key),
                marked=o.headline if o else None,
                retired=live is None,
                manual=key not in extracted,
                lead=key in leads,
            )
        )
    for o in overrides:  # manual claims retired, so the page can list them
        if o.manual and o.retired and not is_allowed_file(o.asset_file):
            out.append(
                ClaimView(
                    o.asset_file, o.text, None, [], html.escape(o.text), False, o.headline, True, True, None
                )
            )
    return out
