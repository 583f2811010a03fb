"""The domain pair corpus (corpora/pairs): labelled (asset claim, rep sentence) pairs, split by industry.

Format and label guide: corpora/pairs/GUIDE.md. ``splits.tsv`` names the dev and frozen test industries;
every other industry is train, so a test industry never appears in training.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..judge.crossmodel import hypothesis_text  # one definition: what the model reads at train and run time

__all__ = ["PAIR_LABELS", "PairRow", "augment", "hypothesis_text", "industry_splits", "load_pair_corpus"]

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


def industry_splits(root: str | Path = DEFAULT_ROOT) -> dict[str, str]:
    """Industry -> split from ``splits.tsv``; an industry it does not name is train."""
    with open(Path(root) / "splits.tsv", encoding="utf-8", newline="") as fh:
        return {rec["industry"]: rec["split"] for rec in csv.DictReader(fh, delimiter="\t")}


def load_pair_corpus(
    root: str | Path = DEFAULT_ROOT, splits: tuple[str, ...] = ("train", "dev")
) -> list[PairRow]:
    """Rows of ``raw/*.tsv`` (not the ``*.claims.tsv`` claim-worthiness files) in the given splits."""
    root = Path(root)
    split_of = industry_splits(root)
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


# Spoken openings a rep puts before any kind of sentence; the corpus' authors used them more often on
# consistent pairs, so a model trained on them as they are learns "yeah, so ..." means consistent.
FILLERS = ("Yeah, so ", "Um, ", "So ", "Honestly, ", "Right, so ", "Okay, so ", "Yeah, ", "Uh, ", "So, um, ")


def augment(
    rows: list[PairRow], rng: random.Random, p_context: float = 0.5, p_filler: float = 0.25
) -> list[PairRow]:
    """One epoch's copy of the rows with the authors' shortcuts evened out across labels.

    In the corpus, consistent pairs carry a previous utterance three times as often as weakened ones; in a
    real call nearly every rep sentence has one. So context is dropped or borrowed (another row's context
    for the same asset claim: a prospect's question on the same topic) at random, whatever the label, and
    a spoken opening is put before a random quarter of the rep sentences.
    """
    contexts: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.context.strip():
            contexts[r.claim].append(r.context)
    out = []
    for r in rows:
        context, rep = r.context, r.rep
        if rng.random() < p_context:
            if context.strip() and r.shape != "correction":
                context = ""
            elif not context.strip() and contexts[r.claim]:
                context = rng.choice(contexts[r.claim])
        if rng.random() < p_filler and rep[:1].isupper() and not rep.split()[0].isupper():
            rep = rng.choice(FILLERS) + rep[0].lower() + rep[1:]
        out.append(replace(r, context=context, rep=rep))
    return out
