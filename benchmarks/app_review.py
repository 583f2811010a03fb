"""How fast the app's review page renders a 1,000-utterance call, warm (the target: under 3 s).

Builds the long call of benchmarks/latency.py (the demo calls' utterances, then PersuasionForGood
sentences), checks it once against the demo campaign into a temporary workspace, then runs the review
page in Streamlit's AppTest: once cold (first parse of the transcript), then warm, as a reviewer
switching back to the call or changing a filter would. Also times the page's library work alone
(msgcheck.views). Nothing is re-checked while the page renders.

    python benchmarks/app_review.py [--utterances 1000] [--runs 5] [--json out.json]
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
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()

    from streamlit.testing.v1 import AppTest

    from msgcheck import Checker, views
    from msgcheck.store import Workspace
    from msgcheck.workspace import check_and_record

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
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
