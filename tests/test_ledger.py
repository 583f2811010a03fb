"""The claim ledger over a workspace of hand-built runs (no models)."""

from __future__ import annotations

import pytest
from ws_helpers import SETUP, TRIAL, call_report, coverage, finding, report, write_call

from msgcheck.workspace.db import Workspace
from msgcheck.workspace.ledger import claim_ledger, handoff_points, handoffs, rep_ledger, stretch_drift

GARY = "Gary Tallis"


@pytest.mark.parametrize(
    ("speakers", "reps", "expected"),
    [
        (["A", "P", "A"], ["A"], []),
        (["A", "P", "B"], ["A", "B"], [(2, "A", "B")]),  # a prospect in between does not break the chain
        (["A", "B", "A"], ["A", "B"], [(1, "A", "B"), (2, "B", "A")]),
        (["P", "B", "B", "P", "C"], ["B", "C"], [(4, "B", "C")]),
        (["A", "X", "B"], ["A"], []),  # only reps hand off
        ([], ["A"], []),
    ],
)
def test_handoff_points(speakers, reps, expected):
    assert handoff_points(speakers, reps) == expected


def test_stretch_drift_counts_spoken_findings_in_range_only():
    fs = [
        finding("contradiction", 0.5, "x", TRIAL, index=1),
        finding("weakened", 1.0, "y", SETUP, index=3),
        finding("omission", 0.9, None, SETUP),
    ]
    assert stretch_drift(fs, 0, 2) == (0.5, 1)
    assert stretch_drift(fs, 2, 10) == (pytest.approx(0.6), 1)
    assert stretch_drift(fs, 4, 10) == (0.0, 0)


@pytest.fixture
def ledger_ws(tmp_path):
    """Call A (Jan 10, Dana alone) and call B (Jan 5, Ben hands to Dana and back), plus a failed call."""
    calls = tmp_path / "calls"
    a = write_call(
        calls, "a.txt", [("Dana Okafor", "Hi."), (GARY, "Hi."), ("Dana Okafor", "The trial is 14 days.")]
    )
    b = write_call(
        calls,
        "b.txt",
        [
            ("Ben Asante", "Hi, Ben here."),
            (GARY, "Hi."),
            ("Ben Asante", "We match any price."),
            ("Dana Okafor", "Dana here."),
            (GARY, "Setup?"),
            ("Dana Okafor", "Setup is free on annual only."),
            ("Ben Asante", "Thanks all."),
        ],
    )
    bad = write_call(calls, "bad.txt", [("Dana Okafor", "Hello.")])
    with Workspace(tmp_path / "ws.db") as ws:
        ws.add_campaign("spring")
        ca, _ = ws.add_call(a, campaign="spring", date="2025-01-10")
        cb, _ = ws.add_call(b, campaign="spring", date="2025-01-05")
        cbad, _ = ws.add_call(bad, campaign="spring", date="2025-01-01")
        old = report(call_report("a.txt", [], coverage=coverage(trial="upheld", setup="upheld")))
        ws.record_run(old, campaign="spring", calls=[ca.id])  # superseded by the next run of a.txt
        failed = call_report("bad.txt", [])
        failed.error = "could not be checked"
        latest = report(
            call_report(
                "a.txt",
                [
                    finding("contradiction", 0.8, "The trial is 14 days.", TRIAL, index=2),
                    finding("omission", 0.5, None, SETUP),
                ],
                coverage=coverage(trial="contradicted", setup="not_mentioned"),
            ),
            call_report(
                "b.txt",
                [
                    finding("unsupported", 0.5, "We match any price.", None, speaker="Ben Asante", index=2),
                    finding("weakened", 0.8, "Setup is free on annual only.", SETUP, index=5),
                ],
                reps=("Ben Asante", "Dana Okafor"),
                coverage=coverage(trial="upheld", setup="weakened"),
            ),
            failed,
        )
        ws.record_run(latest, campaign="spring", calls=[ca.id, cb.id, cbad.id])
        yield ws


def test_claim_ledger_counts_each_call_once_by_its_latest_run(ledger_ws):
    entries = {e.text: e for e in claim_ledger(ledger_ws, "spring")}
    assert set(entries) == {TRIAL, SETUP}
    trial, setup = entries[TRIAL], entries[SETUP]
    assert (trial.upheld, trial.contradicted, trial.weakened, trial.not_mentioned) == (1, 1, 0, 0)
    assert trial.reps["contradicted"] == ["Dana Okafor"] and trial.calls["contradicted"] == ["a.txt"]
    assert trial.reps["upheld"] == ["Ben Asante", "Dana Okafor"]  # upheld: every rep on the call
    assert trial.headline and trial.asset_file == "offer.md" and trial.checked == 2
    assert (setup.weakened, setup.not_mentioned, setup.upheld) == (1, 1, 0)
    assert setup.reps["weakened"] == ["Dana Okafor"]  # the rep quoted by the finding, not Ben
    assert claim_ledger(ledger_ws, "another campaign") == []


def test_rep_ledger_gives_drift_per_call_in_date_order(ledger_ws):
    reps = {e.rep: e for e in rep_ledger(ledger_ws)}
    assert set(reps) == {"Ben Asante", "Dana Okafor"}
    dana = reps["Dana Okafor"]
    assert [c.call for c in dana.calls] == ["b.txt", "a.txt"]  # Jan 5 before Jan 10
    assert [c.date for c in dana.calls] == ["2025-01-05", "2025-01-10"]
    assert dana.calls[0].drift == pytest.approx(0.8 * 0.6)  # her weakened finding on b
    assert dana.calls[1].drift == pytest.approx(1 - (1 - 0.8) * (1 - 0.5 * 0.4))  # contradiction + omission
    assert dana.calls[1].findings == {"contradiction": 1}
    assert dana.mean_drift == pytest.approx((dana.calls[0].drift + dana.calls[1].drift) / 2)
    ben = reps["Ben Asante"]
    assert [c.call for c in ben.calls] == ["b.txt"] and ben.calls[0].drift == pytest.approx(0.25)
    assert len(ben.handoffs) == 2 and len(dana.handoffs) == 2


def test_handoffs_give_drift_before_and_after(ledger_ws):
    hs = handoffs(ledger_ws, "spring")
    assert [(h.call, h.index, h.from_rep, h.to_rep) for h in hs] == [
        ("b.txt", 3, "Ben Asante", "Dana Okafor"),
        ("b.txt", 6, "Dana Okafor", "Ben Asante"),
    ]
    first, second = hs
    assert (first.before, first.findings_before) == (pytest.approx(0.25), 1)  # Ben's stretch
    assert (first.after, first.findings_after) == (pytest.approx(0.48), 1)  # Dana's stretch
    assert (second.before, second.after, second.findings_after) == (pytest.approx(0.48), 0.0, 0)
    assert handoffs(ledger_ws, call="a.txt") == []
