"""Offer terms in plain words, for explanations a marketing lead can check: "The rep said a credit card is
needed to start; landing.html says no credit card is needed" rather than "credit card yes / no"."""

from __future__ import annotations

# term -> (said when the term holds, said when it does not); terms not listed read "there is (no) X"
_SAID: dict[str, tuple[str, str]] = {
    "setup_fee": ("there is a setup fee", "there is no setup fee"),
    "contract": ("a contract is required", "no contract is required"),
    "credit_card": ("a credit card is needed to start", "no credit card is needed to start"),
    "cancellation_fee": ("there is a cancellation fee", "there is no cancellation fee"),
    "hidden_fees": ("there are extra fees in the fine print", "there are no hidden fees"),
    "extra_cost": ("it costs extra", "it costs nothing extra"),
    "free": ("it is free", "it is not free"),
    "trial": ("there is a trial", "there is no trial"),
    "price_increase": ("the price can go up", "the price will not go up"),
    "overage": ("there are overage charges", "there are no overage charges"),
    "refund": ("you can get a refund", "there are no refunds"),
    "discount": ("there is a discount", "there is no discount"),
    "data_export": ("you can export your data", "you cannot export your data"),
    "migration": ("they help move your data over", "there is no help moving your data over"),
    "training": ("training is included", "there is no training"),
    "api_access": ("there is API access", "there is no API access"),
    "sso": ("single sign-on is available", "there is no single sign-on"),
    "dedicated_manager": ("you get a dedicated account manager", "there is no dedicated account manager"),
    "phone_support": ("there is phone support", "there is no phone support"),
    "live_chat": ("there is live chat support", "there is no live chat support"),
    "sla": ("there is an SLA", "there is no SLA"),
    "auto_renewal": (
        "the subscription renews automatically",
        "the subscription does not renew automatically",
    ),
    "minimum_seats": ("there is a minimum number of seats", "there is no seat minimum"),
    "upfront_payment": ("you pay up front", "you do not pay up front"),
    "cancel_anytime": ("you can cancel anytime", "you cannot cancel anytime"),
    "soc2": ("they are SOC 2 compliant", "they are not SOC 2 compliant"),
    "hipaa": ("they are HIPAA compliant", "they are not HIPAA compliant"),
    "gdpr": ("they are GDPR compliant", "they are not GDPR compliant"),
    "iso27001": ("they are ISO 27001 certified", "they are not ISO 27001 certified"),
    "pci": ("they are PCI compliant", "they are not PCI compliant"),
    "mobile_app": ("there is a mobile app", "there is no mobile app"),
    "self_hosting": ("you can host it yourself", "you cannot host it yourself"),
}


def said(term: str, value: bool) -> str:
    """What asserting (True) or denying (False) an offer term says, as the end of "The rep said ..."."""
    if term in _SAID:
        return _SAID[term][0 if value else 1]
    name = term.replace("_", " ")
    return f"there is {name}" if value else f"there is no {name}"


def quoted(text: str) -> str:
    """A claim to quote at the end of a sentence: its own full stop dropped, so the sentence ends once."""
    return text.rstrip().rstrip(".")
