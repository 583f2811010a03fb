"""Speaker roles: the user's --rep, then the file, then inference (pure logic, no models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from msgcheck.eval.roles import demo_vocabulary, score_roles
from msgcheck.extract import rolecues as cues
from msgcheck.extract.roles import RoleError, assign_roles, infer_reps, unmatched_names
from msgcheck.types import Transcript, Utterance

ROLE_SET = Path(__file__).resolve().parent.parent / "corpora" / "roles"


def _call(lines: list[tuple[str, str]], roles: dict | None = None) -> Transcript:
    t = Transcript(path="x.txt", name="x.txt", format="txt")
    t.utterances = [Utterance(index=i, speaker=s, text=text) for i, (s, text) in enumerate(lines)]
    t.roles = dict(roles or {})
    return t


SALES_CALL = [
    ("Dana", "Hi Marco, thanks for making time. I'm Dana from Routewise."),
    ("Marco", "Sure. We're currently using spreadsheets and it's a mess, honestly."),
    ("Dana", "Got it. Our platform handles dispatch, and you'll get a 30-day trial with no setup fee."),
    ("Marco", "How much does it cost per tech?"),
    (
        "Dana",
        "It's $39 a month per technician. Let me show you the board. I'm going to bring in Priya for the integration part.",
    ),
    (
        "Priya",
        "Hi Marco. We integrate with the common accounting tools, and our onboarding team will set that up.",
    ),
    ("Marco", "Does it sync invoices both ways?"),
    ("Priya", "Yes, it comes with two-way invoice sync. You get that on every plan."),
]


def test_infers_the_seller_and_the_colleague_handed_over_to():
    assert infer_reps(_call(SALES_CALL)) == ["Dana", "Priya"]


def test_cli_reps_override_file_roles():
    t = assign_roles(_call(SALES_CALL, {"Marco": "rep"}), reps=["dana"])
    assert t.speakers_with("rep") == ["Dana"]
    assert t.role_source["Marco"] == "cli"


def test_file_roles_are_used_when_present():
    t = assign_roles(_call(SALES_CALL, {"Dana": "rep", "Marco": "prospect"}))
    assert t.roles == {"Dana": "rep", "Marco": "prospect", "Priya": "prospect"}
    assert t.role_source == {"Dana": "file", "Marco": "file", "Priya": "inferred"}


def test_a_cli_rep_naming_nobody_in_the_call_is_an_error_listing_the_speakers():
    with pytest.raises(RoleError) as exc:
        assign_roles(_call(SALES_CALL), reps=["Bob Nobody"])
    assert "Bob Nobody" in str(exc.value) and "Dana, Marco, Priya" in str(exc.value)
    assert unmatched_names(["dana", "Bob Nobody"], ["Dana", "Marco"]) == ["Bob Nobody"]


# The case: the rep greets with "<Name> from <Company>" and asks questions; the prospect says "our team"
# and describes their own setup. Nothing here is a bracketed title.
GREETING_CALL = [
    ("Sam Reyes", "Hi, thanks for taking the call. Our team has been looking at options for a while."),
    ("Jo Park", "Great to meet you, Jo Park from Routewick. How many trucks are you running today?"),
    ("Sam Reyes", "About forty. Our team handles dispatch in spreadsheets and our team hates it."),
    ("Jo Park", "Got it. And how do you schedule the techs right now?"),
    ("Sam Reyes", "On a whiteboard. What does it cost?"),
    ("Jo Park", "Forty-nine a month per technician, with a 30-day free trial."),
]


def test_a_self_introduction_from_the_campaigns_company_makes_a_confident_rep():
    t = assign_roles(_call(GREETING_CALL), vocab_words={"routewick", "dispatch", "trial"})
    assert t.roles == {"Sam Reyes": "prospect", "Jo Park": "rep"}
    assert t.role_confidence["Jo Park"] >= 0.9
    assert any("Routewick" in e and "campaign's company" in e for e in t.role_evidence["Jo Park"])
    assert t.roles_uncertain == ""


def test_our_team_alone_is_not_buyer_language():
    assert not cues.BUYER_LANGUAGE.search("our team will set that up for you")
    assert cues.BUYER_LANGUAGE.search("we use spreadsheets today")


def test_an_introduction_from_another_company_makes_a_prospect():
    lines = [
        ("Farah", "Hi, it's Farah Nasser from Summit Pediatrics, about our renewal."),
        ("Lauren", "Thanks for calling back. I handle accounts here at Medibook."),
    ]
    t = assign_roles(_call(lines), vocab_words={"medibook", "scheduling"})
    assert t.roles == {"Farah": "prospect", "Lauren": "rep"}
    assert any("not the campaign's company" in e for e in t.role_evidence["Farah"])


def test_a_call_with_no_introduction_and_little_to_go_on_is_flagged_uncertain():
    lines = [("Ann", "Hi, can you hear me?"), ("Bo", "Yes. Shall we start?"), ("Ann", "Sure, go ahead.")]
    t = assign_roles(_call(lines))
    assert t.role_source == {"Ann": "inferred", "Bo": "inferred"}
    assert "guessed" in t.roles_uncertain and "--rep" in t.roles_uncertain
    assert all(0.0 <= c < 0.8 for c in t.role_confidence.values())


def test_file_and_cli_roles_are_certain():
    t = assign_roles(_call(SALES_CALL), reps=["Dana"])
    assert t.roles_uncertain == "" and t.role_confidence["Dana"] == 1.0


def test_role_accuracy_on_the_labelled_set():
    """corpora/roles: 54 calls, 139 speakers (benchmarks/roles.py prints the mistakes). Issue 12's target is 97%
    with the campaign's company known; language alone is guarded a little lower."""
    with_company = score_roles(ROLE_SET, demo_vocabulary())
    assert with_company.speakers == 139
    assert with_company.accuracy >= 0.97, with_company.errors
    language_only = score_roles(ROLE_SET, with_company=False)
    assert language_only.accuracy >= 0.95, language_only.errors


@pytest.mark.parametrize(
    "company, ours",
    [
        ("Fernhill Bookkeeping", True),  # the assets say "Fernhill": the rep's own company, said in full
        ("Fernhill", True),
        ("Brightline Bookkeeping", False),  # the name word is not the campaign's, only the trade
        ("Greenway Logistics", False),
    ],
)
def test_a_company_named_in_full_is_the_campaigns_when_its_name_word_is(company, ours):
    from msgcheck.extract.roles import is_campaign_company

    assert is_campaign_company(company, {"fernhill", "payroll", "bookkeeping"}) is ours
