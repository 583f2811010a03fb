"""The app in a real browser: `streamlit run app.py` on localhost, driven by Debian's Chromium through
Playwright. What AppTest cannot see: the page as drawn, clicks, the real file input, the upload limit,
and that a transcript full of <script> and markdown tricks stays text.

Screenshots go to the test's tmp dir and are copied to /tmp/msgcheck-shots/. Skipped only when no
Chromium is installed (`apt-get install chromium`; .ci/run installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from badinput import MD_PAYLOADS
from conftest import copy_workspace
from walk import settle as _settle
from walk import streamlit

from msgcheck.workspace.db import Workspace

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path("/tmp/msgcheck-shots")
CHROMIUM = next(
    (
        p
        for p in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"))
        if p and Path(p).exists()
    ),
    None,
)
EVIL = (
    "<script>window.__xss=1</script> **bold** [click me](javascript:window.__xss=1) "
    '<img src=x onerror="window.__xss=1"> :red[red] $x^2$'
)


@pytest.fixture(scope="module")
def server(demo_workspace, tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium not found: apt-get install chromium (or set CHROMIUM=/path/to/chromium)")
    db = copy_workspace(demo_workspace, tmp_path_factory.mktemp("browser-ws"))
    log = tmp_path_factory.mktemp("browser-log") / "streamlit.log"
    with streamlit(db, log, reviewer="browser") as url:
        yield url, db


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def _shot(page, tmp_path: Path, name: str, height: int = 2000) -> Path:
    size = page.viewport_size
    page.set_viewport_size({"width": 1440, "height": height})
    time.sleep(1.5)
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    return path


def test_review_upload_and_safety_in_a_real_browser(server, browser, tmp_path):
    url, db = server
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []  # every request the page makes to a host other than this machine
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urllib.parse.urlsplit(r.url).hostname not in ("localhost", "127.0.0.1", None)
            and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    page.goto(url)
    page.get_by_role("heading", name="Review a call", exact=True).wait_for(timeout=120_000)
    _settle(page)

    # the demo is there: the worst call first, its findings listed
    with Workspace(db) as ws:
        worst = max((r for r in ws.call_results()), key=lambda r: r.drift_score)
        findings = ws.findings(run_id=worst.run_id, call=worst.call.id)
    assert len(findings) >= 2
    labels = page.locator("[data-testid=stRadio] [role=radiogroup] label")
    assert labels.count() == len(findings)
    _shot(page, tmp_path, "01-review", 2400)

    # click a finding: its evidence appears side by side
    second = findings[1]
    labels.nth(1).click()
    _settle(page)
    rep_card = page.locator(".mc .side .card.rep, .mc .side .card.none").first
    asset_card = page.locator(".mc .side .card.asset").first
    asset_card.wait_for(timeout=30_000)
    if second.asset:
        assert second.asset["text"] in asset_card.inner_text()
    if second.transcript:
        assert second.transcript["text"] in rep_card.inner_text()
    assert second.explanation in page.locator(".mc .why").first.inner_text()

    # accept it: saved to the workspace at once
    page.get_by_role("button", name="✓ Accept").click()
    _settle(page)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with Workspace(db) as ws:
            review = ws.finding(second.id).review
        if review:
            break
        time.sleep(0.5)
    assert review and review.decision == "accept" and review.reviewer == "browser"

    # upload a transcript through the real file input and check it
    page.goto(f"{url}/calls")
    page.get_by_role("heading", name="Calls", exact=True).wait_for(timeout=60_000)
    _settle(page)
    call = tmp_path / "evil-call.txt"
    text = (ROOT / "corpora" / "demo" / "calls" / "call-01-brightwater-plumbing.txt").read_text(
        encoding="utf-8"
    )
    call.write_text(text.replace("Gary Tallis: Yeah, I got you.", f"Gary Tallis: {EVIL}"), encoding="utf-8")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Dana: hello there\n" * (26 * 1024 * 1024 // 18 + 1))
    keys = tmp_path / "keys.json"  # markdown and HTML in JSON keys reach an st.error: shown, never rendered
    keys.write_text(json.dumps(dict.fromkeys(MD_PAYLOADS, 1)), encoding="utf-8")
    page.locator("input[type=file]").first.set_input_files([str(call), str(huge), str(keys)])
    page.get_by_text("Who is the rep?").wait_for(timeout=60_000)
    _settle(page)
    # a file over server.maxUploadSize: refused by the uploader, with its reason; never reaches the app
    refused = page.locator("[data-testid=stFileChip][aria-invalid=true]")
    assert refused.count() == 1 and refused.get_attribute("aria-label").startswith("huge.txt")
    assert "25" in page.locator("[data-testid=stFileChips] [role=alert]").first.inner_text()
    assert page.get_by_text("a larger file is marked in red above and is not uploaded").count() == 1
    alert = page.locator("[data-testid=stAlert]").filter(has_text="keys.json").first
    shown = alert.inner_text().replace("\u2060", "")  # the word joiner that keeps URLs from linking
    assert "![pixel](http://evil.example/pixel.png)" in shown
    assert "[Session expired, sign in](http://evil.example/login)" in shown
    found = page.locator("[src*='evil.example'], a[href*='evil.example']")
    assert found.count() == 0, [found.nth(i).evaluate("e => e.outerHTML") for i in range(found.count())]
    page.get_by_role("button", name="Check 1 call against routewick-spring-rush").click()
    page.get_by_text("evil-call.txt: drift").wait_for(timeout=240_000)
    _settle(page)
    _shot(page, tmp_path, "02-calls-after-upload", 1400)

    # its review: the prospect's <script>, image and markdown tricks are shown as text, never run
    page.get_by_role("button", name="Review", exact=True).click()
    page.get_by_role("heading", name="Review a call", exact=True).wait_for(timeout=60_000)
    _settle(page)
    page.get_by_text("Only the drifting moments").click()  # the whole transcript
    _settle(page)
    transcript = page.locator(".mc .grid").filter(has_text="window.__xss").first
    transcript.wait_for(timeout=60_000)
    assert "<script>window.__xss=1</script>" in transcript.inner_text()
    assert "**bold** [click me](javascript:window.__xss=1)" in transcript.inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    _shot(page, tmp_path, "03-review-uploaded-call", 2400)

    page.goto(f"{url}/dashboard")
    page.get_by_role("heading", name="Dashboard", exact=True).wait_for(timeout=60_000)
    _settle(page)
    assert page.locator("[data-testid=stVegaLiteChart]").count() >= 4
    _shot(page, tmp_path, "04-dashboard", 2200)

    page.goto(f"{url}/campaign")
    page.get_by_role("heading", name="Campaign", exact=True).wait_for(timeout=60_000)
    _settle(page)
    page.get_by_text("Headline promises").first.wait_for(timeout=120_000)
    _settle(page)
    _shot(page, tmp_path, "05-campaign", 2400)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert outside == [], outside  # no image, link or script fetched from another host, ever
    page.close()


def _outside(url: str) -> bool:
    """A request that would leave the machine: any http(s) or websocket host other than this one."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in (
        "127.0.0.1",
        "localhost",
        "::1",
    )


def test_the_app_asks_no_outside_host_for_anything(server, browser):
    """Offline, really: every page is opened with the outside network blocked, and every request to a host
    other than localhost is counted (and refused). A ':material/...:' page icon, for one, makes Streamlit
    fetch the favicon from fonts.gstatic.com."""
    url, _ = server
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []

    def guard(route):
        if _outside(route.request.url):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    context.on("request", lambda r: _outside(r.url) and r.url not in outside and outside.append(r.url))
    page = context.new_page()
    local: list[str] = []
    page.on("request", lambda r: local.append(r.url))
    for path, heading in [("", "Review a call"), ("dashboard", "Dashboard"), ("campaign", "Campaign"),
                          ("calls", "Calls"), ("export", "Export")]:  # fmt: skip
        page.goto(f"{url}/{path}")
        page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=120_000)
        _settle(page)
    time.sleep(2)  # late requests: the favicon, fonts, chart assets
    context.close()
    assert len(local) > 20  # the listener saw the app's own traffic, so it would have seen the rest
    assert outside == [], f"{len(outside)} request(s) to outside hosts: {outside[:5]}"


NAME = (  # a speaker name with a markdown image, an HTML image and an OSC-8 link, and a title-setting escape
    "![pixel](http://evil.example/name.png) <img src=http://evil.example/n.png onerror=window.__xss=1>"
    " \x1b]8;;http://evil.example\x1b\\Dana\x1b]8;;\x1b\\ \x1b]0;pwned\x07"
)


def test_payloads_in_names_keys_and_text_stay_text_and_another_session_sees_nothing(
    server, browser, tmp_path
):
    """Speaker names, a file name, JSON keys and turns full of markdown, HTML and control sequences go
    through the calls page, a check and the review page: shown as text, nothing fetched from another host,
    no script run. A second browser session, open meanwhile, never sees the first one's uploads."""
    url, _ = server
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []
    context.on("request", lambda r: _outside(r.url) and outside.append(r.url))
    page = context.new_page()
    lines = (ROOT / "corpora" / "demo" / "calls" / "call-01-brightwater-plumbing.txt").read_text(
        encoding="utf-8"
    )
    turns = []
    for line in lines.splitlines():
        speaker, text = line.split(": ", 1)
        rep = speaker == "Dana Okafor"
        turns.append(
            {
                "speaker": NAME if rep else f"Gary {MD_PAYLOADS[0]}",
                "text": text,
                "role": "rep" if rep else "prospect",
            }
        )
    turns[1]["text"] = f"{EVIL} \x1b[2J\x1b]0;pwned\x07 {MD_PAYLOADS[1]} " + turns[1]["text"]
    call = tmp_path / "![p](evil.example) <img src=x onerror=window.__xss=1> [red].json"
    call.write_text(json.dumps(turns), encoding="utf-8")
    keys = tmp_path / "[Sign in](http:⁄⁄evil.example).json"  # and markdown in the file name of a bad file
    keys.write_text(json.dumps({p: 1 for p in (*MD_PAYLOADS, NAME)}), encoding="utf-8")

    page.goto(f"{url}/calls")
    page.get_by_role("heading", name="Calls", exact=True).wait_for(timeout=60_000)
    _settle(page)
    page.locator("input[type=file]").first.set_input_files([str(call), str(keys)])
    page.get_by_text("Who is the rep?").wait_for(timeout=60_000)
    _settle(page)
    shown = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
    assert "![pixel](http://evil.example/name.png)" in shown  # the rep's name, as text
    assert "_Sign in__http___evil.example_.json: unrecognised JSON transcript" in shown  # the safe name
    assert "[Session expired, sign in](http://evil.example/login)" in shown

    other = browser.new_context(viewport={"width": 1440, "height": 1000})  # another session, meanwhile
    second = other.new_page()
    second.goto(f"{url}/calls")
    second.get_by_role("heading", name="Calls", exact=True).wait_for(timeout=60_000)
    _settle(second)
    seen = second.locator("[data-testid=stMain]").inner_text()
    assert "Who is the rep?" not in seen and "evil" not in seen and "Sign in" not in seen
    assert second.locator("[data-testid=stFileChip]").count() == 0
    other.close()

    page.get_by_role("button", name="Check 1 call against routewick-spring-rush").click()
    page.get_by_text("onerror_window.__xss_1_").first.wait_for(timeout=240_000)  # the stored (safe) name
    _settle(page)
    page.get_by_role("button", name="Review", exact=True).click()
    page.get_by_role("heading", name="Review a call", exact=True).wait_for(timeout=60_000)
    _settle(page)
    page.get_by_text("Only the drifting moments").click()  # the whole transcript
    _settle(page)
    body = page.locator("[data-testid=stMain]").inner_text().replace("\u2060", "")
    assert "![pixel](http://evil.example/name.png)" in body and "<script>window.__xss=1</script>" in body
    assert "\x1b" not in body and "\x07" not in body and "pwned" not in body + page.title()
    _shot(page, tmp_path, "06-review-payload-names", 2400)
    assert page.evaluate("typeof window.__xss") == "undefined"
    found = page.locator(
        "[src*='evil.example'], a[href*='evil.example'], a[href^='javascript'], img[src='x']"
    )
    assert found.count() == 0, [found.nth(i).evaluate("e => e.outerHTML") for i in range(found.count())]
    context.close()
    assert outside == [], outside  # names, keys and text fetched nothing from another host


def test_the_reviewers_walk(demo_workspace, browser, tmp_path):
    """Issue 12's done-when, in a real browser (tests/walk.py; benchmarks/app_walk.py keeps the screenshots
    in /tmp/walk/): open the demo, confirm a call's guessed reps from the banner, read a call's promise
    checklist, filter, accept a finding, see the dashboard's dated trend per rep. Its own server: the walk
    writes to its workspace."""
    from walk import CHECKLIST_CALL, GUESSED, REAL_REP, UNSURE_CALL, walk

    db = copy_workspace(demo_workspace, tmp_path / "ws")
    with streamlit(db, tmp_path / "streamlit.log") as url:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        seen = walk(page, url, db, tmp_path / "shots")
        page.close()
    for shot in seen["shots"]:
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, SHOTS / f"walk-{shot.name}")

    # the guessed reps: the banner said so on both pages, with the reason and each speaker's evidence
    for banner in (seen["calls_banner"], seen["review_banner"]):
        assert UNSURE_CALL.name in banner and "guessed" in banner and GUESSED in banner
    # confirmed in one click: stored with the call, checked again, the banner gone, the rep's drift found
    assert seen["confirmed_reps"] == [REAL_REP] and seen["banner_after"] == 0
    assert seen["after_findings"] and all(f.transcript["speaker"] == REAL_REP for f in seen["after_findings"])
    # the checklist beside the findings: each headline promise, the rep's words and time for upheld ones
    with Workspace(db) as ws:
        call = next(c for c in ws.call_results() if c.call.name == CHECKLIST_CALL)
        stored = ws.call_promises(call.run_id, call.call.id)
    assert stored and all(p["promise"] in seen["checklist"] for p in stored)
    for p in stored:
        if p["status"] == "upheld":
            assert f"{p['rep']['speaker']} said it at" in seen["checklist"]
    assert "Upheld" in seen["checklist"] and "Not mentioned" in seen["checklist"]
    # the filter left only unsupported claims; the accepted one is saved
    assert 0 < len(seen["filtered"]) < seen["unfiltered"]
    assert all("unsupported" in label for label in seen["filtered"])
    assert len(seen["accepted"]) == 1 and seen["accepted"][0].kind == "unsupported"
    # the dashboard: its charts, the trend by call date per rep, no catch-all topic on top
    assert seen["charts"] >= 4 and "Drift over time, by rep" in seen["dashboard_text"]
    assert "Promise ledger" in seen["dashboard_text"] and "unspecified" not in seen["dashboard_text"]
    assert seen["new_campaign"].strip() == "+ New campaign…"  # text, not an emoji a browser may lack
