"""Headline promises an author names (`Headline:` lines, --headline) and approved wording
(allowed-claims.txt, the workspace's allowed claims, a reviewer's "this is fine" promoted to them).

Pure rules are table-tested; the checks run the real bundled models on the demo campaign or on a
one-asset campaign written here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import copy_workspace
from typer.testing import CliRunner

from msgcheck.check.named import ALLOWED_FILE, supported_by
from msgcheck.cli.main import app
from msgcheck.errors import InputError
from msgcheck.extract.claims import annotate
from msgcheck.ingest.markers import headline_markers
from msgcheck.types import Block, Claim
from msgcheck.workspace.db import Workspace

ONE_ASSET = """# Your salon's books, done for a flat $180 a month

Fernhill Bookkeeping does your salon's books every month for a flat $180 a month.

Every plan includes a year-end tax pack and a named bookkeeper who answers within one business day.

There is no setup fee and you can cancel any time with 30 days' notice.

We reconcile card payouts from Square and Stripe every week.
"""
SALON_CALL = """Ria Patel: Hi Joan, Ria from Fernhill Bookkeeping here. Thanks for making time.
Joan Miles: Sure, I've got ten minutes between clients.
Ria Patel: We do the books every month for a flat fee and you get a named bookkeeper.
Joan Miles: What does it cost?
Ria Patel: It's a flat $180 a month, no setup fee.
Joan Miles: And the card payouts?
Ria Patel: We reconcile Square and Stripe payouts every week.
Ria Patel: And we sync with Gusto, so payroll is handled too.
Joan Miles: Okay, send me something.
"""


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ([Block("Headline: Try it free for 30 days.")], [("Try it free for 30 days.", "headline", True)]),
        ([Block("HEADLINE :  No contracts, ever")], [("No contracts, ever", "headline", True)]),
        (
            [Block("Intro line.\nheadline: $0 setup\nMore copy.", kind="body")],
            [("Intro line.", "body", False), ("$0 setup", "headline", True), ("More copy.", "body", False)],
        ),
        ([Block("Our headline: fast support.")], [("Our headline: fast support.", "body", False)]),
        (
            [Block("Headline:")],
            [("Headline:", "body", False)],
        ),  # a marker with nothing after it marks nothing
    ],
)
def test_headline_marker_lines_become_marked_headline_blocks(blocks, expected):
    assert [(b.text, b.kind, b.marked) for b in headline_markers(blocks)] == expected


def _claim(text: str) -> Claim:
    return annotate(Claim(text=text, side="asset", file=ALLOWED_FILE))


def test_approved_wording_supports_only_close_sentences_with_the_same_values_and_terms():
    allowed = [_claim("Setup is free of charge: there is no setup fee."), _claim("The trial is 30 days.")]
    a = np.eye(2, 4, dtype=np.float32)  # allowed vectors: two orthogonal unit rows
    rep = [
        _claim("There is no setup fee."),  # close to the first, same terms
        _claim("There is a setup fee."),  # close, but says what the approved line denies
        _claim("The trial is 14 days."),  # close to the second, another value
        _claim("The trial is thirty days."),  # the same value in words
        _claim("We sync with Ledgerleaf."),  # close to nothing
    ]
    vecs = np.array([[1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]], dtype=np.float32)
    assert supported_by(rep, vecs, allowed, a, 0.6) == [True, False, False, True, False]
    assert supported_by(rep, vecs, [], np.zeros((0, 4)), 0.6) == [False] * 5


# --------------------------------------------------------------------------- with the real models


@pytest.fixture(scope="module")
def one_asset(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("one-asset")
    (root / "campaign").mkdir()
    (root / "campaign" / "fernhill.md").write_text(ONE_ASSET, encoding="utf-8")
    call = root / "salon-call.txt"
    call.write_text(SALON_CALL, encoding="utf-8")
    return root / "campaign", call


def _promises(checker, assets, call, **using):
    report = checker.using(**using).check(assets, [call])
    return report.calls[0]


def test_a_one_asset_campaign_has_headline_promises_from_its_title(checker, one_asset):
    folder, call = one_asset
    c = _promises(checker, [folder], call)
    assert [p.slot for p in c.promises] == ["price"], "a one-asset campaign's title states a headline promise"
    assert c.promises[0].status == "upheld" and c.promises[0].rep["speaker"] == "Ria Patel"


def test_a_headline_line_in_the_asset_names_a_headline_promise(checker, one_asset, tmp_path):
    _, call = one_asset
    marked = tmp_path / "campaign"
    marked.mkdir()
    text = ONE_ASSET + "\nHeadline: Every plan includes a year-end tax pack.\n"
    (marked / "fernhill.md").write_text(text, encoding="utf-8")
    c = _promises(checker, [marked], call)
    named = [p for p in c.promises if "year-end tax pack" in p.promise]
    assert named and named[0].status == "not_mentioned"
    assert all("Headline:" not in p.promise for p in c.promises)


def test_headline_option_names_a_promise_even_one_no_asset_states(checker, one_asset):
    folder, call = one_asset
    c = _promises(
        checker, [folder], call, headlines=["A named bookkeeper who answers within one business day"]
    )
    assert any("named bookkeeper" in p.promise for p in c.promises)
    c = _promises(checker, [folder], call, headlines=["Payroll for up to five staff is included"])
    new = [p for p in c.promises if p.promise == "Payroll for up to five staff is included"]
    assert new and new[0].asset_file == "--headline" and new[0].status == "not_mentioned"


def test_cli_headline_option(one_asset):
    folder, call = one_asset
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--assets",
            str(folder),
            str(call),
            "--headline",
            "Payroll for up to five staff is included",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    promises = json.loads(result.stdout)["calls"][0]["promises"]
    assert "Payroll for up to five staff is included" in [p["promise"] for p in promises]


def test_allowed_claims_file_stops_the_unsupported_flag_and_is_not_an_asset(checker, one_asset, tmp_path):
    folder, call = one_asset
    before = _promises(checker, [folder], call)
    flagged = [f for f in before.findings if f.kind == "unsupported" and "Gusto" in f.transcript["text"]]
    assert flagged, "no asset mentions Gusto"
    allowed = tmp_path / "campaign"
    shutil.copytree(folder, allowed)
    (allowed / ALLOWED_FILE).write_text(
        "# approved by finance\nWe sync with Gusto, so payroll is handled.\n", encoding="utf-8"
    )
    report = checker.check([allowed], [call])
    after = report.calls[0]
    assert ALLOWED_FILE not in report.assets
    assert not [f for f in after.findings if f.kind == "unsupported" and "Gusto" in f.transcript["text"]]
    kept = [(f.kind, f.explanation) for f in before.findings if f not in flagged]
    assert [(f.kind, f.explanation) for f in after.findings] == kept
    assert all(c.file != ALLOWED_FILE for p in checker.campaign([allowed]).promises for c in p.claims)


def test_a_reviewers_this_is_fine_becomes_approved_wording(checker, demo_workspace, tmp_path):
    from msgcheck.app import views

    path = copy_workspace(demo_workspace, tmp_path)
    with Workspace(path) as ws:
        f = next(r for r in ws.findings(kind="unsupported") if "match it" in r.transcript["text"])
        with pytest.raises(InputError, match="not an unsupported claim"):
            ws.allow_finding(ws.findings(kind="contradiction")[0].id, "ana")
        review = ws.allow_finding(f.id, "ana")
        assert review.decision == "dismiss" and ALLOWED_FILE in review.note
        campaign = ws.call(f.call_id).campaign
        assert ws.allowed_claims(campaign) == [f.transcript["text"]]
        views.set_reps(ws, checker, f.call_id, ws.call(f.call_id).reps)  # the call checked again
        again = [r.transcript["text"] for r in ws.findings(call=f.call_id) if r.kind == "unsupported"]
        # a finding is listed as last seen; the latest run of the call no longer finds it
        latest = ws.findings(run_id=ws.runs()[-1].id, call=f.call_id)
        assert f.transcript["text"] not in [r.transcript["text"] for r in latest if r.transcript]
        assert again  # the other unsupported claims of the call are still found
        assert ws.set_allowed_claims(campaign, ["  Setup is $0 this spring. ", ""], author="ana") == [
            "Setup is $0 this spring."
        ]
