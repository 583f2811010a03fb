"""The cross-encoder judge's decisions (pure logic, a fake model) and the shipped model itself (real)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from msgcheck.judge.base import BaseJudge
from msgcheck.judge.crossjudge import CrossJudge, CrossJudgeConfig
from msgcheck.judge.crossmodel import CROSS_LABELS, DEFAULT_DIR, CrossModel, hypothesis_text
from msgcheck.judge.rules import AssetIndex
from msgcheck.train.pairdata import PairRow, augment
from msgcheck.types import Alignment, Claim, Verdict

ASSET = Claim(text="Try it free for 30 days.", side="asset", file="landing.md", slot="trial")
OTHER = Claim(text="No setup fees.", side="asset", file="landing.md", slot="price")


def _rep(text: str, before: str = "") -> Claim:
    return Claim(text=text, side="rep", file="call.txt", utterance_index=3, before=before)


class FakeModel:
    """Probabilities by hypothesis text, for the decision logic alone."""

    folder = DEFAULT_DIR
    version = "fake"

    def __init__(self, by_rep: dict[str, dict[str, list[float]]]):
        self.by_rep = by_rep
        self.seen: list[tuple[str, str]] = []

    def probabilities(self, pairs):
        self.seen += pairs
        return np.array([self.by_rep[h.split(" [after:")[0]][p] for p, h in pairs], dtype=np.float32)


class FixedJudge(BaseJudge):
    """The rules' verdicts, given."""

    version = "fixed"

    def __init__(self, verdicts: list[Verdict]):
        self.verdicts = verdicts

    def judge_all(self, alignments, index):
        return list(self.verdicts)


CFG = CrossJudgeConfig(k=2, min_sim=0.2, flag={"contradiction": 0.6, "weakened": 0.6}, veto=0.2, support=0.5)


def _judge(rep: Claim, verdict: Verdict, probs: dict[str, list[float]]):
    al = Alignment(rep=rep, candidates=[(ASSET, 0.6), (OTHER, 0.3)])
    model = FakeModel({rep.text: probs})
    judge = CrossJudge(inner=FixedJudge([verdict]), model=model, config=CFG)
    return judge.judge_all([al], AssetIndex.build([ASSET, OTHER]))[0], model


def test_the_model_flags_drift_the_rules_passed():
    rep = _rep("You'd get two weeks to try it.")
    consistent = Verdict("consistent", 0.6, ASSET, "", 0.6)
    v, model = _judge(rep, consistent, {ASSET.text: [0.1, 0.8, 0.05, 0.05], OTHER.text: [0.1, 0.0, 0.0, 0.9]})
    assert v.kind == "contradiction" and v.asset is ASSET
    assert "two weeks" in v.explanation and "30 days" in v.explanation
    assert v.probabilities["cross"]["contradiction"] == pytest.approx(0.8)
    assert {p for p, _ in model.seen} == {ASSET.text, OTHER.text}  # the k nearest were read


def test_a_rule_flag_the_model_reads_as_consistent_is_dropped_but_a_certain_one_stands():
    rep = _rep("The trial is thirty days.")
    probs = {ASSET.text: [0.95, 0.02, 0.02, 0.01], OTHER.text: [0.1, 0.0, 0.0, 0.9]}
    flagged = Verdict("contradiction", 0.7, ASSET, "rules", 0.6)
    v, _ = _judge(rep, flagged, probs)
    assert v.kind == "consistent"
    certain = Verdict("contradiction", 0.9, ASSET, "values differ", 0.6, certain=True)
    v, _ = _judge(rep, certain, probs)
    assert v.kind == "contradiction" and v.explanation == "values differ"


def test_unsupported_is_dropped_only_when_some_asset_claim_supports_it():
    rep = _rep("We're SOC 2 audited every year.")
    unsupported = Verdict("unsupported", 0.7, None, "no asset says so", 0.3)
    v, _ = _judge(rep, unsupported, {ASSET.text: [0.1, 0.0, 0.0, 0.9], OTHER.text: [0.2, 0.0, 0.0, 0.8]})
    assert v.kind == "unsupported"
    v, _ = _judge(rep, unsupported, {ASSET.text: [0.7, 0.1, 0.1, 0.1], OTHER.text: [0.2, 0.0, 0.0, 0.8]})
    assert v.kind == "consistent" and v.asset is ASSET


def test_the_model_reads_the_previous_utterance_as_context():
    rep = _rep("Yep, every plan.", before="Is the migration free on the basic plan too?")
    consistent = Verdict("consistent", 0.6, ASSET, "", 0.6)
    _, model = _judge(rep, consistent, {ASSET.text: [0.9, 0, 0, 0.1], OTHER.text: [0.9, 0, 0, 0.1]})
    assert model.seen[0][1] == "Yep, every plan. [after: Is the migration free on the basic plan too?]"
    assert hypothesis_text("a  b", "") == "a b"


def test_augment_evens_out_context_across_labels_and_keeps_labels():
    rows = [
        PairRow(
            f"r{i}",
            "x",
            f"claim {i % 7}",
            "What does it cost?" if lab == "consistent" else "",
            f"Rep says {i}.",
            lab,
            "value",
            "train",
        )
        for i in range(400)
        for lab in [("consistent", "contradiction")[i % 2]]
    ]
    out = augment(rows, random.Random(0))
    assert [r.label for r in out] == [r.label for r in rows]
    share = {
        lab: np.mean([bool(r.context) for r in out if r.label == lab])
        for lab in ("consistent", "contradiction")
    }
    assert 0.3 < share["consistent"] < 0.7 and 0.3 < share["contradiction"] < 0.7  # was 1.0 and 0.0


@pytest.fixture(scope="module")
def cross_model() -> CrossModel:
    return CrossModel(DEFAULT_DIR)


def test_the_shipped_cross_encoder_reads_clear_pairs(cross_model):
    pairs = [
        ("Try it free for 30 days.", "Yeah so you'd get the full thirty days free to try it."),
        ("Panel cleaning is not included.", "We wash the panels every spring, that's included."),
        ("Free 24/7 monitoring for 25 years.", "Gift cards, you can sell them right off the register."),
    ]
    probs = cross_model.probabilities(pairs)
    assert probs.shape == (3, len(CROSS_LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-3)
    got = [CROSS_LABELS[i] for i in probs.argmax(axis=1)]
    assert got == ["consistent", "contradiction", "unrelated"]
