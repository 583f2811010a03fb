"""The roles banner the review and calls pages show when a call's reps were guessed, with its fix.

Only reps' words are checked, so a wrong guess hides drift; the banner says why the guess is unsure,
shows each speaker's evidence, and confirms or changes the reps in one click: the stored call is checked
again (views.set_reps, the library's Workspace.confirm_reps), no re-upload.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from msgcheck.app import shared, views
from msgcheck.workspace.db import Workspace


def roles_banner(ws: Workspace, call: views.CallSummary, speakers: list[str], where: str = "review") -> bool:
    """Show the banner when ``call``'s roles are uncertain; returns whether it was shown."""
    roles = views.call_roles(ws, call, speakers)
    if not roles.uncertain:
        return False
    with st.container(border=True):
        st.warning(
            f"**Who is the rep on {views.md_escape(call.name)}? msgcheck had to guess.** Only reps' words "
            "are checked, so a wrong guess hides drift. "
            + views.md_escape(roles.uncertain)
            + " Pick the reps below and re-check.",
            icon=":material/person_search:",
        )
        st.dataframe(
            pd.DataFrame(roles.speakers, columns=["speaker", "taken for", "sure", "why"]),
            hide_index=True,
            width="stretch",
            column_config={"sure": st.column_config.ProgressColumn("sure", min_value=0.0, max_value=1.0)},
        )
        a, b = st.columns([3, 2], vertical_alignment="bottom")
        picked = a.multiselect(
            "Who are the reps?",
            speakers,
            default=[s for s in call.reps if s in speakers],
            key=f"{where}_reps_{call.call_id}",
        )
        if b.button(
            "Confirm these reps and re-check",
            disabled=not picked,
            key=f"{where}_set_reps_{call.call_id}",
            type="primary",
            width="stretch",
            help="Saves the reps with the call and checks it again against the campaign (no re-upload).",
        ):
            with st.spinner("Re-checking the call…"):
                done = shared.run_safely(
                    lambda: views.set_reps(ws, shared.checker(), call.call_id, picked), "Re-checking the call"
                )
            if done is not None:
                st.toast(f"Reps saved for {call.name}; the call was checked again.", icon=":material/check:")
                st.rerun()
    return True
