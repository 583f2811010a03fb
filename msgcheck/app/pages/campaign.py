"""Campaign page: upload assets, see each asset's claims with their values, mark headline promises,
retire claims or add them by hand (saved to the workspace's claim overrides at once)."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from msgcheck.app import PAGES_DIR, shared, views
from msgcheck.check.named import ALLOWED_FILE
from msgcheck.errors import MsgcheckError
from msgcheck.ingest import ASSET_EXTENSIONS
from msgcheck.workspace.db import Workspace

NEW = "__new__"
MANUAL_FILE = "added by hand"


@st.cache_resource(show_spinner="Reading the campaign's claims…", max_entries=16)
def _campaign_model(path: str, campaign: str, hashes: tuple[str, ...]):
    """The checker's view of the campaign's current assets (computed once per set of asset versions)."""
    del hashes  # part of the cache key only
    return views.campaign_model(shared.checker(), shared._workspace(path), campaign)


def _claims_html(claims: list[views.ClaimView]) -> str:
    items = []
    for c in claims:
        star = '<span title="headline promise: drives omission">★</span> ' if c.headline else ""
        values = f" = {' · '.join(c.values)}" if c.values else ""
        slot = f' <span class="muted">· {html.escape(c.slot or "")}{html.escape(values)}</span>'
        slot = "" if not (c.slot or values) else slot
        tags = " <b>[retired]</b>" if c.retired else ""
        tags += ' <span class="muted">[added by hand]</span>' if c.manual else ""
        style = ' style="text-decoration: line-through; color: #98a2b3"' if c.retired else ""
        items.append(f"<li{style}>{star}{c.html}{slot}{tags}</li>")
    return (
        f'{views.CSS}<div class="mc"><ul style="margin: 0; padding-left: 18px; line-height: 1.8">'
        f"{''.join(items)}</ul></div>"
    )


def _save_marks(ws: Workspace, campaign: str, rows: list[views.ClaimView], key: str) -> None:
    """data_editor on_change: turn the edited cells into claim overrides."""
    edits = st.session_state.get(key, {}).get("edited_rows", {})
    try:
        for i, change in edits.items():
            c = rows[int(i)]
            kwargs = {}
            if "headline" in change:
                kwargs["headline"] = bool(change["headline"])
            if "retired" in change:
                kwargs["retired"] = bool(change["retired"])
            if kwargs:
                ws.set_claim_override(campaign, c.asset_file, c.text, author=shared.reviewer(), **kwargs)
    except MsgcheckError as exc:
        st.session_state["campaign_error"] = str(exc)
    st.session_state["marks_version"] = st.session_state.get("marks_version", 0) + 1


def _add_claim(ws: Workspace, campaign: str) -> None:
    text = str(st.session_state.get("manual_text") or "").strip()
    asset = str(st.session_state.get("manual_asset") or MANUAL_FILE)
    if not text:
        st.session_state["campaign_error"] = "Type the claim's text first."
        return
    try:
        ws.set_claim_override(campaign, asset, text, manual=True, author=shared.reviewer())
        st.session_state["manual_text"] = ""
        st.toast("Claim added", icon=":material/check_circle:")
    except MsgcheckError as exc:
        st.session_state["campaign_error"] = str(exc)


def _save_allowed(ws: Workspace, campaign: str) -> None:
    lines = str(st.session_state.get("allowed_text") or "").splitlines()
    try:
        kept = ws.set_allowed_claims(campaign, lines, author=shared.reviewer())
        st.toast(f"Approved wording saved: {len(kept)} statements", icon=":material/check_circle:")
    except MsgcheckError as exc:
        st.session_state["campaign_error"] = str(exc)


def _allowed(ws: Workspace, campaign: str, files: list[str]) -> None:
    """The campaign's approved wording: statements reps may make without an "unsupported" flag."""
    st.subheader("Approved wording")
    st.caption(
        "Approved FAQ answers, legal boilerplate and statements known to be true, one per line. They are not "
        "promises the calls are held to: a rep who says one of them is not flagged for a claim no asset "
        "makes. Applies to the next check of a call. “This is fine” on a review adds the rep's sentence here."
        + (f" The campaign's {ALLOWED_FILE} applies too." if ALLOWED_FILE in files else "")
    )
    with st.form("allowed_claims", border=True):
        st.text_area(
            "Approved statements",
            value="\n".join(ws.allowed_claims(campaign)),
            key="allowed_text",
            height=140,
            placeholder="e.g. Your data stays yours: export it any time.",
        )
        st.form_submit_button("Save approved wording", on_click=_save_allowed, args=(ws, campaign))


def _reset_marks(ws: Workspace, campaign: str) -> None:
    for o in ws.claim_overrides(campaign):
        if o.headline is not None:
            ws.set_claim_override(campaign, o.asset_file, o.text, headline=None, author=shared.reviewer())
    st.session_state["marks_version"] = st.session_state.get("marks_version", 0) + 1


def _upload(ws: Workspace, campaign: str) -> None:
    files, limit, n = shared.uploader(
        "Marketing assets: landing pages, ads, emails, one-pagers",
        ASSET_EXTENSIONS,
        "asset_files",
        ", ".join(ASSET_EXTENSIONS),
    )
    if not files:
        return
    too_big = [f for f in files if f.size > limit * 1024 * 1024]
    for f in too_big:
        st.error(
            views.md_escape(
                f"{f.name}: the file is larger than {limit} MB; split it or export a lighter version."
            )
        )
    ok = [f for f in files if f not in too_big]
    if ok and st.button(f"Add {len(ok)} file{'s' if len(ok) != 1 else ''} to {campaign}", type="primary"):
        with st.spinner("Reading the assets…"):
            results = shared.run_safely(
                lambda: views.add_assets(ws, campaign, [(f.name, f.getvalue()) for f in ok]), "Adding assets"
            )
        for r in results or []:
            if r.error:
                st.error(views.md_escape(r.error))
            elif r.added:
                st.success(views.md_escape(f"{r.name}: added as version {r.version}"))
            else:
                st.info(
                    views.md_escape(f"{r.name}: already in the campaign (version {r.version}), unchanged")
                )
        if results and all(r.error is None for r in results):
            st.session_state["asset_files_n"] = n + 1


def _headline_summary(claims: list[views.ClaimView]) -> None:
    ranks = sorted({c.promise for c in claims if c.promise})
    if not ranks:
        st.caption("No headline offer promise yet: mark one below (✓ in the Headline column).")
        return
    parts = []
    for rank in ranks:
        members = [c for c in claims if c.promise == rank]
        files = sorted({c.asset_file for c in members})
        lead = next((c for c in members if c.lead), members[0])  # quoted as the checklist quotes it
        parts.append(
            f'<div class="card asset" style="margin-bottom:6px"><b>{rank}.</b> {lead.html}'
            f'<div class="muted">{html.escape(lead.slot or "")} · stated in {len(files)} asset'
            f"{'s' if len(files) != 1 else ''}: {html.escape(', '.join(files))}</div></div>"
        )
    st.html(f'{views.CSS}<div class="mc">{"".join(parts)}</div>')


def render() -> None:
    ws = shared.workspace()
    shared.sidebar(ws)
    st.title("Campaign")
    st.caption(
        "The promises calls are held to. ★ marks a headline promise: a call that never brings it up is an "
        "omission. Retire claims that are no longer approved; add approved claims by hand."
    )
    if problem := st.session_state.pop("campaign_error", None):
        st.error(views.md_escape(problem))
    campaigns = [c.name for c in ws.campaigns()]
    choice = st.selectbox(
        "Campaign",
        [*campaigns, NEW],
        format_func=lambda c: "+ New campaign…" if c == NEW else c,
        key="campaign_name",
    )
    campaign = choice
    if choice == NEW:
        campaign = st.text_input("New campaign's name", key="campaign_new").strip()
        if not campaign:
            st.info("Name the campaign, then add its assets.")
            return

    assets = ws.asset_versions(campaign, current=True) if campaign in campaigns else []
    with st.expander("Add assets", expanded=not assets, icon=":material/upload_file:"):
        _upload(ws, campaign)
    assets = ws.asset_versions(campaign, current=True) if campaign in [c.name for c in ws.campaigns()] else []
    if not assets:
        return

    try:
        camp = _campaign_model(str(ws.path), campaign, tuple(a.content_hash for a in assets))
        claims = views.campaign_claims(shared.checker(), ws, campaign, camp)
    except MsgcheckError as exc:
        st.error(views.md_escape(f"Cannot read the campaign's claims: {exc}"))
        return
    for e in camp.errors:  # stored, but left out of every check (a hidden file): say so, as a check does
        st.warning(views.md_escape(f"Left out of checks: {e.error}"))

    m = st.columns(4)
    m[0].metric("Assets", len(assets))
    m[1].metric("Claims", sum(1 for c in claims if not c.retired))
    m[2].metric("Headline promises", len({c.promise for c in claims if c.promise}))
    m[3].metric("Retired", sum(1 for c in claims if c.retired))

    st.subheader("Headline promises")
    st.caption("What every call selling this campaign should bring up (the omission check uses these).")
    _headline_summary(claims)
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    c1.caption("Marks and retired claims apply to the next check of a call.")
    c2.button("Reset headline marks", on_click=_reset_marks, args=(ws, campaign), width="stretch")
    st.page_link(
        str(PAGES_DIR / "calls.py"), label="Re-check this campaign's calls", icon=":material/refresh:"
    )

    st.subheader("Claims by asset")
    files = [a.name for a in assets]
    extra = sorted({c.asset_file for c in claims} - set(files))
    tabs = st.tabs([*files, *extra])
    version = st.session_state.get("marks_version", 0)
    for name, tab in zip([*files, *extra], tabs, strict=True):
        with tab:
            rows = [c for c in claims if c.asset_file == name]
            a = next((a for a in assets if a.name == name), None)
            if a is not None:
                st.caption(views.md_escape(f"{a.format} · version {a.version} · {len(rows)} claims"))
            if not rows:
                st.caption(
                    "Approved wording, not promises: see below."
                    if name == ALLOWED_FILE
                    else "No promise-bearing sentence found in this asset."
                )
                continue
            key = f"marks_{name}_{version}"
            df = pd.DataFrame(
                {
                    "headline": [c.headline for c in rows],
                    "retired": [c.retired for c in rows],
                    "claim": [c.text for c in rows],
                    "values": [" · ".join(c.values) for c in rows],
                    "slot": [c.slot or "" for c in rows],
                }
            )
            with st.expander(
                "★ Mark headline promises or retire claims of this asset", icon=":material/edit:"
            ):
                st.data_editor(
                    df,
                    key=key,
                    hide_index=True,
                    width="stretch",
                    disabled=["claim", "values", "slot"],
                    column_config={
                        "headline": st.column_config.CheckboxColumn("★ Headline", help="Drives omission"),
                        "retired": st.column_config.CheckboxColumn("Retired", help="No longer approved"),
                        "claim": st.column_config.TextColumn("Claim", width="large"),
                        "values": st.column_config.TextColumn("Values (normalised)"),
                    },
                    on_change=_save_marks,
                    args=(ws, campaign, rows, key),
                )
            st.html(_claims_html(rows))

    st.subheader("Add an approved claim by hand")
    with st.form("manual_claim", clear_on_submit=False, border=True):
        st.selectbox("Asset it belongs to", [MANUAL_FILE, *files], key="manual_asset")
        st.text_input(
            "Claim", key="manual_text", placeholder="e.g. Onboarding is free for teams under 10 techs."
        )
        st.form_submit_button("Add claim", on_click=_add_claim, args=(ws, campaign))
    _allowed(ws, campaign, files)


if __name__ == "__main__":
    render()
