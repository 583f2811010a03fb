"""Check a pair-corpus TSV against GUIDE.md: columns, labels, shapes, ids, mix. Prints a summary."""

from __future__ import annotations

import csv
import sys
from collections import Counter

COLUMNS = ["id", "industry", "asset_claim", "context", "rep_sentence", "label", "shape", "note"]
SHAPES = {
    "contradiction": {
        "value",
        "polarity",
        "capability",
        "integration",
        "frequency",
        "schedule",
        "terms",
        "scope",
    },
    "weakened": {"condition", "prerequisite", "exception", "eligibility", "tier", "cap", "hedge", "scope"},
    "consistent": {
        "paraphrase",
        "unit",
        "restated_condition",
        "other_plan",
        "correction",
        "competitor",
        "partial",
        "entailed",
    },
    "unrelated": {"other_attribute", "topic_shift", "small_talk"},
}


def check(path: str) -> int:
    errors: list[str] = []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != COLUMNS:
        print(f"{path}: the header must be: " + "\t".join(COLUMNS))
        return 1
    ids: set[str] = set()
    labels: Counter[str] = Counter()
    shapes: Counter[tuple[str, str]] = Counter()
    industries: Counter[str] = Counter()
    reps: Counter[str] = Counter()
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(COLUMNS):
            errors.append(f"line {n}: {len(row)} columns, want {len(COLUMNS)}")
            continue
        rec = dict(zip(COLUMNS, row, strict=True))
        if rec["id"] in ids:
            errors.append(f"line {n}: duplicate id {rec['id']}")
        ids.add(rec["id"])
        if rec["label"] not in SHAPES:
            errors.append(f"line {n}: label {rec['label']!r} not one of {sorted(SHAPES)}")
        elif rec["shape"] not in SHAPES[rec["label"]]:
            errors.append(f"line {n}: shape {rec['shape']!r} not allowed for {rec['label']}")
        if not rec["asset_claim"].strip() or not rec["rep_sentence"].strip():
            errors.append(f"line {n}: empty claim or rep sentence")
        labels[rec["label"]] += 1
        shapes[(rec["label"], rec["shape"])] += 1
        industries[rec["industry"]] += 1
        reps[rec["rep_sentence"].strip().lower()] += 1
    dups = [r for r, c in reps.items() if c > 1]
    if dups:
        errors.append(f"{len(dups)} rep sentences repeated, e.g. {dups[0]!r}")
    for e in errors[:40]:
        print(f"{path}: {e}")
    total = sum(labels.values())
    print(f"{path}: {total} rows, {len(errors)} problems")
    print("labels:", {k: f"{v} ({v / max(total, 1):.0%})" for k, v in labels.most_common()})
    print("industries:", dict(industries.most_common()))
    print("shapes:", {f"{a}/{b}": c for (a, b), c in sorted(shapes.items())})
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(max(check(p) for p in sys.argv[1:]))
