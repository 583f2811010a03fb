"""The domain pair corpus (corpora/pairs): labelled (asset claim, rep sentence) pairs, split by industry.

Format and label guide: corpora/pairs/GUIDE.md. ``splits.tsv`` names the dev and frozen test industries;
every other industry is train, so a test industry never appears in training.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = ["PAIR_LABELS", "PairRow", "hypothesis_text", "load_pair_corpus"]

PAIR_LABELS: tuple[str, ...] = ("consistent", "contradiction", "weakened", "unrelated")
COLUMNS = ["id", "industry", "asset_claim", "context", "rep_sentence", "label", "shape", "note"]
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "corpora" / "pairs"


@dataclass(frozen=True)
class PairRow:
    id: str
    industry: str
    claim: str
    context: str
    rep: str
    label: str
    shape: str
    split: str  # train | dev | test


def hypothesis_text(rep: str, context: str = "") -> str:
    """What the cross-encoder reads as the hypothesis: the rep's sentence, then what was said before it
    (pronouns and bare answers like "yep, every plan" point into it); truncation cuts the context first."""
    rep, context = " ".join(rep.split()), " ".join(context.split())
    return f"{rep} [after: {context}]" if context else rep


def load_pair_corpus(
    root: str | Path = DEFAULT_ROOT, splits: tuple[str, ...] = ("train", "dev")
) -> list[PairRow]:
    """Rows of ``raw/*.tsv`` (not the ``*.claims.tsv`` claim-worthiness files) in the given splits."""
    root = Path(root)
    split_of: dict[str, str] = {}
    with open(root / "splits.tsv", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            split_of[rec["industry"]] = rec["split"]
    rows: list[PairRow] = []
    for path in sorted((root / "raw").glob("*.tsv")):
        if path.name.endswith(".claims.tsv"):
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if header != COLUMNS:
                raise InputError("not a pair-corpus file (see corpora/pairs/GUIDE.md)", path=str(path))
            for n, row in enumerate(reader, start=2):
                if len(row) != len(COLUMNS):
                    raise InputError(f"line {n}: {len(row)} columns, want {len(COLUMNS)}", path=str(path))
                rec = dict(zip(COLUMNS, row, strict=True))
                if rec["label"] not in PAIR_LABELS:
                    raise InputError(f"line {n}: unknown label {rec['label']!r}", path=str(path))
                split = split_of.get(rec["industry"], "train")
                if split in splits:
                    rows.append(
                        PairRow(
                            rec["id"],
                            rec["industry"],
                            rec["asset_claim"],
                            rec["context"],
                            rec["rep_sentence"],
                            rec["label"],
                            rec["shape"],
                            split,
                        )
                    )
    return rows
