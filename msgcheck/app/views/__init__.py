"""What the app shows, as plain functions over a Workspace, Report or Transcript (no Streamlit here).

Every figure on a page of the app comes from one of these, so the CLI or a notebook can compute it
too. Functions return dataclasses or lists of dicts (rows ready for a chart or a table).

- text: ``quantity_label``, ``value_marks``, ``qualifier_marks``, ``highlight`` (escaped HTML with the
  values marked), ``md_escape`` (user text made safe for Streamlit's markdown labels);
- a call: ``call_summaries``, ``call_roles``, ``call_checklist`` (its promise checklist), ``call_findings``,
  ``filter_findings``, ``left_out_assets``, ``call_transcript``, ``transcript_lines``, ``transcript_html``,
  ``evidence_html``, ``timeline``;
- the dashboard: ``overview``, ``drift_by_rep``, ``drift_by_campaign``, ``drift_by_slot``,
  ``drift_over_time``, ``drift_by_rep_over_time`` (dated, per rep), ``promise_ledger`` (one row per
  headline promise), ``ledger_rows`` (every claim);
- export: ``report_for`` (a call, a campaign or the whole workspace, reviews applied);
- the campaign page: ``campaign_documents``, ``campaign_claims``;
- the calls page: ``preview_transcript``, ``check_uploads``, ``recheck_campaign``, ``set_reps``.

Every piece of user text that goes into HTML here goes through ``html.escape``.
"""

from __future__ import annotations

from .calls import (
    CallRoles,
    CallSummary,
    FindingView,
    call_findings,
    call_headline,
    call_roles,
    call_summaries,
    filter_findings,
    left_out_assets,
)
from .campaign import (
    AssetResult,
    ClaimView,
    add_assets,
    campaign_claims,
    campaign_documents,
    campaign_model,
    omission_keys,
)
from .checklist import STATUS_WORDS, ChecklistRow, call_checklist
from .dashboard import (
    CATCH_ALL_TOPICS,
    drift_by_campaign,
    drift_by_rep,
    drift_by_rep_over_time,
    drift_by_slot,
    drift_over_time,
    ledger_rows,
    overview,
    promise_ledger,
    report_for,
)
from .text import (
    KIND_COLORS,
    KIND_LABELS,
    NO_SLOT,
    STATUS_COLORS,
    Mark,
    highlight,
    md_escape,
    qualifier_marks,
    quantity_label,
    value_marks,
)
from .transcript import (
    CSS,
    Line,
    call_transcript,
    evidence_html,
    timeline,
    transcript_from_bytes,
    transcript_html,
    transcript_lines,
)
from .uploads import SpeakerRole, UploadResult, check_uploads, preview_transcript, recheck_campaign, set_reps

__all__ = [
    "CATCH_ALL_TOPICS",
    "CSS",
    "KIND_COLORS",
    "KIND_LABELS",
    "NO_SLOT",
    "STATUS_COLORS",
    "STATUS_WORDS",
    "AssetResult",
    "CallRoles",
    "CallSummary",
    "ChecklistRow",
    "ClaimView",
    "FindingView",
    "Line",
    "Mark",
    "SpeakerRole",
    "UploadResult",
    "add_assets",
    "call_checklist",
    "call_findings",
    "call_headline",
    "call_roles",
    "call_summaries",
    "call_transcript",
    "campaign_claims",
    "campaign_documents",
    "campaign_model",
    "check_uploads",
    "drift_by_campaign",
    "drift_by_rep",
    "drift_by_rep_over_time",
    "drift_by_slot",
    "drift_over_time",
    "evidence_html",
    "filter_findings",
    "highlight",
    "ledger_rows",
    "left_out_assets",
    "md_escape",
    "omission_keys",
    "overview",
    "preview_transcript",
    "promise_ledger",
    "qualifier_marks",
    "quantity_label",
    "recheck_campaign",
    "report_for",
    "set_reps",
    "timeline",
    "transcript_from_bytes",
    "transcript_html",
    "transcript_lines",
    "value_marks",
]
