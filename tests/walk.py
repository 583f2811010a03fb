"""The reviewer's walk through the app (issue 12's done-when), shared by tests/test_browser.py and
benchmarks/app_walk.py (which keeps its screenshots in /tmp/walk/).

Open the demo; add a call whose reps msgcheck can only guess and confirm them from the banner (the call
is re-checked, no re-upload); read a call's promise checklist; filter the findings; accept one; see the
dashboard with its dated trends. Every step waits for what a reviewer would see, then takes a screenshot.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNSURE_CALL = ROOT / "tests" / "fixtures" / "walk" / "call-08-unsure-roles.txt"
GUESSED, REAL_REP = "Sam Ortega", "Alex Kim"  # whom msgcheck takes for the rep there, and who is
CHECKLIST_CALL = "call-02-northgate-heating.txt"  # timed, two reps: its checklist quotes them at mm:ss
FILTER_CALL = "call-01-brightwater-plumbing.txt"  # a contradiction and unsupported claims to filter


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit(
    db: Path, log: Path, port: int | None = None, timeout: float = 90, reviewer: str = "walk"
) -> Iterator[str]:
    """``streamlit run app.py`` on ``db`` (reviews signed ``reviewer``); yields its URL once its health check
    answers."""
    port = port or free_port()
    env = {**os.environ, "MSGCHECK_WORKSPACE": str(db), "HF_HUB_OFFLINE": "1", "MSGCHECK_REVIEWER": reviewer}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def settle(page, timeout: float = 120) -> None:
    """Wait until the app has finished its current run (Streamlit's "running" widget is gone)."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        busy = page.locator("[data-testid=stStatusWidget]").count() > 0
        quiet = 0 if busy else quiet + 1
        time.sleep(0.4)


def shot(page, folder: Path, name: str, height: int = 1800) -> Path:
    size = page.viewport_size
    page.set_viewport_size({"width": 1440, "height": height})
    time.sleep(1.5)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def _multiselect(page, label: str):
    return page.locator("[data-testid=stMultiSelect]").filter(has_text=label).first


def walk(page, url: str, db: Path, shots: Path) -> dict:
    """The walk; returns what it saw (for the test's assertions). Raises when a step never shows."""
    from msgcheck.workspace.db import Workspace

    seen: dict = {"shots": []}

    def snap(name: str, height: int = 1800) -> None:
        crashed = page.get_by_text("This app has encountered an error")
        if crashed.count():
            raise AssertionError(
                f"{name}: the page shows an exception: {page.locator('[data-testid=stMain]').inner_text()[:2000]}"
            )
        seen["shots"].append(shot(page, shots, name, height))

    def pick_call(name: str) -> None:
        page.locator("[data-testid=stSelectbox]").filter(has_text="Call").first.click()
        page.get_by_role("option").filter(has_text=name).first.click()
        settle(page)

    # 1. the demo: the review page opens on the call with the most drift, its findings listed
    page.goto(url)
    page.get_by_role("heading", name="Review a call", exact=True).wait_for(timeout=120_000)
    page.locator("[data-testid=stRadio] [role=radiogroup] label").first.wait_for(timeout=120_000)
    settle(page)
    snap("01-review-demo", 2600)

    # 2. a call whose reps are a guess: uploaded on the Calls page, the banner says so
    page.goto(f"{url}/calls")
    page.get_by_role("heading", name="Calls", exact=True).wait_for(timeout=60_000)
    settle(page)
    page.locator("input[type=file]").first.set_input_files([str(UNSURE_CALL)])
    page.get_by_text("Who is the rep?").wait_for(timeout=60_000)
    settle(page)
    page.get_by_role("button", name="Check 1 call against routewick-spring-rush").click()
    page.get_by_text(f"{UNSURE_CALL.name}: drift").wait_for(timeout=300_000)
    settle(page)
    banner = page.locator("[data-testid=stAlert]").filter(has_text="msgcheck had to guess").first
    banner.wait_for(timeout=60_000)
    seen["calls_banner"] = banner.inner_text()
    snap("02-calls-roles-guessed", 2000)

    # 3. confirm the real rep from the review page's banner: the call is checked again, no re-upload
    page.get_by_role("button", name="Review", exact=True).click()
    page.get_by_role("heading", name="Review a call", exact=True).wait_for(timeout=60_000)
    settle(page)
    banner = page.locator("[data-testid=stAlert]").filter(has_text="msgcheck had to guess").first
    banner.wait_for(timeout=60_000)
    seen["review_banner"] = banner.inner_text()
    snap("03-review-roles-guessed", 2200)
    reps = _multiselect(page, "Who are the reps?")
    reps.locator("input").click()
    page.keyboard.press("Backspace")  # drop the guess
    page.keyboard.type(REAL_REP)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    page.get_by_role("button", name="Confirm these reps and re-check").click()
    settle(page, 300)
    page.get_by_role("heading", name="Review a call", exact=True).wait_for(timeout=60_000)
    with Workspace(db) as ws:
        call = ws.call(UNSURE_CALL.name)
        seen["confirmed_reps"] = ws.confirmed_reps(call.id)
        latest = max(r.run_id for r in ws.call_results() if r.call.id == call.id)
        seen["after_findings"] = ws.findings(run_id=latest, call=call.id)
    deadline = time.monotonic() + 60
    while page.get_by_text("msgcheck had to guess").count() and time.monotonic() < deadline:
        time.sleep(0.5)
    seen["banner_after"] = page.get_by_text("msgcheck had to guess").count()
    snap("04-review-reps-confirmed", 2600)

    # 4. a call's promise checklist, beside its findings
    pick_call(CHECKLIST_CALL)
    page.get_by_text("Headline promises on this call").wait_for(timeout=60_000)
    page.get_by_text("Tom Becker said it at").first.wait_for(timeout=60_000)
    seen["checklist"] = page.locator("[data-testid=stMain]").inner_text()
    snap("05-review-checklist", 2600)

    # 5. another call; filter: unsupported claims only
    pick_call(FILTER_CALL)
    seen["unfiltered"] = page.locator("[data-testid=stRadio] [role=radiogroup] label").count()
    kinds = _multiselect(page, "Kind")
    kinds.locator("input").click()
    page.keyboard.type("unsupported")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    labels = page.locator("[data-testid=stRadio] [role=radiogroup] label")
    seen["filtered"] = [labels.nth(i).inner_text() for i in range(labels.count())]
    snap("06-review-filtered", 2200)

    # 6. accept the first one: saved to the workspace at once
    labels.first.click()
    settle(page)
    page.get_by_role("button", name="✓ Accept").click()
    settle(page)
    with Workspace(db) as ws:
        cid = ws.call(FILTER_CALL).id
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            accepted = [f for f in ws.findings(call=cid) if f.review and f.review.decision == "accept"]
            if accepted:
                break
            time.sleep(0.5)
    seen["accepted"] = accepted
    snap("07-review-accepted", 2200)

    # 7. the dashboard: drift by rep and topic, drift over time by call date, the ledger
    page.goto(f"{url}/dashboard")
    page.get_by_role("heading", name="Dashboard", exact=True).wait_for(timeout=60_000)
    settle(page)
    seen["charts"] = page.locator("[data-testid=stVegaLiteChart]").count()
    seen["dashboard_text"] = page.locator("[data-testid=stMain]").inner_text()
    snap("08-dashboard", 3000)

    page.goto(f"{url}/campaign")
    page.get_by_role("heading", name="Campaign", exact=True).wait_for(timeout=60_000)
    page.get_by_text("Approved wording").first.wait_for(timeout=180_000)
    settle(page)
    snap("09-campaign", 3000)
    page.locator("[data-testid=stSelectbox]").filter(has_text="Campaign").first.click()
    option = page.get_by_role("option").filter(has_text="New campaign")
    option.wait_for(timeout=30_000)
    seen["new_campaign"] = option.inner_text()
    snap("10-campaign-choices", 1000)
    page.keyboard.press("Escape")
    return seen
