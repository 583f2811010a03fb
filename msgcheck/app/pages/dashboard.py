"""Dashboard: drift by rep, by topic, by rep over time, by campaign, and the promise ledger (msgcheck.views)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from msgcheck.app import shared, views

PROMISE_ORDER = ["changed", "not_mentioned", "upheld"]
PROMISE_LABEL = {"changed": "changed on the call", "not_mentioned": "never brought up", "upheld": "upheld"}
PROMISE_COLORS = {"changed": "#b42318", "not_mentioned": "#98a2b3", "upheld": "#067647"}
LEGEND = {"orient": "top", "title": None, "labelLimit": 0, "symbolLimit": 0}  # never clipped


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
        "rep_over_time": views.drift_by_rep_over_time(ws, campaign, apply_reviews=apply_reviews),
        "promises": views.promise_ledger(ws, campaign),
        "ledger": views.ledger_rows(ws, campaign),
    }


def _kind_color() -> alt.Color:
    # two columns of two: four kinds never clip in a half-width chart
    return alt.Color("kind:N", scale=alt.Scale(**shared.kind_scale()), legend=alt.Legend(**LEGEND, columns=2))


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
    order = df.sort_values("rank")["topic"].drop_duplicates().tolist()  # catch-alls last (views)
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("topic:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("sum(count):Q", title="findings", axis=alt.Axis(tickMinStep=1, format="d")),
            color=_kind_color(),
            tooltip=["topic:N", "kind:N", "count:Q"],
        )
        .properties(height=alt.Step(26))
    )


def _over_time(rows: list[dict]) -> alt.Chart | None:
    """Each rep's drift on each dated call: a line per rep, the call dates on the axis."""
    df = pd.DataFrame(rows)
    if df.empty:
        return None
    base = alt.Chart(df).encode(
        x=alt.X("date:T", title="call date", axis=alt.Axis(format="%b %d", labelAngle=0, tickCount="day")),
        y=alt.Y("drift:Q", title="drift score", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color(
            "rep:N",
            scale=alt.Scale(scheme="tableau10"),
            legend=alt.Legend(**{**LEGEND, "orient": "bottom", "columns": 3}),
        ),
        tooltip=[
            alt.Tooltip("date:T", format="%Y-%m-%d", title="date"),
            "rep:N",
            "call:N",
            alt.Tooltip("drift:Q", format=".2f"),
            "findings:Q",
        ],
    )
    return (base.mark_line(opacity=0.6) + base.mark_circle(size=80)).properties(height=280)


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
    """One bar per headline promise: on how many calls it was upheld, changed or never brought up."""
    if not rows:
        return None
    long = []
    for r in rows:
        label = r["promise"] if len(r["promise"]) <= 70 else r["promise"][:67] + "…"
        for status in PROMISE_ORDER:
            long.append(
                {
                    "promise": label,
                    "full": r["promise"],
                    "asset": r["asset_file"],
                    "status": PROMISE_LABEL[status],
                    "rank": PROMISE_ORDER.index(status),
                    "calls": r[status],
                    "changed by": r["changed_by"],
                }
            )
    df = pd.DataFrame(long)
    order = list(dict.fromkeys(df["promise"]))
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("promise:N", sort=order, title=None, axis=alt.Axis(labelLimit=420)),
            x=alt.X("sum(calls):Q", title="calls", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=[PROMISE_LABEL[s] for s in PROMISE_ORDER],
                    range=[PROMISE_COLORS[s] for s in PROMISE_ORDER],
                ),
                legend=alt.Legend(**LEGEND),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["full:N", "asset:N", "status:N", "calls:Q", "changed by:N"],
        )
        .properties(height=alt.Step(34))
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
        st.caption(
            "Findings by topic (price, trial, contract, onboarding, …), most first; findings no topic "
            "fits are at the bottom."
        )
        _show(_by_slot(data["by_slot"]), "No findings.")

    by_campaign = data["by_campaign"]
    several = len(by_campaign) > 1  # one campaign's bar answers nothing: the trend gets the whole row
    left, right = st.columns(2, gap="large") if several else (st.container(), None)
    with left:
        st.subheader("Drift over time, by rep")
        undated = sum(1 for r in data["over_time"] if not r["date"])
        st.caption(
            "Each rep's drift score on each call, by call date: is the story getting better? "
            + (f"{undated} call{'s' if undated != 1 else ''} without a date not shown." if undated else "")
        )
        _show(
            _over_time(data["rep_over_time"]), "No dated calls yet: calls get a date from the file or name."
        )
    if right is not None:
        with right:
            st.subheader("Drift by campaign")
            st.caption("Mean drift score of each campaign's checked calls.")
            _show(_by_campaign(by_campaign), "No campaigns with checked calls.")

    st.subheader("Promise ledger")
    st.caption(
        "Each headline promise of the campaign, one row: on how many calls the reps upheld it, changed it, "
        "or never brought it up; most changed first."
    )
    _show(_ledger(data["promises"]), "No headline promises recorded yet: re-check the calls.")
    with st.expander("Every asset claim, as a table"):
        st.dataframe(pd.DataFrame(data["ledger"]), hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
