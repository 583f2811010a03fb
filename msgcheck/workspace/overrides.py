"""Reviewers' edits to a campaign's claims: headline marks, retired and manual claims."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..check.named import ALLOWED_FILE, is_allowed_file
from ..errors import InputError

if TYPE_CHECKING:
    pass

from ..types import ClaimOverride
from .records import _UNCHANGED, ReviewRecord, _now


class ClaimOverridesMixin:
    """Part of :class:`msgcheck.workspace.db.Workspace`; relies on its connection and transactions."""

    def set_claim_override(
        self,
        campaign: str,
        asset_file: str,
        text: str,
        *,
        headline: bool | object | None = _UNCHANGED,
        retired: bool | None = None,
        manual: bool | None = None,
        author: str = "",
    ) -> ClaimOverride | None:
        """Mark, unmark, retire or add (``manual=True``) a campaign claim; fields not given stay as they
        are. Returns the override, or None when it no longer changes anything (its row is removed)."""
        text, asset_file = text.strip(), asset_file.strip()
        if not text or not asset_file:
            raise InputError("a claim override needs an asset file and the claim's text")
        with self.transaction() as conn:
            cid = self.campaign_id(conn, campaign, create=False)
            row = conn.execute(
                "SELECT headline, retired, manual FROM claim_overrides"
                " WHERE campaign_id = ? AND asset_file = ? AND text = ?",
                (cid, asset_file, text),
            ).fetchone()
            old_headline, old_retired, old_manual = row if row else (None, 0, 0)
            new_headline = old_headline if headline is _UNCHANGED else headline
            values = (
                None if new_headline is None else int(bool(new_headline)),
                int(old_retired if retired is None else retired),
                int(old_manual if manual is None else manual),
            )
            if values == (None, 0, 0):
                conn.execute(
                    "DELETE FROM claim_overrides WHERE campaign_id = ? AND asset_file = ? AND text = ?",
                    (cid, asset_file, text),
                )
                return None
            conn.execute(
                "INSERT INTO claim_overrides (campaign_id, asset_file, text, headline, retired, manual,"
                " author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (campaign_id, asset_file, text) DO UPDATE SET headline = excluded.headline,"
                " retired = excluded.retired,"
                " manual = excluded.manual, author = excluded.author, updated_at = excluded.updated_at",
                (cid, asset_file, text, *values, author, _now()),
            )
        return next(o for o in self.claim_overrides(campaign) if (o.asset_file, o.text) == (asset_file, text))

    def allowed_claims(self, campaign: str) -> list[str]:
        """The campaign's approved wording kept in the workspace (msgcheck.check.named): statements a rep
        may make without an "unsupported" flag, beside the campaign folder's allowed-claims.txt."""
        return [
            o.text for o in self.claim_overrides(campaign) if is_allowed_file(o.asset_file) and not o.retired
        ]

    def set_allowed_claims(self, campaign: str, statements: Sequence[str], author: str = "") -> list[str]:
        """Make the campaign's approved wording exactly ``statements`` (one statement each; blank ones and
        repeats dropped); returns it. The campaign's next check uses it."""
        wanted = list(dict.fromkeys(" ".join(s.split()) for s in statements if s.strip()))
        for text in set(self.allowed_claims(campaign)) - set(wanted):
            self.set_claim_override(campaign, ALLOWED_FILE, text, manual=False, retired=False)
        for text in wanted:
            self.set_claim_override(campaign, ALLOWED_FILE, text, manual=True, retired=False, author=author)
        return self.allowed_claims(campaign)

    def allow_finding(self, finding_id: int, reviewer: str, note: str = "") -> ReviewRecord:
        """A reviewer's "this is fine" on an unsupported finding, promoted to approved wording: the rep's
        sentence joins the campaign's allowed claims (later checks do not flag it, or one like it) and the
        finding is dismissed with a note saying so. InputError for another kind, or a call with no
        campaign."""
        f = self.finding(finding_id)
        text = (f.transcript or {}).get("text") or ""
        if f.effective_kind != "unsupported" or not text:
            raise InputError(
                f"finding {finding_id} is a {f.effective_kind}, not an unsupported claim",
                hint="only a rep's unsupported claim can become approved wording; dismiss the others",
            )
        campaign = self.call(f.call_id).campaign
        if not campaign:
            raise InputError(
                f"the call of finding {finding_id} belongs to no campaign", hint="check it with one"
            )
        self.set_claim_override(campaign, ALLOWED_FILE, text, manual=True, retired=False, author=reviewer)
        return self.review(
            finding_id, "dismiss", reviewer, note=note or f"approved wording: added to {ALLOWED_FILE}"
        )

    def claim_overrides(self, campaign: str) -> list[ClaimOverride]:
        """The campaign's claim overrides, by asset file then text."""
        rows = self.query_all(
            "SELECT o.asset_file, o.text, o.headline, o.retired, o.manual, o.author, o.updated_at"
            " FROM claim_overrides o JOIN campaigns c ON c.id = o.campaign_id WHERE c.name = ?"
            " ORDER BY o.asset_file, o.text",
            (campaign,),
        )
        return [
            ClaimOverride(campaign, f, t, None if h is None else bool(h), bool(r), bool(m), a, u)
            for f, t, h, r, m, a, u in rows
        ]
