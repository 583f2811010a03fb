"""Claim extraction with the real spaCy pipeline: what counts as a promise or an offer statement."""

from __future__ import annotations

import pytest

from msgcheck.extract.claims import CampaignVocab, ClaimExtractor, asserts_offer, is_question
from msgcheck.ingest import parse_asset
from msgcheck.types import Block, Document, Transcript, Utterance


@pytest.fixture(scope="module")
def extractor(checker):
    return checker.extractor


def test_asset_claims_keep_promises_and_drop_questions_and_buttons(extractor: ClaimExtractor):
    doc = Document(
        path="faq.md",
        name="faq.md",
        format="md",
        blocks=[
            Block("Is there a setup fee?", "headline"),
            Block("No. Setup is free on every plan, and onboarding takes 10 business days."),
            Block("Book a demo", "cta"),
            Block("We love our customers."),
        ],
    )
    texts = [c.text for c in extractor.asset_claims([doc])]
    assert "Is there a setup fee?" not in texts
    assert "Book a demo" not in texts
    assert any("10 business days" in t for t in texts)


def _transcript(lines: list[tuple[str, str]], roles: dict[str, str]) -> Transcript:
    """A call from (speaker, text) lines, with the speakers' roles stated."""
    t = Transcript(path="c.txt", name="c.txt", format="txt")
    t.utterances = [Utterance(index=i, speaker=s, text=x) for i, (s, x) in enumerate(lines)]
    t.roles = roles
    return t


def test_rep_claims_skip_questions_chatter_competitors_and_prospects(extractor: ClaimExtractor):
    lines = [
        ("Ana", "How many users do you have today?"),
        ("Ana", "Can you see my screen?"),
        ("Ana", "PayDeck is at eight dollars a head, they're cheaper than us."),
        ("Ana", "You mentioned you pay $500 a month now."),
        ("Ana", "Our plan is $12 per user per month, billed annually."),
        ("Bo", "We pay about $500 a month for the old tool."),
    ]
    t = _transcript(lines, {"Ana": "rep", "Bo": "prospect"})
    claims = extractor.rep_claims(t)
    assert [c.text for c in claims] == ["Our plan is $12 per user per month, billed annually."]
    assert claims[0].slot == "price" and claims[0].quantities[0].value == 12.0


def test_the_seller_acting_on_the_prospect_s_current_setup_is_an_offer(extractor: ClaimExtractor):
    lines = [
        ("Ana", "We migrate both of your current providers for free, and you're live inside of two weeks."),
        ("Ana", "Your current provider charges you 2.9% on every swipe."),  # reflecting the prospect's setup
    ]
    t = _transcript(lines, {"Ana": "rep"})
    assert [c.text for c in extractor.rep_claims(t)] == [lines[0][1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We're SOC 2 Type Two audited every year.", True),  # a certification, several words in
        ("Brigadely posts the payroll journal entries straight into Ledgerly after every run.", True),
        ("Essentials covers the IT side really well.", False),  # a plan's name: no data moved anywhere
        ("Then Sam sends you the recap.", False),
        ("We're really glad you called.", False),
    ],
)
def test_asserts_offer(text, expected):
    assert asserts_offer(text) is expected


def test_a_several_word_name_the_assets_use_is_not_a_competitor(extractor: ClaimExtractor):
    vocab = CampaignVocab({"canada", "post", "ups", "carriers", "including"})
    lines = [
        (
            "Ana",
            "It is, Canada Post is one of our carriers, and we also calculate duties on international orders.",
        ),
        ("Ana", "Royal Mail is cheaper on paper, but they charge for tracking."),
    ]
    t = _transcript(lines, {"Ana": "rep"})
    assert [c.text for c in extractor.rep_claims(t, vocab)] == [lines[0][1]]


def test_their_in_a_clause_about_our_own_customers_is_not_a_competitor(extractor: ClaimExtractor):
    lines = [
        ("Ana", "Honestly, most of our warehouse clients are cutting their bill in half, fifty percent."),
        ("Ana", "Our customers tell me they charge a setup fee of two hundred dollars."),  # reported: theirs
        ("Ana", "They charge eight dollars a head over there."),
    ]
    t = _transcript(lines, {"Ana": "rep"})
    texts = [c.text for c in extractor.rep_claims(t)]
    assert texts == ["Honestly, most of our warehouse clients are cutting their bill in half, fifty percent."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Is it free?", True), ("Does that include SSO", True), ("It includes SSO.", False), ("Great.", False)],
)
def test_is_question(text, expected):
    assert is_question(text) is expected


def test_a_sentence_leaning_on_the_one_before_reads_its_amount_in_that_light(extractor: ClaimExtractor):
    """ "So there's no setup fee. Normally it's six hundred": a bare "six hundred" is no amount on its own,
    but after a sentence about the fee it is the fee's $600; the same words after small talk say nothing."""
    lines = [
        ("Ana", "So with us there's no setup fee this spring. Normally it's six hundred, and we waive it."),
        ("Ana", "We had a great season. Normally it's six hundred, give or take, on the boat."),
    ]
    t = _transcript(lines, {"Ana": "rep"})
    leaning = [c for c in extractor.rep_claims(t) if c.text.startswith("Normally")]
    fee = [(q.kind, q.value) for q in leaning[0].quantities]
    assert fee == [("money", 600.0)] and leaning[0].refers_to
    assert all(not c.quantities for c in leaning[1:])


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("Perfect, that's one of the two we sync with.", True),
        ("Normally it's six hundred.", True),
        ("Honestly, that's on Pro only.", True),
        ("It kicks in after year three.", True),
        ("Our plan is $12 per user per month.", False),
        ("Perfect timing, we just shipped the Xero sync.", False),
    ],
)
def test_a_sentence_that_leans_on_what_came_before(text, leans):
    """An interjection or a stance adverb may come before the "that"/"it" a sentence leans on."""
    from msgcheck.extract.claims import ANAPHORA

    assert bool(ANAPHORA.match(text)) is leans


def test_rep_claims_handed_over_batch_by_batch_are_the_claims_read_at_once(checker, demo_calls):
    """``each`` gets every claim once, in order, as spaCy reads each small batch; the claims are the same."""
    from msgcheck.extract.roles import assign_roles
    from msgcheck.ingest import load_transcript

    extractor = ClaimExtractor(nlp=checker.extractor.nlp, stream_batch=3)
    t = load_transcript(demo_calls[0])
    assign_roles(t)
    handed: list[list] = []
    claims = extractor.rep_claims(t, each=handed.append)
    assert len(handed) > 2 and all(handed)
    assert [c for part in handed for c in part] == claims
    assert claims == extractor.rep_claims(t)


def test_a_denial_of_something_the_assets_name_is_a_claim(extractor: ClaimExtractor):
    """ "We don't have a Tallybook connection right now" holds no number, offer term or offer verb, but it takes
    back the assets' "sync with Tallybook": it is judged. A denial of anything the assets never name is chat."""
    vocab = CampaignVocab({"accounting", "sync", "with", "tallybook", "clinic"})
    lines = [
        ("Ana", "So we don't have a Tallybook connection right now, you'd still enter the totals yourself."),
        ("Ana", "We don't have a Gatewise connection either, honestly."),  # a name the assets never use
        ("Ana", "I don't have the deck open, sorry."),
    ]
    t = _transcript(lines, {"Ana": "rep"})
    assert [c.text for c in extractor.rep_claims(t, vocab)] == [lines[0][1]]


def test_a_loaded_table_cell_keeps_its_bare_cell_so_a_vague_one_is_no_claim(extractor: ClaimExtractor):
    """Loading (limits, safe text, headline markers) keeps each table cell's bare text: "Custom" says nothing
    checkable and is no claim, "$15" on its row and column is one."""
    html = (
        "<table><tr><th>Plan</th><th>Standard</th><th>Growth</th></tr>"
        "<tr><td>Chargeback fee</td><td>$15</td><td>Custom</td></tr></table>"
    )
    doc = parse_asset("pricing.html", html.encode())
    assert [(b.text, b.cell) for b in doc.blocks] == [
        ("Chargeback fee on Standard: $15", "$15"),
        ("Chargeback fee on Growth: Custom", "Custom"),
    ]
    assert [c.text for c in extractor.asset_claims([doc])] == ["Chargeback fee on Standard: $15"]


def test_a_price_sheet_csv_states_each_value_on_its_plan(extractor: ClaimExtractor):
    """A CSV that is not an ad export is a table (msgcheck.ingest._csv): its claims name the row and the plan,
    and a vague cell ("Contact sales") is none."""
    sheet = (
        "program,item,description\nRestaurant Program,Price,$189 per location per month\n"
        "Restaurant Program,Setup,No setup fee\nEnterprise Program,Price,Contact sales\n"
    )
    claims = extractor.asset_claims([parse_asset("price-sheet.csv", sheet.encode())])
    assert [c.text for c in claims] == [
        "Price on Restaurant Program: $189 per location per month",
        "Setup on Restaurant Program: No setup fee",
    ]
    [price] = claims[0].quantities
    assert (price.value, price.per, price.period) == (189.0, "location", "month")
