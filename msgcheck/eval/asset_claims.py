"""Asset-claim extraction against a labelled sample (corpora/asset-claims): are the claims statements?

The set is a folder with `assets/` and `labels.tsv` (columns file, text, label, note): every visible sentence
of each asset labelled `claim` or `not_claim` (buttons, headings, navigation, questions, slogans, footers).
An extracted claim counts for the labelled sentence it is, or that it was cut from: "The 30-day trial needs
no card." is the claim of the labelled "No. The 30-day trial needs no card.". An extracted claim matching
no labelled sentence counts against precision (the extractor made up or merged a sentence).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldFormatError
from ..extract.claims import ClaimExtractor
from ..ingest import load_assets

_COLUMNS = {"file", "text", "label"}


@dataclass
class ClaimScores:
    """Precision and recall of `claim` over the labelled sentences, and the mistakes by name."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[dict] = field(default_factory=list)
    false_negatives: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def summary(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "true_positives": self.tp,
            "false_positives": self.fp,
            "false_negatives": self.fn,
            "false_positive_sentences": self.false_positives,
            "false_negative_sentences": self.false_negatives,
        }


def read_labels(set_dir: Path) -> dict[str, list[dict]]:
    """The labelled sentences of the set, grouped by asset file name."""
    path = set_dir / "labels.tsv"
    if not path.is_file():
        raise GoldFormatError("no labels.tsv in this asset-claim set", path=str(set_dir))
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or not set(rows[0]) >= _COLUMNS:
        raise GoldFormatError(f"labels.tsv needs the columns {sorted(_COLUMNS)}", path=str(path))
    by_file: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["label"] not in ("claim", "not_claim"):
            raise GoldFormatError(f"label must be claim or not_claim, not {r['label']!r}", path=str(path))
        by_file[Path(r["file"]).name].append(r)
    return dict(by_file)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _matches(claim: str, row: dict) -> bool:
    """An extracted claim is the labelled sentence, a piece cut from it (an FAQ answer without its "No."),
    or a table cell with its row and column named ("Chargeback fee on Growth: $15" for the cell "$15")."""
    c, t = _norm(claim), _norm(row["text"])
    return bool(c) and (c == t or c in t or c.endswith(f": {t}"))


def score_asset_claims(set_dir: Path, extractor: ClaimExtractor | None = None) -> ClaimScores:
    """Extract every asset of the set and score the claims against the labels."""
    labels = read_labels(set_dir)
    extractor = extractor or ClaimExtractor()
    docs = load_assets([set_dir / "assets" / name for name in sorted(labels)])
    claims = extractor.extract(docs)
    scores = ClaimScores()
    found: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        rows = labels.get(c.file, [])
        hits = [r for r in rows if _matches(c.text, r)]
        exact = [
            r
            for r in hits
            if _norm(r["text"]) == _norm(c.text) or _norm(c.text).endswith(f": {_norm(r['text'])}")
        ]
        fresh = [r for r in (exact or hits) if id(r) not in found[c.file]]
        if hits and not fresh:
            continue  # a second piece of a labelled sentence already counted
        row = fresh[0] if fresh else None
        if row is None or row["label"] != "claim":
            scores.fp += 1
            scores.false_positives.append(
                {"file": c.file, "text": c.text, "labelled": row["text"] if row else None,
                 "note": row.get("note", "") if row else "no labelled sentence"}
            )  # fmt: skip
            if row is not None:
                found[c.file].add(id(row))
            continue
        found[c.file].add(id(row))
        scores.tp += 1
    for name, rows in labels.items():
        for r in rows:
            if r["label"] == "claim" and id(r) not in found[name]:
                scores.fn += 1
                scores.false_negatives.append({"file": name, "text": r["text"], "note": r.get("note", "")})
    return scores
