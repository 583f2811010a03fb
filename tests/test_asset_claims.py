"""Asset claims are statements, not page furniture (issue 12): the line rules one by one, and the extractor
measured on corpora/asset-claims (16 assets, 585 labelled sentences) with the real spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from msgcheck.extract import assetlines as lines
from msgcheck.extract.claims import ClaimExtractor
from msgcheck.ingest._html import parse_html

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "rows"),
    [("Product · Pricing · Customers · Log in", True), ("Start my free trial · Book a demo", True),
     ("Home | Treatments | Our dentists | Book online", True), ("Basic is $25 a month · Pro is $149.", False),
     ("No setup fees, no monthly minimums", False)],
)  # fmt: skip
def test_link_rows(text, rows):
    assert lines.is_link_row(text) is rows


@pytest.mark.parametrize(
    ("text", "furniture"),
    [("© 2024 Brightwave Labs.", True), ("Carriage is subject to our General Terms and Conditions.", True),
     ("This page is a summary and not a contract.", True), ("14 Park Row, Leeds LS1 5HD.", True),
     ("Veloxtel Communications, 200 Harbor Drive, San Diego, CA 92101", True),
     ("There is no minimum term; cancel with 30 days' notice.", False),
     ("Cover starts 30 days after you join.", False)],
)  # fmt: skip
def test_boilerplate(text, furniture):
    assert lines.is_boilerplate(text) is furniture


@pytest.mark.parametrize(
    ("text", "proof"),
    [("Trusted by 2,300 teams in 40 countries", True), ("Rated 4.9 out of 5 from 1,200 Google reviews", True),
     ("Read our 3,100 reviews on Google.", True), ("Unlimited projects on every paid plan", False)],
)  # fmt: skip
def test_social_proof(text, proof):
    assert lines.is_social_proof(text) is proof


def test_buttons_testimonials_and_answer_prefixes():
    assert lines.is_button("Start for free") and lines.is_button("Create a free account")
    assert not lines.is_button("Save 15% with annual billing.")
    assert lines.is_testimonial('"We cut our weekly status meeting from an hour to fifteen minutes."')
    assert lines.is_testimonial("— Priya Nair, Operations Lead, Fernhill Studio")
    assert not lines.is_testimonial("Every trial includes the full Business plan.")
    text = "No. The 30-day trial needs no card."
    assert text[lines.answer_prefix_end(text) :] == "The 30-day trial needs no card."
    assert lines.answer_prefix_end("Nobody charges less.") == 0


def test_script_cues_are_not_lines():
    text = (
        "TIDYHOME CLEANING - RADIO SPOT, 60 SECONDS [SFX: vacuum hum] WOMAN Another Saturday spent scrubbing. "
        "ANNOUNCER Our cleaners do a full home clean in about three hours. ON-SCREEN TEXT Download MedQuick "
        "VOICEOVER Available in all 50 states."
    )
    assert lines.looks_like_script(text)
    assert lines.split_script_cues(text) == [
        "Another Saturday spent scrubbing.",
        "Our cleaners do a full home clean in about three hours.",
        "Download MedQuick",
        "Available in all 50 states.",
    ]
    assert not lines.looks_like_script("Cartwise is PCI DSS Level 1 certified. SOC 2 Type II audited.")


def test_a_pricing_table_is_one_claim_per_cell_naming_its_row_and_column():
    html = (
        "<table><tr><th>Plan</th><th>Standard</th><th>Growth</th></tr>"
        "<tr><td>Chargeback fee</td><td>$15</td><td>Waived</td></tr>"
        "<tr><td>Monthly fee</td><td>$0</td><td>Custom</td></tr></table>"
    )
    cells = [(b.kind, b.text) for b in parse_html(html)]
    assert cells == [
        ("table_cell", "Chargeback fee on Standard: $15"), ("table_cell", "Chargeback fee on Growth: Waived"),
        ("table_cell", "Monthly fee on Standard: $0"), ("table_cell", "Monthly fee on Growth: Custom"),
    ]  # fmt: skip
    # an email laid out in a table is read as paragraphs, not as cells
    email = "<table><tr><td><h1>Your trial ends Friday</h1><p>You have 3 days left.</p></td></tr></table>"
    assert [b.text for b in parse_html(email)] == ["Your trial ends Friday", "You have 3 days left."]


@pytest.mark.slow
def test_asset_claim_extraction_on_the_labelled_sample():
    """Measured 0.965 precision / 0.965 recall (was 0.837 / 0.782); the targets are 0.95 / 0.90."""
    from msgcheck.eval.asset_claims import score_asset_claims

    s = score_asset_claims(ROOT / "corpora" / "asset-claims", ClaimExtractor())
    assert s.precision >= 0.955, s.summary()["false_positive_sentences"]
    assert s.recall >= 0.95, s.summary()["false_negative_sentences"]
