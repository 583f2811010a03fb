"""The Streamlit app: one small module per page, wiring widgets to msgcheck.views and the workspace.

Run it with ``make app`` (``streamlit run app.py``). Pages: campaign, calls, review, dashboard, export;
``shared`` holds the cached resources (the Checker, the workspace) every page uses.
"""

from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# The browser tab's icon, served by the app itself: a ":material/...:" page icon makes Streamlit fetch the
# favicon from fonts.gstatic.com, and an offline, private tool must not call out at all.
ICON = Path(__file__).resolve().parent / "icon.png"
