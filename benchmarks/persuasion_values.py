"""Real dialogues against an unrelated campaign: no value contradiction at all (issue 10).

PersuasionForGood (../shared/data/dialogues/persuasion-for-good, real human chats about donating to a
charity; the persuader plays the rep) is checked against the demo campaign. The chats talk about
donations, children and percentages of a payment: nothing the campaign prices. Every contradiction whose
evidence is a value is a false positive of the value reader; the target is none.

    python benchmarks/persuasion_values.py                # all 1,017 dialogues (minutes)
    python benchmarks/persuasion_values.py --limit 200
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msgcheck.check.checker import Checker  # noqa: E402
from msgcheck.extract.values import extract_quantities  # noqa: E402
from msgcheck.types import Transcript, Utterance  # noqa: E402

P4G = ROOT.parent / "shared" / "data" / "dialogues" / "persuasion-for-good" / "full_dialog.csv"
DEMO = ROOT / "corpora" / "demo" / "campaigns"


def dialogues(limit: int | None) -> list[Transcript]:
    turns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(P4G, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            turns[row["B2"]].append(("Persuader" if row["B4"] == "0" else "Persuadee", row["Unit"]))
    out = []
    for did, rows in list(turns.items())[:limit]:
        utts = [Utterance(speaker=s, text=t, index=i) for i, (s, t) in enumerate(rows)]
        t = Transcript(name=f"{did}.txt", path=did, format="txt", utterances=utts)
        t.roles = {"Persuader": "rep", "Persuadee": "prospect"}
        out.append(t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--json", type=Path, default=None, help="write the figures and every value contradiction here"
    )
    args = ap.parse_args(argv)
    campaign = next(p for p in sorted(DEMO.iterdir()) if p.is_dir())
    calls = dialogues(args.limit)
    checker = Checker()
    t0 = time.perf_counter()
    report = checker.check([campaign], calls, reps=["Persuader"])
    seconds = time.perf_counter() - t0
    contradictions = [(c.call, f) for c in report.calls for f in c.findings if f.kind == "contradiction"]
    valued = [
        (call, f) for call, f in contradictions if extract_quantities((f.transcript or {}).get("text", ""))
    ]
    figures = {
        "dialogues": len(calls),
        "utterances": sum(len(t.utterances) for t in calls),
        "findings": sum(len(c.findings) for c in report.calls),
        "contradictions": len(contradictions),
        "value_contradictions": len(valued),
        "seconds": round(seconds, 1),
    }
    print(json.dumps(figures))
    for call, f in valued[:20]:
        print(f"  {call}: {f.transcript['text']!r} vs {f.asset['text']!r} ({f.explanation})")
    if args.json:
        examples = [{"call": c, "rep": f.transcript["text"], "asset": f.asset["text"]} for c, f in valued]
        args.json.write_text(json.dumps({**figures, "value_contradictions_found": examples}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
