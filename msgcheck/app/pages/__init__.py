"""The Streamlit pages: widgets wired to msgcheck.app.views and the workspace."""
