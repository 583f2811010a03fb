"""Speaker roles: the user's --rep, then the file, then inference (pure logic, no models)."""

from __future__ import annotations

from msgcheck.extract.roles import assign_roles, infer_reps
from msgcheck.types import Transcript, Utterance


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


def test_unknown_cli_rep_falls_back_to_inference():
    t = assign_roles(_call(SALES_CALL), reps=["Nobody"])
    assert set(t.speakers_with("rep")) == {"Dana", "Priya"}
    assert t.role_source["Dana"] == "inferred"
