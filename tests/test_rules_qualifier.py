"""The rule judge's qualifier rule on hand-set alignments (similarities given, no models): which asset claim an
added condition is compared with, when a neighbouring claim excuses it, and which conditions are strong."""

from __future__ import annotations

import pytest

from msgcheck.extract.claims import annotate
from msgcheck.extract.qualifiers import find_qualifiers
from msgcheck.judge.rules import AssetIndex, RuleJudge, is_strong, narrowed_list
from msgcheck.types import Alignment, Claim


def _asset(text: str) -> Claim:
    return annotate(Claim(text=text, side="asset", file="landing.md"))


def _verdict(rep_text: str, candidates: list[tuple[Claim, float]]):
    rep = annotate(Claim(text=rep_text, side="rep", file="call.txt"))
    al = Alignment(rep=rep, candidates=sorted(candidates, key=lambda t: -t[1]))
    return RuleJudge().judge(al, AssetIndex.build([a for a, _ in candidates]))


def test_a_value_matched_in_a_distant_claim_does_not_hide_the_restated_one():
    visits = _asset("Next-business-day on-site visits for hardware failures are included.")
    restore = _asset(
        "If we can't restore your data within 4 hours of a declared disaster, the month is free."
    )
    v = _verdict(
        "On-site visits for hardware failures are included, next business day, as long as you're within "
        "thirty miles of one of our hubs.",
        [(visits, 0.88), (restore, 0.27)],
    )
    assert v.kind == "weakened" and v.asset is visits


def test_a_condition_is_excused_only_by_a_neighbour_that_states_it():
    lock = _asset("Your processing rate is locked for 12 months from approval.")
    promo = _asset(
        "Sign up by June 30: no processing fees for your first 90 days, on up to $10,000 in card sales."
    )
    monthly = _asset("Statements are emailed every month.")
    rep = (
        "So we lock your rate for twelve months from approval, as long as you're processing at least "
        "twenty thousand a month on cards."
    )
    v = _verdict(rep, [(lock, 0.78), (promo, 0.59), (monthly, 0.5)])
    assert v.kind == "weakened" and v.asset is lock
    # a neighbour that does state the bar excuses it
    bar = _asset("The 12-month rate lock needs card processing of at least $20,000 a month.")
    assert _verdict(rep, [(lock, 0.78), (bar, 0.6)]).kind != "weakened"


def test_a_plan_restriction_of_a_restated_value_is_read_a_little_farther_out():
    support = _asset("24/7 phone and chat support on every plan.")
    rep = "So, round-the-clock phone support is a Plus thing."
    v = _verdict(rep, [(support, 0.43)])
    assert v.kind == "weakened" and "is a Plus thing" in v.explanation
    # ... a condition at that distance is not: reps narrate scenarios
    assert _verdict(
        "We answer round-the-clock, if the line is busy you get a callback.", [(support, 0.43)]
    ).kind != ("weakened")


@pytest.mark.parametrize(
    ("condition", "strong"),
    [
        ("once you're past twenty-five thousand shipments a month", True),  # a volume bar
        ("if you have more than 10 vehicles", True),
        ("after the first three years", True),  # a wait counted from the start
        ("if he's under a house for two hours", False),  # a scenario's length
        ("if the crew runs late", False),
        ("when your tech gets there", False),
    ],
)
def test_a_condition_that_sets_a_bar_in_numbers_is_strong(condition, strong):
    (q,) = find_qualifiers(condition)
    assert q.kind == "condition"
    assert is_strong(q, "Dedicated solutions engineer") is strong


CARDS = "2.6% + 10c for every tap, dip or swipe, whether it's Visa, Mastercard, American Express or Discover."


@pytest.mark.parametrize(
    ("rep", "expected"),
    [
        (
            "So, that two point six is for Visa and Mastercard.",
            (["Visa", "Mastercard"], ["American Express", "Discover"]),
        ),
        ("It's only on Visa.", (["Visa"], ["Mastercard", "American Express", "Discover"])),
        ("Visa and Mastercard are the same rate as everything else.", None),  # named, not limited to
        ("That rate is for Visa, Mastercard, American Express and Discover.", None),  # the whole list
        ("That rate is for Visa and UnionPay.", None),  # a name the asset does not list: not a narrowing
    ],
)
def test_a_claim_put_on_part_of_the_asset_s_list_is_narrowed(rep, expected):
    assert narrowed_list(CARDS, rep) == expected


def test_a_narrowed_list_weakens_the_claim():
    rate = _asset(CARDS)
    v = _verdict("So, that two point six is for Visa and Mastercard.", [(rate, 0.47)])
    assert v.kind == "weakened" and v.certain and "American Express, Discover" in v.explanation
