"""Journey page: one account's story across calls and handoffs (msgcheck.app.views.journey does the work)."""

from __future__ import annotations

import streamlit as st

from msgcheck.app import shared
from msgcheck.app.views import journey as jv
from msgcheck.errors import MsgcheckError
from msgcheck.journey.build import JourneyBuilder


@st.cache_resource(show_spinner=False)
def _builder() -> JourneyBuilder:
    return JourneyBuilder(checker=shared.checker())


@st.cache_data(show_spinner="Reading the account's calls…", max_entries=32)
def _story(path: str, account: str, version: int) -> str:
    del version  # the cache key: bumped when a reviewer corrects an account
    return jv.story_html(jv.journey_for(shared.workspace(), _builder(), account))


ws = shared.workspace()
shared.sidebar(ws)
st.title("Journey")
st.caption(
    "One account's calls in order: who sold, each handoff, promises changed, objections open, follow-ups missed."
)
try:
    accounts = jv.account_list(ws, _builder())
except MsgcheckError as exc:
    st.error(str(exc))
    st.stop()
if not accounts:
    st.info("No calls yet: add some on the Calls page.")
    st.stop()
account = st.selectbox("Account", accounts, key="journey_account")
version = int(st.session_state.get("journey_version", 0))
try:
    st.html(_story(str(ws.path), account, version))
except MsgcheckError as exc:
    st.error(str(exc))
with st.expander("Wrong account or date on a call? Correct it"):
    calls = [c.name for c in ws.calls()]
    call = st.selectbox("Call", calls, key="journey_fix_call")
    new_account = st.text_input("Account", value=account, key="journey_fix_account")
    new_date = st.text_input("Date (YYYY-MM-DD, optional)", key="journey_fix_date")
    if st.button("Save", key="journey_fix_save"):
        try:
            jv.set_call_account(ws, call, new_account, new_date or None)
        except MsgcheckError as exc:
            st.error(str(exc))
        else:
            st.session_state["journey_version"] = version + 1
            st.rerun()
