"""Asset-claim extraction on corpora/asset-claims (16 assets, 585 labelled visible sentences): are the
claims statements, and are the statements claims? (issue 12)

Precision: of the sentences kept as claims, how many are labelled claim (buttons, headings, navigation,
slogans and FAQ questions are not). Recall: of the labelled claims, how many are kept. Targets 0.95 / 0.90.

    python benchmarks/asset_claims.py            # figures, then every mistake
    python benchmarks/asset_claims.py --json out.json
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

from msgcheck.eval.asset_claims import score_asset_claims  # noqa: E402

SET = ROOT / "corpora" / "asset-claims"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=None, help="write the figures and every mistake here")
    ap.add_argument("--quiet", action="store_true", help="figures only, no mistakes")
    args = ap.parse_args(argv)
    s = score_asset_claims(SET).summary()
    print(
        f"asset claims: precision {s['precision']:.3f}, recall {s['recall']:.3f} "
        f"({s['true_positives']} right, {s['false_positives']} kept wrongly, {s['false_negatives']} missed)"
    )
    if not args.quiet:
        for e in s["false_positive_sentences"]:
            print(f"  kept   {e['file']}: {e['text']!r}  [{e['note']}]")
        for e in s["false_negative_sentences"]:
            print(f"  missed {e['file']}: {e['text']!r}  [{e['note']}]")
    if args.json:
        args.json.write_text(json.dumps(s, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
