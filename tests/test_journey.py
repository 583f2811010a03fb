"""Account journeys (msgcheck.journey): accounts and dates, promises carried forward, objections, follow-ups.

Pure rules are tested table-driven on their own; the journey end to end uses the real bundled models on the
demo account Brightwater Plumbing (corpora/demo: call-01 plus corpora/demo/journeys)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msgcheck.cli.main import app
from msgcheck.extract.roles import assign_roles
from msgcheck.ingest import parse_transcript
from msgcheck.journey.accounts import CallInfo, infer_accounts, order_calls
from msgcheck.journey.build import JourneyBuilder
from msgcheck.journey.followups import find_commitments, track_followups
from msgcheck.journey.judged import JudgedConfig, JudgedPromises
from msgcheck.journey.meta import read_meta
from msgcheck.journey.promises import conflicts, inconsistencies, proper_names
from msgcheck.journey.text import Sentence, sentences, stem
from msgcheck.kinds import FINDING_KINDS
from msgcheck.types import Block, Document

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpora" / "demo"
runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "data", "account", "date"),
    [
        (
            "a.json",
            b'{"account": "Acme Co", "date": "2026-03-14", "utterances": []}',
            "Acme Co",
            "2026-03-14",
        ),
        (
            "g.json",
            b'{"metaData": {"started": "2026-04-28T15:00:00Z", "title": "Bayview - Deep dive"}}',
            "Bayview",
            "2026-04-28",
        ),
        ("c.txt", b"# account: Wexler Freight; date: 2026-03-14\nA: hi", "Wexler Freight", "2026-03-14"),
        (
            "c.txt",
            b"# account: Marston Parcel Co.; date: 2026-03-14\nA: hi",
            "Marston Parcel Co.",
            "2026-03-14",
        ),
        ("c.txt", b"# account: Wexler Freight.; date: 2026-03-14\nA: hi", "Wexler Freight", "2026-03-14"),
        ("c.vtt", b"WEBVTT\n\nNOTE account: Wexler; date: 2026-05-01\n", "Wexler", "2026-05-01"),
        ("review-2026-03-19.txt", b"A: hi\nB: hello", None, "2026-03-19"),
        ("call-20260319.txt", b"A: hi\nB: hello", None, "2026-03-19"),
        (
            "c.txt",
            b"# Customer: Wexler Freight | Date: March 14, 2026\nA: hi",
            "Wexler Freight",
            "2026-03-14",
        ),
        ("c.txt", b"# account: Wexler; date: 14/03/2026\nA: hi", "Wexler", "2026-03-14"),
        ("c.json", b'{"company": "Acme", "call_date": "3 June 2026"}', "Acme", "2026-06-03"),
        ("rec-5530.zoom.vtt", b"WEBVTT\n\n", None, None),
        ("plain.txt", b"A: hi\nB: hello", None, None),
    ],
)
def test_account_and_date_are_read_from_the_file(name, data, account, date):
    meta = read_meta(name, data)
    assert (meta.account, meta.date) == (account, date)


def _call(
    name: str, text: str, reps: list[str], date: str | None = None, account: str | None = None
) -> CallInfo:
    from msgcheck.journey.meta import CallMeta

    t = parse_transcript(name, text.encode())
    t.roles = {s: ("rep" if s in reps else "prospect") for s in t.speakers}
    return CallInfo(name, t, CallMeta(account, date, "file" if account else "", "file" if date else ""))


def test_accounts_follow_shared_prospects_and_undated_calls_find_their_place():
    first = _call("x.txt", "Kayla Brooks: Hi, is this Ray Oxley?\nRay Oxley: Speaking.", ["Kayla Brooks"])
    demo = _call(
        "y.txt",
        "Derek Olsen: Kayla mentioned a case study.\nRay Oxley: Never saw it.",
        ["Derek Olsen"],
        "2026-04-16",
        "Oxley Grocery",
    )
    later = _call("z.txt", "Hector Ruiz: Derek told you the same crew.\nRay Oxley: He did.", ["Hector Ruiz"])
    other = _call("w.txt", "Ann Lee: Hello Bo Chen.\nBo Chen: Hi.", ["Ann Lee"])
    calls = [later, other, demo, first]
    infer_accounts(calls)
    assert {c.meta.account for c in (first, demo, later)} == {"Oxley Grocery"}
    assert first.meta.account_source == "inferred" and other.meta.account == "Bo Chen's account"
    assert [c.name for c in order_calls([later, demo, first])] == ["x.txt", "y.txt", "z.txt"]


def test_short_labels_and_named_prospects_link_calls_and_generic_labels_do_not():
    stated = _call(
        "a.txt",
        "Kayla Brooks: Hi Ray.\nRay Oxley: Hi.\nTamsin Lee: Hello.",
        ["Kayla Brooks"],
        "2026-04-01",
        "Oxley",
    )
    short = _call("b.txt", "Hector Ruiz: Morning.\nRay: Morning, Hector.", ["Hector Ruiz"])
    named = _call("c.txt", "Nina Ferraro: Tamsin Lee asked me to call.\nAnita Shah: Yes.", ["Nina Ferraro"])
    one = _call("d.txt", "Ann Lee: Hello.\nSpeaker 2: Hi.", ["Ann Lee"], "2026-04-02", "Carver Dental")
    two = _call("e.txt", "Bo Chen: Hello.\nSpeaker 2: Hi.", ["Bo Chen"])
    infer_accounts([stated, short, named, one, two])
    assert short.meta.account == named.meta.account == "Oxley"
    assert two.meta.account == "Speaker 2's account"


def test_an_undated_call_follows_the_promise_it_asks_about_and_its_step_of_the_deal():
    first = _call(
        "a.txt",
        "Kayla Brooks: Morning Ray. I'll send the rooftop case study by Friday.\nRay Oxley: Sure.",
        ["Kayla Brooks"],
    )
    demo = _call(
        "b.txt",
        "Ann Lee: Did you get a chance to read the rooftop case study?\nRay Oxley: Never got it.",
        ["Ann Lee"],
        "2026-04-16",
    )
    kickoff = _call(
        "c.txt", "Nina Ferraro: Welcome aboard, this is your kickoff.\nRay Oxley: Hi.", ["Nina Ferraro"]
    )
    pricing = _call("pricing.txt", "Bo Chen: Morning.\nRay Oxley: Morning.", ["Bo Chen"])
    review = _call("site-review.txt", "Sam Hill: Morning.\nRay Oxley: Morning.", ["Sam Hill"])
    got = order_calls([kickoff, pricing, demo, review, first])
    assert [c.name for c in got] == ["a.txt", "b.txt", "site-review.txt", "pricing.txt", "c.txt"]
    assert "promises" in first.order_note


@pytest.mark.parametrize(
    ("later", "earlier", "changed"),
    [
        ("we reset rates each term, and I can't lock a rate for three years.", "I can lock your rate for three years, so you're not looking at increases.", True),
        ("A dedicated number for each office is an add-on, twenty dollars a month.", "Each office gets its own number, included in the plan.", True),
        ("Realistically you're live in early July.", "You'd be live around June twelfth.", True),
        ("Thirty-one units comes to four thousand six hundred nineteen a month.", "Thirty-one units at one forty-nine, that's fifty-five thousand four hundred twenty-eight dollars a year.", False),
        ("No, the BAA is on every plan, Starter included, at no extra cost.", "The BAA's included, it's a standard addendum on the Practice plan.", False),
        ("Yes, the training modules are an add-on, six dollars per user per month.", "I'll include the training modules for all twenty-two of you, no cost.", True),
        ("When we rebalance stock there's a transfer fee, four dollars a pallet.", "We put your stock in Reno and Joliet both, and there's no charge for the stock split.", True),
        ("For the pilot we'd scope it to the Hartford office only, it's simpler.", "The pilot would cover both offices, Hartford and Stamford.", True),
        ("It will be whoever is on shift, a rotating bench of analysts.", "You'd get a named analyst, same person every time.", True),
        ("You'd export your catalog into our template and upload it yourselves.", "Our team does the whole catalog import for you.", True),
        ("Those laptops are covered the same way, the agent does not care where the laptop is.", "There's an agent on every laptop.", False),
        ("Now, the setup fee.", "If you sign by June thirtieth, the setup fee is waived.", False),
        ("Yes, panels twenty-five years, and the workmanship is five years when you buy.", "It's twenty-five years on the panels and ten years on the workmanship.", True),
        ("The rate is eight point nine cents to start, and there's a small escalator, one and a half percent a year.", "You pay eight point nine cents, flat, locked for twenty years, no escalator.", True),
        ("The earliest realistic slot would be the second half of January.", "If we get paper signed by October twentieth, I can put you on the November install calendar.", True),
        ("The thirty-five was always tied to a twenty-four month term.", "I can do thirty-five per user if you sign by the end of May.", True),
        ("To be straight with you, we don't actually integrate with Corvane.", "Our monitoring feeds straight into Corvane.", True),
        ("The Corvane connector is on the roadmap for next year.", "Our monitoring feeds straight into Corvane.", True),
        ("It doesn't: it's twelve months to start, then cancel any time on thirty days' notice.", "The agreement is twelve months to start, then cancel any time with thirty days' notice.", False),
        ("The earliest kickoff slot we've got is October nineteenth.", "Timing-wise, we could start you on October first, no problem.", True),
        ("The seasonal pause needs sign-off from our finance team, case by case, it's not automatic.", "We do a seasonal pause, you park the winter trucks and don't pay for them.", True),
        ("Support's through the main line, we don't assign a named rep under fifty trucks.", "You'd get a dedicated account manager, me, direct line.", True),
        ("So geofencing, that's only on the Pro tier.", "There are geofence alerts when a truck leaves a job site, you get that on any plan.", True),
        ("QuickBooks we don't connect to yet, you'd export a CSV.", "So we integrate natively with QuickBooks, it syncs every night.", True),
        ("QuickBooks, we don't charge anything extra for that sync.", "So we integrate natively with QuickBooks, it syncs every night.", False),
    ],
)  # fmt: skip
def test_a_later_rep_taking_back_an_earlier_promise_conflicts(later, earlier, changed):
    names = proper_names([later, earlier, "on the Practice plan, Starter included", "straight into Corvane"])
    assert bool(conflicts(later, earlier, names)) is changed


def _said(call: str, index: int, text: str) -> Sentence:
    return Sentence(call=call, speaker="Rep " + call, text=text, index=index, start=None, context=text)


@pytest.mark.parametrize(
    ("later", "earlier"),
    [
        ("So, to be straight with you, we don't actually integrate with Corvane.", "So good news there, our monitoring feeds straight into Corvane, you'd see solar production right next to your loads on the same screen."),
        ("The earliest realistic slot would be the second half of January.", "Timing-wise, if we get paper signed by October twentieth, I can put you on the November install calendar."),
        ("Now the catalog, you'd export your SKU list into our template and upload it yourselves.", "Honestly that's the easy part, our team does the whole catalog import for you, you don't lift a finger."),
        ("Yeah so, the most I can do on the intro is fifteen percent off the first month.", "I can get you the first two months at half off if you guys move forward in September."),
        ("So, support's through the main line, we don't assign a named rep under fifty trucks.", "And you'd get a dedicated account manager, me, direct line, you don't go into a queue."),
        ("Custom modules, we do build those, but it's a paid add-on, we quote it separately.", "And on the surveyor piece, Noor, our specialist, can build you a custom module on your med-pass policy, that's included."),
    ],
)  # fmt: skip
def test_a_promise_taken_back_in_other_words_is_compared_and_flagged(checker, later, earlier):
    """Few shared words, but one named product, schedule, discount or dedicated person, one piece of work moving
    to the prospect, or what was included now charged for."""
    found = inconsistencies([_said("b.txt", 5, later)], [_said("a.txt", 3, earlier)], checker.embedder)
    assert [f.asset["text"] for f in found] == [earlier]


@pytest.fixture(scope="module")
def judged(checker) -> JudgedPromises:
    """The call judge's reading of promises, loaded once for this module's tests and its journeys."""
    return JudgedPromises(checker.embedder)


def _two_calls(earlier: str, later: str):
    """An AE's call with one promise, and the implementation lead's later call on the account."""
    first = parse_transcript(
        "call-1.txt",
        f"[00:00:01] Maya Lin (Account Executive): {earlier}\n"
        "[00:00:09] Ron Bell (Controller): Good, that is what I wanted to hear.\n".encode(),
    )
    second = parse_transcript(
        "call-2.txt",
        "[00:00:01] Sam Ortiz (Implementation Lead): Hi Ron, Sam here, I am running your rollout.\n"
        "[00:00:05] Ron Bell (Controller): Hi Sam.\n"
        f"[00:00:08] Sam Ortiz (Implementation Lead): {later}\n".encode(),
    )
    assign_roles(first, ["Maya Lin"])
    assign_roles(second, ["Sam Ortiz"])
    return first, second


@pytest.mark.parametrize(
    ("earlier", "later", "changed"),
    [
        ("And it's month to month, you can cancel whenever you like, no contract.", "Now, we do ask for a twelve-month commitment on the Plus plan, that covers the benefits setup.", True),
        ("Support is live around the clock, so your late-night closes are covered.", "So support's really a business-hours thing, for the late-night stuff you'd leave a message and we call you back in the morning.", True),
        ("Early Pay is in Core, it's switched on from day one.", "Early Pay we usually switch on after you've run a couple of regular payrolls with us.", True),
        ("And it's month to month, you can cancel whenever you like, no contract.", "And just so you have it from me too, there's no contract, you can leave any month you want.", False),
    ],
)  # fmt: skip
def test_the_call_judge_reads_promises_changed_in_words_the_rules_do_not_know(
    checker, judged, earlier, later, changed
):
    """A later rep who takes a promise back in other words than the rules list; the evidence is the earlier
    sentence. The rules miss the three changes (shapes of journey writers they were not written from), and the
    judge lets a restatement in other words stand."""
    first, second = _two_calls(earlier, later)
    refs = sentences(first, "rep")
    found = judged.findings(second, [first], refs)
    assert [f.asset["text"] for f in found] == ([earlier] if changed else [])
    assert all(f.kind == "inconsistent" and f.asset["call"] == "call-1.txt" for f in found)
    assert all(f'Maya Lin said "{earlier}" (at 0:01).' in f.explanation for f in found)
    assert not inconsistencies(sentences(second, "rep"), refs, checker.embedder)


@pytest.mark.parametrize(
    ("earlier", "later", "changed"),
    [
        ("Support's live by phone from eight in the morning to eight at night, seven days.", "And the go-live guarantee, the twenty-one-day one, that kicks in as long as Tasha gets us your data in the first week.", False),
        ("No, it's month to month, no term, you can leave whenever.", "Now one thing, on the rate, we do ask for a twelve-month commitment to lock in that rate, that's kind of standard now.", True),
    ],
)  # fmt: skip
def test_a_judged_change_needs_the_later_sentence_on_the_earlier_ones_topic(
    checker, judged, earlier, later, changed
):
    """The judge reads a later sentence against its nearest earlier one, which may be on another topic (support
    hours / the go-live guarantee): that counts only where the judge is sure. Read with no similarity floor,
    both are flagged."""
    first, second = _two_calls(earlier, later)
    refs = sentences(first, "rep")
    assert len(judged.findings(second, [first], refs)) == int(changed)
    anything = JudgedPromises(checker.embedder, JudgedConfig(min_similarity=-1.0), judged.checker)
    assert len(anything.findings(second, [first], refs)) == 1


def test_a_later_call_after_calls_that_promised_nothing_has_no_judged_change(judged):
    """The earlier rep said nothing the checker reads as a claim ("Okay."): no campaign to hold the later call
    to, and no error either (the rules' reading stands alone)."""
    first, second = _two_calls("Okay.", "So it's twelve months, billed yearly.")
    assert judged.findings(second, [first], sentences(first, "rep", 1)) == []


def test_a_later_sentence_the_assets_support_is_no_changed_promise(checker, judged):
    """The correction test: what the campaign's assets say is consistent, whatever an earlier call said."""
    blocks = [
        Block("Setup is free: no setup fee on any plan."),
        Block("Invoices sync natively with NetSuite every night."),
        Block("Plans start at $49 per user per month."),
    ]
    camp = checker.campaign([Document(path="offer.md", name="offer.md", format="md", blocks=blocks)])
    said = [
        "Just to set that straight, there's no setup fee at all, on any plan.",
        "It's forty-nine a user a month to start.",
        "There's a setup fee of two hundred dollars on the Basic plan.",
    ]
    assert judged.supported(said, camp) == [True, True, False]
    assert judged.supported(said, None) == [False, False, False]


def test_a_value_both_calls_and_the_assets_share_does_not_make_a_change_a_correction(checker):
    later = "Yes, panels twenty-five years, and the workmanship is five years when you buy."
    earlier = "Warranty-wise, it's twenty-five years on the panels and ten years on the workmanship."
    assets = ["25-year panel warranty and 10-year workmanship warranty."]
    vecs = checker.embedder.embed_batch(assets)
    found = inconsistencies(
        [_said("b.txt", 5, later)], [_said("a.txt", 3, earlier)], checker.embedder, None, assets, vecs
    )
    assert len(found) == 1
    back = "Panels twenty-five years, and the workmanship warranty is ten years, as the brochure says."
    wrong = "It's twenty-five years on the panels and five years on the workmanship."
    assert not inconsistencies(
        [_said("b.txt", 5, back)], [_said("a.txt", 3, wrong)], checker.embedder, None, assets, vecs
    )


def test_a_missed_follow_up_is_marked_by_the_later_call_that_says_so():
    one = _call(
        "a.txt",
        "Kayla Brooks: I'll send you that case study by tomorrow morning.\nRay Oxley: Thanks.",
        ["Kayla Brooks"],
    )
    two = _call(
        "b.txt", "Derek Olsen: Kayla mentioned a case study.\nRay Oxley: Never saw it.", ["Derek Olsen"]
    )
    calls = [(c.transcript, sentences(c.transcript, "rep")) for c in (one, two)]
    [f] = track_followups(calls)
    assert f.status == "missed" and f.evidence is not None and f.evidence.call == "b.txt"
    clause = Sentence(
        "a", "Rep", "I'll book Marcus for early next week, and I'll send the summary by Friday.", 0, 0.0, ""
    )
    assert len(find_commitments([clause])) == 2
    assert not find_commitments([Sentence("a", "Rep", "Can I send it by Friday?", 0, 0.0, "")])


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("Nick Farrow: The rate sheet? I don't think it ever arrived, honestly.", "missed"),
        ("Nick Farrow: Got it. So the rate sheet, can we go through it?", "open"),  # an acknowledgement
        ("Nick Farrow: The rate sheet came through on Thursday, thanks.", "kept"),
        ("Nick Farrow: And the rate sheet she was going to email me, that never turned up.", "missed"),
        ("Nick Farrow: I've still not seen a rate sheet.", "missed"),
        ("Nick Farrow: Still no rate sheet. She said Thursday.", "missed"),
        ("Nick Farrow: I was promised a rate sheet and I have received nothing.", "missed"),
        ("Nick Farrow: Still no problem on our side, we went through the rate sheet.", "kept"),
    ],
)
def test_what_a_later_call_says_of_a_follow_up(said, status):
    one = _call(
        "a.txt", "Imogen Hale: I'll send the rate sheet by Thursday.\nAlannah Byrne: Great.", ["Imogen Hale"]
    )
    two = _call("b.txt", f"Dev Malhotra: Hi Nick.\n{said}", ["Dev Malhotra"])
    [f] = track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in (one, two)])
    assert f.status == status


def _followups(first: str, later: str) -> list:
    one = _call("a.txt", first, [line.split(":")[0] for line in first.splitlines() if "I'll" in line])
    two = _call("b.txt", later, ["Dana Wu"])
    return track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in (one, two)])


@pytest.mark.parametrize(
    ("first", "later", "status"),
    [
        (  # the commitment's object is "it": what it is came in the turn before
            "Ron Haskins: Never saw that sample report Tyler talked about.\n"
            "Renee Castillo: Oh no, that's on us. I'll resend it this afternoon.",
            "Dana Wu: Hi.\nDeb Sorensen: Ron says he still hasn't got that sample report.",
            "missed",
        ),
        (  # no shared words: the turn names the rep who made the one open commitment
            "Sam Whitcombe: I'll email you the marketing kit by tomorrow.\nCarla Jessup: Great.",
            "Dana Wu: Hi.\nCarla Jessup: And the brochures Sam mentioned never showed up.",
            "missed",
        ),
        (  # naming the rep in thanks is not "it arrived"
            "Sam Whitcombe: I'll email you the marketing kit by tomorrow.\nCarla Jessup: Great.",
            "Dana Wu: Hi.\nCarla Jessup: Thanks for your time last week, Sam was lovely.",
            "open",
        ),
        (  # said formally, without contractions
            "Brett Lyle: I'll have a copy of the sample report over to you by Tuesday.\nJune Park: Thank you.",
            "Dana Wu: Hello.\nJune Park: The copy of the sample report that was promised was not received.",
            "missed",
        ),
        (  # a title's full stop does not end the sentence
            "Brett Lyle: I'll get a calendar invite out to you and Mr. Oduya by Wednesday.\nJune Park: Good.",
            "Dana Wu: Hello.\nJune Park: The calendar invite did not get to us.",
            "missed",
        ),
    ],
    ids=["pronoun-object", "names-the-rep", "thanks-is-not-kept", "formal", "title"],
)
def test_follow_ups_read_by_what_was_said_around_them(first, later, status):
    [f] = _followups(first, later)
    assert f.status == status


@pytest.mark.parametrize(
    "same",
    [
        ("invite", "invites", "invitation", "invited"),
        ("price", "prices", "cost", "rate"),
        ("promise", "promised", "promises"),
        ("schedule", "scheduled", "scheduling"),
    ],
)
def test_one_stem_for_a_words_forms(same):
    assert len({stem(w) for w in same}) == 1


def test_a_tag_question_after_a_commitment_leaves_it_a_commitment():
    said = "Mornings, you got it. I'll send the invite over by end of day tomorrow, sound good?"
    assert len(find_commitments([Sentence("a", "Rep", said, 0, 0.0, said)])) == 1
    asked = "Can I send the invite over by end of day tomorrow?"
    assert not find_commitments([Sentence("a", "Rep", asked, 0, 0.0, asked)])


def test_a_rep_asking_whether_the_prospect_did_their_step_does_not_mark_the_reps_promise_missed():
    one = _call(
        "a.txt",
        "Marcus Hale: I'll get you two references, other HVAC shops, by Wednesday.\nTom Corbel: Good.",
        ["Marcus Hale"],
    )
    two = _call(
        "b.txt",
        "Marcus Hale: Did you get a chance to call either of the references?\nTom Corbel: I called one.",
        ["Marcus Hale"],
    )
    [f] = track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in (one, two)])
    assert f.status != "missed"
    three = _call(
        "c.txt", "Dana Wu: Hi.\nTom Corbel: Did you get a chance to send the references?", ["Dana Wu"]
    )
    [f] = track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in (one, three)])
    assert f.status == "missed"


@pytest.mark.parametrize(
    ("said", "commits"),
    [
        ("I'll shoot you the deck later today.", True),
        ("Our security team will send the SOC 2 report within two business days.", True),
        ("She'll reach out in a couple of days.", True),
        ("You'll have the contract by the 14th.", True),
        ("I'll get back to you before your board meeting.", True),
        ("I'll think about it tomorrow.", False),
        ("Relay will send a reminder the day before.", False),
        ("We send the report every Friday.", False),
    ],
)
def test_a_commitment_is_an_action_with_a_time_whoever_on_the_sellers_side_does_it(said, commits):
    assert bool(find_commitments([Sentence("a", "Rep", said, 0, 0.0, said)])) is commits


def test_inconsistent_is_a_finding_kind():
    assert "inconsistent" in FINDING_KINDS


@pytest.fixture(scope="module")
def brightwater(checker, judged):
    builder = JourneyBuilder(checker=checker, judged=judged)
    calls = builder.calls(
        [
            DEMO / "calls" / "call-01-brightwater-plumbing.txt",
            *sorted((DEMO / "journeys").glob("brightwater*")),
        ]
    )
    camp = checker.campaign([next(p for p in (DEMO / "campaigns").iterdir() if p.is_dir())])
    return builder.journeys(calls, camp)["Brightwater Plumbing"]


def test_the_demo_account_tells_its_story(brightwater):
    j = brightwater
    assert j.calls[0].name == "call-01-brightwater-plumbing.txt"  # undated, placed first
    assert [c.reps for c in j.calls] == [["Dana Okafor"], ["Priya Nair"], ["Leo Park"]] and j.handoffs == 2
    changed = [(f.asset["speaker"], f.transcript["speaker"]) for f in j.inconsistent]
    assert ("Priya Nair", "Leo Park") in changed  # the free training sessions, billed separately later
    assert all(
        f.kind == "inconsistent" and f.asset["call"] != f.transcript.get("call") for f in j.inconsistent
    )
    assert [f.said.speaker for f in j.missed_followups] == ["Priya Nair"]
    # the corrected setup fee (back to what the assets say) is not drift
    assert not any("setup fee" in f.transcript["text"] for f in j.inconsistent)
    # and the hand-off to onboarding ("Leo from onboarding will call you next week to plan the import") is none
    assert len(j.inconsistent) == 1


def test_the_journey_table_says_its_counts_in_the_singular_and_plural(brightwater):
    from rich.console import Console

    from msgcheck.journey.render import journey_tables

    console = Console(record=True, width=200)
    console.print(journey_tables(brightwater))
    text = console.export_text()
    assert "3 calls, 3 reps, 2 handoffs" in text
    assert "1 promise changed" in text and "1 follow-up missed" in text


@pytest.mark.parametrize("reading", ["--judged", "--rules-only"])
def test_journey_cli_prints_json_and_refuses_an_unknown_account(tmp_path, reading):
    files = [
        str(DEMO / "calls" / "call-02-northgate-heating.txt"),
        str(DEMO / "journeys" / "northgate-owner-2025-03-18.txt"),
    ]
    result = runner.invoke(app, ["journey", "northgate", *files, "--format", "json", reading])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["account"] == "Northgate Heating" and data["summary"]["calls"] == 2
    assert data["summary"]["missed_followups"] == 1
    bad = runner.invoke(app, ["journey", "nosuch", *files])
    assert bad.exit_code == 2 and "no account" in bad.output


def test_a_reviewers_account_sticks_and_travels_with_an_export(tmp_path):
    from msgcheck.workspace.callaccounts import set_account, stored_accounts
    from msgcheck.workspace.db import Workspace
    from msgcheck.workspace.export import export_workspace, import_workspace

    with Workspace(tmp_path / "a.db") as ws:
        rec, _ = ws.add_call(DEMO / "calls" / "call-01-brightwater-plumbing.txt", campaign="demo")
        set_account(ws, rec.name, "Brightwater Plumbing", "2026-04-02")
        assert stored_accounts(ws)[rec.id].account == "Brightwater Plumbing"
        data = json.loads(json.dumps(export_workspace(ws)))
    with Workspace(tmp_path / "b.db") as other:
        import_workspace(other, data)
        [got] = stored_accounts(other).values()
    assert (got.account, got.account_source, got.date, got.date_source) == (
        "Brightwater Plumbing",
        "reviewer",
        "2026-04-02",
        "reviewer",
    )
    assert (
        runner.invoke(
            app, ["workspace", "set-account", "nosuch.txt", "X", "-w", str(tmp_path / "b.db")]
        ).exit_code
        == 2
    )


def test_a_call_with_new_people_joins_the_account_it_names():
    stated = _call(
        "a.txt",
        "Kayla Brooks: Hi Ray.\nRay Oxley: Hi.",
        ["Kayla Brooks"],
        "2026-04-01",
        "Oxley Brothers Grocery",
    )
    other = _call("b.txt", "Sam Hill: Hi, Bo.\nBo Grant: Hi.", ["Sam Hill"], "2026-04-02", "Summit Rooter")
    new = _call(
        "c.txt", "Hector Ruiz: How are the Oxley stores holding up?\nAnita Shah: Fine.", ["Hector Ruiz"]
    )
    infer_accounts([stated, other, new])
    assert new.meta.account == "Oxley Brothers Grocery" and new.meta.account_source == "inferred"


def test_a_stand_in_prospect_joins_the_account_whose_calls_speak_of_each_other():
    """Deb stands in for Martin on one call: her call speaks of Martin, the account's later call of Deb. Martin
    speaks on two calls and is still the one Martin of the set (a name is counted once per person, not per
    call), and neither mention alone would be enough."""
    first = _call(
        "a.txt", "Owen Szabo: Hi Martin.\nMartin Oyelaran: Hi.", ["Owen Szabo"], "2026-02-09", "Corvane"
    )
    stand_in = _call(
        "b.txt",
        "Rick Vance: Hi Deb.\nDeb Salcido: Martin's in Monterrey this week, so you've got me.",
        ["Rick Vance"],
    )
    later = _call("c.txt", "Owen Szabo: Welcome back.\nMartin Oyelaran: Deb briefed me.", ["Owen Szabo"])
    other = _call("d.txt", "Sam Hill: Hi, Bo.\nBo Grant: Hi.", ["Sam Hill"], "2026-02-10", "Summit Rooter")
    infer_accounts([first, stand_in, later, other])
    assert stand_in.meta.account == "Corvane" and later.meta.account == "Corvane"
    alone = _call(
        "b.txt",
        "Rick Vance: Hi Deb.\nDeb Salcido: Martin's in Monterrey this week, so you've got me.",
        ["Rick Vance"],
    )
    infer_accounts(
        [
            first,
            alone,
            _call("c.txt", "Owen Szabo: Welcome back.\nMartin Oyelaran: Hi.", ["Owen Szabo"]),
            other,
        ]
    )
    assert alone.meta.account != "Corvane"  # one mention, one way, is not enough


def test_calls_where_the_same_first_name_only_prospects_speak_join_though_several_point_alike():
    """Three undated calls, no account stated, the same two first-name-only prospects on each: each call's
    evidence points equally at the other two (one account not yet joined), so all three join, and take the
    company one of them names."""
    calls = [
        _call(f"{n}.txt", f"{rep}: Hi both.{extra}\nMarisol: Hi.\nAhmed: Hello.", [rep])
        for n, rep, extra in (
            ("a", "Caleb Ahn", ""),
            ("b", "Fiona Dreyer", ""),
            ("c", "Oksana Melnyk", " Welcome to onboarding, Casa Marisol Group."),
        )
    ]
    other = _call("d.txt", "Tyler Osei: Hi.\nDana: Hi.", ["Tyler Osei"])
    infer_accounts([*calls, other])
    assert {c.meta.account for c in calls} == {
        "Casa Marisol Group"
    } and other.meta.account != "Casa Marisol Group"


def test_an_account_no_call_states_is_named_as_the_prospect_names_their_own_company():
    """The owner's surname is also the company's first word: still the company ("we're Corbel Mechanical")."""
    one = _call(
        "a.txt",
        "Kayla Brooks: Hi, thanks for the time.\nRenee Daltry: Sure. So we're Corbel Mechanical, we do plumbing.",
        ["Kayla Brooks"],
    )
    two = _call(
        "b.txt",
        "Marcus Hale: Tom, welcome.\nTom Corbel: Hi. Renee Daltry sent me.\nRenee Daltry: Hi again.",
        ["Marcus Hale"],
    )
    infer_accounts([one, two])
    assert one.meta.account == two.meta.account == "Corbel Mechanical"


def test_the_html_report_carries_a_journey_section(tmp_path):
    out = tmp_path / "r.html"
    campaign = next(p for p in (DEMO / "campaigns").iterdir() if p.is_dir())
    calls = [
        DEMO / "calls" / "call-02-northgate-heating.txt",
        DEMO / "journeys" / "northgate-owner-2025-03-18.txt",
    ]
    args = [
        "check",
        "--assets",
        str(campaign),
        *map(str, calls),
        "--format",
        "html",
        "-o",
        str(out),
        "--journeys",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    page = out.read_text(encoding="utf-8")
    assert "Journey: Northgate Heating" in page and "Follow-ups that did not happen" in page
    assert "<script" not in page


_FEE = "I'm not loving a new fee showing up this late, honestly."
_TRUST = "I'm not sure what to believe from you guys anymore."


@pytest.mark.parametrize(
    ("reply", "concern", "answers"),
    [
        ("No, no long contract. It's month-to-month.", "", True),
        ("There is a way out: a thirty-day opt-out.", "", True),
        ("Noted, I'm writing that down.", "", False),
        ("Sure. Let me show you the portal.", "", False),
        ("I hear you.", "", False),
        ("Totally fair. What I can do is waive the transfer fee on your first split.", _FEE, True),
        ("That's fair. That won't happen here, the import is checked twice.", "", True),
        ("What I can do is make sure the setup fee is waived.", _TRUST, False),
        ("Noted. What I can do is waive the fee, but let me show you the portal first.", _FEE, False),
        ("Okay. Well, let us make sure the technical side is sorted first.", "", False),
        ("Mm. That's more a question for your family, I think. So, the schedule.", "", False),
        ("That's it. So your schedule stays as it is, we fit around the busy months.", "", True),
    ],
)
def test_the_reps_next_turn_answers_unless_it_deflects(reply, concern, answers):
    """A remedy answers only the concern it is about (a waived fee does not answer distrust)."""
    from msgcheck.journey.objections import _direct_answer

    assert _direct_answer(reply, concern) is answers


_PARTNER = "My partner has to sign off too, and he'll want to hear it from you directly."


@pytest.mark.parametrize(
    ("reply", "moves_on"),
    [
        ("Sure, sure. So on the add-ons, the only one is the phone line at thirty a month.", True),
        ("Sharing now. You see the floor plan?", True),
        ("Yeah, I know the name. Anyway, what I like about the plan is the free setup.", True),
        ("Got it. Okay, and then the warranty, which covers parts for two years.", True),
        ("Of course. I can set up twenty minutes with him and our engineer this week.", False),
        ("Sure. So your partner gets the same numbers, I'll walk him through them myself.", False),
    ],
)
def test_a_reply_that_notes_the_concern_and_moves_on_answers_nothing(reply, moves_on):
    """On the objection's own call such a reply is no answer, however the answer head scores it."""
    from msgcheck.journey.objections import _moves_on

    assert _moves_on(reply, _PARTNER) is moves_on


@pytest.mark.parametrize(
    ("said", "welcomes"),
    [
        ("Oh, that would actually be useful, our broker keeps asking for one.", True),
        ("Our system does take email attachments, so that could work.", True),
        ("That could work, but our board will want it in writing.", False),
        ("We didn't go ahead, the owner didn't love it.", False),
        ("Fifteen thousand a year is more than our whole budget.", False),
    ],
)
def test_a_prospect_welcoming_what_they_heard_raises_no_concern(said, welcomes):
    from msgcheck.journey.objections import _welcomes

    assert _welcomes(said) is welcomes


def test_the_validator_checks_the_journey_keys(tmp_path):
    from msgcheck.eval.gold import validate

    for d in ("calls", "gold", "campaigns/c"):
        (tmp_path / d).mkdir(parents=True)
    (tmp_path / "campaigns/c/landing.md").write_text("# Acme\n\nReminders by text.\n")
    (tmp_path / "calls/a.txt").write_text(
        "Ann Lee: I'll send the deck by Friday.\nBo Chen: It's too pricey.\n"
    )
    (tmp_path / "calls/b.txt").write_text("Ann Lee: It pays for itself.\nBo Chen: The deck never came.\n")
    base = {"campaign": "c", "rep_speakers": ["Ann Lee"], "prospect_speakers": ["Bo Chen"], "findings": []}
    good = {
        **base,
        "call": "a.txt",
        "account": "Chen Co",
        "date": "2026-03-01",
        "objections": [
            {
                "quote": "too pricey",
                "label": "price",
                "addressed": {"call": "b.txt", "quote": "pays for itself"},
            }
        ],
        "followups": [
            {
                "quote": "send the deck",
                "status": "missed",
                "evidence": {"call": "b.txt", "quote": "never came"},
            }
        ],
    }
    (tmp_path / "gold/a.json").write_text(json.dumps(good))
    (tmp_path / "gold/b.json").write_text(json.dumps({**base, "call": "b.txt", "account": "Chen Co"}))
    assert validate(tmp_path) == []
    bad = {**good, "date": "March 1", "objections": [{**good["objections"][0], "label": "cost"}]}
    bad["followups"] = [{**good["followups"][0], "evidence": {"call": "b.txt", "quote": "arrived"}}]
    (tmp_path / "gold/a.json").write_text(json.dumps(bad))
    problems = validate(tmp_path)
    assert len(problems) == 3 and all(p.startswith("a.json") for p in problems)


def test_one_commitment_over_two_clauses_is_one_and_a_question_can_say_it_was_missed():
    said = "I'll put together a one-page summary for Raj, and I'll get it to you by Friday."
    [f] = find_commitments([Sentence("a", "Rep", said, 0, 0.0, said)])
    assert f.said.text == said
    one = _call(
        "a.txt",
        "Meg Osei: I'll send you the utility timeline by end of week.\nRaj Pellham: Thanks.",
        ["Meg Osei"],
    )
    two = _call(
        "b.txt",
        "Raj Pellham: Did that utility timeline ever go out?\nBram Kowalczyk: Let me check.",
        ["Bram Kowalczyk"],
    )
    [f] = track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in (one, two)])
    assert f.status == "missed"


@pytest.mark.parametrize(
    "promise, later, status",
    [
        (
            "I'll have Russ call you Monday morning about the permit.",
            "Kayla said Russ would call Monday about the permit, nobody did.",
            "missed",
        ),
        (
            "I'll text you the calendar link in like ten minutes.",
            "Your guy said he'd text me a calendar link, I never got it.",
            "missed",
        ),
        (
            "I'll get you the all-in comparison by Monday.",
            "And the comparison did show up that Monday, thanks.",
            "kept",
        ),
        (
            "I'll send the one-pager and a few time slots by tomorrow.",
            "Thanks for getting those time slots over so fast, the one-pager helped.",
            "kept",
        ),
    ],
)
def test_follow_ups_said_other_ways_are_settled(promise, later, status):
    one = _call("a.txt", f"Kayla Brooks: {promise}\nDenise Okafor: Thanks.", ["Kayla Brooks"])
    two = _call("b.txt", f"Denise Okafor: {later}\nOwen Szabo: Let me check.", ["Owen Szabo"])
    [f] = track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in (one, two)])
    assert f.status == status


_MISSED_CONCERN = pytest.mark.xfail(
    strict=True,
    reason="objections.v2's reader misses a terse refusal and a trust concern told as a past story",
)


@pytest.mark.parametrize(
    "said, concern",
    [
        ("Fifteen thousand a year is more than our whole patient-communication budget.", True),
        ("Honestly, what worries me is that my drivers won't bother with yet another app.", True),
        ("I'd have to run anything like this past our CFO, and she's not a fan of new vendors.", True),
        ("Good, MFA was the one thing our insurance needed.", False),
        ("Oh good, right now I copy-paste tracking numbers for the wholesale ones.", False),
        ("We use QuickBooks for the books and a paper calendar for the jobs.", False),
        ("We've got about thirty techs across two shifts.", False),
        pytest.param("Two years, no. Not happening.", True, marks=_MISSED_CONCERN),
        pytest.param(
            "We got burned by the last company that promised us a same-week install.",
            True,
            marks=_MISSED_CONCERN,
        ),
    ],
)
def test_the_bundled_concern_reader_tells_a_concern_from_a_remark_on_its_topic(said, concern):
    model = _bundled_objections()
    assert model.concern is not None  # objections.v2 ships the fine-tuned reader
    assert bool(model.concern.scores([said])[0] >= model.concern.threshold) is concern


@functools.lru_cache(maxsize=1)
def _bundled_objections():
    from msgcheck.journey.objmodel import ObjectionModel

    return ObjectionModel.load()
