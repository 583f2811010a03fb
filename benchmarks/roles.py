"""Role accuracy on corpora/roles (54 calls, 139 speakers): does inference find the reps? (issue 12)

Two runs: with the campaign's company known (the demo campaign's asset words plus the seller's company name,
as a real check has them) and with language alone (no vocabulary). Target: speaker accuracy >= 0.97 with the
company known. Also reports how many calls are flagged `roles_uncertain` and how many of the calls with a
mistake were flagged.

    python benchmarks/roles.py               # both runs, mistakes listed
    python benchmarks/roles.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msgcheck.eval.roles import demo_vocabulary, score_roles  # noqa: E402

SET = ROOT / "corpora" / "roles"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=None, help="write the figures and every mistake here")
    args = ap.parse_args(argv)
    vocab = demo_vocabulary()
    results = {
        "company known": score_roles(SET, vocab).summary(),
        "language only": score_roles(SET, with_company=False).summary(),
    }
    for name, s in results.items():
        print(
            f"{name:14s} speaker accuracy {s['speaker_accuracy']:.3f} ({s['speakers']} speakers), "
            f"calls all right {s['calls_all_correct']}/{s['calls']}, flagged uncertain {s['calls_flagged_uncertain']}, "
            f"calls with a mistake flagged {s['wrong_calls_flagged_uncertain']}"
        )
        for e in s["errors"]:
            flag = "flagged" if e["flagged_uncertain"] else "NOT flagged"
            print(
                f"   {e['call']}: {e['speaker']} is {e['gold']}, inferred {e['inferred']} ({e['confidence']}, {flag})"
            )
            for ev in e["evidence"]:
                print(f"      - {ev}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
