"""The checker end to end on a small hand-written campaign, with the real bundled models.

Each rep line is a case: what a naive similarity checker gets wrong (unit changes, another plan's price,
the prospect's own mistake) must stay quiet; real drift must be flagged with the right kind and evidence.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from msgcheck.types import Block, Document, Transcript, Utterance

ASSETS = [
    Document(
        path="landing.md",
        name="landing.md",
        format="md",
        blocks=[
            Block("Try Ledgerly free for 30 days.", "headline"),
            Block("No setup fee, no contract: cancel anytime."),
            Block("Starter is $49/month billed annually, or $59 month-to-month."),
            Block("Phone support around the clock, 24/7, for every customer."),
            Block("Syncs invoices with QuickBooks and Xero every 15 minutes."),
        ],
    ),
    Document(
        path="ads.csv",
        name="ads.csv",
        format="csv",
        blocks=[
            Block("30-Day Free Trial", "headline"),
            Block("No setup fee. No contract. Start your free trial today."),
        ],
    ),
]

LINES = [
    ("Sam", "Hi Jordan, it's Sam from Ledgerly, thanks for making time today."),
    ("Jordan", "Sure. I think I saw the trial is fourteen days?"),  # the prospect's mistake is not drift
    ("Sam", "Actually it's a full thirty days free, so plenty of time."),  # the correction is consistent
    ("Jordan", "And what does it cost?"),
    ("Sam", "Starter works out to five hundred eighty-eight dollars a year if you pay annually."),  # = $49/mo
    ("Sam", "If you'd rather stay monthly, it's fifty-nine a month."),  # another price the assets list
    ("Sam", "There is a one-time setup fee of two hundred dollars, though."),  # contradiction (polarity)
    (
        "Sam",
        "Phone support is there whenever you need it, as long as you're on the Enterprise plan.",
    ),  # weakened
    ("Sam", "We're also HIPAA certified, which matters for your clinics."),  # unsupported
    ("Sam", "Can you see my screen okay?"),  # chatter
    ("Jordan", "Yes."),
]


@pytest.fixture(scope="module")
def call_report(checker):
    t = Transcript(path="call.txt", name="call.txt", format="txt")
    t.utterances = [Utterance(index=i, speaker=s, text=x, start=i * 10.0) for i, (s, x) in enumerate(LINES)]
    camp = checker.campaign(ASSETS)
    return checker.check_call(camp, t)


def _kind_of(report, needle):
    kinds = [f.kind for f in report.findings if f.transcript and needle in f.transcript["text"]]
    return kinds[0] if kinds else None


def test_roles_are_inferred(call_report):
    assert call_report.reps == ["Sam"]
    assert call_report.prospects == ["Jordan"]


@pytest.mark.parametrize(
    ("needle", "kind"),
    [
        ("one-time setup fee", "contradiction"),
        ("as long as you're on the Enterprise plan", "weakened"),
        ("HIPAA certified", "unsupported"),
        ("full thirty days free", None),
        ("five hundred eighty-eight dollars a year", None),
        ("fifty-nine a month", None),
        ("see my screen", None),
    ],
)
def test_each_line_gets_the_right_verdict(call_report, needle, kind):
    assert _kind_of(call_report, needle) == kind


def test_prospect_lines_are_never_findings(call_report):
    assert all(f.transcript is None or f.transcript["speaker"] == "Sam" for f in call_report.findings)


def test_findings_carry_checkable_evidence(call_report):
    fee = next(f for f in call_report.findings if f.kind == "contradiction")
    assert fee.asset["file"] in ("landing.md", "ads.csv")
    assert "setup fee" in fee.asset["text"].lower()
    assert fee.explanation and 0.0 < fee.score <= 1.0
    assert fee.transcript["start"] == 60.0 and fee.transcript["index"] == 6


def test_number_swap_is_a_contradiction(checker):
    (res,) = __import__("msgcheck.check.pairs", fromlist=["judge_pairs"]).judge_pairs(
        checker, [("Try it free for 30 days.", "You get a two-week free trial.")]
    )
    assert res.label == "contradiction"
    assert "two-week" in res.explanation or "14" in res.explanation


def test_an_offer_term_flipped_is_explained_in_plain_words(checker):
    """ "The rep said a credit card is needed to start; ... says no credit card is needed", not "the rep
    promised credit card"."""
    from msgcheck.check.pairs import judge_pairs

    [result] = judge_pairs(
        checker, [("Start free, no credit card required.", "You'd put a credit card on file to start.")]
    )
    assert result.kind == "contradiction"
    assert "a credit card is needed to start" in result.explanation
    assert "no credit card is needed" in result.explanation


def test_another_price_the_campaign_lists_is_not_a_change(checker):
    """corpora/dev/tune-e (a writer who never saw the code): "step up to Pro, which is three twenty-nine
    monthly" and "that one's one eighty-nine a month" restate the price list ($329 and $189 a month); the
    clause lands nearest "Each additional veterinarian ... is $39/month", which is not what it is about."""
    from msgcheck.eval.gold import load_set
    from msgcheck.ingest import load_transcript

    lset = load_set(ROOT / "corpora" / "dev" / "tune-e")
    camp = checker.campaign([lset.campaign_dir("tailslate-clinic-switch")])
    for name, said in (
        ("tailslate_call04.srt", "three twenty-nine"),
        ("tailslate_call01.txt", "one eighty-nine"),
    ):
        gold = next(g for g in lset.calls if g.call == name)
        report = checker.check_call(camp, load_transcript(lset.call_path(name)), gold.rep_speakers)
        assert _kind_of(report, said) is None, name
        assert any(said in c.transcript_quote for c in gold.consistent)  # the writer's own hard negative


PRICE_LIST = [
    Document(
        path="pricing.md",
        name="pricing.md",
        format="md",
        blocks=[
            Block("Basic starts at $149 a month."),
            Block("Each extra seat beyond the plan limit is $29/month."),
            Block("Team: $59 a month, or $49 a month billed annually."),
            Block("Scale is $299 a month per site."),
        ],
    )
]


def test_another_listed_price_is_not_a_change_but_a_named_plan_at_the_wrong_price_is(checker):
    """A rep quoting the price list's other lines ("step up to Scale, which is two ninety-nine monthly")
    restates it, whichever claim the sentence lands nearest; "Team is twenty-nine ... for the year" names the
    plan whose annual price is $49, so it stays a change although $29 a month stands elsewhere in the list."""
    lines = [
        ("Ana", "Hi, Ana from Tallow here."),
        ("Ana", "Then you'd either add a seat at twenty-nine a month on Basic or step up to Scale, which is two ninety-nine monthly."),
        ("Ana", "Right, and Team is twenty-nine a month if you pay for the year."),
        ("Bo", "Okay."),
    ]  # fmt: skip
    t = Transcript(path="c.txt", name="c.txt", format="txt")
    t.utterances = [Utterance(index=i, speaker=s, text=x, start=i * 10.0) for i, (s, x) in enumerate(lines)]
    report = checker.check_call(checker.campaign(PRICE_LIST), t, ["Ana"])
    assert _kind_of(report, "step up to Scale") is None
    assert _kind_of(report, "Team is twenty-nine") == "contradiction"
