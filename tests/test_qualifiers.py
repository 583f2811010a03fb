"""Table tests for conditions, hedges, restrictions and workarounds."""

from __future__ import annotations

import pytest

from msgcheck.extract.qualifiers import added_qualifiers, find_qualifiers

FIND = [
    ("You get 20% off if you pay annually.", [("condition", "if you pay annually")]),
    ("Save 20% when billed annually.", [("condition", "when billed annually")]),
    (
        "Setup is free as long as you commit to 12 months.",
        [("condition", "as long as you commit to 12 months")],
    ),
    (
        "That price holds provided that you sign this quarter.",
        [("condition", "provided that you sign this quarter")],
    ),
    ("Pricing is subject to change.", [("condition", "subject to change")]),
    (
        "It's free only if you prepay for the year, otherwise it's $500.",
        [("condition", "only if you prepay for the year")],
    ),
    ("Once you're onboarded, the team is yours.", [("condition", "Once you're onboarded")]),
    (
        "You'd need to sign a two-year contract to get that price.",
        [("condition", "You'd need to sign a two-year contract to get that price")],
    ),
    ("The price drops after the first year.", [("condition", "after the first year")]),
    ("With a minimum of ten seats, it's $30 each.", [("condition", "With a minimum of ten seats")]),
    ("Depending on your data, migration takes a week.", [("condition", "Depending on your data")]),
    (
        "We're usually live in about two weeks, assuming your data is clean.",
        [("hedge", "usually"), ("condition", "assuming your data is clean")],
    ),
    (
        "Typically support responds within an hour, but it depends on the queue.",
        [
            ("hedge", "Typically"),
            ("condition", "depends on the queue"),
        ],
    ),
    ("We should have you live in 14 days.", [("hedge", "should")]),
    # "about" / "roughly" a number is how people say numbers, not a hedge on the claim
    ("It costs roughly $50 a month.", []),
    ("about two weeks after the drone visit you get a full proposal", []),
    ("It's three to six days on site, I think the ad says three to six.", []),
    ("In most cases it takes a day.", [("hedge", "In most cases")]),
    ("We aim to respond within four hours.", [("hedge", "aim to")]),
    ("For the most part it syncs in real time.", [("hedge", "For the most part")]),
    ("It might take a little longer.", [("hedge", "might")]),
    (
        "SSO is only available on the Enterprise plan.",
        [("restriction", "only available on the Enterprise plan")],
    ),
    ("SSO is on the Enterprise plan.", [("restriction", "on the Enterprise plan")]),
    (
        "The discount is only for new customers, for the first 3 months.",
        [
            ("restriction", "only for new customers"),
            ("restriction", "for the first 3 months"),
        ],
    ),
    ("Unlimited users, except on the Starter plan.", [("restriction", "except on the Starter plan")]),
    ("Storage is limited to 10 GB per user.", [("restriction", "limited to 10 GB per user")]),
    ("All features, excluding the AI assistant.", [("restriction", "excluding the AI assistant")]),
    ("The price, not including onboarding, is $49.", [("restriction", "not including onboarding")]),
    ("This offer is for new customers only.", [("restriction", "for new customers only")]),
    ("You can get that data out through a CSV export.", [("workaround", "through a CSV export")]),
    ("You'd do that via a manual export.", [("workaround", "via a manual export")]),
    ("There's a workaround for that.", [("workaround", "There's a workaround for that")]),
    ("We can do that with some custom work.", [("workaround", "with some custom work")]),
    (
        "That's done through our professional services team.",
        [("workaround", "through our professional services team")],
    ),
    ("That integration is available as a paid add-on.", [("workaround", "as a paid add-on")]),
    ("Phone support is available for an extra fee.", [("workaround", "for an extra fee")]),
    ("Premium templates are offered at additional cost.", [("workaround", "at additional cost")]),
    ("You can connect it through Zapier.", [("workaround", "through Zapier")]),
    # conversational "if you" is not a condition on a claim
    ("If you have any questions just shoot me an email.", []),
    ("If you want, I can send the deck.", []),
    ("It's around the clock support.", []),
    ("Our plan is $49 a month.", []),
    ("We launched in May 2021.", []),
    ("It's on the right plan for you.", []),
    ("You may cancel anytime.", []),
    ("When you log in you'll see the dashboard.", []),
    ("You could get started today.", []),
    ("SSO is only on annual plans.", [("restriction", "only on annual plans")]),
    ("Prices may change.", [("hedge", "may")]),
    (
        "If you start a trial by May thirty-first, it's zero.",
        [("condition", "If you start a trial by May thirty-first")],
    ),
    (
        "We can sign a BAA if your compliance person asks for one.",
        [("condition", "if your compliance person asks for one")],
    ),
    ("That kicks in once the system's settled in.", [("condition", "once the system's settled in")]),
    ("We sync once a week.", []),
    (
        "Setup is waived for any trial started by May 31.",
        [("condition", "for any trial started by May 31")],
    ),
    ("It's automatic, you just map the accounts once.", []),
    ("On most 15-year terms the payment is lower.", [("hedge", "On most")]),
    ("On that plan it's more of a goal than a contractual thing.", [("hedge", "more of a goal")]),
    (
        "You'd export your tips report once a week.",
        [("workaround", "You'd export your tips report once a week")],
    ),
    (
        "For tracking, you'd still need to wire up the webhooks yourself, or hire someone.",
        [("condition", "you'd still need to wire up the webhooks yourself")],
    ),
    ("So, round-the-clock phone support is a Plus thing.", [("restriction", "is a Plus thing")]),
    ("Honestly, that's a nice thing about the app.", []),
    ("We email you the invoice and your bookkeeper keys it in.", [("workaround", "keys it in")]),
    ("Someone on your team types the orders into the portal.", [("workaround", "types the orders into")]),
    ("Type in your card number and you're done.", []),
]


@pytest.mark.parametrize("text, expected", FIND)
def test_find_qualifiers(text, expected):
    got = [(q.kind, q.text) for q in find_qualifiers(text)]
    assert got == expected
    for q in find_qualifiers(text):
        assert text[q.start : q.end] == q.text


ADDED = [
    # the asset states the condition itself -> nothing added
    ("Save 20% when billed annually", "You get 20% off if you pay annually.", []),
    ("50% off your first three months", "You get half off for the first 3 months.", []),
    ("New customers save 20%", "That 20% is only for new customers.", []),
    ("Typically live in 14 days", "We usually get you live in two weeks.", []),
    ("SSO on the Enterprise plan", "SSO is only on the Enterprise plan.", []),
    ("No setup fee with an annual contract", "The setup fee is waived if you sign an annual agreement.", []),
    # the rep adds one
    (
        "SSO included on every plan",
        "SSO is only on the Enterprise plan.",
        [("restriction", "only on the Enterprise plan")],
    ),
    ("Go live in 14 days", "We usually get you live in two weeks.", [("hedge", "usually")]),
    (
        "Native two-way Salesforce sync",
        "You can get it into Salesforce through a CSV export.",
        [("workaround", "through a CSV export")],
    ),
    (
        "20% off for all customers",
        "You'd get 20% off if you prepay for two years.",
        [("condition", "if you prepay for two years")],
    ),
    ("24/7 support", "We try to answer around the clock.", [("hedge", "try to")]),
    (
        "Free onboarding",
        "Onboarding is free as long as you commit to 12 months.",
        [("condition", "as long as you commit to 12 months")],
    ),
    (
        "Unlimited users",
        "Unlimited users, except on the Starter plan.",
        [("restriction", "except on the Starter plan")],
    ),
    (
        "HubSpot integration included",
        "HubSpot works with a paid add-on.",
        [("workaround", "with a paid add-on")],
    ),
    (
        "Guarantee applies to accounts that complete onboarding and stay active for 60 days.",
        "You'd have to finish onboarding and stick with it the full sixty days.",
        [],
    ),
    (
        "Seasonal staff you don't pay that month don't count.",
        "When you're not paying them in January, they don't count.",
        [],
    ),
    ("Start a trial by May 31 and it's $0.", "If you start a trial by May thirty-first, it's zero.", []),
    (
        "On most 10- and 15-year terms, the monthly loan payment is lower than your monthly savings.",
        "On a fifteen-year loan the monthly payment usually comes in under what you save each month.",
        [],
    ),
    ("Proposal within 10 business days", "About two weeks after the visit you get a full proposal.", []),
    # the asset's own bar said from the other side of the share
    (
        "We guarantee 90% of estimated output or pay you the difference.",
        "If it comes in more than ten percent short of the estimate for the year, we cut you a check.",
        [],
    ),
    # ... but a different share, or the same number as another bound, is a new condition
    (
        "We guarantee 90% of estimated output or pay you the difference.",
        "If it comes in more than twenty percent short of the estimate, we cut you a check.",
        [("condition", "If it comes in more than twenty percent short of the estimate")],
    ),
    (
        "Cancel within 60 days for a full refund.",
        "You can cancel, though after the first sixty days the refund's smaller.",
        [("condition", "after the first sixty days the refund's smaller")],
    ),
]


@pytest.mark.parametrize("asset, rep, expected", ADDED)
def test_added_qualifiers(asset, rep, expected):
    assert [(q.kind, q.text) for q in added_qualifiers(asset, rep)] == expected
