"""The promise head (msgcheck.journey.promisehead, opt-in: no head is shipped): its artifact, its trainers'
guards, and on the real models that a head reads (earlier, later) pairs through the cross-encoder."""

from __future__ import annotations

import json

import numpy as np
import pytest

from msgcheck.errors import InputError, ModelError
from msgcheck.journey.promisehead import FEATURES, HeadDecider, PromiseHead
from msgcheck.journey.promises import promise_findings, read_promises
from msgcheck.journey.text import Sentence
from msgcheck.train.promisejudge import load_promise_pairs
from msgcheck.train.promises import main as train_promises


def test_the_artifact_round_trips_and_a_wrong_one_is_refused(tmp_path):
    head = PromiseHead(np.linspace(-1, 1, len(FEATURES)), 0.25, 0.4, 3)
    head.save(tmp_path / "h", {"C": 0.3})
    back = PromiseHead.load(tmp_path / "h")
    X = np.random.default_rng(0).random((4, len(FEATURES)))
    assert np.allclose(back.probability(X), head.probability(X)) and (back.threshold, back.k) == (0.4, 3)
    cfg = json.loads((tmp_path / "h" / "config.json").read_text())
    cfg["features"] = cfg["features"][:-1]
    (tmp_path / "h" / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="features"):
        PromiseHead.load(tmp_path / "h")
    with pytest.raises(ModelError, match="cannot read"):
        PromiseHead.load(tmp_path / "missing")


def test_training_refuses_frozen_and_holdout_sets(tmp_path):
    for held in ("corpora/journeys/frozen", "corpora/journeys/holdout-h"):
        with pytest.raises(InputError, match="never trained on"):
            train_promises(["--journeys", "corpora/journeys/dev", held, "--out", str(tmp_path / "x")])


def test_a_promise_pair_file_with_a_bad_label_names_the_line(tmp_path):
    (tmp_path / "w.tsv").write_text(
        "id\tindustry\tearlier\tcontext\tlater\tlabel\tshape\tnote\n"
        "w-1\tx\tWe do the import for you.\t\tYou'd upload it yourselves.\tchanged\tx\tx\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="line 2"):
        load_promise_pairs(tmp_path)


def test_a_head_reads_the_pairs_through_the_cross_encoder(checker, tmp_path):
    """End to end on the real models: rows from the rules' reading and the cross-encoder, a head that trusts
    the cross-encoder's drift, and findings citing the earlier promise."""
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("max_contradiction")] = coef[FEATURES.index("max_weakened")] = 8.0
    PromiseHead(coef, -4.0, 0.5, 2).save(tmp_path / "h", {"cross": "pair-judge.v2"})
    decider = HeadDecider(checker.embedder, tmp_path / "h")
    earlier = [_said("a.txt", 3, "So we integrate natively with QuickBooks, it syncs every night.")]
    later = [
        _said("b.txt", 5, "QuickBooks we don't connect to yet, you'd export a CSV."),
        _said("b.txt", 6, "Our support line is open until eight on weekdays."),
    ]
    reads = read_promises(later, earlier, checker.embedder)
    rows = decider.rows(reads)
    assert rows.X.shape == (2, len(FEATURES))
    found = promise_findings(reads, decider.choose(reads))
    assert [(f.transcript["index"], f.asset["call"]) for f in found] == [(5, "a.txt")]
    assert found[0].score >= 0.5


def _said(call: str, index: int, text: str) -> Sentence:
    return Sentence(call=call, speaker="Rep " + call, text=text, index=index, start=None, context=text)
