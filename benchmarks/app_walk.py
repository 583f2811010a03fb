"""The reviewer's walk through the app in Chromium, with a screenshot of every step (issue 12).

    python benchmarks/app_walk.py [--out /tmp/walk] [--workspace demo.db]

Copies the demo workspace (built first when ``--workspace`` does not exist yet, which takes a minute),
serves the app on it (``streamlit run app.py``) and walks it as tests/walk.py says: the demo, a call whose
reps are a guess confirmed from the banner, a call's promise checklist, a filter, an accepted finding,
the dashboard. Screenshots: ``--out``/01-review-demo.png ... 09-campaign.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/walk"))
    ap.add_argument(
        "--workspace", type=Path, default=None, help="a demo workspace to copy (built if missing)"
    )
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium"))
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright
    from walk import streamlit, walk

    from msgcheck.workspace.service import ensure_demo_workspace

    with tempfile.TemporaryDirectory() as tmp:
        source = args.workspace or Path(tmp) / "built.db"
        if not source.exists():
            print(f"building the demo workspace at {source} …", flush=True)
            ensure_demo_workspace(source)
        db = Path(tmp) / "msgcheck.db"
        shutil.copy(source, db)
        with streamlit(db, Path(tmp) / "streamlit.log") as url, sync_playwright() as p:
            launch = {"args": ["--headless", "--no-sandbox", "--disable-gpu"]}
            if args.chromium:
                launch["executable_path"] = args.chromium
            browser = p.chromium.launch(**launch)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            seen = walk(page, url, db, args.out)
            browser.close()
    for path in seen["shots"]:
        print(path)
    print(f"reps confirmed: {seen['confirmed_reps']}; findings after: {len(seen['after_findings'])}")
    print(f"filtered: {len(seen['filtered'])} of {seen['unfiltered']}; accepted: {len(seen['accepted'])}")


if __name__ == "__main__":
    main()
