"""Table tests for offer-term polarity."""

from __future__ import annotations

import pytest

from msgcheck.extract.polarity import TERMS, polarity_conflicts, polarity_terms

CASES = [
    # scope: the negation stays with the term next to it
    ("No setup fee but you do sign an annual contract.", {"setup_fee": False, "contract": True}),
    ("There's no setup fee and no contract.", {"setup_fee": False, "contract": False}),
    ("We don't charge for setup, but there is a 12-month agreement.", {"setup_fee": False, "contract": True}),
    ("Zero setup fees and a free migration.", {"setup_fee": False, "free": True, "migration": True}),
    # cues
    ("No credit card required.", {"credit_card": False}),
    ("A credit card isn't required.", {"credit_card": False}),
    ("You'll need a credit card to start the trial.", {"credit_card": True, "trial": True}),
    ("You can start without a credit card.", {"credit_card": False}),
    ("The setup fee is waived for annual plans.", {"setup_fee": False}),
    ("We've waived the onboarding fee.", {"setup_fee": False}),
    ("You'll never see a cancellation fee.", {"cancellation_fee": False}),
    ("There's no need for a contract.", {"contract": False}),
    ("We do require a 12-month commitment.", {"contract": True}),
    ("Unlike other vendors we don't lock you into a contract.", {"contract": False}),
    ("No hidden fees, ever.", {"hidden_fees": False}),
    ("We'll never charge overages.", {"overage": False}),
    ("There's no way to export your data.", {"data_export": False}),
    ("You can export your data anytime as CSV.", {"data_export": True}),
    ("We don't have an open API yet.", {"api_access": False}),
    ("Our API is available on all plans.", {"api_access": True}),
    # phrases with their own polarity
    ("It's month-to-month, cancel anytime.", {"contract": False, "cancel_anytime": True}),
    ("It's not month-to-month, it's an annual commitment.", {"contract": True}),
    ("You can't cancel until the term is up.", {"cancel_anytime": False}),
    ("Nothing to sign, pay as you go.", {"contract": False}),
    ("No strings attached.", {"contract": False}),
    ("Your price is locked for two years.", {"price_increase": False}),
    ("We won't raise your price at renewal.", {"price_increase": False}),
    ("Prices may go up at renewal.", {"price_increase": True}),
    ("All sales are final and non-refundable.", {"refund": False}),
    ("30-day money-back guarantee.", {"refund": True}),
    ("Onboarding is free.", {"setup_fee": False, "free": True}),
    ("Free white-glove onboarding for every customer.", {"setup_fee": False, "free": True}),
    ("There is no charge for the setup.", {"free": True, "setup_fee": False}),
    ("It comes at no additional cost.", {"free": True, "extra_cost": False}),
    ("There are some additional fees for premium support.", {"extra_cost": True}),
    ("It's not free, it's a paid add-on.", {"free": False, "extra_cost": True}),
    # interjections and non-cues
    ("No, we do have a small setup fee.", {"setup_fee": True}),
    ("No worries, there's a setup fee of 500.", {"setup_fee": True}),
    ("If you don't love it you get a full refund.", {"refund": True}),
    # lists
    ("No setup or cancellation fees.", {"setup_fee": False, "cancellation_fee": False}),
    ("No setup, onboarding, or cancellation fees.", {"setup_fee": False, "cancellation_fee": False}),
    (
        "No contracts, credit card or setup fees.",
        {"contract": False, "credit_card": False, "setup_fee": False},
    ),
    (
        "No setup fees, no contracts, no credit card, cancel anytime.",
        {"setup_fee": False, "contract": False, "credit_card": False, "cancel_anytime": True},
    ),
    ("There's no setup fee and you get a dedicated CSM.", {"setup_fee": False, "dedicated_manager": True}),
    (
        "We don't require a contract and there's a free trial.",
        {"contract": False, "free": True, "trial": True},
    ),
    ("You can't get that price without a contract.", {"contract": True}),
    ("We don't use your data for training.", {}),
    ("We're in agreement on that.", {}),
    ("No contracts, no credit card, no hassle.", {"contract": False, "credit_card": False}),
    # questions assert nothing
    ("Is there a setup fee?", {}),
    ("Do I need a credit card? No, you don't.", {}),
    # trial / free
    ("Free 14-day trial, no credit card required.", {"free": True, "trial": True, "credit_card": False}),
    ("There's no free trial, but we can do a pilot.", {"free": False, "trial": True}),
    ("We don't offer a trial.", {"trial": False}),
    # compliance and roadmap
    ("We're SOC 2 Type II certified but not HIPAA compliant yet.", {"soc2": True, "hipaa": False}),
    ("HIPAA is on the roadmap for next year.", {"hipaa": False}),
    ("We're working towards SOC 2.", {"soc2": False}),
    ("We'll sign a BAA.", {"hipaa": True}),
    ("Fully GDPR compliant.", {"gdpr": True}),
    ("SSO via SAML is included.", {"sso": True}),
    ("SSO isn't available on Starter.", {"sso": False}),
    # services
    ("You get a dedicated account manager.", {"dedicated_manager": True}),
    ("There's no dedicated CSM on that plan.", {"dedicated_manager": False}),
    ("Phone support is included.", {"phone_support": True}),
    ("We'll migrate everything for free.", {"migration": True, "free": True}),
    ("Training is not included.", {"training": False}),
    ("It auto-renews every year.", {"auto_renewal": True}),
    ("There's a five-seat minimum.", {"minimum_seats": True}),
    ("There's a minimum of 5 seats.", {"minimum_seats": True}),
    ("You'd pay upfront for the year.", {"upfront_payment": True}),
    ("Nothing upfront.", {"upfront_payment": False}),
    ("There's a 10% discount for annual prepay.", {"discount": True, "upfront_payment": True}),
    ("We don't do discounts.", {"discount": False}),
    ("$0 setup fee when you start your trial by May 31.", {"setup_fee": False, "trial": True}),
    ("You'd just give us thirty days' notice and that's it.", {"cancel_anytime": False}),
    ("Agreements run for 12 months, then continue month to month.", {"contract": True}),
    ("Annual plans can be cancelled anytime too.", {"cancel_anytime": True, "contract": False}),
    ("If it's not for you, switch it off yourself, no phone call, no penalty.", {"cancellation_fee": False}),
    ("We pay the penalty and the interest if it's our error.", {}),
    ("There's a $49 monthly minimum.", {"minimum_seats": True}),
    ("Six cents per shipment and there's no minimum.", {"minimum_seats": False}),
    ("Thirty days free, and you don't have to put a card down.", {"credit_card": False}),
    # look-alikes that are not offer terms
    ("He's been doing our IT on contract for a few years.", {}),
    ("A server had a dead Tuesday and didn't make minimum.", {}),
    ("The data processing agreement covers GDPR.", {"gdpr": True}),
    ("Our commitment to security is strong.", {}),
    ("We accept credit cards and ACH.", {}),
    ("Feel free to reach out.", {}),
    ("Are you free on Thursday?", {}),
    ("Can you see my screen?", {}),
    ("Curly apostrophes: we don\u2019t charge a setup fee.", {"setup_fee": False}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_polarity_terms(text, expected):
    assert polarity_terms(text) == expected


def test_every_term_is_documented():
    seen: set[str] = set()
    for _text, expected in CASES:
        seen.update(expected)
    assert seen <= set(TERMS)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ({"setup_fee": False, "contract": False}, {"setup_fee": True, "contract": False}, ["setup_fee"]),
        ({"contract": False}, {"contract": True, "trial": True}, ["contract"]),
        ({"free": True}, {"trial": True}, []),
        ({}, {"refund": True}, []),
        ({"a": True, "b": False}, {"a": False, "b": True}, ["a", "b"]),
    ],
)
def test_polarity_conflicts(a, b, expected):
    assert polarity_conflicts(a, b) == expected


def test_rep_vs_asset_example():
    asset = polarity_terms("No contract. Cancel anytime.")
    rep = polarity_terms("You'd sign an annual agreement with us.")
    assert polarity_conflicts(asset, rep) == ["contract"]
