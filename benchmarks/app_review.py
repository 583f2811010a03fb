"""How fast the app's review page renders a 1,000-utterance call, warm (the target: under 3 s).

Builds the long call of benchmarks/latency.py (the demo calls' utterances, then PersuasionForGood
sentences), checks it once against the demo campaign into a temporary workspace, then runs the review
page in Streamlit's AppTest: once cold (first parse of the transcript), then warm, as a reviewer
switching back to the call or changing a filter would. Also times the page's library work alone
(msgcheck.app.views). Nothing is re-checked while the page renders.

    python benchmarks/app_review.py [--utterances 1000] [--runs 5] [--browser] [--json out.json]

``--browser`` also serves the app (streamlit run) and times the page in Chromium through Playwright, from
navigation until the transcript is drawn and the app is idle: cold, warm, and with the whole transcript.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def write_call(n: int, folder: Path) -> Path:
    """The latency benchmark's n-utterance call as a plain ``Name: text`` transcript (one line each)."""
    from latency import build_call

    transcript = build_call(n)
    path = folder / f"long-call-{n}.txt"
    lines = [f"{u.speaker}: {' '.join(u.text.split())}" for u in transcript.utterances]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--utterances", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5, help="warm renders to time")
    ap.add_argument("--browser", action="store_true", help="also time the page in Chromium (Playwright)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()

    from streamlit.testing.v1 import AppTest

    from msgcheck import Checker
    from msgcheck.app import views
    from msgcheck.workspace.db import Workspace
    from msgcheck.workspace.service import check_and_record

    tmp = Path(tempfile.mkdtemp(prefix="msgcheck-bench-"))
    db = tmp / "msgcheck.db"
    call = write_call(args.utterances, tmp)
    campaign_dir = next(p for p in sorted((ROOT / "corpora" / "demo" / "campaigns").iterdir()) if p.is_dir())
    t0 = time.perf_counter()
    with Workspace(db) as ws:
        result = check_and_record(ws, Checker(), [campaign_dir], [call], campaign=campaign_dir.name)
        record = ws.call(call.name)
        n_utts = len(ws.turns(record.id))
        n_findings = len(result.report.calls[0].findings)
    check_s = time.perf_counter() - t0
    print(f"checked {call.name}: {n_utts} utterances, {n_findings} findings ({check_s:.1f} s, once)")

    # the library work of one render (what the page calls), without Streamlit
    with Workspace(db) as ws:
        summary = next(s for s in views.call_summaries(ws) if s.call_id == record.id)
        t0 = time.perf_counter()
        findings = views.call_findings(ws, record.id, summary.run_id)
        transcript = views.call_transcript(ws, record.id, summary.reps)
        lines = views.transcript_lines(transcript, findings)
        views.timeline(lines, findings, summary.reps)
        views.transcript_html(lines, [f for f in findings if f.index is None], only_drift=True)
        views.transcript_html(lines, [f for f in findings if f.index is None], only_drift=False)
        views_s = time.perf_counter() - t0

    os.environ["MSGCHECK_WORKSPACE"] = str(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["review_call"] = record.id
    t0 = time.perf_counter()
    at.run()
    cold_s = time.perf_counter() - t0
    if at.exception:
        raise SystemExit(f"the review page failed: {at.exception[0].value}")
    if at.selectbox(key="review_call").value != record.id:
        raise SystemExit("the review page did not open the long call")
    warm = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t0)
    # a filter change: the same call, another minimum score
    at.slider(key="f_score").set_value(0.5)
    t0 = time.perf_counter()
    at.run()
    filter_s = time.perf_counter() - t0
    full = at.toggle(key=f"only_drift_{record.id}")
    full.set_value(False)
    t0 = time.perf_counter()
    at.run()
    full_s = time.perf_counter() - t0

    figures = {
        "utterances": n_utts,
        "findings": n_findings,
        "views_s": round(views_s, 3),
        "cold_render_s": round(cold_s, 3),
        "warm_render_median_s": round(statistics.median(warm), 3),
        "warm_render_max_s": round(max(warm), 3),
        "filter_change_s": round(filter_s, 3),
        "full_transcript_s": round(full_s, 3),
    }
    print(
        f"review page, {n_utts}-utterance call: warm render {figures['warm_render_median_s']:.2f} s median "
        f"({figures['warm_render_max_s']:.2f} s max of {args.runs}); filter change {filter_s:.2f} s; "
        f"full transcript {full_s:.2f} s; cold {cold_s:.2f} s (includes starting the app); "
        f"library work alone {views_s:.2f} s. Target: under 3 s warm."
    )
    if args.browser:
        figures.update(browser_timings(db, record.id, args.runs))
        print(
            f"in Chromium: warm {figures['browser_warm_median_s']:.2f} s median to a drawn, idle page; "
            f"cold {figures['browser_cold_s']:.2f} s; whole transcript ({n_utts} utterances drawn) "
            f"{figures['browser_full_transcript_s']:.2f} s."
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


def browser_timings(db: Path, call_id: int, runs: int) -> dict:
    """Serve the app on ``db`` and time the review page of ``call_id`` in Chromium."""
    import socket
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "MSGCHECK_WORKSPACE": str(db)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1440, "height": 1000})

            def drawn(selector: str, count: int = 1) -> float:
                t0 = time.perf_counter()
                page.goto(f"{url}/?call={call_id}")
                page.wait_for_function(
                    f"document.querySelectorAll({selector!r}).length >= {count}", timeout=120_000
                )
                page.wait_for_function(
                    "!document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000
                )
                return time.perf_counter() - t0

            cold = drawn(".mc .grid")
            warm = [drawn(".mc .grid") for _ in range(runs)]
            page.get_by_text("Only the drifting moments").click()
            t0 = time.perf_counter()
            page.wait_for_function(
                "document.querySelectorAll('.mc .grid .utt').length >= 1000", timeout=120_000
            )
            full = time.perf_counter() - t0
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    return {
        "browser_cold_s": round(cold, 3),
        "browser_warm_median_s": round(statistics.median(warm), 3),
        "browser_full_transcript_s": round(full, 3),
    }


if __name__ == "__main__":
    main()
