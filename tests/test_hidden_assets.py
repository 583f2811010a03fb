"""One rule for hidden files (docs/security.md): a file whose name starts with "." is never an asset, and
wherever it comes from (a folder walked by the CLI or a workspace import, a path named, an app upload, an
export) it is left out with a message that names it and says to rename it. Hidden folders, Office lock
files and macOS resource forks are nobody's asset and are skipped without a word.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner
from ws_helpers import ASSET_TEXT, simple_call, write_asset

from msgcheck.app import views
from msgcheck.cli.main import app
from msgcheck.errors import InputError
from msgcheck.ingest import load_assets, parse_asset, read_assets
from msgcheck.workspace.db import Workspace
from msgcheck.workspace.export import export_workspace, import_workspace
from msgcheck.workspace.service import import_paths

HIDDEN = "a hidden file (its name starts with '.')"


@pytest.fixture
def campaign(tmp_path):
    """offer.md, the hidden .offer.md, and what is skipped quietly: .git/, ._offer.md, ~$deck.docx."""
    folder = tmp_path / "spring"
    write_asset(folder, "offer.md")
    write_asset(folder, ".offer.md", ASSET_TEXT.replace("30-day", "60-day"))
    write_asset(folder / ".git", "notes.md")
    (folder / "._offer.md").write_bytes(b"\x00\x05\x16\x07 resource fork")
    (folder / "~$deck.docx").write_bytes(b"lock")
    return folder


def test_a_folder_walk_reads_offer_md_and_leaves_out_the_hidden_one_saying_why(campaign):
    docs, errors = read_assets([campaign])
    assert [d.name for d in docs] == ["offer.md"]
    (error,) = errors
    assert error.file == str(campaign / ".offer.md")
    assert error.error.startswith(f"{campaign / '.offer.md'}: {HIDDEN}") and "rename it" in error.error
    assert [d.name for d in load_assets([campaign])] == ["offer.md"]  # eval and training: skipped


def test_a_hidden_file_named_or_uploaded_is_refused_with_the_same_reason(campaign):
    docs, errors = read_assets([campaign / ".offer.md", campaign / "offer.md"])
    assert [d.name for d in docs] == ["offer.md"] and HIDDEN in errors[0].error
    with pytest.raises(InputError, match="hidden file"):
        parse_asset(".offer.md", ASSET_TEXT.encode())


def test_only_hidden_assets_is_no_usable_asset(tmp_path):
    folder = tmp_path / "only-hidden"
    write_asset(folder, ".offer.md")
    docs, errors = read_assets([folder])
    assert not docs and HIDDEN in errors[0].error


def test_workspace_import_stores_offer_md_and_lists_the_hidden_one(campaign, tmp_path):
    with Workspace(tmp_path / "ws.db") as ws:
        stats = import_paths(ws, [], assets=[campaign])
        assert [a.name for a in ws.asset_versions("spring")] == ["offer.md"]
    assert len(stats.errors) == 1 and ".offer.md" in stats.errors[0] and HIDDEN in stats.errors[0]


def test_the_app_refuses_a_hidden_upload_and_stores_nothing(tmp_path):
    with Workspace(tmp_path / "ws.db") as ws:
        hidden, shown = views.add_assets(
            ws, "spring", [(".offer.md", ASSET_TEXT.encode()), ("offer.md", ASSET_TEXT.encode())]
        )
        assert hidden.error and HIDDEN in hidden.error and ".offer.md" in hidden.error
        assert shown.error is None
        assert [a.name for a in ws.asset_versions("spring")] == ["offer.md"]


def test_an_export_with_a_hidden_asset_is_refused_naming_the_field(tmp_path):
    with Workspace(tmp_path / "a.db") as ws:
        ws.add_asset_bytes("spring", "offer.md", ASSET_TEXT.encode())
        data = export_workspace(ws)
    data["assets"][0]["name"] = ".offer.md"
    with Workspace(tmp_path / "b.db") as ws:
        with pytest.raises(InputError, match=r"export.json: .*assets\[0\]\.name: '\.offer\.md' is a hidden"):
            import_workspace(ws, data, source="export.json")
        assert not ws.asset_versions("spring")


@pytest.mark.slow
def test_cli_check_leaves_the_hidden_asset_out_and_exits_2(campaign, tmp_path):
    call = simple_call(tmp_path / "calls", "call.txt")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["check", "-a", str(campaign), str(call), "--rep", "Dana Okafor", "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert ".offer.md" in result.stderr and "hidden file" in result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["assets"] == ["offer.md"]
    assert [e["file"] for e in report["asset_errors"]] == [str(campaign / ".offer.md")]
    assert report["calls"][0]["error"] is None


@pytest.mark.slow
def test_a_hidden_asset_stored_by_an_older_msgcheck_is_left_out_and_said_so(checker, tmp_path):
    with Workspace(tmp_path / "ws.db") as ws:
        ws.add_asset_bytes("spring", "offer.md", ASSET_TEXT.encode())
        ws.put_asset(
            "spring", ".offer.md", ASSET_TEXT.encode(), "md", ASSET_TEXT, None
        )  # no check: as before
        camp = views.campaign_model(checker, ws, "spring")
        assert [d.name for d in camp.documents] == ["offer.md"]
        assert [e.file for e in camp.errors] == [".offer.md"] and HIDDEN in camp.errors[0].error
