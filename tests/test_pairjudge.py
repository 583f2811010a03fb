"""The trained pair judge: lexicon, structured evidence, generated pairs, drift head, decisions, shipped artifacts."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from msgcheck.check.campaign import group_promises
from msgcheck.errors import ModelError
from msgcheck.extract.lexicon import are_antonyms, are_synonyms, base_forms
from msgcheck.extract.values import compare_quantities, extract_quantities
from msgcheck.ingest import load_transcript
from msgcheck.judge.drifthead import DEFAULT_DIR as DRIFT_DIR
from msgcheck.judge.drifthead import DRIFT_LABELS, FEATURES, DriftHead
from msgcheck.judge.evidence import EVIDENCE_FEATURES, pair_evidence
from msgcheck.judge.pairjudge import PairJudge, PairJudgeConfig
from msgcheck.train.pairgen import claim_pairs, swap_pairs
from msgcheck.types import Alignment, Claim, Verdict


# -- lexicon -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "antonyms", "synonyms"),
    [
        ("sitting", "standing", True, False),
        ("bigger", "smaller", True, False),
        ("men", "women", True, False),
        ("limited", "unlimited", True, False),
        ("included", "extra", True, False),
        ("large", "big", False, True),
        ("kids", "children", False, True),
        ("runs", "running", False, True),
        ("door", "indoor", False, False),  # a prefix that is not a negation
        ("count", "discount", False, False),
        ("dog", "cat", False, False),
    ],
)
def test_lexicon(a, b, antonyms, synonyms):
    assert are_antonyms(a, b) is antonyms
    assert are_antonyms(b, a) is antonyms
    assert are_synonyms(a, b) is synonyms


def test_base_forms_undo_common_inflections():
    assert "sit" in base_forms("sitting")
    assert "happy" in base_forms("happier")
    assert "man" in base_forms("men")


# -- evidence ----------------------------------------------------------------------------------------
def _on(premise: str, hypothesis: str) -> set[str]:
    return {n for n, v in zip(EVIDENCE_FEATURES, pair_evidence(premise, hypothesis), strict=True) if v}


@pytest.mark.parametrize(
    ("premise", "hypothesis", "expected", "absent"),
    [
        ("Two dogs run in a park.", "Three dogs run in a park.", {"swap_number", "number_conflict"}, set()),
        ("Two dogs run in a park.", "2 dogs run in a park.", {"swap_number_same"}, {"swap_number"}),
        ("A man is sitting on a bench.", "A man is standing on a bench.", {"swap_antonym", "antonym"}, set()),
        ("A big dog plays.", "A large dog plays.", {"swap_synonym"}, {"swap_antonym", "swap_other"}),
        ("A woman in a red shirt.", "A woman in a blue shirt.", {"swap_other"}, {"swap_synonym"}),
        ("Start with a 14-day free trial.", "You get a 30-day trial.", {"value_conflict"}, {"value_same"}),
        ("$49/month billed annually.", "That's $588 a year.", {"value_same"}, {"value_conflict"}),
        ("No setup fee.", "There is a one-time setup fee.", {"term_flip"}, set()),
        ("Onboarding is included.", "Onboarding is not included.", {"predicate_flip"}, set()),
        (
            "Free 14-day trial.",
            "Free 14-day trial, but only if you sign up for annual billing.",
            {"added_strong", "value_same"},
            {"value_conflict"},
        ),
        ("Syncs with your calendar.", "It syncs with Ledgerleaf too.", {"new_name"}, set()),
    ],
)
def test_pair_evidence(premise, hypothesis, expected, absent):
    on = _on(premise, hypothesis)
    assert expected <= on, on
    assert not (absent & on), on


def test_identical_sentences_have_no_evidence_of_change():
    assert _on("A man rides a horse.", "A man rides a horse.") == set()


# -- generated pairs ---------------------------------------------------------------------------------
def test_swap_pairs_label_the_edit():
    premises = ["Two men sit on a bench.", "A large dog runs on the beach.", "Three kids play outside."] * 3
    pairs = swap_pairs(premises, seed=0, per_kind=5)
    assert pairs, "no swap generated"
    for g in pairs:
        assert g.premise != g.hypothesis
        if g.how == "number":
            assert g.label == "contradiction"
        if g.how in ("number_same", "synonym"):
            assert g.label == "entailment"
        if g.how == "antonym":
            assert g.label == "contradiction"


def _claim(text: str) -> Claim:
    from msgcheck.extract.claims import annotate

    return annotate(Claim(text=text, side="asset", file="a.md"))


def test_claim_pairs_value_swaps_contradict_and_unit_rewrites_agree():
    claims = [_claim("Start with a 14-day free trial."), _claim("Unlimited users on every plan.")]
    pairs = claim_pairs(claims, seed=1)
    hows = {g.how for g in pairs}
    assert {"restate", "value_swap", "unit_rewrite", "scope"} <= hows
    for g in pairs:
        if g.how == "value_swap":
            (a,) = extract_quantities(g.premise)
            (b,) = extract_quantities(g.hypothesis)
            assert compare_quantities(b, a) == "different" and g.drift == "contradiction"
        if g.how == "unit_rewrite":
            (a,) = extract_quantities(g.premise)
            (b,) = extract_quantities(g.hypothesis)
            assert compare_quantities(b, a) == "same" and g.drift == "consistent", g.hypothesis
        if g.how in ("condition", "hedge", "scope"):
            assert g.drift == "weakened" and g.label == "neutral"


def test_claim_pairs_never_read_the_frozen_test_half(tmp_path):
    from msgcheck.train.pairgen import corpus_claims

    with pytest.raises(ValueError, match="frozen test half"):
        corpus_claims([tmp_path / "dev" / "test"])
    for frozen in (
        tmp_path / "dev" / "holdout",
        tmp_path / "dev" / "holdout-f",
        tmp_path / "journeys" / "frozen",
    ):
        with pytest.raises(ValueError, match="never used for training"):
            corpus_claims([frozen])


# -- drift head (fitted on a toy problem) ------------------------------------------------------------
def _toy(n: int = 60):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, len(FEATURES))).astype(np.float32)
    y = [DRIFT_LABELS[i % 3] for i in range(n)]
    X[:, 0] += np.array([3.0 if lab == "consistent" else 0.0 for lab in y])
    X[:, 2] += np.array([3.0 if lab == "contradiction" else 0.0 for lab in y])
    return X, y


def test_drift_head_round_trip_and_calibration(tmp_path):
    X, y = _toy()
    head = DriftHead().fit(X, y)
    head.calibration_ = {"contradiction": (2.0, -1.0)}
    head.save(tmp_path / "d")
    again = DriftHead.load(tmp_path / "d")
    np.testing.assert_allclose(again.predict_proba(X), head.predict_proba(X), atol=1e-6)
    assert again.calibrated("contradiction", 0.5) == pytest.approx(1 / (1 + np.exp(1.0)))
    assert again.calibrated("weakened", 0.42) == 0.42  # no calibration for a kind: the raw score


def test_drift_head_refuses_other_features(tmp_path):
    X, y = _toy()
    DriftHead().fit(X, y).save(tmp_path / "d")
    cfg = json.loads((tmp_path / "d" / "config.json").read_text())
    cfg["features"] = cfg["features"][:-1]
    (tmp_path / "d" / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="other features"):
        DriftHead.load(tmp_path / "d")


def test_unreadable_artifact_names_the_folder(tmp_path):
    with pytest.raises(ModelError) as err:
        DriftHead.load(tmp_path / "missing")
    assert "missing" in str(err.value)


# -- decisions (pure logic: the probabilities are given) ---------------------------------------------
ASSET = Claim(text="Start with a 30-day free trial.", side="asset", file="ad.md")


class _NoCalibration(PairJudge):
    def calibrated(self, kind: str, raw: float) -> float:
        return raw


def _decide(kind: str, drift: tuple[float, float, float], nli=(0.1, 0.2, 0.7), sim=0.8, **cfg) -> Verdict:
    judge = _NoCalibration(config=PairJudgeConfig(**cfg))
    v = Verdict(kind, 0.8, ASSET if kind != "unsupported" else None, "rule says so", sim)  # type: ignore[arg-type]
    return judge._decide(v, (np.array(nli), np.array(drift), ASSET, sim), judge.config)


def test_a_rule_flag_the_head_reads_as_consistent_is_dropped():
    v = _decide("contradiction", (0.9, 0.05, 0.05), keep={"contradiction": 0.2, "weakened": 0.2})
    assert v.kind == "consistent" and "pair judge" in v.explanation


def test_a_rule_flag_the_head_backs_is_kept_with_a_mixed_score():
    v = _decide("contradiction", (0.1, 0.8, 0.1), keep={"contradiction": 0.2, "weakened": 0.2}, mix=0.5)
    assert v.kind == "contradiction"
    assert v.score == pytest.approx(0.5 * 0.8 + 0.5 * 0.8)
    assert v.probabilities and v.probabilities["drift"]["contradiction"] == 0.8


def test_a_contradiction_the_head_reads_as_a_weakening_is_relabelled():
    v = _decide("contradiction", (0.05, 0.15, 0.8), relabel_margin=0.5)
    assert v.kind == "weakened"


def test_a_confident_head_flags_what_the_rules_passed():
    v = _decide("consistent", (0.01, 0.98, 0.01), promote=0.95, promote_sim=0.6)
    assert v.kind == "contradiction" and v.asset is ASSET
    assert (
        _decide("consistent", (0.01, 0.98, 0.01), promote=0.95, promote_sim=0.6, sim=0.5).kind == "consistent"
    )
    assert _decide("consistent", (0.2, 0.8, 0.0), promote=0.95).kind == "consistent"


# -- the shipped judge -------------------------------------------------------------------------------
def test_shipped_thresholds_and_calibration_are_present():
    cfg = json.loads((DRIFT_DIR / "config.json").read_text())
    assert set(cfg["thresholds"]["keep"]) == {"contradiction", "weakened"}
    assert {"contradiction", "weakened", "unsupported"} <= set(cfg["calibration"])


@pytest.mark.slow
def test_checker_uses_the_pair_judge_for_every_aligned_pair(checker, tmp_path):
    assert isinstance(checker.judge, PairJudge)
    (tmp_path / "ad.md").write_text("# Start with a 30-day free trial\n\nNo contract. Cancel anytime.\n")
    (tmp_path / "c.txt").write_text(
        "Rep: So you'd start with a 14-day free trial.\n"
        "Buyer: Okay, and is there a contract?\n"
        "Rep: No contract, you can cancel anytime.\n"
    )
    report = checker.check([tmp_path / "ad.md"], [tmp_path / "c.txt"], reps=["Rep"])
    (c,) = report.calls
    trial = [f for f in c.findings if f.kind == "contradiction"]
    assert trial, c.findings
    assert 0.0 <= trial[0].score <= 1.0
    assert trial[0].probabilities and set(trial[0].probabilities) == {"nli", "drift"}
    assert not any("cancel anytime" in (f.transcript or {}).get("text", "").lower() for f in c.findings)


def test_alignment_without_candidates_stays_with_the_rules():
    judge = _NoCalibration(config=PairJudgeConfig())
    rep = Claim(text="We integrate with Zapplet.", side="rep", file="c.txt")
    v = Verdict("unsupported", 0.7, None, "no asset", 0.0)
    out = judge._decide(v, None, judge.config)
    assert out.kind == "unsupported" and out.score == 0.7
    assert Alignment(rep=rep, candidates=[]).candidates == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("asset", "rep", "label"),
    [
        ("30-day free trial, no credit card", "the trial's fourteen days", "contradiction"),
        ("$49/month billed annually", "that's $588 a year", "entailment"),
        ("No setup fee.", "There is a one-time setup fee.", "contradiction"),
        ("Two dogs run in a park.", "Three dogs run in a park.", "contradiction"),
        (
            "Onboarding is included on every plan.",
            "Onboarding is free, but only on the annual plan.",
            "neutral",
        ),
    ],
)
def test_judge_pairs_compares_what_it_is_given(checker, asset, rep, label):
    from msgcheck.check.pairs import judge_pairs

    (res,) = judge_pairs(checker, [(asset, rep)])
    assert res.label == label, res


# -- omission: what counts as bringing a headline promise up (pure logic) -----------------------------
def test_any_talk_of_a_one_promise_topic_mentions_it():
    from msgcheck.check.checker import Promise, _mentions

    trial = _claim("Try it free for 30 days.")
    p = Promise(claims=[trial], support=3, headline=True, core=[trial])
    assert p.slot == "trial"
    # a wrong trial length is a contradiction to flag, not an omission
    assert _mentions(p, "So the trial runs a couple of weeks for you.", [], {}, 0.2)
    price = _claim("Crew is $45 per tech per month.")
    q = Promise(claims=[price], support=3, headline=True, core=[price])
    assert not _mentions(q, "We can talk about pricing next week.", [], {}, 0.2)  # a price is not a topic


def test_a_headline_promise_is_quoted_by_its_full_statement_not_a_button():
    from msgcheck.check.checker import Checker
    from msgcheck.embed.embedders import HashingEmbedder

    ck = Checker(embedder=HashingEmbedder(64))
    claims = [_claim("Free trial"), _claim("Start your free trial today."), _claim("Free trial")]
    for c, f in zip(claims, ("a.md", "b.md", "c.md"), strict=True):
        c.file, c.headline = f, True
    from msgcheck.check.checker import Campaign
    from msgcheck.extract.claims import CampaignVocab
    from msgcheck.judge.rules import AssetIndex

    vecs = ck.embedder.embed_batch([c.text for c in claims])
    camp = Campaign([], claims, vecs, AssetIndex.build(claims), CampaignVocab())
    (p,) = [p for p in group_promises(camp, ck.config) if p.slot == "trial"]
    assert p.representative.text == "Start your free trial today."


@pytest.mark.parametrize(
    "promise, text",
    [
        ("Try it free for 30 days.", "So the trial runs a couple of weeks for you."),
        ("Try it free for 30 days.", "We can talk about pricing next week."),
        ("Crew is $45 per tech per month.", "Crew is $60 per tech per month."),
        ("Crew is $45 per tech per month.", "We can talk about pricing next week."),
        ("Crew is $45 per tech per month.", "The van holds 60 boxes."),
        ("Onboarding is included on every plan.", "We walk you through onboarding ourselves."),
        ("Live in 10 days, guaranteed.", "Most shops are live in 3 weeks."),
    ],
)
def test_a_promise_brought_up_in_words_is_mentioned_at_any_similarity(promise, text):
    """The omission search skips embedding a call's utterances for a promise ``_mentions_lexically`` finds:
    sound only if ``_mentions`` then says yes whatever the similarity, and says no at every similarity
    whenever it does not."""
    from msgcheck.check.checker import Promise, _mentions, _mentions_lexically, _Said
    from msgcheck.extract.polarity import polarity_terms
    from msgcheck.extract.values import extract_quantities

    c = _claim(promise)
    p = Promise(claims=[c], support=3, headline=True, core=[c])
    said = _Said([text])
    qs, terms = extract_quantities(text), polarity_terms(text)
    lexical = _mentions_lexically(p, said)
    if lexical:
        assert all(_mentions(p, text, qs, terms, s) for s in (-1.0, 0.0, 0.29, 0.99))
    else:
        assert not _mentions(p, text, qs, terms, -1.0)


def _reports_and_embedded(checker, camp, calls) -> tuple[list[dict], int]:
    import dataclasses

    checker.embedder.cache.clear()
    before = checker.embedder.misses
    out = [dataclasses.asdict(checker.check_call(camp, copy.deepcopy(t))) for t in calls]
    return out, checker.embedder.misses - before


def _demo_and_long_calls(demo_calls) -> list:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from latency import build_call

    return [load_transcript(p) for p in demo_calls] + [build_call(300)]


def test_the_omission_search_embeds_utterances_only_when_a_promise_is_not_brought_up_in_words(
    checker, demo_campaign_dir, demo_calls, monkeypatch
):
    """Skipping the utterances' vectors changes no report: with the campaign's headline promises pinned (so
    the search runs and reports), every demo call and the benchmark's long call (which never says the trial's
    words close enough in meaning) check the same with the shortcut turned off, and embed fewer texts with it."""
    from msgcheck.check import checker as checker_module
    from msgcheck.check.campaign import headline_promises

    heads = [
        p.representative.text
        for p in headline_promises(checker.campaign([demo_campaign_dir]).promises, checker.config)
    ]
    pinned = checker.using(headlines=heads)
    camp = pinned.campaign([demo_campaign_dir])
    calls = _demo_and_long_calls(demo_calls)
    fast, fast_embedded = _reports_and_embedded(pinned, camp, calls)
    assert any(f["kind"] == "omission" for r in fast for f in r["findings"])
    monkeypatch.setattr(checker_module, "_mentions_lexically", lambda p, said: False)
    slow, slow_embedded = _reports_and_embedded(pinned, camp, calls)
    assert fast == slow
    assert fast_embedded < slow_embedded


def test_no_omission_search_when_no_omission_could_be_reported(
    checker, demo_campaign_dir, demo_calls, monkeypatch
):
    """With no promise pinned, the shipped judge calibrates every omission under its floor: the search is
    skipped, and forcing it changes no report, only the work."""
    from msgcheck.check.campaign import headline_promises
    from msgcheck.check.checker import Checker

    camp = checker.campaign([demo_campaign_dir])
    headline = headline_promises(camp.promises, checker.config)
    assert headline and not checker._omission_possible(headline)
    calls = _demo_and_long_calls(demo_calls)
    fast, fast_embedded = _reports_and_embedded(checker, camp, calls)
    monkeypatch.setattr(Checker, "_omission_possible", lambda self, headline: bool(headline))
    slow, slow_embedded = _reports_and_embedded(checker, camp, calls)
    assert fast == slow
    assert fast_embedded < slow_embedded
