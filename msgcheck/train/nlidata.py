"""Readers for the public NLI sets in ../shared/data/nli (see its README for what each may be used for).

- SNLI 1.0 dev/test (e-SNLI copy): line-aligned s1/s2/labels files, PTB-tokenised; `detokenize` undoes
  the spacing so they read like the other sets. dev: training; test: REPORTING ONLY.
- CAD-SNLI (Kaushik et al. 2020), all_combined/{train,dev,test}.tsv: train for training, dev for tuning.
- Breaking NLI (Glockner et al. 2018), data/dataset.jsonl inside the zip: REPORTING ONLY.
"""

from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

DATA = Path(os.environ.get("MSGCHECK_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
NLI = DATA / "nli"


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str  # entailment | neutral | contradiction
    category: str = ""  # Breaking NLI's word-swap category


_DETOK = [
    (re.compile(r" ([.,!?;:%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'m|'ll|'d)\b", re.I), r"\1"),
    (re.compile(r"`` ?| ?''"), '"'),
    (re.compile(r" -- "), " - "),
]


def detokenize(text: str) -> str:
    """Undo PTB spacing: ``"A man 's dog ."`` -> ``"A man's dog."``."""
    text = text.strip()
    for rx, rep in _DETOK:
        text = rx.sub(rep, text)
    return text


def _need(path: Path) -> Path:
    if not path.exists():
        raise InputError(
            "NLI data file not found", path=str(path), hint="set MSGCHECK_DATA to the shared data folder"
        )
    return path


def load_snli(split: str, root: Path = NLI / "snli") -> list[Pair]:
    """SNLI dev or test, detokenised. Test is for reporting only."""
    if split not in ("dev", "test"):
        raise ValueError(f"SNLI split must be 'dev' or 'test', not {split!r}")
    cols = [
        _need(root / f"{n}.{split}").read_text(encoding="utf-8").splitlines() for n in ("s1", "s2", "labels")
    ]
    if not len(cols[0]) == len(cols[1]) == len(cols[2]):
        raise InputError(f"s1/s2/labels.{split} are not line-aligned", path=str(root))
    return [Pair(detokenize(p), detokenize(h), lab.strip()) for p, h, lab in zip(*cols, strict=True)]


def load_cad(split: str, root: Path = NLI / "cad-snli" / "all_combined") -> list[Pair]:
    """CAD-SNLI all_combined train/dev/test (never tune on test)."""
    path = _need(root / f"{split}.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Pair(r["sentence1"].strip(), r["sentence2"].strip(), r["gold_label"].strip()) for r in rows]


def load_breaking(path: Path = NLI / "breaking-nli" / "breaking_nli_dataset.zip") -> list[Pair]:
    """Breaking NLI's 8,193 single-word-swap pairs, with their category. Reporting only."""
    with zipfile.ZipFile(_need(path)) as zf, zf.open("data/dataset.jsonl") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Pair(r["sentence1"], r["sentence2"], r["gold_label"], r["category"]) for r in rows]
