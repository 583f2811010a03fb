"""Claim-worthiness: the shipped classifier tells product claims from talk (real models)."""

from __future__ import annotations

from msgcheck.extract.worthy import ClaimWorthiness


def test_claim_worthiness_tells_product_claims_from_talk(checker):
    model = ClaimWorthiness()
    claims = [
        "Typeform and Gravity Forms both push leads straight in, natively.",
        "Every crew member is background-checked before they ever set foot in a house.",
        "We snapshot the practice-management server every hour.",
    ]
    talk = [
        "Can you see my screen okay?",
        "Great, thanks for making the time today.",
        "So tell me a bit about how you run the front desk.",
    ]
    worthy = model.worthy(checker.embedder.embed_batch(claims + talk))
    assert list(worthy) == [True] * 3 + [False] * 3
    assert 0.0 < model.threshold < 1.0  # read from the artifact, not a constant
