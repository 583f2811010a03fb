"""What every page shares: the workspace, the models (loaded once per server), the reviewer, caches.

Heavy things are cached: the Checker and the Workspace per server (``st.cache_resource``); what is read
from the workspace for a run (transcripts, summaries) with ``st.cache_data`` keyed by run id or content
hash, so switching calls or filters never re-checks anything.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from msgcheck import Checker
from msgcheck.app import views
from msgcheck.errors import MsgcheckError
from msgcheck.kinds import FINDING_KINDS, KINDS
from msgcheck.report.words import counted
from msgcheck.workspace.db import DEFAULT_PATH, Workspace
from msgcheck.workspace.service import ensure_demo_workspace

KIND_ORDER = list(FINDING_KINDS)
KIND_BADGE_COLORS = {k.name: k.badge for k in KINDS}


def kind_badge(kind: str) -> str:
    """A coloured markdown badge for a finding kind (kinds are msgcheck's words, never user text)."""
    return f":{KIND_BADGE_COLORS.get(kind, 'gray')}-badge[{kind}]"


def workspace_path() -> Path:
    """``$MSGCHECK_WORKSPACE``, else ``msgcheck.db`` in the working directory."""
    return Path(os.environ.get("MSGCHECK_WORKSPACE") or DEFAULT_PATH).resolve()


@st.cache_resource(show_spinner="Loading msgcheck…")
def checker() -> Any:
    """One Checker per server: its models load on first use, once."""

    return Checker()


@st.cache_resource(show_spinner=False)
def _workspace(path: str) -> Workspace:
    return Workspace(path)


@st.cache_resource(show_spinner="Setting up the demo workspace (first start only)…")
def _demo(path: str) -> str | None:
    """On a workspace with no checked calls yet, import and check the bundled demo (once per server)."""

    with Workspace(path) as ws:
        if ws.runs():
            return None
    try:
        ensure_demo_workspace(path, checker=checker())
    except MsgcheckError as exc:
        return str(exc)
    return None


def workspace() -> Workspace:
    """The app's workspace (created, and filled with the demo on first start)."""
    path = str(workspace_path())
    try:
        problem = _demo(path)
        ws = _workspace(path)
    except MsgcheckError as exc:
        st.error(views.md_escape(f"Cannot open the workspace: {exc}"))
        st.stop()
    if problem:
        st.warning(views.md_escape(f"The demo could not be set up: {problem}"))
    return ws


def data_key(ws: Workspace) -> tuple[str, int, int]:
    """Changes whenever a run is recorded: the key of every cached read of the workspace's results."""
    runs = ws.runs()
    return str(ws.path), (runs[-1].id if runs else 0), len(runs)


def reviewer() -> str:
    default = os.environ.get("MSGCHECK_REVIEWER") or _login() or "reviewer"
    return str(st.session_state.get("reviewer") or default)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def sidebar(ws: Workspace) -> None:
    with st.sidebar:
        st.text_input(
            "Reviewer",
            value=reviewer(),
            key="reviewer",
            help="Saved with every review decision and claim mark.",
        )
        counts = ws.counts()
        st.caption(
            f"Workspace {views.md_escape(ws.path.name)} · {counted(counts['campaigns'], 'campaign')} · "
            f"{counted(counts['calls'], 'call')} · {counted(counts['runs'], 'check')} · "
            f"{counted(counts['reviews'], 'review')}"
        )


# --------------------------------------------------------------------------- cached reads


@st.cache_data(show_spinner=False, max_entries=64)
def call_summaries(key: tuple[str, int, int], campaign: str | None = None) -> list[views.CallSummary]:
    return views.call_summaries(_workspace(key[0]), campaign)


@st.cache_data(show_spinner=False, max_entries=32)
def call_transcript(path: str, call_id: int, content_hash: str, reps: tuple[str, ...]) -> Any:
    """A stored call parsed once per content (the key holds its hash and the checked reps)."""
    return views.call_transcript(_workspace(path), call_id, list(reps))


def run_safely(action: Callable[[], Any], what: str) -> Any:
    """Run ``action``; a MsgcheckError becomes an st.error naming what failed (never a traceback)."""
    try:
        return action()
    except MsgcheckError as exc:
        st.error(views.md_escape(f"{what}: {exc}"))
        return None


def kind_scale() -> dict:
    """Altair colour scale arguments: the report's colours for the finding kinds."""
    return {"domain": KIND_ORDER, "range": [views.KIND_COLORS[k] for k in KIND_ORDER]}


def uploader(label: str, extensions: Sequence[str], key: str, formats: str) -> tuple[list, int, int]:
    """A multi-file uploader held in this browser session, with the server's size limit stated.

    Returns (files, size limit in MB, upload round): bumping ``st.session_state[key + "_n"]`` after a
    successful save gives a fresh, empty uploader.
    """
    limit = int(st.get_option("server.maxUploadSize"))
    n = st.session_state.get(f"{key}_n", 0)
    files = st.file_uploader(
        label,
        type=[e.lstrip(".") for e in extensions],
        accept_multiple_files=True,
        key=f"{key}_{n}",
        help=f"{formats} · up to {limit} MB each. They stay in this browser session until you save them.",
    )
    st.caption(f"Up to {limit} MB a file: a larger file is marked in red above and is not uploaded.")
    return files or [], limit, n
