"""The gold format's matching and scoring rules, on hand-made findings (pure logic, no models)."""

from __future__ import annotations

import json

import pytest

from msgcheck.eval.gold import GoldCall, GoldConsistent, GoldFinding, is_frozen, validate
from msgcheck.eval.score import Scores, match, prf, quote_matches
from msgcheck.types import CallReport, Finding


@pytest.mark.parametrize(
    ("predicted", "quote", "expected"),
    [
        ("So the trial is fourteen days, then billing starts.", "the trial is fourteen days", True),
        ("THE TRIAL IS FOURTEEN DAYS", "the trial is fourteen days", True),  # case-insensitive containment
        ("trial is fourteen days long", "the trial is fourteen days", True),  # 4 of 5 tokens = 80%
        ("fourteen days", "the trial is fourteen days", False),  # 2 of 5 = 40%
        ("the trial is free", "the trial is fourteen days", True),  # 3 of 5 = 60% exactly
        ("", "anything", False),
        (None, "anything", False),
        ("anything", None, False),
    ],
)
def test_quote_matches(predicted, quote, expected):
    assert quote_matches(predicted, quote) is expected


def _f(kind, text, score=0.8):
    if kind == "omission":
        return Finding(
            kind=kind, score=score, slot=None, explanation="", asset={"file": "a.md", "text": text}
        )
    return Finding(
        kind=kind,
        score=score,
        slot=None,
        explanation="",
        transcript={"speaker": "Rep", "text": text, "start": None, "index": 0},
    )


def _g(kind, quote):
    if kind == "omission":
        return GoldFinding(kind=kind, transcript_quote=None, asset_file="a.md", asset_quote=quote)
    return GoldFinding(kind=kind, transcript_quote=quote, asset_file="a.md", asset_quote="x")


def test_each_gold_finding_matches_once():
    preds = [_f("contradiction", "it is a 14-day trial"), _f("contradiction", "it is a 14-day trial")]
    gold = [_g("contradiction", "14-day trial")]
    assert len(match(preds, gold, same_kind=False)) == 1


def test_kind_match_needs_equal_kind_and_omission_matches_asset_side():
    preds = [_f("weakened", "it is a 14-day trial"), _f("omission", "No setup fee, ever.")]
    gold = [_g("contradiction", "14-day trial"), _g("omission", "No setup fee")]
    assert len(match(preds, gold, same_kind=False)) == 2
    assert len(match(preds, gold, same_kind=True)) == 1


def test_scores_count_hard_negatives_and_drift_free_calls():
    s = Scores("msgcheck")
    drift_call = GoldCall(
        call="a.txt",
        campaign="c",
        rep_speakers=["Rep"],
        prospect_speakers=["P"],
        findings=[_g("contradiction", "14-day trial")],
        consistent=[
            GoldConsistent(transcript_quote="two weeks to set up", asset_file="a.md", asset_quote="14 days")
        ],
    )
    report = CallReport(
        call="a.txt",
        reps=["Rep"],
        prospects=["P"],
        drift_score=0.5,
        findings=[_f("contradiction", "a 14-day trial"), _f("unsupported", "two weeks to set up, roughly")],
    )
    s.add(drift_call, report)
    clean_call = GoldCall(call="b.txt", campaign="c", rep_speakers=["Rep"], prospect_speakers=["P"])
    s.add(
        clean_call,
        CallReport(call="b.txt", reps=["Rep"], prospects=[], drift_score=0.0, findings=[_f("weakened", "x")]),
    )
    p, r, _ = s.drift
    assert (p, r) == (pytest.approx(1 / 3), 1.0)
    assert s.hard_negative_rate == 1.0
    assert s.fp_per_drift_free_call == 1.0
    assert s.summary()["roles_right"] == "2/2"


def test_prf_edge_cases():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0)
    assert prf(2, 4, 2) == (0.5, 1.0, pytest.approx(2 / 3))


@pytest.mark.parametrize(
    "path, frozen",
    [
        ("corpora/dev/test", True),
        ("corpora/dev/holdout", True),
        ("corpora/dev/holdout-f", True),
        ("corpora/journeys/frozen", True),
        ("corpora/journeys/holdout-d", True),
        ("corpora/dev/tune", False),
        ("corpora/dev/tune-e", False),
        ("corpora/journeys/dev-c", False),
        ("corpora/demo", False),
    ],
)
def test_frozen_and_holdout_sets_are_known_by_their_folder(path, frozen):
    assert is_frozen(path) is frozen


def test_a_quote_of_one_cell_of_a_table_csv_is_visible_text(tmp_path):
    """As for an HTML table cell: the cell is in the asset's visible text, inside the block naming its row and
    column ("Price on restaurant: $189 per location per month")."""
    for d in ("calls", "gold", "campaigns/c"):
        (tmp_path / d).mkdir(parents=True)
    (tmp_path / "campaigns/c/plans.csv").write_text(
        "item,restaurant,plant\nPrice,$189 per location per month,$240 per site per month\n"
        "Contract,Month-to-month,12 months\n"
    )
    (tmp_path / "calls/a.txt").write_text("Ann Lee: It's $199 a location.\nBo Chen: Okay.\n")
    finding = {
        "kind": "contradiction",
        "transcript_quote": "$199 a location",
        "asset_file": "plans.csv",
        "asset_quote": "$189 per location per month",
        "slot": "price",
    }
    gold = {"call": "a.txt", "campaign": "c", "rep_speakers": ["Ann Lee"], "prospect_speakers": ["Bo Chen"]}
    (tmp_path / "gold/a.json").write_text(json.dumps({**gold, "findings": [finding]}))
    assert validate(tmp_path) == []
    finding["asset_quote"] = "$199 per location per month"
    (tmp_path / "gold/a.json").write_text(json.dumps({**gold, "findings": [finding]}))
    assert validate(tmp_path) == [
        "a.json: asset_quote not in the visible text of plans.csv: '$199 per location per month'"
    ]
