"""Role accuracy on a labelled set of calls (corpora/roles): how often inference finds the reps.

The set is a folder with `calls/` and `labels.tsv` (columns call, speaker, role, seller_company, note). A
speaker labelled `other` (a reseller, a referring customer, a consultant) is not the campaign's rep, so it
counts as a prospect. Inference is given the campaign vocabulary a real check would have: the words of a
campaign's assets (`vocab_words`, for example the demo campaign's) plus the seller's company name, as the
seller's own assets would name it. With `with_company=False` no vocabulary is given at all: language alone.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldFormatError
from ..extract.roles import assign_roles
from ..ingest import load_transcript

_COLUMNS = {"call", "speaker", "role", "seller_company"}


@dataclass
class RoleScores:
    """Speaker-level accuracy, and how well the uncertainty flag covers the mistakes."""

    speakers: int = 0
    correct: int = 0
    calls: int = 0
    calls_all_correct: int = 0
    calls_uncertain: int = 0
    wrong_calls_flagged: int = 0  # calls with a mistake that were flagged uncertain
    errors: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.speakers if self.speakers else 0.0

    def summary(self) -> dict:
        wrong = self.calls - self.calls_all_correct
        return {
            "speakers": self.speakers,
            "speaker_accuracy": round(self.accuracy, 4),
            "calls": self.calls,
            "calls_all_correct": self.calls_all_correct,
            "calls_flagged_uncertain": self.calls_uncertain,
            "wrong_calls_flagged_uncertain": f"{self.wrong_calls_flagged}/{wrong}",
            "errors": self.errors,
        }


def read_labels(set_dir: Path) -> dict[str, list[dict]]:
    """The labels of a role set, grouped by call."""
    path = set_dir / "labels.tsv"
    if not path.is_file():
        raise GoldFormatError("no labels.tsv in this role set", path=str(set_dir))
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if not rows or not set(rows[0]) >= _COLUMNS:
        raise GoldFormatError(f"labels.tsv needs the columns {', '.join(sorted(_COLUMNS))}", path=str(path))
    calls: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        calls[r["call"]].append(r)
    return dict(calls)


def score_roles(set_dir: Path, vocab_words: set[str] | None = None, with_company: bool = True) -> RoleScores:
    """Infer every labelled call's roles and compare them with the labels."""
    scores = RoleScores()
    for call, rows in read_labels(set_dir).items():
        transcript = load_transcript(set_dir / "calls" / call)
        transcript.roles = {}  # inference is what is measured, not roles a file states
        vocab = None
        if with_company:
            vocab = set(vocab_words or ()) | {
                w.lower() for w in rows[0]["seller_company"].replace(".", " ").split()
            }
        assign_roles(transcript, vocab_words=vocab)
        scores.calls += 1
        scores.calls_uncertain += bool(transcript.roles_uncertain)
        wrong = 0
        for r in rows:
            gold = "rep" if r["role"] == "rep" else "prospect"
            got = transcript.roles.get(r["speaker"], "missing")
            scores.speakers += 1
            if got == gold:
                scores.correct += 1
                continue
            wrong += 1
            scores.errors.append(
                {
                    "call": call,
                    "speaker": r["speaker"],
                    "gold": r["role"],
                    "inferred": got,
                    "confidence": transcript.role_confidence.get(r["speaker"]),
                    "evidence": transcript.role_evidence.get(r["speaker"], []),
                    "flagged_uncertain": bool(transcript.roles_uncertain),
                }
            )
        scores.calls_all_correct += wrong == 0
        scores.wrong_calls_flagged += bool(wrong and transcript.roles_uncertain)
    return scores


def demo_vocabulary() -> set[str]:
    """The words of the demo campaign's assets: a realistic campaign vocabulary that names another company."""
    from ..extract.claims import CampaignVocab
    from ..ingest import load_assets

    root = Path(__file__).resolve().parents[2] / "corpora" / "demo" / "campaigns"
    campaign = next(p for p in sorted(root.iterdir()) if p.is_dir())
    return CampaignVocab.from_documents(load_assets([campaign])).words
