"""The baselines `msgcheck eval` prints beside msgcheck: pure rules with fakes, then a run on the demo set."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from msgcheck.embed.embedders import HashingEmbedder
from msgcheck.eval import baselines as b
from msgcheck.eval.baselines import (
    AssetSentence,
    EmbeddingCall,
    RepSentence,
    embedding_findings,
    extract_trackers,
    ratio_line,
    split_sentences,
    tracker_findings,
)
from msgcheck.eval.score import evaluate

DEMO = Path(__file__).resolve().parent.parent / "corpora" / "demo"


def test_tuned_constants_are_numbers_in_range():
    assert 0.0 <= b.EMBEDDING_LO < b.EMBEDDING_HI <= 1.0
    assert 0.0 <= b.EMBEDDING_OMISSION_BELOW <= 1.0
    assert isinstance(b.TRACKER_WINDOW, int) and 0 <= b.TRACKER_WINDOW <= 10
    assert b.TRACKER_MATCH in ("phrase", "number")
    assert isinstance(b.TRACKER_REQUIRE_VALUE, bool)
    assert 1 <= b.TRACKER_OMISSION_MIN_SUPPORT <= 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Try it free for 30 days. No credit card required.",
            ["Try it free for 30 days.", "No credit card required."],
        ),
        ("It's $49/mo. $588 billed yearly!", ["It's $49/mo.", "$588 billed yearly!"]),
        ("Version 2.5 ships today", ["Version 2.5 ships today"]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def _rep(text: str, index: int = 0) -> RepSentence:
    return RepSentence(text=text, speaker="Rep", index=index, start=None)


def test_embedding_band_flags_only_related_but_different():
    assets = [
        AssetSentence("30-day free trial.", "a.md", True),
        AssetSentence("Cancel anytime.", "a.md", False),
    ]
    reps = [_rep("same thing said again", 0), _rep("related but different", 1), _rep("off topic", 2)]
    sims = np.array([[0.95, 0.1], [0.6, 0.2], [0.1, 0.2]], dtype=np.float32)
    found = embedding_findings(EmbeddingCall(assets, reps, sims), lo=0.5, hi=0.9, omission_below=0.05)
    assert [(f.kind, f.transcript["text"], f.asset["text"]) for f in found] == [
        ("contradiction", "related but different", "30-day free trial.")
    ]


def test_embedding_omission_is_the_least_matched_headline_and_at_most_one():
    assets = [
        AssetSentence("Headline one here.", "a.md", True),
        AssetSentence("Headline two here.", "b.md", True),
    ]
    sims = np.array([[0.2, 0.05], [0.3, 0.1]], dtype=np.float32)
    found = embedding_findings(
        EmbeddingCall(assets, [_rep("a b c d"), _rep("e f g h")], sims), 0.9, 0.95, 0.25
    )
    assert [(f.kind, f.asset["text"]) for f in found] == [("omission", "Headline two here.")]


def test_tracker_flags_a_topic_said_without_its_tracked_value():
    sents = [AssetSentence("Start your 30-day free trial today.", "landing.html", True)]
    trackers = extract_trackers(sents, window=2, match="phrase")
    assert any("trial" in t.topics for t in trackers)
    reps = [_rep("You get a 14-day trial to start.", 0), _rep("Our 30-day free trial needs no card.", 1)]
    found = tracker_findings(trackers, reps, match="phrase", require_value=True, omission_min_support=1)
    flagged = [f.transcript["text"] for f in found if f.kind == "contradiction"]
    assert flagged == ["You get a 14-day trial to start."]
    assert not [f for f in found if f.kind == "omission"]  # the headline phrase was said


def test_tracker_omission_when_no_rep_says_the_headline_phrase():
    sents = [AssetSentence("Start your 30-day free trial today.", "landing.html", True)]
    trackers = extract_trackers(sents, window=2, match="number")
    found = tracker_findings(trackers, [_rep("Let me share my screen now.")], "number", True, 1)
    assert [f.kind for f in found] == ["omission"]
    assert found[0].asset["text"] == "Start your 30-day free trial today."


def test_ratio_line():
    results = {
        "tune": {"msgcheck": {"drift_f1": 0.6}, "embedding-only": {"drift_f1": 0.2}},
        "test": {"msgcheck": {"drift_f1": 0.5}, "embedding-only": {"drift_f1": 0.0}},
    }
    lines = ratio_line(results).splitlines()
    assert lines[0] == "tune: msgcheck drift F1 0.600 / embedding-only 0.200 = 3.00x"
    assert lines[1].endswith("n/a (baseline F1 is 0)")


def _check_findings(scores, name):
    s = scores[name]
    assert s.calls == 7 and s.n_pred > 0 and not s.errors
    assert 0.0 <= s.drift[2] <= 1.0


def test_baselines_run_on_demo_with_a_fake_embedder():
    systems = b.baseline_systems(HashingEmbedder())
    scores = evaluate(DEMO, systems)
    for name in systems:
        _check_findings(scores, name)


@pytest.mark.slow
def test_baselines_run_on_demo_with_the_real_embedder(checker):
    details: list[dict] = []
    systems = b.baseline_systems(checker.embedder)
    scores = evaluate(DEMO, systems, details=details)
    for name in systems:
        _check_findings(scores, name)
    assert scores["embedding-only"].tp_drift > 0  # a band this wide catches some drift
    for d in details:
        n_omit = sum(1 for fp in d["false_positives"] if fp["pred"] == "omission")
        n_omit += sum(1 for h in d["hits"] if h["pred"] == "omission")
        assert n_omit <= 1, d["call"]
