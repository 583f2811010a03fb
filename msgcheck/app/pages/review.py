"""Review page: one call's drift, side by side with the campaign, and the reviewer's decisions.

Reads the call's latest run from the workspace (never re-checks); decisions go to Workspace.review at
once.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from msgcheck.app import PAGES_DIR, shared, views
from msgcheck.app.rolesfix import roles_banner
from msgcheck.errors import MsgcheckError
from msgcheck.report import FINDING_KINDS
from msgcheck.workspace.db import Workspace

FULL_TRANSCRIPT_UP_TO = 250  # longer calls open on their drifting moments only


def _decide(ws: Workspace, finding_id: int, decision: str, kind_key: str | None, note_key: str) -> None:
    new_kind = st.session_state.get(kind_key) if kind_key else None
    note = str(st.session_state.get(note_key) or "")
    try:
        ws.review(finding_id, decision, shared.reviewer(), note=note, new_kind=new_kind)
    except MsgcheckError as exc:  # shown on the page, never a traceback
        st.session_state["review_error"] = str(exc)
        return
    label = {"accept": "accepted", "dismiss": "dismissed"}.get(decision, f"changed to {new_kind}")
    st.toast(f"Finding {finding_id} {label}", icon=":material/check_circle:")


def _allow(ws: Workspace, finding_id: int, note_key: str) -> None:
    try:
        ws.allow_finding(finding_id, shared.reviewer(), note=str(st.session_state.get(note_key) or ""))
    except MsgcheckError as exc:
        st.session_state["review_error"] = str(exc)
        return
    st.toast("Added to the campaign's approved wording; the finding is dismissed.", icon=":material/check:")


def _pick_call(summaries: list[views.CallSummary]) -> views.CallSummary:
    order = sorted(summaries, key=lambda s: (s.error is not None, -s.drift_score, s.name))
    by_id = {s.call_id: s for s in order}
    wanted = st.query_params.get("call")
    if "review_call" not in st.session_state and wanted and wanted.isdigit() and int(wanted) in by_id:
        st.session_state["review_call"] = int(wanted)
    if st.session_state.get("review_call") not in by_id:
        st.session_state.pop("review_call", None)
    call_id = st.selectbox(
        "Call",
        list(by_id),
        format_func=lambda i: by_id[i].label,
        key="review_call",
        help="Calls with the most drift first.",
    )
    return by_id[call_id]


_STATUS_BADGES = {
    "upheld": ":green-badge[:material/check: Upheld]",
    "changed": ":red-badge[:material/warning: Changed]",
    "not_mentioned": ":gray-badge[:material/remove: Not mentioned]",
}


def _show_finding(sel_key: str, finding_id: int) -> None:
    """Select a checklist line's finding in the list (and clear the filters that could hide it)."""
    st.session_state[sel_key] = finding_id
    for key in ("f_kinds", "f_score"):
        st.session_state.pop(key, None)


def _checklist(rows: list[views.ChecklistRow], sel_key: str) -> None:
    """The call's headline promises beside its findings: upheld, changed (with a link), not mentioned."""
    with st.container(border=True):
        st.markdown("**Headline promises on this call**")
        if not rows:
            st.caption("This check recorded no headline promises (re-check the call to see its checklist).")
            return
        st.caption(
            "The campaign's headline promises and what the call did with each: upheld (the rep said it), "
            "changed (see the finding), or never brought up."
        )
        for i, r in enumerate(rows):
            a, b, c, d = st.columns([1.6, 3, 4, 1.1], vertical_alignment="center")
            a.markdown(_STATUS_BADGES.get(r.status, r.status_label))
            b.markdown(f"{views.md_escape(r.promise)}  \n:gray[{views.md_escape(r.asset_file)}]")
            said = views.md_escape(r.on_the_call)
            if r.matched:
                said += f"  \n:gray[matches “{views.md_escape(r.matched)}” ({views.md_escape(r.matched_file or '')})]"
            c.markdown(said)
            if r.finding_id is not None:
                d.button(
                    "See finding",
                    key=f"promise_{sel_key}_{i}",
                    on_click=_show_finding,
                    args=(sel_key, r.finding_id),
                    width="stretch",
                )


def _timeline_chart(data: dict[str, list[dict]], reps: list[str]) -> alt.LayerChart | None:
    points = pd.DataFrame(data["points"])
    turns = pd.DataFrame(data["turns"])
    meta = data["meta"][0]
    if turns.empty and points.empty:
        return None
    # seconds labelled mm:ss, as the page writes times everywhere else
    mmss = "floor(datum.value / 60) + ':' + (datum.value % 60 < 10 ? '0' : '') + floor(datum.value % 60)"
    end = max(meta["end"], 1)
    step = 60 if end <= 1200 else 300  # a tick a minute (every five on long calls)
    ticks = list(range(0, int(end) + step, step))
    axis = alt.Axis(labelExpr=mmss, values=ticks) if meta.get("timed") else alt.Axis(tickMinStep=1)
    x = alt.X("x:Q", title=meta["axis"], scale=alt.Scale(domain=[0, max(meta["end"], 1)]), axis=axis)
    rows = alt.Y("speaker:N", title=None, sort=reps, axis=alt.Axis(labelLimit=160))
    layers = []
    if not turns.empty:
        layers.append(
            alt.Chart(turns)
            .mark_tick(color="#c8ccd6", thickness=2, size=14)
            .encode(x=x, y=rows, tooltip=[alt.Tooltip("speaker:N", title="speaking"), "time:N"])
        )
    if data["handoffs"]:
        hand = pd.DataFrame(data["handoffs"])
        layers.append(
            alt.Chart(hand)
            .mark_rule(strokeDash=[4, 3], color="#667085")
            .encode(x="x:Q", tooltip=["label:N", "time:N"])
        )
    if not points.empty:
        layers.append(
            alt.Chart(points)
            .mark_circle(opacity=0.9, stroke="white", strokeWidth=1)
            .encode(
                x=x,
                y=rows,
                color=alt.Color(
                    "kind:N", scale=alt.Scale(**shared.kind_scale()), legend=alt.Legend(orient="top")
                ),
                size=alt.Size("score:Q", scale=alt.Scale(domain=[0, 1], range=[60, 360]), legend=None),
                tooltip=[
                    alt.Tooltip("kind:N"),
                    alt.Tooltip("time:N", title="when"),
                    alt.Tooltip("speaker:N", title="rep"),
                    alt.Tooltip("slot:N"),
                    alt.Tooltip("said:N", title="rep said"),
                    alt.Tooltip("campaign:N", title="campaign says"),
                    alt.Tooltip("explanation:N", title="why"),
                    alt.Tooltip("status:N"),
                ],
            )
        )
    return alt.layer(*layers).properties(height=alt.Step(34))


def _finding_option(f: views.FindingView) -> str:
    said = f.rep_text or f.asset_text or ""
    said = said if len(said) <= 80 else said[:77] + "…"
    when = f.time or ("whole call" if f.index is None else f"turn {f.index + 1}")
    who = views.md_escape(f.speaker) if f.speaker else "never said"
    status = "" if f.decision is None else f" · **{f.status}**"
    return (
        f"{shared.kind_badge(f.kind)} {views.md_escape(f.slot_name)} · {views.md_escape(when)} · {who}{status}"
        f"  \n“{views.md_escape(said)}”"
    )


def _evidence(ws: Workspace, f: views.FindingView) -> None:
    st.html(views.evidence_html(f))
    if f.decision:
        when = f" by {f.reviewer}" if f.reviewer else ""
        st.caption(views.md_escape(f"Decision: {f.status}{when}" + (f" — {f.note}" if f.note else "")))
    note_key, kind_key = f"note_{f.id}", f"newkind_{f.id}"
    a, b, c, d = st.columns([1, 1, 1.4, 1.2], vertical_alignment="bottom")
    a.button(
        "✓ Accept",
        key=f"accept_{f.id}",
        help="True drift",
        on_click=_decide,
        args=(ws, f.id, "accept", None, note_key),
        width="stretch",
        type="primary" if f.decision is None else "secondary",
    )
    b.button(
        "✗ Dismiss",
        key=f"dismiss_{f.id}",
        help="Not drift (a false alarm)",
        on_click=_decide,
        args=(ws, f.id, "dismiss", None, note_key),
        width="stretch",
    )
    if f.kind == "unsupported" and f.rep_text:
        st.button(
            "This is fine: add to approved wording",
            icon=":material/thumb_up:",
            key=f"allow_{f.id}",
            help="Dismisses this finding and adds the rep's sentence to the campaign's approved wording, so "
            "later checks do not flag it (or one like it). Edit the list on the Campaign page.",
            on_click=_allow,
            args=(ws, f.id, note_key),
        )
    others = [k for k in FINDING_KINDS if k != f.kind]
    c.selectbox("Change kind to", others, key=kind_key)
    d.button(
        "Change kind",
        key=f"change_{f.id}",
        on_click=_decide,
        args=(ws, f.id, "change_kind", kind_key, note_key),
        width="stretch",
    )
    st.text_input("Note (optional, saved with the decision)", key=note_key)
    if problem := st.session_state.pop("review_error", None):
        st.error(views.md_escape(f"The decision was not saved: {problem}"))


def render() -> None:
    ws = shared.workspace()
    shared.sidebar(ws)
    st.title("Review a call")
    st.caption(
        "Where the call's story drifts from the campaign: what the rep said, what the assets say, and why. "
        "Accept or dismiss each finding; decisions are saved to the workspace at once."
    )
    key = shared.data_key(ws)
    summaries = shared.call_summaries(key)
    if not summaries:
        st.info("No checked calls yet: add a campaign's assets, then upload calls.")
        st.page_link(str(PAGES_DIR / "calls.py"), label="Upload calls", icon=":material/call:")
        return
    call = _pick_call(summaries)
    if call.error:
        st.error(views.md_escape(f"{call.name} could not be checked: {call.error}"))
        return

    findings = views.call_findings(ws, call.call_id, call.run_id)
    transcript = shared.call_transcript(key[0], call.call_id, call.content_hash, tuple(call.reps))
    roles_banner(ws, call, transcript.speakers)
    for line in views.left_out_assets(ws, call.run_id):
        st.warning(views.md_escape(line), icon=":material/folder_off:")

    reviewed = sum(1 for f in findings if f.decision)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Drift score", f"{call.drift_score:.2f}", help="0: on message; near 1: the story changed")
    kinds = ", ".join(f"{n} {k}" for k, n in call.kinds.items() if n) or "none"
    m2.metric("Findings", len(findings), help=kinds)
    m3.metric("Reps", len(call.reps), help=", ".join(call.reps) or "none found")
    m4.metric("Reviewed", f"{reviewed} / {len(findings)}")
    summary = views.call_headline(findings)
    (st.warning if findings else st.success)(views.md_escape(summary), icon=":material/campaign:")
    st.caption(
        views.md_escape(f"Campaign: {call.campaign or 'none'} · reps: {', '.join(call.reps) or 'none'}")
        + (f" · {views.md_escape(call.date[:10])}" if call.date else "")
    )

    _checklist(views.call_checklist(ws, call, findings), f"sel_{call.call_id}")

    with st.container(border=True):
        f1, f2, f3, f4, f5 = st.columns([2.2, 2, 2, 1.6, 1.3], vertical_alignment="bottom")
        kinds_sel = f1.multiselect("Kind", list(FINDING_KINDS), key="f_kinds", placeholder="All kinds")
        reps = sorted({f.speaker for f in findings if f.speaker})
        reps_sel = f2.multiselect("Rep", reps, key=f"f_reps_{call.call_id}", placeholder="All reps")
        slots = sorted({f.slot_name for f in findings})
        slots_sel = f3.multiselect("Slot", slots, key=f"f_slots_{call.call_id}", placeholder="All slots")
        min_score = f4.slider("Min score", 0.0, 1.0, 0.0, 0.05, key="f_score")
        show_dismissed = f5.toggle(
            "Dismissed", value=True, key="f_dismissed", help="Show dismissed findings too"
        )
    shown = views.filter_findings(
        findings,
        kinds=kinds_sel or None,
        reps=reps_sel or None,
        slots=slots_sel or None,
        min_score=min_score,
        show_dismissed=show_dismissed,
    )

    left, right = st.columns([2, 3], gap="large")
    selected = None
    with left:
        st.subheader(f"Findings ({len(shown)} of {len(findings)})")
        if not shown:
            st.success("No drift here." if not findings else "No finding passes the filters.")
        else:
            by_id = {f.id: f for f in shown}
            sel_key = f"sel_{call.call_id}"
            if st.session_state.get(sel_key) not in by_id:
                st.session_state.pop(sel_key, None)
            with st.container(height=430 if len(shown) > 6 else "content", border=False):
                selected = st.radio(
                    "Finding",
                    list(by_id),
                    format_func=lambda i: _finding_option(by_id[i]),
                    key=sel_key,
                    label_visibility="collapsed",
                )
    with right:
        st.subheader("Evidence")
        if selected is not None:
            _evidence(ws, by_id[selected])
        else:
            st.caption("Pick a finding to see the rep's words beside the campaign's.")

    lines = views.transcript_lines(transcript, shown)
    data = views.timeline(lines, shown, call.reps)
    st.subheader("Drift timeline")
    st.caption(
        "When in the call each finding happens (bigger: surer), on the line of the rep who said it; grey "
        "ticks: the rep speaking; dashed lines: a handoff to another rep."
    )
    chart = _timeline_chart(data, call.reps)
    if chart is not None:
        st.altair_chart(chart, width="stretch")

    st.subheader("Transcript")
    omissions = [f for f in shown if f.index is None]
    only_drift = st.toggle(
        "Only the drifting moments (with the utterances around them)",
        value=bool(shown) or len(lines) > FULL_TRANSCRIPT_UP_TO,
        key=f"only_drift_{call.call_id}",
    )
    handoffs = [h["index"] for h in data["handoffs"]]
    body = views.transcript_html(
        lines, omissions, selected=selected, only_drift=only_drift, context=2, handoffs=handoffs
    )
    with st.container(height=620, border=True):
        st.html(body)


if __name__ == "__main__":
    render()
