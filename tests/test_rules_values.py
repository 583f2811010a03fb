"""The rule judge on hand-set alignments (similarities given, no models): an asset value
that holds past a bar the rep's own situation meets, and a certification no asset names."""

from __future__ import annotations

from msgcheck.extract.claims import annotate
from msgcheck.judge.rules import AssetIndex, RuleJudge
from msgcheck.types import Alignment, Claim


def _verdict(rep_text: str, candidates: list[tuple[str, float]]):
    assets = [(annotate(Claim(text=t, side="asset", file="faq.md")), s) for t, s in candidates]
    rep = annotate(Claim(text=rep_text, side="rep", file="call.txt"))
    al = Alignment(rep=rep, candidates=sorted(assets, key=lambda t: -t[1]))
    return RuleJudge().judge(al, AssetIndex.build([a for a, _ in assets])), assets


GENERAL = ("Most restaurants run their first payroll within 10 business days of kickoff.", 0.6)
GROUPS = ("Groups with more than 5 locations typically take 3 to 4 weeks.", 0.4)


def test_a_value_for_a_bar_the_rep_s_count_meets_applies():
    v, assets = _verdict(
        "Even with eight stores you're running payroll inside of two weeks.", [GENERAL, GROUPS]
    )
    assert v.kind == "contradiction" and v.asset is assets[1][0] and v.certain
    assert "eight stores" in v.explanation and "3 to 4 weeks" in v.explanation


def test_below_the_bar_the_general_promise_holds():
    v, _ = _verdict("With three stores you're running payroll inside of two weeks.", [GENERAL, GROUPS])
    assert v.kind != "contradiction"


def test_a_certification_no_asset_names_is_unsupported():
    v, _ = _verdict(
        "Everything's encrypted, and we're SOC 2 Type Two audited every year, so your bank info is locked down.",
        [("Two-factor authentication is required for every admin user.", 0.53)],
    )
    assert v.kind == "unsupported" and "SOC 2 Type Two" in v.explanation


def test_a_capacity_no_asset_states_is_unsupported():
    rep = "If your connection drops, the terminals keep accepting cards and store up to five hundred transactions."
    v, _ = _verdict(rep, [("24/7 phone support for every merchant.", 0.43)])
    assert v.kind == "unsupported" and "five hundred transactions" in v.explanation
    # a head count the rep merely mentions is no capacity claim
    v, _ = _verdict("If your connection drops, your five hundred transactions are safe.", [(GENERAL[0], 0.2)])
    assert v.kind != "unsupported"


def test_a_waiver_the_rep_offers_on_the_spot_is_unsupported():
    trial = ("Start free with 2,500 API calls a month, no credit card required.", 0.6)
    rep = "If you sign up for Launch this month I can waive your first month of fees."
    v, _ = _verdict(rep, [trial])
    assert v.kind == "unsupported"
    # the rep offering a walkthrough gives nothing away
    v, _ = _verdict("If you sign up this month I can take you through the setup myself.", [trial])
    assert v.kind != "unsupported"


def test_an_offer_said_as_an_extra_needs_a_closer_asset_claim_to_count_as_stated():
    brewer = ("Our brewers grind fresh for every cup: espresso, lattes, flat whites and drip.", 0.52)
    v, _ = _verdict(
        "The brewer also does cold brew on tap, so you can grab an iced coffee from the machine.", [brewer]
    )
    assert v.kind == "unsupported"
    v, _ = _verdict(
        "The brewer does cold brew on tap, so you can grab an iced coffee from the machine.", [brewer]
    )
    assert v.kind != "unsupported"  # the same words without "also": the usual margin


SYNC = ("Accounting sync with Tallybook and card payments through Kestrel terminals.", 0.45)
BRAND = ("Clinic software that keeps every appointment in one place.", 0.3)


def test_a_named_integration_denied_is_a_certain_contradiction():
    """The drift head reads "we don't have a Tallybook connection" and "sync with Tallybook" as consistent
    (most words shared); the rule marks it certain."""
    for rep in (
        "So we don't have a Tallybook connection right now, you'd still be entering the totals yourself.",
        "Ah, so Tallybook isn't connected yet, Kestrel is the only one we read from today.",
        "Honestly there's no Tallybook sync at the moment.",
    ):
        v, assets = _verdict(rep, [SYNC, BRAND])
        assert v.kind == "contradiction" and v.certain and v.asset is assets[0][0], rep
        assert "Tallybook" in v.explanation


def test_a_denial_of_something_else_is_not_one():
    for rep in (
        "Essentials doesn't have it, Tallybook sync is on Pro.",  # a plan lacking a thing: not Tallybook denied
        "If they're paid through Tallybook, those aren't covered by the guarantee.",  # Tallybook is not denied
        "We don't have a setup fee.",  # no name the assets use
    ):
        v, _ = _verdict(rep, [SYNC, BRAND])
        assert not (v.kind == "contradiction" and "Tallybook" in v.explanation), rep
