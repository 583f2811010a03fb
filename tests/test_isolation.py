"""One bad file never breaks a batch, and the exit code says what happened (docs/cli.md).

The real bundled models check the good calls; a failure inside msgcheck is simulated by making
``Checker.check_call`` raise for one named call, the way a bug in any stage would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msgcheck.check.checker import Checker
from msgcheck.cli.main import app

runner = CliRunner()


@pytest.fixture
def boom_on(monkeypatch):
    """``boom_on("x.txt")``: checking the call named x.txt raises RuntimeError (an internal bug)."""

    def arm(name: str) -> None:
        real = Checker.check_call

        def flaky(self, camp, transcript, reps=None):
            if transcript.name == name:
                raise RuntimeError("kaboom from inside")
            return real(self, camp, transcript, reps)

        monkeypatch.setattr(Checker, "check_call", flaky)

    return arm


def _copy(src, dest):
    dest.write_bytes(src.read_bytes())
    return dest


def test_an_internal_error_in_one_call_is_that_calls_error(
    checker, demo_campaign_dir, demo_calls, tmp_path, boom_on
):
    boom = _copy(demo_calls[0], tmp_path / "boom.txt")
    boom_on("boom.txt")
    report = checker.check([demo_campaign_dir], [boom, demo_calls[1]])
    bad, good = report.calls
    assert bad.call == "boom.txt" and bad.internal
    assert "boom.txt" in bad.error and "RuntimeError: kaboom from inside" in bad.error
    assert "\n" not in bad.error
    assert good.error is None and good.reps and good.coverage


def test_cli_internal_error_in_a_call_exits_3_writes_the_report_and_names_the_log(
    demo_campaign_dir, demo_calls, tmp_path, boom_on, monkeypatch
):
    monkeypatch.setenv("MSGCHECK_LOG_DIR", str(tmp_path))
    boom = _copy(demo_calls[0], tmp_path / "boom.txt")
    boom_on("boom.txt")
    out = tmp_path / "report.json"
    result = runner.invoke(
        app,
        ["check", "-a", str(demo_campaign_dir), str(boom), str(demo_calls[1]), "-f", "json", "-o", str(out)],
    )
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["error"] is None for c in data["calls"]] == [False, True]
    log = re.search(r"traceback is in (\S+\.log)", result.stderr)
    assert log, result.stderr
    text = Path(log.group(1)).read_text(encoding="utf-8")
    assert "Traceback" in text and "kaboom from inside" in text


def test_cli_whole_run_crash_is_one_line_exit_3_and_debug_prints_the_traceback(
    demo_calls, tmp_path, monkeypatch
):
    monkeypatch.setenv("MSGCHECK_LOG_DIR", str(tmp_path))

    def broken(self, assets):
        raise ZeroDivisionError("division by zero deep inside")

    monkeypatch.setattr(Checker, "campaign", broken)
    asset = tmp_path / "offer.md"
    asset.write_text("# Try it free for 30 days\n", encoding="utf-8")
    args = ["check", "-a", str(asset), str(demo_calls[0]), "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert "internal error" in result.stderr and "ZeroDivisionError" in result.stderr
    assert list(tmp_path.glob("msgcheck-crash-*.log"))
    result = runner.invoke(app, ["--debug", *args])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "broken" in result.stderr


def test_a_bad_asset_is_left_out_and_the_run_exits_2_with_its_report(demo_campaign_dir, demo_calls, tmp_path):
    bad = tmp_path / "locked.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage that is not a pdf")
    out = tmp_path / "r.json"
    result = runner.invoke(
        app,
        [
            "check",
            "-a",
            str(demo_campaign_dir),
            "-a",
            str(bad),
            str(demo_calls[0]),
            "-f",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 2, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [e["file"] for e in data["asset_errors"]] == [str(bad)]
    assert "locked.pdf" in data["asset_errors"][0]["error"]
    assert data["calls"][0]["error"] is None and data["calls"][0]["coverage"]
    assert "asset left out" in result.stderr and "locked.pdf" in result.stderr


def test_no_usable_asset_stops_the_run_naming_every_reason(demo_calls, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.docx"
    a.write_bytes(b"")
    b.write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["check", "-a", str(a), "-a", str(b), str(demo_calls[0])])
    assert result.exit_code == 2
    assert "none of the 2 assets could be read" in result.stderr and "a.md" in result.stderr


def test_drift_at_fail_on_wins_over_a_bad_call(demo_campaign_dir, demo_calls, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "check",
            "-a",
            str(demo_campaign_dir),
            str(bad),
            str(demo_calls[0]),
            "--fail-on",
            "any",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 1
    assert "broken.json" in result.stderr


@pytest.mark.parametrize("payload", ["[/red]", "[red]hidden[/red]", "[link=http://evil.example]x[/link]"])
def test_markup_in_file_content_is_printed_literally(demo_campaign_dir, tmp_path, payload):
    call = tmp_path / "keys.json"
    call.write_text(json.dumps({payload: 1, "other": 2}), encoding="utf-8")
    result = runner.invoke(app, ["check", "-a", str(demo_campaign_dir), str(call), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert payload in result.stderr
    assert "Traceback" not in result.output


def test_terminal_escapes_never_reach_messages(demo_campaign_dir, tmp_path):
    call = tmp_path / "esc.json"
    call.write_text(json.dumps({"\x1b]0;pwned\x07\x1b[2Jkey": 1}), encoding="utf-8")
    result = runner.invoke(app, ["check", "-a", str(demo_campaign_dir), str(call), "-f", "json"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "key" in result.stderr
