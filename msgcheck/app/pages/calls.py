"""Calls page: upload transcripts, pick the campaign, say who the reps are, check with a progress bar.

Uploads stay in this browser session (the uploader's state) until they are checked, which stores them
in the workspace. A file that cannot be read gets an st.error naming it; the others are checked.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from msgcheck.app import PAGES_DIR, shared, views
from msgcheck.app.rolesfix import roles_banner
from msgcheck.errors import MsgcheckError
from msgcheck.ingest import TRANSCRIPT_EXTENSIONS
from msgcheck.workspace.db import Workspace


@st.cache_data(show_spinner=False, max_entries=256)
def _preview(name: str, digest: str, _data: bytes) -> tuple[str, int, list[views.SpeakerRole], str | None]:
    """(format, utterances, speakers with roles, error) of an uploaded transcript; keyed by its hash."""
    del digest  # the cache key: _data is not hashed by Streamlit
    try:
        t, roles = views.preview_transcript(name, _data)
    except MsgcheckError as exc:
        return "", 0, [], str(exc)
    return t.format, len(t.utterances), roles, None


def _progress_bar():
    bar = st.progress(0.0, text="Loading the models and checking…")

    def step(name: str, done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"Checked {name} ({done} of {total})")

    return bar, step


def _show_results(results: list[views.UploadResult]) -> None:
    for r in results:
        if r.error:
            st.error(views.md_escape(f"{r.name}: {r.error}"))
            continue
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        n = r.findings
        c1.success(
            views.md_escape(f"{r.name}: drift {r.drift_score:.2f}, {n} finding{'s' if n != 1 else ''}"),
            icon=":material/check_circle:",
        )
        if r.call_id is not None and c2.button("Review", key=f"goto_{r.call_id}_{r.run_id}", width="stretch"):
            st.session_state["review_call"] = r.call_id
            st.switch_page(str(PAGES_DIR / "review.py"))


def _uploads(ws: Workspace, campaign: str) -> None:
    files, limit, n = shared.uploader(
        "Call transcripts",
        TRANSCRIPT_EXTENSIONS,
        "call_files",
        "Plain `Name: text`, WebVTT, SRT, Zoom, JSON or Gong JSON",
    )
    if not files:
        return
    plan: list[tuple[str, bytes, list[str] | None]] = []
    st.markdown("**Who is the rep?** Only reps can drift. Check the reps where the file does not say.")
    for i, f in enumerate(files):
        if f.size > limit * 1024 * 1024:
            st.error(
                views.md_escape(f"{f.name}: the file is larger than {limit} MB; split the call or trim it.")
            )
            continue
        data = f.getvalue()
        fmt, count, roles, error = _preview(f.name, hashlib.sha256(data).hexdigest(), data)
        if error:
            st.error(views.md_escape(error))
            continue
        default = [r.speaker for r in roles if r.role == "rep"]
        from_file = any(r.source == "file" for r in roles)
        with st.container(border=True):
            a, b = st.columns([2, 3], vertical_alignment="center")
            a.markdown(f"**{views.md_escape(f.name)}**  \n{count} utterances · {views.md_escape(fmt)}")
            chosen = b.multiselect(
                "Reps (from the file)" if from_file else "Reps (inferred: check them)",
                [r.speaker for r in roles],
                default=default,
                key=f"reps_{n}_{i}",
            )
        plan.append((f.name, data, chosen if chosen and set(chosen) != set(default) else None))
    if not plan:
        return
    label = f"Check {len(plan)} call{'s' if len(plan) != 1 else ''} against {campaign}"
    if st.button(label, type="primary", key="check_calls"):
        bar, step = _progress_bar()
        results = shared.run_safely(
            lambda: views.check_uploads(ws, shared.checker(), campaign, plan, step), "Checking the calls"
        )
        bar.empty()
        if results is not None:
            st.session_state["call_results"] = results
            st.session_state["call_files_n"] = n + 1
            st.rerun()


def render() -> None:
    ws = shared.workspace()
    shared.sidebar(ws)
    st.title("Calls")
    st.caption("Upload sales-call transcripts and check them against a campaign's promises.")
    campaigns = [c.name for c in ws.campaigns() if ws.asset_versions(c.name, current=True)]
    if not campaigns:
        st.info("Add a campaign and its assets first.")
        st.page_link(str(PAGES_DIR / "campaign.py"), label="Add a campaign", icon=":material/campaign:")
        return
    campaign = st.selectbox("Campaign these calls sell", campaigns, key="calls_campaign")
    _uploads(ws, campaign)
    if results := st.session_state.get("call_results"):
        st.subheader("Last check")
        _show_results(results)

    st.subheader(f"Calls in {campaign}")
    summaries = [s for s in shared.call_summaries(shared.data_key(ws), campaign)]
    if summaries:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "call": s.name,
                        "date": (s.date or "")[:10],
                        "reps": ", ".join(s.reps),
                        "drift": round(s.drift_score, 2),
                        "findings": s.findings,
                        "problem": s.error or "",
                    }
                    for s in summaries
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={
                "drift": st.column_config.ProgressColumn("drift", min_value=0.0, max_value=1.0, format="%.2f")
            },
        )
    else:
        st.caption("No calls checked in this campaign yet.")
    key = shared.data_key(ws)
    for s in summaries:
        if not s.error and views.call_roles(ws, s, []).uncertain:
            speakers = shared.call_transcript(key[0], s.call_id, s.content_hash, tuple(s.reps)).speakers
            roles_banner(ws, s, speakers, where="calls")
    stored = ws.calls(campaign)
    with st.expander("Re-check this campaign's calls", icon=":material/refresh:"):
        st.caption(
            "After its assets or claim marks change: every stored call of the campaign is checked again "
            "(reviews stay attached to findings that are still found)."
        )
        if st.button(f"Re-check {len(stored)} calls", disabled=not stored, key="recheck"):
            bar, step = _progress_bar()
            results = shared.run_safely(
                lambda: views.recheck_campaign(ws, shared.checker(), campaign, step), "Re-checking"
            )
            bar.empty()
            if results is not None:
                st.session_state["call_results"] = results
                st.rerun()


if __name__ == "__main__":
    render()
