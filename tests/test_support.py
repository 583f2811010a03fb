"""Support read by the cross-encoder (msgcheck.check.support): which pairs are read (a fake model), and the
omission check on the real models."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from msgcheck.check.campaign import CheckerConfig
from msgcheck.check.support import claim_support, promise_mention
from msgcheck.judge.crossmodel import CROSS_LABELS
from msgcheck.types import Alignment, Claim, Transcript, Utterance

TRIAL = Claim(text="Try it free for 30 days.", side="asset", file="landing.md", slot="trial")
FEES = Claim(text="No setup fees.", side="asset", file="landing.md", slot="price")


class FakeModel:
    """P(consistent) and P(unrelated) by (premise, hypothesis); everything else unrelated."""

    def __init__(self, table: dict[tuple[str, str], tuple[float, float]]):
        self.table = table
        self.seen: list[tuple[str, str]] = []

    def probabilities(self, pairs):
        self.seen += pairs
        rows = []
        for pair in pairs:
            cons, unrel = self.table.get(pair, (0.0, 1.0))
            row = np.zeros(len(CROSS_LABELS), np.float32)
            row[CROSS_LABELS.index("consistent")] = cons
            row[CROSS_LABELS.index("unrelated")] = unrel
            row[CROSS_LABELS.index("contradiction")] = 1.0 - cons - unrel
            rows.append(row)
        return np.array(rows)


def test_promise_mention_reads_the_nearest_turns_and_counts_a_contradiction_as_a_mention():
    turns = ["The trial is two weeks.", "We integrate with Xero.", "Our office is in Leeds."]
    vecs = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]], np.float32)
    model = FakeModel({(TRIAL.text, turns[0]): (0.05, 0.1)})  # contradicted: mentioned all the same
    m = promise_mention(model, [TRIAL], np.array([[1.0, 0.0]], np.float32), turns, vecs, read=2)
    assert m.value == pytest.approx(0.9) and m.other == turns[0]
    assert [h for _, h in model.seen] == turns[:2]  # the two nearest, not the one about Leeds
    none = promise_mention(model, [TRIAL], np.array([[1.0, 0.0]], np.float32), [], np.zeros((0, 2)), read=2)
    assert none.value == 0.0 and none.other is None


def test_claim_support_is_the_best_consistent_probability_over_the_nearest_asset_claims():
    rep = Claim(text="You get a month free to try it.", side="rep", file="call.txt", before="And the trial?")
    al = Alignment(rep=rep, candidates=[(TRIAL, 0.7), (FEES, 0.3)])
    hyp = "You get a month free to try it. [after: And the trial?]"
    model = FakeModel({(TRIAL.text, hyp): (0.8, 0.1), (FEES.text, hyp): (0.1, 0.9)})
    s = claim_support(model, al, read=2)
    assert s.value == pytest.approx(0.8) and s.other == TRIAL.text
    assert claim_support(model, al, read=1).value == pytest.approx(0.8)
    assert claim_support(model, Alignment(rep=rep, candidates=[]), read=3).value == 0.0


def _call(lines: list[str]) -> Transcript:
    t = Transcript(path="call.txt", name="call.txt", format="txt")
    t.utterances = [
        Utterance(i, "Rep" if i % 2 == 0 else "Pat", text, 4.0 * i) for i, text in enumerate(lines)
    ]
    t.roles = {"Rep": "rep", "Pat": "prospect"}
    return t


SELLING = [
    "Setup is zero dollars this spring, no setup fee at all.",
    "Great.",
    "Dispatch boards update live, and you can text the customer an arrival window.",
    "Nice.",
    "You'd be live in ten business days, we give you a dedicated onboarding specialist.",
    "And price?",
    "It's forty-five dollars per tech per month.",
]


class TopicModel:
    """Related when premise and hypothesis share a topic word; the same for every pair otherwise."""

    TOPICS = ("setup", "business days", "free")

    def probabilities(self, pairs):
        out = []
        for premise, hyp in pairs:
            shared = any(t in premise.lower() and t in hyp.lower() for t in self.TOPICS)
            out.append([0.9, 0.0, 0.0, 0.1] if shared else [0.0, 0.0, 0.0, 1.0])
        return np.array(out, np.float32)


def test_omission_read_names_the_headline_promise_no_rep_turn_speaks_to(checker, demo_campaign_dir):
    model_checker = checker.using()
    model_checker.config = dataclasses.replace(CheckerConfig(), omission_model=True)
    model_checker._cross = TopicModel()
    camp = model_checker.campaign([demo_campaign_dir])
    report = model_checker.check_call(camp, _call(SELLING))
    omitted = [f for f in report.findings if f.kind == "omission"]
    assert [f.asset["text"] for f in omitted] == ["Try it free for 30 days."]
    assert omitted[0].explanation.startswith('The headline trial promise "Try it free for 30 days."')
    assert omitted[0].score == 1.0 and [p.status for p in report.promises][1] == "not_mentioned"
    said = _call([*SELLING, "Okay.", "And you can try all of it free for a month before you pay anything."])
    assert not [f for f in model_checker.check_call(camp, said).findings if f.kind == "omission"]


def test_the_shipped_cross_encoder_reads_another_offer_term_as_unrelated_to_a_promise():
    """pair-judge.v1 read a turn about another offer term (a price) as contradicting the trial promise, so
    every promise of a call that talks offers looked mentioned; v2 was trained on same-offer unrelated pairs
    (corpora/pairs' second authors, train.contrast's other_term edits) and reads both turns as unrelated."""
    from msgcheck.judge.crossmodel import CrossModel

    p = CrossModel().probabilities(
        [
            ("Try it free for 30 days.", "Our office is in Leeds and we have a dog."),
            ("Try it free for 30 days.", "It's forty-five dollars per tech per month."),
            ("Try it free for 30 days.", "The free trial is fourteen days."),
        ]
    )
    unrelated = CROSS_LABELS.index("unrelated")
    assert p[0, unrelated] > 0.9 and p[1, unrelated] > 0.5
    assert CROSS_LABELS[int(p[2].argmax())] == "contradiction"  # the same term, another length


class FakeWorthiness:
    def __init__(self, p: list[float]):
        self.p = np.array(p)

    def probability(self, vectors):
        return self.p[: len(vectors)]


def test_unsupported_read_adds_only_concrete_claims_no_asset_supports_and_nothing_flagged_already():
    from msgcheck import Checker
    from msgcheck.types import Finding

    texts = [
        "We're SOC 2 Type Two audited every year.",  # concrete, unsupported: added
        "You get a month free to try it.",  # supported by the trial claim
        "Honestly it's a great team.",  # not claim-worthy
        "The trial is two weeks.",  # already a contradiction finding
        "Every plan has SSO.",  # approved wording
    ]
    claims = [
        Claim(text=t, side="rep", file="call.txt", speaker="Rep", utterance_index=i)
        for i, t in enumerate(texts)
    ]
    als = [Alignment(rep=c, candidates=[(TRIAL, 0.5), (FEES, 0.2)]) for c in claims]
    support = {(TRIAL.text, texts[1]): (0.9, 0.05)}
    checker = Checker()
    checker._cross = FakeModel({**support, **{(FEES.text, t): (0.0, 0.9) for t in texts}})
    checker._worthy = FakeWorthiness([0.9, 0.9, 0.1, 0.9, 0.9])
    checker.config = dataclasses.replace(CheckerConfig(), unsupported_model=True, unsupported_read=2)
    already = Finding(
        kind="contradiction", score=0.8, slot="trial", explanation="", transcript={"text": texts[3]}
    )
    out = checker._unsupported_read(
        claims, np.zeros((5, 2)), als, [already], [False, False, False, False, True]
    )
    assert [f.transcript["text"] for f in out] == [texts[0]]
    assert out[0].kind == "unsupported" and out[0].asset is None and out[0].score == pytest.approx(0.9)
    assert out[0].explanation == (
        'No campaign asset supports this product claim; the best match, in landing.md, says "Try it free for 30 days.".'
    )
