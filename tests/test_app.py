"""The Streamlit app through AppTest: every page renders on the demo workspace, shows what it should,
and what a user does (a review decision, a claim mark, an upload and check) reaches the workspace.

Each test gets its own copy of the demo workspace (built once per session with the real models).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from badinput import MD_PAYLOADS
from conftest import copy_workspace

from msgcheck.workspace.db import Workspace

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
CAMPAIGN = "routewick-spring-rush"
DEMO_CALL = ROOT / "corpora" / "demo" / "calls" / "call-01-brightwater-plumbing.txt"
EVIL = (
    "<script>window.__xss=1</script> **bold** [click](javascript:alert(1)) "
    '<img src=x onerror="window.__xss=1"> :red[red] $x^2$ # heading'
)


@pytest.fixture
def app_db(demo_workspace, tmp_path, monkeypatch) -> Path:
    db = copy_workspace(demo_workspace, tmp_path / "ws")
    monkeypatch.setenv("MSGCHECK_WORKSPACE", str(db))
    monkeypatch.setenv("MSGCHECK_REVIEWER", "ana")
    return db


def _app(page: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    if page:
        at.switch_page(f"msgcheck/app/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _html(at) -> str:
    return "\n".join(h.value for h in at.html)


def _unescaped(markdown: str) -> str:
    """Markdown as it reads on screen: backslash escapes and word joiners (views.md_escape) removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _messages(at) -> list[str]:
    """The markdown source of every message and markdown element on the page."""
    kinds = ("error", "warning", "info", "success", "markdown", "caption")
    return [e.value for kind in kinds for e in at.get(kind)]


def test_config_limits_uploads_and_keeps_xsrf_protection():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 25
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True  # CORS protection: no cross-origin use of the server


def test_review_page_opens_on_the_demo_findings_and_saves_a_decision(app_db):
    at = _app()
    assert at.title[0].value == "Review a call"
    assert int(_metric(at, "Findings")) > 0
    radio = at.radio(key=f"sel_{at.selectbox(key='review_call').value}")
    assert len(radio.options) == int(_metric(at, "Findings"))
    evidence = _html(at)
    assert (
        "ON THE CALL" in evidence and "IN THE CAMPAIGN" in evidence and "What the campaign says" in evidence
    )
    assert at.get("vega_lite_chart"), "the drift timeline"

    finding = radio.value
    at.button(key=f"accept_{finding}").click().run()
    assert not at.exception
    with Workspace(app_db) as ws:
        review = ws.finding(finding).review
        assert (review.decision, review.reviewer) == ("accept", "ana")

    call_id = at.selectbox(key="review_call").value
    with Workspace(app_db) as ws:
        last = ws.findings(call=call_id)[-1]
    other = last.id
    new_kind = "weakened" if last.kind != "weakened" else "contradiction"
    assert other != finding
    at.radio(key=f"sel_{call_id}").set_value(other).run()
    at.selectbox(key=f"newkind_{other}").set_value(new_kind)
    at.text_input(key=f"note_{other}").input("the condition shrinks it")
    at.button(key=f"change_{other}").click().run()
    with Workspace(app_db) as ws:
        review = ws.finding(other).review
        assert (review.decision, review.new_kind, review.note) == (
            "change_kind",
            new_kind,
            "the condition shrinks it",
        )
    assert _metric(at, "Reviewed").startswith("2 /")


def test_review_page_filters_and_switches_calls_without_rechecking(app_db):
    at = _app()
    call = at.selectbox(key="review_call")
    before = len(at.radio(key=f"sel_{call.value}").options)
    at.multiselect(key="f_kinds").set_value(["omission"]).run()
    radios = at.radio(key=f"sel_{call.value}") if at.radio else None
    assert radios is None or len(radios.options) < before
    at.multiselect(key="f_kinds").set_value([]).run()
    assert len(at.radio(key=f"sel_{call.value}").options) == before
    at.slider(key="f_score").set_value(1.0).run()
    assert "No finding passes the filters." in [s.value for s in at.success]
    with Workspace(app_db) as ws:
        runs = len(ws.runs())
        calls = [r.call.id for r in ws.call_results()]  # the checked calls (the demo's journey calls are not)
    for call_id in calls:
        at.selectbox(key="review_call").set_value(call_id).run()
        assert not at.exception
        assert at.title[0].value == "Review a call"
    with Workspace(app_db) as ws:
        assert len(ws.runs()) == runs


def test_dashboard_page_charts_the_demo(app_db):
    at = _app("dashboard")
    assert _metric(at, "Calls checked") == "7"
    assert int(_metric(at, "Contradictions")) > 0
    # rep, topic, each rep over time, the promise ledger; one campaign: no one-bar campaign chart
    assert len(at.get("vega_lite_chart")) == 4
    assert [s.value for s in at.subheader][:4] == [
        "Drift by rep",
        "Where the story changes",
        "Drift over time, by rep",
        "Promise ledger",
    ]


def test_campaign_page_shows_claims_and_takes_marks_and_assets(app_db, tmp_path):
    at = _app("campaign")
    assert int(_metric(at, "Claims")) > 0 and int(_metric(at, "Headline promises")) > 0
    assert "<mark" in _html(at)

    at.text_input(key="manual_text").input("Every plan includes free data migration.")
    at.button(key="FormSubmitter:manual_claim-Add claim").click().run()
    assert not at.exception
    with Workspace(app_db) as ws:
        manual = [(o.asset_file, o.text, o.manual) for o in ws.claim_overrides(CAMPAIGN)]
    assert manual == [("added by hand", "Every plan includes free data migration.", True)]
    assert "Every plan includes free data migration." in _html(at)

    uploader = at.file_uploader(key="asset_files_0")
    uploader.set_value(
        [
            ("summer-ad.md", b"# Summer deal\n\nTry it free for 45 days, no credit card.\n", "text/markdown"),
            ("broken.pdf", b"not a pdf at all", "application/pdf"),
        ]
    ).run()
    next(b for b in at.button if b.label.startswith("Add 2 files")).click().run()
    assert any("summer-ad.md: added as version 1" in _unescaped(s.value) for s in at.success)
    assert any(_unescaped(e.value).startswith("broken.pdf: ") for e in at.error)
    with Workspace(app_db) as ws:
        assert "summer-ad.md" in [a.name for a in ws.asset_versions(CAMPAIGN, current=True)]


def test_campaign_marks_from_the_claims_table_are_saved(app_db):
    """The data editor's on_change: edited cells become claim overrides."""
    import streamlit as st

    from msgcheck.app import views
    from msgcheck.app.pages import campaign as page

    rows = [
        views.ClaimView("a.md", "Try it free for 30 days.", "trial", ["30 days"], "", True, None),
        views.ClaimView("a.md", "Billed monthly.", "price", [], "", False, None),
    ]
    st.session_state["edits"] = {
        "edited_rows": {0: {"headline": False}, 1: {"retired": True, "headline": True}}
    }
    with Workspace(app_db) as ws:
        page._save_marks(ws, CAMPAIGN, rows, "edits")
        got = {o.text: (o.headline, o.retired) for o in ws.claim_overrides(CAMPAIGN)}
    assert got == {"Try it free for 30 days.": (False, False), "Billed monthly.": (True, True)}


def test_calls_page_uploads_checks_and_reports_a_bad_file(app_db):
    at = _app("calls")
    evil_call = DEMO_CALL.read_bytes().replace(
        b"Gary Tallis: Yeah, I got you.", b"Gary Tallis: " + EVIL.encode()
    )
    at.file_uploader(key="call_files_0").set_value(
        [
            ("evil-call.txt", evil_call, "text/plain"),
            ("broken.json", b"{ nope", "application/json"),
            ("huge.txt", b"Dana: hi\n" * (26 * 1024 * 1024 // 9 + 1), "text/plain"),
        ]
    ).run()
    assert not at.exception
    errors = [_unescaped(e.value) for e in at.error]
    assert any(e.startswith("broken.json: ") for e in errors)
    assert any(e.startswith("huge.txt: the file is larger than 25 MB") for e in errors)
    assert at.multiselect(key="reps_0_0").value == ["Dana Okafor"]

    # another browser session does not see this session's uploads
    other = _app("calls")
    assert not other.multiselect and not other.error

    at.button(key="check_calls").click().run(timeout=300)
    assert not at.exception
    results = at.session_state["call_results"]
    assert [r.name for r in results] == ["evil-call.txt"] and results[0].error is None
    with Workspace(app_db) as ws:
        call = ws.call("evil-call.txt")
        assert call.campaign == CAMPAIGN

    # the review page shows the call's text escaped, never as HTML or markdown
    at.session_state["review_call"] = call.id
    at.switch_page("msgcheck/app/pages/review.py").run()
    assert not at.exception
    assert at.selectbox(key="review_call").value == call.id
    at.toggle(key=f"only_drift_{call.id}").set_value(False).run()
    body = _html(at)
    assert (
        "<script" not in body and "<img" not in body and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in body
    )
    for radio in at.radio:
        for label in radio.options:
            assert "<script" not in label and "](javascript" not in label


def test_export_page_offers_the_three_formats_for_each_scope(app_db):
    at = _app("export")
    for scope in ("call", "campaign", "all"):
        at.radio(key="export_scope").set_value(scope).run()
        assert not at.exception
        labels = [b.label for b in at.get("download_button")] if at.get("download_button") else []
        assert labels == ["⬇️ JSON", "⬇️ CSV", "⬇️ HTML"], labels
        assert any("finding" in c.value for c in at.caption)


def test_file_content_in_messages_is_escaped_markdown(app_db):
    """A JSON transcript whose keys are markdown (an outside image, a fake sign-in link) and a file name
    full of markup reach st.error escaped: shown as text, never rendered, nothing fetched."""
    at = _app("calls")
    keys = json.dumps(dict.fromkeys(MD_PAYLOADS, 1)).encode()
    at.file_uploader(key="call_files_0").set_value(
        [
            ("keys.json", keys, "application/json"),
            ("[x](http:evil.example) **b**.txt", b"\x00\x01", "text/plain"),
        ]
    ).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 2
    shown = "\n".join(_unescaped(e) for e in errors)
    assert "![pixel](http://evil.example/pixel.png)" in shown and "[Session expired, sign in](" in shown
    for message in _messages(at):
        # every [ ( < ! of user text is escaped: no link, image or tag can form, no control code survives
        assert not re.search(r"(?<!\\)(?:\]\(|!\[|<img|<script)", message), message
        assert "\x1b" not in message


VAGUE_CALL = b"""Ann: Morning. So, the trial, is it fourteen days?
Bo: Fourteen days, yes. And setup is three hundred dollars.
Ann: Fine. The plan is forty-five a tech a month?
Bo: Forty-five, yes.
"""


def test_review_page_warns_of_guessed_reps_and_fixes_them_in_one_click(app_db):
    from msgcheck.app import shared, views

    with Workspace(app_db) as ws:
        (result,) = views.check_uploads(ws, shared.checker(), CAMPAIGN, [("vague.txt", VAGUE_CALL, None)])
    at = _app()
    at.selectbox(key="review_call").set_value(result.call_id).run()
    warning = " ".join(w.value for w in at.warning)
    assert "msgcheck had to guess." in warning and "(rep, " in warning.replace("\\", "")
    assert "--rep" not in warning.replace("\\", "")  # the app's fix is its button
    at.multiselect(key=f"review_reps_{result.call_id}").set_value(["Bo"]).run()
    at.button(key=f"review_set_reps_{result.call_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Workspace(app_db) as ws:
        assert ws.confirmed_reps(result.call_id) == ["Bo"]
    at.selectbox(key="review_call").set_value(result.call_id).run()
    assert "msgcheck had to guess." not in " ".join(w.value for w in at.warning)
    with Workspace(app_db) as ws:  # the picker shows the re-check's drift, not the first check's
        now = next(s for s in views.call_summaries(ws) if s.call_id == result.call_id)
    assert now.reps == ["Bo"] and now.label in at.selectbox(key="review_call").options


def test_review_page_shows_the_checklist_and_promotes_this_is_fine(app_db):
    """The call's promise checklist beside its findings; "This is fine" on an unsupported finding adds the
    rep's sentence to the campaign's approved wording (and dismisses the finding)."""
    with Workspace(app_db) as ws:
        call = ws.call(DEMO_CALL.name)
        run = max(r.run_id for r in ws.call_results() if r.call.id == call.id)
        promises = ws.call_promises(run, call.id)
        unsupported = next(f for f in ws.findings(run_id=run, call=call.id) if f.kind == "unsupported")
    at = _app()
    at.selectbox(key="review_call").set_value(call.id).run()
    shown = "\n".join(_unescaped(m) for m in _messages(at))
    assert "Headline promises on this call" in shown
    assert promises and all(p["promise"] in shown for p in promises)
    at.radio(key=f"sel_{call.id}").set_value(unsupported.id).run()
    at.button(key=f"allow_{unsupported.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Workspace(app_db) as ws:
        assert ws.allowed_claims(CAMPAIGN) == [unsupported.transcript["text"]]
        assert ws.finding(unsupported.id).review.decision == "dismiss"
    at.switch_page("msgcheck/app/pages/campaign.py").run()
    assert at.text_area(key="allowed_text").value == unsupported.transcript["text"]
    at.text_area(key="allowed_text").input("Your data stays yours: export it any time.")
    at.button(key="FormSubmitter:allowed_claims-Save approved wording").click().run()
    with Workspace(app_db) as ws:
        assert ws.allowed_claims(CAMPAIGN) == ["Your data stays yours: export it any time."]
