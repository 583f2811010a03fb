"""The call judge's training data and folds (pure logic), and the shipped model reading call pairs (real model)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from msgcheck.errors import InputError
from msgcheck.train.calljudge import FOCUS, Read, main, mine, split_focus, writer
from msgcheck.train.pairdata import PairRow, industry_splits, load_pair_corpus
from msgcheck.train.tuningsets import SETS, fold_readers, folds


def _p(drift: float) -> list[float]:
    """A probability row: ``drift`` split between contradiction and weakened, the rest consistent."""
    return [1.0 - drift, drift / 2, drift / 2, 0.0]


def _read(label: str, read: list[tuple[str, float]], drifts: list[float]) -> Read:
    return Read(label, "rep says so", read, np.array([_p(d) for d in drifts]))


def test_mined_pairs_are_the_start_models_drift_where_the_gold_has_none():
    reads = [
        _read("none", [("close claim", 0.7), ("far claim", 0.3), ("third", 0.2)], [0.9, 0.8, 0.1]),
        _read("hard", [("the quoted claim", 0.8)], [0.6]),
        _read("contradiction", [("drifted claim", 0.8)], [0.9]),  # a gold finding: never a negative
        _read("unsupported", [("near claim", 0.6)], [0.9]),
    ]
    assert mine(reads, k=3, drift=0.5, close=0.5) == [
        ("close claim", "rep says so", "consistent"),
        ("far claim", "rep says so", "unrelated"),
        ("the quoted claim", "rep says so", "consistent"),
    ]
    assert mine(reads, k=1, drift=0.85, close=0.5) == [("close claim", "rep says so", "consistent")]


def _row(row_id: str) -> PairRow:
    return PairRow(row_id, "x", "claim", "", "rep", "consistent", "paraphrase", "train")


def test_the_focus_writers_rows_are_split_from_the_others_in_order():
    rows = [_row("pwk-0001"), _row("saas-12"), _row("pwl-3"), _row("pwkx-1"), _row("fintel-9")]
    focused, others = split_focus(rows, ["pwk", "pwl"])
    assert [r.id for r in focused] == ["pwk-0001", "pwl-3"]
    assert [r.id for r in others] == ["saas-12", "pwkx-1", "fintel-9"]  # a prefix is not a writer
    assert split_focus(rows, [])[0] == []


def test_every_focus_writer_is_in_the_corpus_and_trained_on_whole():
    """The second stage reads every row of the focus writers: none of their industries is dev or test."""
    rows = load_pair_corpus(splits=("train", "dev", "test"))
    focused, _ = split_focus(rows, list(FOCUS))
    assert {writer(r.id) for r in focused} == set(FOCUS)
    assert len(focused) > 1000
    assert not {r.industry for r in focused} & set(industry_splits())


def test_folds_deal_whole_sets_and_each_set_is_held_out_once():
    f = folds(list(SETS), 2)
    assert sorted(f[0] + f[1]) == sorted(SETS)
    assert not set(f[0]) & set(f[1])
    with pytest.raises(InputError):
        folds(["a", "b"], 3)


def test_fold_readers_name_the_model_that_never_saw_each_set(tmp_path):
    meta = {"folds": [{"model": "fold-0", "held_out": ["a"]}, {"model": "fold-1", "held_out": ["b"]}]}
    (tmp_path / "folds.json").write_text(json.dumps(meta))
    assert fold_readers(tmp_path, ["a", "b"]) == {"a": tmp_path / "fold-0", "b": tmp_path / "fold-1"}
    with pytest.raises(InputError, match="no fold model held out c"):
        fold_readers(tmp_path, ["a", "c"])  # folds that do not say what they saw: assume everything
    meta = {
        "folds": [
            {"model": "fold-0", "held_out": ["a"], "trained_on": ["b", "d"]},
            {"model": "fold-1", "held_out": ["b"], "trained_on": ["a", "d"]},
        ]
    }
    (tmp_path / "folds.json").write_text(json.dumps(meta))
    # c is newer than every fold model (and the call judge): read by the call judge, as a new call is
    assert fold_readers(tmp_path, ["a", "b", "c"]) == {"a": tmp_path / "fold-0", "b": tmp_path / "fold-1"}
    with pytest.raises(InputError, match="no fold model held out d"):
        fold_readers(tmp_path, ["a", "d"])  # every fold model saw d
    (tmp_path / "folds.json").write_text("{not json")
    with pytest.raises(InputError, match=r"folds\.json"):
        fold_readers(tmp_path, ["a"])


def test_training_refuses_frozen_and_holdout_sets(tmp_path):
    for s in ("corpora/dev/holdout", "corpora/journeys/frozen"):
        with pytest.raises(InputError, match="never trained on"):
            main(["--sets", s, "--out", str(tmp_path / "m")])
    assert not (tmp_path / "m").exists()


CALL_PAIRS = [  # (asset claim, rep sentence, the label a reader gives it); none from any corpus
    (
        "Free installation on every plan, with no contract.",
        "yeah so install's on us whichever plan you pick, and you can walk away any month",
        "consistent",
    ),
    (
        "Same-day repairs across the metro area.",
        "we try to get a tech out same day, most days we manage it",
        "weakened",
    ),
    (
        "Support by phone 24/7.",
        "phones are answered around the clock, as long as you're on the annual plan",
        "weakened",
    ),
    (
        "Free installation on every plan, with no contract.",
        "we would need you on a twelve month agreement for that",
        "contradiction",
    ),
    ("Same-day repairs across the metro area.", "how's the weather been treating you out there", "unrelated"),
    (
        "Exports to QuickBooks and Xero.",
        "we don't connect to Xero yet, that's on the roadmap",
        "contradiction",
    ),
    ("Exports to QuickBooks and Xero.", "yep, QuickBooks and Xero both, it pushes nightly", "consistent"),
]


@pytest.fixture(scope="module")
def call_model():
    from msgcheck.judge.crossmodel import CALL_DIR, CrossModel

    return CrossModel(CALL_DIR)  # shipped in models/: a missing artifact fails here, it is not skipped


def test_the_shipped_call_judge_reads_spoken_pairs(call_model):
    from msgcheck.judge.crossmodel import CROSS_LABELS, hypothesis_text

    probs = call_model.probabilities([(a, hypothesis_text(r)) for a, r, _ in CALL_PAIRS])
    assert [CROSS_LABELS[i] for i in probs.argmax(axis=1)] == [label for *_, label in CALL_PAIRS]


def test_a_benefit_kept_for_one_tier_reads_as_drift(call_model):
    """The pair guide calls a tier restriction weakened, the call writers' brief a contradiction: either is
    drift, and two fits of the call judge split on it, so only drift against consistent is asserted."""
    from msgcheck.judge.crossmodel import hypothesis_text

    (p,) = call_model.probabilities(
        [
            (
                "Free installation on every plan, with no contract.",
                hypothesis_text("so install is free on the premium plan, the basic one there's a setup fee"),
            )
        ]
    )
    assert p[1] + p[2] > 0.8


def test_the_cross_judge_reads_calls_with_the_call_judge_and_its_head():
    from msgcheck.judge.crossjudge import CrossJudge
    from msgcheck.judge.crossmodel import CALL_DIR
    from msgcheck.judge.finalhead import DEFAULT_DIR as HEAD_DIR

    judge = CrossJudge()
    assert judge.model.folder == CALL_DIR and judge.config.head == HEAD_DIR.name  # the head fitted through it
    assert f"{CALL_DIR.name}+{HEAD_DIR.name}" in judge.version
