"""Calibration from reviews: the plain maths (table-driven) and the workspace loop (hand-built runs)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from ws_helpers import TRIAL, call_report, finding, report, simple_call

from msgcheck.errors import WorkspaceError
from msgcheck.workspace.calibrate import (
    Calibration,
    Sample,
    calibrate_workspace,
    evaluate_calibration,
    fit_calibration,
    fit_logistic,
    fit_threshold,
    record_calibrated_run,
    review_label,
    split_holdout,
)
from msgcheck.workspace.db import Workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.2, 0.4, 0.6, 0.8], [0, 0, 1, 1], 0.5),  # the midpoint that separates them
        ([0.2, 0.4, 0.6, 0.8], [1, 1, 1, 1], 0.0),  # all true drift: keep everything
        ([0.2, 0.4], [0, 0], 0.41),  # all dismissed: above every score seen
        ([0.3, 0.5, 0.7], [1, 0, 1], 0.0),  # dropping 0.3 loses as much as it gains: the lowest wins
        ([0.5, 0.5, 0.9], [0, 1, 1], 0.0),
        ([], [], 0.0),
    ],
)
def test_fit_threshold(scores, labels, expected):
    assert fit_threshold(scores, labels) == pytest.approx(expected)


def test_split_holdout_is_seeded_stratified_and_a_partition():
    samples = [Sample("weakened", i / 40, int(i % 3 == 0), i) for i in range(40)]
    samples += [Sample("omission", 0.5, 1, 100 + i) for i in range(10)]
    fit, held = split_holdout(samples, 0.3, seed=7)
    assert split_holdout(samples, 0.3, seed=7) == (fit, held)
    assert split_holdout(samples, 0.3, seed=8) != (fit, held)
    assert sorted(s.finding_id for s in fit + held) == sorted(s.finding_id for s in samples)
    assert sum(1 for s in held if s.kind == "omission") == 3
    assert sum(1 for s in held if s.kind == "weakened" and s.label) == round(0.3 * 14)
    assert split_holdout(samples[:1], 0.3) == (samples[:1], [])  # a lone sample is never held out
    with pytest.raises(ValueError):
        split_holdout(samples, 1.0)


def test_fit_logistic_only_when_scores_carry_signal():
    scores = [i / 20 for i in range(20)]
    coef, intercept = fit_logistic(scores, [int(s >= 0.5) for s in scores])
    assert coef > 0 and -coef < intercept < 0  # P = 0.5 somewhere inside 0..1
    assert fit_logistic(scores, [1] * 20) is None
    assert fit_logistic(scores, [int(s < 0.5) for s in scores]) is None  # higher scores wrong more often


def test_fit_calibration_fits_kinds_with_enough_reviews_and_keeps_the_rest():
    previous = Calibration(thresholds={"omission": 0.7})
    samples = [Sample("unsupported", s, int(s >= 0.6)) for s in [0.3, 0.4, 0.5, 0.7, 0.8, 0.9]]
    samples += [Sample("omission", 0.5, 0)] * 2  # too few to move omission
    cal = fit_calibration(samples, previous=previous, min_threshold_reviews=5, min_logistic_reviews=30)
    assert cal.thresholds == {"omission": 0.7, "unsupported": pytest.approx(0.6)}
    assert cal.logistic == {}
    many = [Sample("weakened", i / 40, int(i >= 20)) for i in range(40)]
    cal = fit_calibration(many, min_logistic_reviews=30)
    assert "weakened" in cal.logistic
    kept = [s for s in many if cal.keeps(s.kind, s.score)]
    assert all(s.label for s in kept) and len(kept) == 20  # thresholds on calibrated scores, same cut


def test_calibration_parameters_are_plain_json_and_round_trip():
    cal = Calibration(thresholds={"weakened": 0.55}, logistic={"weakened": (8.0, -4.0)})
    params = json.loads(json.dumps(cal.to_params()))
    assert params == {
        "thresholds": {"weakened": 0.55},
        "logistic": {"weakened": {"coef": 8.0, "intercept": -4.0}},
    }
    again = Calibration.from_params(params)
    assert again == cal
    assert again.score("weakened", 0.5) == pytest.approx(0.5)
    assert again.score("contradiction", 0.3) == 0.3  # no map: raw
    assert again.keeps("weakened", 0.6) and not again.keeps("weakened", 0.45)


def test_evaluate_calibration_precision_and_recall():
    samples = [Sample("weakened", 0.3, 0), Sample("weakened", 0.8, 1), Sample("omission", 0.4, 1)]
    before = evaluate_calibration(None, samples)
    assert (before["all"].precision, before["all"].recall) == (pytest.approx(2 / 3), 1.0)
    after = evaluate_calibration(Calibration(thresholds={"weakened": 0.5, "omission": 0.5}), samples)
    assert after["weakened"].precision == 1.0 and after["weakened"].recall == 1.0
    assert after["omission"].precision is None and after["omission"].recall == 0.0
    assert after["all"].to_dict() == {
        "n": 3,
        "true_drift": 2,
        "kept": 1,
        "kept_true": 1,
        "precision": 1.0,
        "recall": 0.5,
    }
    assert [review_label(d) for d in ("accept", "dismiss", "change_kind")] == [1, 0, 1]


# --------------------------------------------------------------------------- the workspace loop


def _reviewed_workspace(ws: Workspace, tmp_path: Path, n: int = 80) -> int:
    """One call, ``n`` unsupported findings scored 0.2..0.95: reviewers accept those from 0.6 up
    (with a little noise), plus contradictions that are all accepted and one changed kind."""
    rng = random.Random(3)
    call, _ = ws.add_call(simple_call(tmp_path, "c.txt"), campaign="spring")
    found = [
        finding("unsupported", round(0.2 + 0.75 * i / n, 4), f"claim number {i}", None, index=2)
        for i in range(n)
    ]
    found += [finding("contradiction", 0.7 + i / 100, f"contra {i}", TRIAL, index=2) for i in range(8)]
    run_id = ws.record_run(
        report(call_report("c.txt", found)), campaign="spring", base_judge="rules-1", calls=[call.id]
    )
    for f in ws.findings(run_id=run_id):
        if f.kind == "contradiction":
            decision = "change_kind" if f.transcript["text"] == "contra 0" else "accept"
            ws.review(f.id, decision, "ana", new_kind="weakened" if decision == "change_kind" else None)
        else:
            true = f.raw_score >= 0.6 if rng.random() > 0.05 else f.raw_score < 0.6
            ws.review(f.id, "accept" if true else "dismiss", "ben")
    return call.id


def test_calibrate_stores_a_better_judge_version_that_later_runs_apply(tmp_path):
    models_before = sorted(p.name for p in (ROOT / "models").rglob("*"))
    with Workspace(tmp_path / "ws.db") as ws:
        call_id = _reviewed_workspace(ws, tmp_path)
        result = calibrate_workspace(ws, holdout=0.3, seed=0)
        v = result.version
        assert (v.name, v.base, result.previous) == ("rules-1+cal.1", "rules-1", "rules-1")
        assert ws.active_judge().name == v.name
        assert result.held_out_size and result.fit_size + result.held_out_size == 88 and not result.in_sample
        t = v.params["thresholds"]
        assert "unsupported" in v.params["logistic"]  # >= 30 reviews of that kind in the fit share
        assert t["contradiction"] == 0.0  # all contradictions were right: keep them all
        before, after = result.before["all"], result.after["all"]
        assert before.recall == 1.0 and after.precision > before.precision + 0.2
        assert after.recall >= 0.85
        assert v.metrics["held_out_size"] == result.held_out_size and v.metrics["seed"] == 0
        json.dumps(v.params)  # JSON numbers only

        # a later run applies it: low unsupported findings are dropped, the run names the version
        fresh = [
            finding("unsupported", 0.25, "a new weak claim", None),
            finding("unsupported", 0.9, "a strong one", None),
        ]
        run_id = record_calibrated_run(
            ws,
            report(call_report("c.txt", fresh)),
            base_judge="rules-1",
            judge=ws.active_judge(),
            calls=[call_id],
        )
        assert ws.run(run_id).judge_version == "rules-1+cal.1"
        shown = ws.run_report(run_id).calls[0].findings
        assert [f.transcript["text"] for f in shown] == ["a strong one"]
        assert 0.0 < shown[0].score <= 1.0 and shown[0].score != 0.9  # re-calibrated

        again = calibrate_workspace(ws, holdout=0.3, seed=0)
        assert again.version.name == "rules-1+cal.2" and again.previous == "rules-1+cal.1"
        assert [j.name for j in ws.judge_versions()] == ["rules-1+cal.1", "rules-1+cal.2"]
    assert sorted(p.name for p in (ROOT / "models").rglob("*")) == models_before


def test_calibrate_with_few_reviews_reports_in_sample_and_without_any_refuses(tmp_path):
    with Workspace(tmp_path / "ws.db") as ws:
        with pytest.raises(WorkspaceError, match="no reviewed findings"):
            calibrate_workspace(ws)
        call, _ = ws.add_call(simple_call(tmp_path, "c.txt"))
        ws.record_run(
            report(call_report("c.txt", [finding("weakened", 0.5, "x", TRIAL)])),
            base_judge="rules-1",
            calls=[call.id],
        )
        ws.review(ws.findings()[0].id, "dismiss", "ana")
        result = calibrate_workspace(ws)
        assert result.in_sample and result.held_out_size == 0 and result.fit_size == 1
        assert result.version.params["thresholds"] == {}  # one review moves nothing
