"""Seconds from `streamlit run app.py` to the first page showing findings, in Chromium (issue 12: <= 10 s).

    python benchmarks/first_page.py [--empty | --setup built.db]

A fresh workspace is set up first as `make app` sets it up (`msgcheck workspace init --demo`: the demo
campaign imported and its calls checked, timed on its own), then the app is started on it and the clock
runs from launching `streamlit run` until the review page lists the worst call's findings. ``--empty``
times the other path: the app started on an empty workspace, building the demo itself on first start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--empty", action="store_true", help="start on an empty workspace (the app builds the demo)"
    )
    ap.add_argument(
        "--setup", type=Path, help="a workspace already set up this way: copied, set-up not timed"
    )
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium"))
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from walk import streamlit

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        db = Path(tmp) / "msgcheck.db"
        if args.setup:
            shutil.copy(args.setup, db)
        elif not args.empty:
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "msgcheck", "workspace", "init", "--demo", "--workspace", str(db)],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            print(f"set-up (msgcheck workspace init --demo): {time.perf_counter() - t:.1f} s")
        launch = {"args": ["--headless", "--no-sandbox", "--disable-gpu"]}
        if args.chromium:
            launch["executable_path"] = args.chromium
        browser = p.chromium.launch(**launch)  # the browser is ready before the clock starts
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        start = time.perf_counter()
        with streamlit(db, Path(tmp) / "streamlit.log", timeout=300) as url:
            served = time.perf_counter() - start
            page.goto(url)
            page.locator("[data-testid=stRadio] [role=radiogroup] label").first.wait_for(timeout=300_000)
            shown = time.perf_counter() - start
        browser.close()
    print(f"server answering: {served:.1f} s; first page with findings: {shown:.1f} s")


if __name__ == "__main__":
    main()
