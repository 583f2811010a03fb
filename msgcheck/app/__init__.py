"""The Streamlit app: one small module per page, wiring widgets to msgcheck.views and the workspace.

Run it with ``make app`` (``streamlit run app.py``). Pages: campaign, calls, review, dashboard, export;
``shared`` holds the cached resources (the Checker, the workspace) every page uses.
"""

from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# a local favicon: a ":material/...:" or emoji page icon makes every browser fetch it from fonts.gstatic.com
FAVICON = Path(__file__).resolve().parent / "favicon.png"
