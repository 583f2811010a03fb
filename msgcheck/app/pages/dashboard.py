"""Dashboard: drift by rep, by campaign, by slot and over time, and the claim ledger (msgcheck.views)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from msgcheck.app import shared, views

STATUS_ORDER = ["contradicted", "weakened", "upheld", "not_mentioned"]
STATUS_LABEL = {
    "contradicted": "contradicted",
    "weakened": "weakened",
    "upheld": "upheld",
    "not_mentioned": "not mentioned",
}
LEDGER_ROWS = 15


@st.cache_data(show_spinner=False, max_entries=32)
def _data(key: tuple[str, int, int], reviews: int, campaign: str | None, apply_reviews: bool) -> dict:
    """Every aggregate of the page, recomputed only when a run or a review is added."""
    ws = shared._workspace(key[0])
    return {
        "overview": views.overview(ws, campaign, apply_reviews=apply_reviews),
        "by_rep": views.drift_by_rep(ws, campaign, apply_reviews=apply_reviews),
        "by_campaign": views.drift_by_campaign(ws, apply_reviews=apply_reviews),
        "by_slot": views.drift_by_slot(ws, campaign, apply_reviews=apply_reviews),
        "over_time": views.drift_over_time(ws, campaign, apply_reviews=apply_reviews),
        "ledger": views.ledger_rows(ws, campaign),
    }


def _kind_color() -> alt.Color:
    return alt.Color(
        "kind:N", title="kind", scale=alt.Scale(**shared.kind_scale()), legend=alt.Legend(orient="top")
    )


def _by_rep(rows: list[dict]) -> alt.Chart | None:
    df = pd.DataFrame([r for r in rows if r["kind"]])
    if df.empty:
        return None
    order = df.drop_duplicates("rep").sort_values("mean_drift", ascending=False)["rep"].tolist()
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("rep:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("sum(count):Q", title="findings", axis=alt.Axis(tickMinStep=1, format="d")),
            color=_kind_color(),
            order=alt.Order("kind:N"),
            tooltip=[
                "rep:N",
                "kind:N",
                "count:Q",
                alt.Tooltip("mean_drift:Q", format=".2f", title="mean drift"),
                "calls:Q",
            ],
        )
        .properties(height=alt.Step(30))
    )


def _by_slot(rows: list[dict]) -> alt.Chart | None:
    df = pd.DataFrame(rows)
    if df.empty:
        return None
    order = df.groupby("slot")["count"].sum().sort_values(ascending=False).index.tolist()
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("slot:N", sort=order, title=None),
            x=alt.X("sum(count):Q", title="findings", axis=alt.Axis(tickMinStep=1, format="d")),
            color=_kind_color(),
            tooltip=["slot:N", "kind:N", "count:Q"],
        )
        .properties(height=alt.Step(26))
    )


def _over_time(rows: list[dict]) -> alt.Chart | None:
    df = pd.DataFrame(rows)
    if df.empty:
        return None
    dated = df["date"].dropna().nunique() >= 2 and df["date"].notna().all()
    x = (
        alt.X("date:T", title="call date")
        if dated
        else alt.X("order:Q", title="calls in date order", axis=alt.Axis(tickMinStep=1))
    )
    base = alt.Chart(df).encode(
        x=x,
        y=alt.Y("drift:Q", title="drift score", scale=alt.Scale(domain=[0, 1])),
        tooltip=["call:N", "date:N", alt.Tooltip("drift:Q", format=".2f"), "findings:Q", "reps:N"],
    )
    return (base.mark_line(color="#98a2b3") + base.mark_circle(size=90, color="#b42318")).properties(
        height=240
    )


def _by_campaign(rows: list[dict]) -> alt.Chart | None:
    df = pd.DataFrame(rows)
    if df.empty:
        return None
    return (
        alt.Chart(df)
        .mark_bar(color="#175cd3")
        .encode(
            y=alt.Y("campaign:N", sort="-x", title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X("mean_drift:Q", title="mean drift score", scale=alt.Scale(domain=[0, 1])),
            tooltip=["campaign:N", "calls:Q", alt.Tooltip("mean_drift:Q", format=".2f"), "findings:Q"],
        )
        .properties(height=alt.Step(34))
    )


def _ledger(rows: list[dict]) -> alt.Chart | None:
    top = [r for r in rows if r["calls"]][:LEDGER_ROWS]
    if not top:
        return None
    long = []
    for r in top:
        text = r["claim"] if len(r["claim"]) <= 70 else r["claim"][:67] + "…"
        label = ("★ " if r["headline"] else "") + text
        for status in STATUS_ORDER:
            long.append(
                {
                    "claim": label,
                    "full": r["claim"],
                    "asset": r["asset_file"],
                    "status": STATUS_LABEL[status],
                    "rank": STATUS_ORDER.index(status),
                    "calls": r[status],
                    "broken by": r["broken_by"],
                }
            )
    df = pd.DataFrame(long)
    order = list(dict.fromkeys(df["claim"]))
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("claim:N", sort=order, title=None, axis=alt.Axis(labelLimit=420)),
            x=alt.X("sum(calls):Q", title="calls", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=[STATUS_LABEL[s] for s in STATUS_ORDER],
                    range=[views.STATUS_COLORS[s] for s in STATUS_ORDER],
                ),
                legend=alt.Legend(orient="top", title=None),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["full:N", "asset:N", "status:N", "calls:Q", "broken by:N"],
        )
        .properties(height=alt.Step(26))
    )


def _show(chart: alt.Chart | None, empty: str) -> None:
    if chart is None:
        st.caption(empty)
    else:
        st.altair_chart(chart, width="stretch")


def render() -> None:
    ws = shared.workspace()
    shared.sidebar(ws)
    st.title("Dashboard")
    st.caption("Who changes the story, on which promises, and whether it is getting better.")
    campaigns = [c.name for c in ws.campaigns()]
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    campaign = c1.selectbox(
        "Campaign", [None, *campaigns], format_func=lambda c: c or "All campaigns", key="dash_campaign"
    )
    apply_reviews = c2.toggle("Leave out dismissed findings", value=True, key="dash_apply")
    data = _data(shared.data_key(ws), ws.counts()["reviews"], campaign, apply_reviews)
    o = data["overview"]
    if not o["calls"]:
        st.info("No checked calls yet: add a campaign's assets, then upload calls.")
        return

    m = st.columns(5)
    m[0].metric("Calls checked", o["calls"])
    share = o["calls_with_drift"] / o["calls"] if o["calls"] else 0
    m[1].metric("Calls with drift", f"{o['calls_with_drift']} ({share:.0%})")
    m[2].metric("Contradictions", o["kinds"].get("contradiction", 0))
    m[3].metric("All findings", o["findings"])
    m[4].metric("Reviewed", o["reviewed"])

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Drift by rep")
        st.caption(
            "Findings in each rep's own words (omissions count for every rep on the call); most drift on top."
        )
        _show(_by_rep(data["by_rep"]), "No rep has drifted.")
        clean = sorted({r["rep"] for r in data["by_rep"] if not r["kind"]})
        if clean:
            st.caption(views.md_escape("On message on every call: " + ", ".join(clean)))
    with right:
        st.subheader("Where the story changes")
        st.caption("Findings by what they are about: price, trial, contract, onboarding, …")
        _show(_by_slot(data["by_slot"]), "No findings.")

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Drift over time")
        st.caption(
            "Each call's drift score, in call-date order (undated calls in the order they were added)."
        )
        _show(_over_time(data["over_time"]), "No calls.")
    with right:
        st.subheader("Drift by campaign")
        st.caption("Mean drift score of each campaign's checked calls.")
        _show(_by_campaign(data["by_campaign"]), "No campaigns with checked calls.")

    st.subheader("Claim ledger")
    st.caption(
        f"Which promises the calls uphold or break, most broken first (top {LEDGER_ROWS}; ★ headline promise)."
    )
    _show(_ledger(data["ledger"]), "No asset claims yet.")
    with st.expander("Every claim, as a table"):
        st.dataframe(pd.DataFrame(data["ledger"]), hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
