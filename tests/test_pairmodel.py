"""The NLI pair head: the estimator contract with a fake embedder, then the shipped artifact."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from msgcheck.embed.embedders import HashingEmbedder
from msgcheck.errors import ModelError
from msgcheck.judge.pairhead import DEFAULT_DIR, LABELS, LEXICAL_FEATURES, PairHead, lexical_features

PAIRS = [
    ("A man is sleeping on a couch.", "A man is asleep.", "entailment"),
    ("A man is sleeping on a couch.", "A man is running a marathon.", "contradiction"),
    ("A man is sleeping on a couch.", "A man is dreaming about his wife.", "neutral"),
    ("Two dogs play in the snow.", "Animals are outside.", "entailment"),
    ("Two dogs play in the snow.", "Three cats sleep indoors.", "contradiction"),
    ("Two dogs play in the snow.", "The dogs belong to a family.", "neutral"),
]


def _data(n_copies: int = 4):
    p = [a for a, _, _ in PAIRS] * n_copies
    h = [b for _, b, _ in PAIRS] * n_copies
    y = [c for _, _, c in PAIRS] * n_copies
    return p, h, y


@pytest.mark.parametrize(
    ("premise", "hypothesis", "feature", "value"),
    [
        ("Two men ride bikes.", "Three men ride bikes.", "number_mismatch", 1.0),
        ("Two men ride bikes.", "2 men ride bikes.", "number_mismatch", 0.0),
        ("Men ride bikes.", "Three men ride bikes.", "new_number", 1.0),
        ("A dog is not barking.", "A dog is barking.", "negation_mismatch", 1.0),
        ("A dog doesn't bark.", "No dog barks.", "negation_mismatch", 0.0),
        ("A dog barks loudly.", "A dog barks.", "hyp_coverage", 1.0),
    ],
)
def test_lexical_features(premise, hypothesis, feature, value):
    names = [f for f in LEXICAL_FEATURES if f != "cosine"]
    assert lexical_features(premise, hypothesis)[names.index(feature)] == value


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("classifier", ["logreg", "mlp"])
def test_fit_returns_self_and_learned_state_ends_in_underscore(classifier):
    p, h, y = _data()
    head = PairHead(embedder=HashingEmbedder(64), classifier=classifier, hidden=(8,), max_iter=50)
    assert not [k for k in vars(head) if k.endswith("_")]  # __init__ only stores parameters
    assert head.fit(p, h, y) is head
    assert {"layers_", "mean_", "scale_", "classes_", "n_features_in_", "n_extra_"} <= set(vars(head))
    proba = head.predict_proba(p[:6], h[:6])
    assert proba.shape == (6, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)


def test_unfitted_head_says_what_to_do():
    with pytest.raises(ModelError, match=r"not fitted yet\. Call 'fit'"):
        PairHead(embedder=HashingEmbedder()).predict_proba(["a"], ["b"])


def test_extra_columns_are_checked_and_round_trip(tmp_path):
    p, h, y = _data()
    extra = np.arange(len(p), dtype=np.float32).reshape(-1, 1) % 3
    head = PairHead(embedder=HashingEmbedder(64), classifier="logreg").fit(p, h, y, extra=extra)
    with pytest.raises(ValueError, match="expects 1 extra columns, got 0"):
        head.predict_proba(p[:2], h[:2])
    before = head.predict_proba(p[:6], h[:6], extra[:6])
    head.save(tmp_path / "head")
    again = PairHead.load(tmp_path / "head", embedder=HashingEmbedder(64))
    np.testing.assert_array_equal(again.predict_proba(p[:6], h[:6], extra[:6]), before)


def test_load_refuses_another_artifact_version(tmp_path):
    p, h, y = _data()
    PairHead(embedder=HashingEmbedder(64), classifier="logreg").fit(p, h, y).save(tmp_path / "head")
    cfg_path = tmp_path / "head" / "config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["version"] = 99
    cfg_path.write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="not a pair-head v2 artifact"):
        PairHead.load(tmp_path / "head", embedder=HashingEmbedder(64))


def test_load_refuses_vectors_of_another_model():
    with pytest.raises(ModelError, match="trained on all-MiniLM-L6-v2 vectors"):
        PairHead.load(DEFAULT_DIR, embedder=HashingEmbedder())


@pytest.fixture(scope="module")
def shipped(checker) -> PairHead:
    return PairHead.load(DEFAULT_DIR, embedder=checker.embedder)


@pytest.mark.slow
def test_shipped_head_predicts_probabilities(shipped):
    premises = [a for a, _, _ in PAIRS]
    hypotheses = [b for _, b, _ in PAIRS]
    proba = shipped.predict_proba(premises, hypotheses)
    assert proba.shape == (len(PAIRS), len(LABELS))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    assert ((proba >= 0) & (proba <= 1)).all()
    # clear-cut pairs land on their label
    assert shipped.predict(["A man is sleeping on a couch."], ["A man is asleep."]) == ["entailment"]
    assert shipped.predict(["Two dogs play in the snow."], ["Three cats sleep indoors."]) == ["contradiction"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("premise", "hypothesis", "label"),
    [
        # the structured evidence carries what the embeddings miss: numbers and antonyms
        ("Two women are sitting on a porch.", "Four women are sitting on a porch.", "contradiction"),
        ("Two women are sitting on a porch.", "2 women are sitting on a porch.", "entailment"),
        ("A young boy stands near the fountain.", "A young boy sits near the fountain.", "contradiction"),
        ("A large crowd waits outside the stadium.", "A big crowd waits outside the stadium.", "entailment"),
        ("Start with a 14-day free trial.", "You get a 30-day free trial.", "contradiction"),
    ],
)
def test_shipped_head_sees_numbers_and_antonyms(shipped, premise, hypothesis, label):
    assert shipped.predict([premise], [hypothesis]) == [label]


@pytest.mark.slow
def test_shipped_head_save_load_round_trip(shipped, checker, tmp_path):
    premises = [a for a, _, _ in PAIRS]
    hypotheses = [b for _, b, _ in PAIRS]
    shutil.copytree(DEFAULT_DIR, tmp_path / "orig")
    shipped.save(tmp_path / "copy")
    again = PairHead.load(tmp_path / "copy", embedder=checker.embedder)
    np.testing.assert_array_equal(
        again.predict_proba(premises, hypotheses), shipped.predict_proba(premises, hypotheses)
    )
    assert json.loads((tmp_path / "copy" / "config.json").read_text())["version"] == 2
