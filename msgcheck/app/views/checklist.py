"""A call's promise checklist as the review page shows it beside the findings.

The checker decides each headline promise's status when it checks the call (msgcheck.check.checklist);
the workspace stores that checklist with the run. This only turns it into rows a reviewer reads: the
promise, what became of it in words, the rep's words and time, the asset claim they match, and the
finding a changed (or never mentioned) promise points to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...report import format_time
from ...workspace.db import Workspace
from .calls import CallSummary, FindingView

STATUS_WORDS = {"upheld": "Upheld", "changed": "Changed", "not_mentioned": "Not mentioned"}


@dataclass(frozen=True)
class ChecklistRow:
    """One headline promise and what this call did with it."""

    promise: str
    asset_file: str
    slot: str | None
    status: str  # upheld | changed | not_mentioned
    speaker: str | None = None  # the rep whose words uphold or change it
    rep_text: str | None = None
    time: str = ""  # mm:ss into the call, when the transcript has times
    matched: str | None = None  # the asset claim the rep's words match, when not the promise itself
    matched_file: str | None = None
    finding_id: int | None = None  # the finding that changes it (or says it never came up)

    @property
    def status_label(self) -> str:
        return STATUS_WORDS.get(self.status, self.status)

    @property
    def on_the_call(self) -> str:
        """What happened, in one plain sentence."""
        who = self.speaker or "The rep"
        at = f" at {self.time}" if self.time else ""
        if self.status == "upheld":
            return f"{who} said it{at}: “{self.rep_text}”"
        if self.status == "changed":
            return f"{who} changed it{at}: “{self.rep_text}”"
        return "Nobody on the call brought it up."


def call_checklist(
    ws: Workspace, call: CallSummary, findings: Sequence[FindingView] = ()
) -> list[ChecklistRow]:
    """The call's headline promises, in the campaign's order, as its latest run recorded them.

    ``findings``: the call's findings as the page lists them; a checklist line points to one only when it
    is there (a finding the run's thresholds dropped is not linked)."""
    shown = {f.id for f in findings}
    rows = []
    for p in ws.call_promises(call.run_id, call.call_id):
        rep, asset = p.get("rep") or {}, p.get("asset") or {}
        matched = asset.get("text")
        fid = p.get("finding_id")
        rows.append(
            ChecklistRow(
                promise=p["promise"],
                asset_file=p["asset_file"],
                slot=p.get("slot"),
                status=p["status"],
                speaker=rep.get("speaker"),
                rep_text=rep.get("text"),
                time=format_time(rep.get("start")),
                matched=matched if matched and matched != p["promise"] else None,
                matched_file=asset.get("file") if matched and matched != p["promise"] else None,
                finding_id=fid if fid in shown else None,
            )
        )
    return rows
