"""What a value is of: its conversation, its plan, worked examples, units that are not the same (issue 10).

Pure functions, table-driven; each row is a case seen on real dialogues or calls from other hands.
"""

from __future__ import annotations

import pytest

from msgcheck.extract.values import compare_quantities, extract_quantities
from msgcheck.extract.values.attribute import attribute_from_context, comparable_attributes, in_context
from msgcheck.extract.values.scope import different_items, worked_example


def one(text: str):
    qs = extract_quantities(text)
    assert len(qs) == 1, (text, qs)
    return qs[0]


# (text, the value's attribute)
ATTRIBUTES = [
    ("So only 10% to administrative costs.", "share"),
    ("about 9% is spent on fundraising efforts", "share"),
    ("I would suggest $20 a month if you can!", "donation"),
    ("Addtionally, 87% off all donations going directly to support children.", "donation"),
    ("Our 86% was based off our 2017 annual report", "percent"),
    ("Annual billing saves 20% and is paid up front.", "discount"),
    ("if you can commit, it's $20 a month", "price"),
    ("That twenty up is your bottleneck.", "upload"),
    ("500 Mbps fibre for $139 a month.", "speed"),
    ("the 1G bundle with four extra lines", "addon"),
    ("Cyber cover from $42 a month", "price"),
    ("Liability coverage up to $2 million", "coverage"),
    ("the standard thousand-dollar retention", "deductible"),
    ("We'll give you two weeks free to kick the tires", "trial"),
    ("Send us the final invoice within 90 days of your go-live date.", "duration"),
    ("cutting your power bill by up to 40%", "discount"),
]


@pytest.mark.parametrize("text, attribute", ATTRIBUTES)
def test_attribute_of_the_value(text, attribute):
    qs = [q for q in extract_quantities(text) if q.kind != "count" or q.unit in ("mbps", "line")]
    assert qs[-1].attribute == attribute if "bundle" in text else qs[0].attribute == attribute


# (the exchange the rep's value is said in, the subject it gives, or None)
CONTEXTS = [
    ("How much would you be able to donate? 5 to 6 dollars or more", "donation"),
    ("How much money do you make turking? around $1500 per month", "earnings"),
    ("We would have to raise close to $1million if not more", "donation"),
    ("Have you ever sponsored a child? The usual cost is about $36 per child.", "donation"),
    ("How much is the Pro plan? It's two nineteen a month.", None),
    ("Is there a setup fee? No, setup is free.", None),
    ("I'd donate, and what's your salary?", None),  # two subjects: neither
]


@pytest.mark.parametrize("context, subject", CONTEXTS)
def test_the_subject_of_a_conversation(context, subject):
    assert attribute_from_context(context) == subject


def test_an_unnamed_amount_in_a_donation_talk_is_a_donation_but_a_named_fee_stays():
    qs = extract_quantities("5 to 6 dollars or more")
    assert [q.attribute for q in in_context(qs, "How much would you be able to donate?")] == ["donation"]
    named = extract_quantities("the setup fee is $300")
    assert [
        q.attribute for q in in_context(named, "How much would you donate?", "the setup fee is $300")
    ] == ["fee"]
    cost = extract_quantities("The usual cost is about $36 per child.")
    assert [q.attribute for q in in_context(cost, "Have you sponsored a child?", cost[0].text)] == [
        "donation"
    ]


@pytest.mark.parametrize(
    "a, b, comparable",
    [
        ("donation", "price", False),
        ("earnings", "price", False),
        ("donation", "donation", True),
        ("addon", "count", False),
        ("upload", "speed", False),
        ("setup_time", "turnaround", True),
        ("fee", "rate", True),
    ],
)
def test_like_with_like(a, b, comparable):
    assert comparable_attributes(a, b) is comparable
    assert comparable_attributes(b, a) is comparable


# business days are their own unit: compared with calendar days only loosely
@pytest.mark.parametrize(
    "rep, asset, outcome",
    [
        ("10 business days", "two weeks", "same"),
        ("two weeks", "10 business days", "same"),
        ("three weeks", "10 business days", "different"),
        ("the next business day", "2 business days", "different"),
        ("5 business days", "15 business days", "different"),
        ("within 10 business days", "within two weeks", "same"),
    ],
)
def test_business_days_against_calendar_days(rep, asset, outcome):
    assert compare_quantities(one(rep), one(asset)) == outcome


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two static IPs come standard with every bundle", (2.0, "ip address")),
        ("One static IPv4 address is included with every bundle.", (1.0, "ip address")),
        ("2,400+ gyms", (2400.0, "location")),
        ("every 30 seconds", (7 * 24 * 3600 / 30, "per_week")),
        ("every two minutes", (7 * 24 * 60 / 2, "per_week")),
    ],
)
def test_counts_and_frequencies_read(text, expected):
    q = one(text)
    assert (round(q.value, 3), q.unit) == (round(expected[0], 3), expected[1])


def test_a_model_number_is_not_a_count():
    assert [q.kind for q in extract_quantities("the GP-1 reports in every two minutes")] == ["frequency"]


@pytest.mark.parametrize(
    "text, example",
    [
        ("If 40 of your 150 people sign up, you pay for 40.", True),
        ("so if sixty of your hundred and twenty sign up, you pay for sixty", True),
        ("So you're not paying for three hundred and ten people if ninety join.", True),
        ("If you cancel within 14 days you get a full refund.", False),
        ("You pay $40 a month per person.", False),
    ],
)
def test_worked_examples(text, example):
    assert worked_example(text) is example


def test_values_of_two_plans_are_not_compared():
    rep = "Five hundred meg with five lines at one thirty-nine, one gig with ten lines at one ninety-nine."
    asset = "1 Gig Fibre + 10 Lines for $199/mo"
    rq, aq = extract_quantities(rep), extract_quantities(asset)
    five = next(q for q in rq if q.unit == "line" and q.value == 5)
    ten = next(q for q in rq if q.unit == "line" and q.value == 10)
    asset_lines = next(q for q in aq if q.unit == "line")
    assert different_items(five, rq, asset_lines, aq)  # the 500 Mbps bundle's lines
    assert not different_items(ten, rq, asset_lines, aq)  # the gig bundle's: compared
