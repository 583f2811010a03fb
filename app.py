"""msgcheck's app: `make app` (or `streamlit run app.py`).

Thin on purpose: page config and navigation here, one module per page in msgcheck/app/pages/, and every
figure a page shows comes from msgcheck.app.views or the workspace, which the CLI can use too.
"""

import streamlit as st

from msgcheck.app import ICON, PAGES_DIR

st.set_page_config(page_title="msgcheck · message drift", page_icon=str(ICON), layout="wide")

pages = st.navigation(
    [
        st.Page(PAGES_DIR / "review.py", title="Review a call", icon=":material/fact_check:", default=True),
        st.Page(
            PAGES_DIR / "dashboard.py", title="Dashboard", icon=":material/monitoring:", url_path="dashboard"
        ),
        st.Page(PAGES_DIR / "campaign.py", title="Campaign", icon=":material/campaign:", url_path="campaign"),
        st.Page(PAGES_DIR / "calls.py", title="Calls", icon=":material/call:", url_path="calls"),
        st.Page(PAGES_DIR / "journey.py", title="Journey", icon=":material/timeline:", url_path="journey"),
        st.Page(PAGES_DIR / "export.py", title="Export", icon=":material/download:", url_path="export"),
    ]
)
pages.run()
