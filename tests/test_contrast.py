"""The contrast edits the cross-encoder trains on: each edit changes one thing and carries the label that
change earns (msgcheck.train.contrast)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from msgcheck.train.contrast import GENERATORS, _apart, _flip, _numbers, _swap_number, contrast_rows
from msgcheck.train.pairdata import PairRow


def _row(claim: str, rep: str, label: str = "consistent", shape: str = "paraphrase", **kw) -> PairRow:
    base = {"id": "t-1", "industry": "gyms", "context": "", "split": "train"}
    base.update(kw)
    return PairRow(claim=claim, rep=rep, label=label, shape=shape, **base)


@pytest.mark.parametrize(
    "text, want",
    [
        ("it's fourteen days, no card", [14.0]),
        ("it's forty-five a month", []),  # part of one spoken number
        ("two forty a month", []),
        ("the basic one is fine", []),  # "one" is a pronoun here
        ("about $300 up front", [300.0]),
    ],
)
def test_only_numbers_said_on_their_own_are_edited(text, want):
    assert [v for _, v in _numbers(text)] == want


def test_a_swapped_number_is_the_one_the_claim_states():
    rng = random.Random(0)
    for _ in range(20):
        new = _swap_number("Yeah so it's fourteen days, and you get 3 seats", rng, False, "14-day free trial")
        assert new is not None and "fourteen" not in new and "3 seats" in new
    assert _swap_number("we're open till nine", rng, False, "14-day free trial") is None


def test_the_same_number_written_the_other_way_keeps_its_value():
    assert _swap_number("you get fourteen days", random.Random(0), True) == "you get 14 days"
    assert _swap_number("you get 14 days", random.Random(0), True) == "you get fourteen days"


@pytest.mark.parametrize(
    "text, flips",
    [
        (
            "Setup is included on every plan",
            {"Setup is not included on every plan", "Setup is an add-on on every plan"},
        ),
        (
            "we can have a tech out same-day",
            {"we can't have a tech out same-day", "we can have a tech out next-week"},
        ),
        ("Honestly we don't charge for that", {"Honestly we do charge for that"}),
        ("it isn't billed per seat", {"it is billed per seat"}),
        ("you pay nothing extra", {None}),
    ],
)
def test_a_flip_turns_one_polarity_word(text, flips):
    assert {_flip(text, random.Random(seed)) for seed in range(12)} == flips


def test_claims_about_other_terms_are_apart_and_claims_sharing_a_number_are_not():
    assert _apart("30-day free trial, no card needed", "Support by phone, Monday to Friday")
    assert not _apart("30-day free trial", "Money back within 30 days")
    assert not _apart("Free installation on every plan", "Installation is free for every plan")


def test_contrast_rows_label_each_edit():
    rows = [
        _row("14-day free trial, no card needed.", "Yeah, you get fourteen days and it's free, no card."),
        _row("Setup is included on every plan.", "So setup's included, it's on every plan, yeah.", id="t-2"),
        _row("Phone support weekdays 8 to 6.", "You can call us weekdays, eight to six.", id="t-3"),
        _row("Cancel anytime, no contract.", "There's no contract, you cancel whenever.", id="t-4"),
    ] * 10
    out = contrast_rows(rows, random.Random(0), rate=1.0)
    made = Counter(r.id.split("~")[1] for r in out)
    assert set(made) <= set(GENERATORS) and {"number", "flip", "hedge", "other_term"} <= set(made)
    for r in out:
        how = r.id.split("~")[1]
        assert r.rep != next(s.rep for s in rows if s.id == r.id.split("~")[0])
        want = {
            "number": "contradiction",
            "flip": "contradiction",
            "hedge": "weakened",
            "other_term": "unrelated",
        }
        assert r.label == want.get(how, "consistent")
        if how == "other_term":  # another claim's sentence, read against this claim
            assert r.rep in {s.rep for s in rows if s.claim != r.claim}


def test_competitor_and_correction_rows_are_never_edited_into_drift():
    rows = [_row("14-day free trial.", "Theirs is seven days, ours is fourteen.", shape="competitor")] * 30
    out = contrast_rows(rows, random.Random(0))
    assert not [r for r in out if r.label != "consistent"]
