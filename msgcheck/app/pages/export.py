"""Export page: the report of a call, a campaign or the whole workspace as JSON, CSV or HTML
(msgcheck.report's writers, the same files `msgcheck check --format` writes)."""

from __future__ import annotations

import re

import streamlit as st

from msgcheck.app import shared, views
from msgcheck.report import to_csv, to_html, to_json

SCOPES = {"call": "One call", "campaign": "One campaign", "all": "The whole workspace"}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:80] or "report"


def render() -> None:
    ws = shared.workspace()
    shared.sidebar(ws)
    st.title("Export")
    st.caption("Download the findings as JSON (docs/report-schema.md), CSV or a self-contained HTML page.")
    scope = st.radio(
        "What to export", list(SCOPES), format_func=SCOPES.get, horizontal=True, key="export_scope"
    )
    campaign = call_id = None
    name = "workspace"
    if scope == "campaign":
        campaigns = [c.name for c in ws.campaigns()]
        if not campaigns:
            st.info("No campaigns yet.")
            return
        campaign = st.selectbox("Campaign", campaigns, key="export_campaign")
        name = campaign
    elif scope == "call":
        summaries = shared.call_summaries(shared.data_key(ws))
        if not summaries:
            st.info("No checked calls yet.")
            return
        by_id = {s.call_id: s for s in summaries}
        call_id = st.selectbox("Call", list(by_id), format_func=lambda i: by_id[i].label, key="export_call")
        name = by_id[call_id].name.rsplit(".", 1)[0]
    apply_reviews = st.toggle(
        "Apply review decisions (leave out dismissed findings, use changed kinds)",
        value=True,
        key="export_apply",
    )
    report = views.report_for(ws, campaign=campaign, call_id=call_id, apply_reviews=apply_reviews)
    n = sum(len(c.findings) for c in report.calls)
    st.caption(
        f"{len(report.calls)} call{'s' if len(report.calls) != 1 else ''}, {n} finding{'s' if n != 1 else ''}, "
        f"checked against {len(report.assets)} asset{'s' if len(report.assets) != 1 else ''}."
    )
    stem = f"msgcheck-{_slug(name)}"
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "⬇️ JSON",
        to_json(report),
        f"{stem}.json",
        "application/json",
        key="dl_json",
        width="stretch",
        on_click="ignore",
    )
    c2.download_button(
        "⬇️ CSV", to_csv(report), f"{stem}.csv", "text/csv", key="dl_csv", width="stretch", on_click="ignore"
    )
    c3.download_button(
        "⬇️ HTML",
        to_html(report),
        f"{stem}.html",
        "text/html",
        key="dl_html",
        width="stretch",
        on_click="ignore",
    )


if __name__ == "__main__":
    render()
