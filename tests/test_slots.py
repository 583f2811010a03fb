"""Table tests for slot classification and the offer-term detector."""

from __future__ import annotations

import pytest

from msgcheck.extract.slots import OFFER_TERMS, SLOT_ORDER, classify_slot
from msgcheck.types import SLOTS

CASES = [
    # trial
    ("30-day free trial", "trial"),
    ("Try it free for 14 days.", "trial"),
    ("We can set you up with a two-week pilot.", "trial"),
    # price
    ("No setup fee.", "price"),
    ("It's $49 per seat per month.", "price"),
    ("Plans start at forty-nine dollars a month.", "price"),
    ("Pricing is per user.", "price"),
    ("There's a free plan for up to 3 users.", "price"),
    # contract
    ("It's an annual contract.", "contract"),
    ("No long-term commitment, it's month-to-month.", "contract"),
    ("The agreement auto-renews each year.", "contract"),
    # cancellation
    ("Cancel anytime.", "cancellation"),
    ("You can cancel with 30 days' notice.", "cancellation"),
    # compliance
    ("SOC 2 Type II certified.", "compliance"),
    ("We're HIPAA compliant and will sign a BAA.", "compliance"),
    ("All data is encrypted at rest with AES-256.", "compliance"),
    ("We're GDPR compliant with EU data residency.", "compliance"),
    # support
    ("24/7 support from real humans.", "support"),
    ("You get a dedicated account manager.", "support"),
    ("Our support team responds within four hours.", "support"),
    # integration
    ("Integrates with Salesforce in one click.", "integration"),
    ("500+ native integrations.", "integration"),
    ("It syncs with HubSpot both ways.", "integration"),
    ("We have an open API and webhooks.", "integration"),
    # limit
    ("Up to 25 seats on the Team plan.", "limit"),
    ("Unlimited users on every plan.", "limit"),
    ("You get 100 GB of storage.", "limit"),
    # discount
    ("Get 20% off when you pay annually.", "discount"),
    ("Save 20% when billed annually.", "discount"),
    ("We can do a nonprofit discount.", "discount"),
    ("Two months free on annual plans.", "discount"),
    # guarantee
    ("30-day money-back guarantee.", "guarantee"),
    ("99.9% uptime SLA.", "guarantee"),
    # results
    ("Cut onboarding time in half.", "results"),
    ("Teams see 3x more pipeline.", "results"),
    ("Customers save $2,000 a year on average.", "results"),
    ("It reduces ticket volume by 40%.", "results"),
    ("Reps save 5 hours a week on data entry.", "results"),
    # onboarding
    ("Live in 2 weeks with white-glove onboarding.", "onboarding"),
    ("We'll migrate all your data for you.", "onboarding"),
    ("Implementation usually takes a month.", "onboarding"),
    ("We'll get you up and running by Friday.", "onboarding"),
    # feature
    ("Build custom dashboards with drag-and-drop.", "feature"),
    ("It has AI lead scoring built in.", "feature"),
    ("You can automate follow-ups.", "feature"),
    ("There's a mobile app for iOS and Android.", "feature"),
    # spoken prices and hours are found by value
    ("Pro is sixty-five per tech monthly.", "price"),
    ("At that volume it's three cents a shipment.", "price"),
    ("That's live on weekdays, eight to five.", "support"),
    ("We've got people on the phones twenty-four seven.", "support"),
    ("You'd just give us thirty days' notice.", "cancellation"),
    ("We'll give you two weeks free to kick the tires.", "trial"),
    ("You're looking at three, four weeks before you're fully dispatching live.", "onboarding"),
    ("Most systems are installed in 3 to 6 days on site.", "onboarding"),
    ("The panels are warrantied for twenty-five years.", "guarantee"),
    ("The free developer tier gives you five thousand API calls a month.", "limit"),
    ("Crew tops out at fifty techs.", "limit"),
    ("We try to get a tech on it within fifteen minutes, during business hours.", "support"),
    # other: about the offer, no slot rule
    ("Our Enterprise plan is for bigger teams.", "other"),
    # not about the offer
    ("Can you see my screen?", None),
    ("How was your weekend?", None),
    ("Let's set up a call for Thursday at 3pm.", None),
    ("I'll send over the contract after this call.", None),
    ("We're a great fit for your team.", None),
    ("Sounds good, talk soon.", None),
    ("Yeah, totally.", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_classify_slot(text, expected):
    assert classify_slot(text) == expected


def test_slot_order_matches_types():
    assert set(SLOT_ORDER) == set(SLOTS)
    assert SLOT_ORDER[-1] == "other"


@pytest.mark.parametrize(
    "text, offer",
    [
        ("No setup fee and cancel anytime.", True),
        ("It integrates with Slack.", True),
        ("The plan includes SSO.", True),
        ("Unlimited users.", True),
        ("Thanks so much for your time today.", False),
        ("My kids had a soccer game this weekend.", False),
        ("Can you hear me okay?", False),
    ],
)
def test_offer_terms(text, offer):
    assert bool(OFFER_TERMS.search(text)) is offer
