"""A run that left out an asset says so whenever it is shown: the report's ``asset_errors`` are stored with
the run (its ``settings``), come back in ``run_report`` (``workspace show``), the app's export and review
page, and travel through ``workspace export`` / ``import``, whose schema checks them.
"""

from __future__ import annotations

import json

import pytest
from conftest import copy_workspace
from typer.testing import CliRunner
from ws_helpers import simple_call, write_asset

from msgcheck.app import views
from msgcheck.cli.main import app
from msgcheck.errors import InputError
from msgcheck.workspace.db import Workspace
from msgcheck.workspace.export import export_workspace, import_workspace
from msgcheck.workspace.service import check_and_record

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, checker):
    """A workspace with one run checked without two of its campaign's files: a broken PDF and .offer.md."""
    root = tmp_path_factory.mktemp("left-out")
    campaign = root / "spring"
    write_asset(campaign, "offer.md")
    write_asset(campaign, ".offer.md")
    (campaign / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    call = simple_call(root / "calls", "call.txt")
    db = root / "ws.db"
    with Workspace(db) as ws:
        result = check_and_record(ws, checker, [campaign], [call], reps=["Dana Okafor"])
    names = sorted(e.file.rsplit("/", 1)[-1] for e in result.report.asset_errors)
    assert names == [".offer.md", "broken.pdf"]
    return db, result.run_id, result.report.asset_errors


def test_run_report_reads_back_what_the_run_left_out(recorded):
    db, run_id, errors = recorded
    with Workspace(db) as ws:
        report = ws.run_report(run_id)
        assert report.asset_errors == errors and report.assets == ["offer.md"]
        assert ws.run(run_id).settings["asset_errors"] == [{"file": e.file, "error": e.error} for e in errors]


def test_workspace_show_says_which_assets_the_run_left_out(recorded):
    db, run_id, errors = recorded
    runner = CliRunner()
    table = runner.invoke(app, ["workspace", "show", "run", str(run_id), "-w", str(db)])
    assert table.exit_code == 0, table.output
    assert table.stdout.count("asset left out:") == 2 and "broken.pdf" in table.stdout
    shown = json.loads(
        runner.invoke(app, ["workspace", "show", "run", str(run_id), "-w", str(db), "--json"]).stdout
    )
    assert shown["asset_errors"] == [{"file": e.file, "error": e.error} for e in errors]


def test_the_app_shows_them_on_the_review_page_and_in_its_export(recorded):
    db, run_id, errors = recorded
    with Workspace(db) as ws:
        lines = views.left_out_assets(ws, run_id)
        assert len(lines) == 2 and lines[0].startswith("Checked without ")
        assert any("broken.pdf" in line for line in lines)
        assert views.report_for(ws).asset_errors == errors


def test_export_and_import_carry_them(recorded, tmp_path):
    db, _, errors = recorded
    with Workspace(copy_workspace(db, tmp_path / "src")) as ws:
        data = export_workspace(ws)
    with Workspace(tmp_path / "b.db") as ws:
        import_workspace(ws, data, source="export.json")
        (run,) = ws.runs()
        assert ws.run_report(run.id).asset_errors == errors


def test_the_export_schema_checks_them(recorded, tmp_path):
    db, _, _ = recorded
    with Workspace(copy_workspace(db, tmp_path / "src")) as ws:
        data = export_workspace(ws)
    data["runs"][0]["settings"]["asset_errors"][1]["error"] = 42
    with Workspace(tmp_path / "b.db") as ws:
        with pytest.raises(
            InputError, match=r"export\.json: .*runs\[0\]\.settings\.asset_errors\[1\]\.error"
        ):
            import_workspace(ws, data, source="export.json")
        assert not ws.runs()
