"""Runners (msgcheck.run): a process pool gives the report a single process gives, a bad call or a dying
worker never stops the batch, a workspace does not check a call twice, and the progress bar shows only on a
terminal."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_workspace
from typer.testing import CliRunner

from msgcheck.cli import progress as cli_progress
from msgcheck.cli.main import app
from msgcheck.report.schema import to_json
from msgcheck.run import CheckerSpec, LocalRunner, check_batch
from msgcheck.run.batch import call_files, run_calls
from msgcheck.run.pool import PoolRunner
from msgcheck.types import CallReport

cli = CliRunner()


# --------------------------------------------------------------------------- the pool, with a fake checker


class _FakeChecker:
    """Reports each call by its name, in whichever process it runs; no models."""

    def check_call(self, campaign, transcript):
        return None

    def check_source(self, campaign, t, reps):
        return CallReport(call=str(t), reps=list(reps or []), prospects=[campaign], drift_score=0.0)


@dataclass(frozen=True)
class _FakeSpec(CheckerSpec):
    def build(self):
        return _FakeChecker()


class _KillsItsWorker:
    """A call whose arrival in a worker ends that process, as an out-of-memory kill would."""

    def __reduce__(self):
        return (os._exit, (7,))

    def __str__(self) -> str:
        return "poison.txt"

    name = "poison.txt"


def test_pool_reports_every_call_in_order_with_the_campaign_it_was_given():
    calls = [f"call-{i}.txt" for i in range(9)]
    reports = list(PoolRunner(_FakeSpec(), jobs=2).run("the campaign", calls, reps=["Dana"]))
    assert [r.call for r in reports] == calls
    assert all(r.prospects == ["the campaign"] and r.reps == ["Dana"] for r in reports)


def test_a_call_that_kills_its_worker_is_that_calls_error_and_the_batch_goes_on():
    calls = ["a.txt", _KillsItsWorker(), "b.txt", "c.txt"]
    reports = list(PoolRunner(_FakeSpec(), jobs=2, retries=1).run("camp", calls))
    assert [r.call for r in reports] == ["a.txt", "poison.txt", "b.txt", "c.txt"]
    assert [r.error is None for r in reports] == [True, False, True, True]
    assert reports[1].internal and "internal error" in reports[1].error


# --------------------------------------------------------------------------- the real models


@pytest.mark.slow
def test_jobs_2_writes_the_report_jobs_1_writes(checker, demo_campaign_dir, demo_calls, tmp_path):
    """The CLI with --jobs 2 (two worker processes, real models) against the one-process report, with a
    missing and an empty call in the batch: they become their calls' errors and the rest are checked."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    calls = [demo_calls[0], tmp_path / "missing.txt", demo_calls[3], empty, demo_calls[5]]
    result = cli.invoke(
        app, ["check", "-a", str(demo_campaign_dir), *map(str, calls), "-f", "json", "--jobs", "2"]
    )
    assert result.exit_code == 2, result.output  # unreadable calls: exit 2, with the report written
    assert result.stderr.count("error:") == 2
    assert result.stdout == to_json(checker.check([demo_campaign_dir], calls))
    assert [c["error"] is None for c in json.loads(result.stdout)["calls"]] == [
        True,
        False,
        True,
        False,
        True,
    ]


@pytest.mark.slow
def test_a_workspace_does_not_check_a_call_twice(
    checker, demo_workspace, demo_campaign_dir, demo_calls, tmp_path
):
    """The demo workspace has checked the demo calls: checking them again records a run with the same
    report without checking any call (no runner call, no model), and a changed campaign checks again."""
    from msgcheck.workspace.db import Workspace
    from msgcheck.workspace.service import check_and_record

    class _Refuses:
        def run(self, campaign, calls, reps=None):
            raise AssertionError(f"checked {len(calls)} calls again")

    path = copy_workspace(demo_workspace, tmp_path / "ws")
    with Workspace(path) as ws:
        first = ws.run_report(ws.runs()[-1].id)
        seen: list[int] = []
        again = check_and_record(
            ws,
            checker,
            [demo_campaign_dir],
            demo_calls,
            runner=_Refuses(),
            progress=lambda n, d, t: seen.append(d),
        )
        assert again.reused == len(demo_calls) and seen == list(range(1, len(demo_calls) + 1))
        assert again.run_id != ws.runs()[0].id
        assert to_json(again.report) == to_json(first)

        # one call more: only that one is checked
        extra = tmp_path / "extra.txt"
        extra.write_bytes(demo_calls[0].read_bytes() + b"\nDana: And the trial is free for 30 days.\n")
        checked: list[int] = []

        class _Counts(LocalRunner):
            def run(self, campaign, calls, reps=None):
                checked.append(len(calls))
                return super().run(campaign, calls, reps)

        more = check_and_record(
            ws, checker, [demo_campaign_dir], [*demo_calls, extra], runner=_Counts(checker)
        )
        assert checked == [1] and more.reused == len(demo_calls)
        assert to_json(more.report).count('"call": ') == len(demo_calls) + 1

        # a new asset version is a new campaign version: everything is checked again
        assets = tmp_path / "assets"
        assets.mkdir()
        for f in demo_campaign_dir.iterdir():
            (assets / f.name).write_bytes(f.read_bytes())
        first_asset = sorted(assets.iterdir())[0]
        first_asset.write_bytes(first_asset.read_bytes() + b"\n\nSetup is free this month.\n")
        changed = check_and_record(ws, checker, [assets], demo_calls[:2], campaign=ws.runs()[0].campaign)
        assert changed.reused == 0


# --------------------------------------------------------------------------- plumbing


def test_a_folder_of_calls_is_its_transcripts_and_an_empty_one_is_an_error(tmp_path):
    (tmp_path / "calls" / "week2").mkdir(parents=True)
    for name in ("b.vtt", "a.txt", "week2/c.json", "notes.pdf", ".hidden.txt"):
        (tmp_path / "calls" / name).write_text("x", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    found = call_files([tmp_path / "calls", missing])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "calls/a.txt",
        "calls/b.vtt",
        "calls/week2/c.json",
        "missing.txt",
    ]
    (tmp_path / "empty").mkdir()
    with pytest.raises(Exception, match="no transcripts in this folder"):
        call_files([tmp_path / "empty"])


def test_run_calls_tells_progress_after_each_call():
    seen = []
    reports = run_calls(
        LocalRunner(_FakeChecker()), "camp", ["a.txt", "b.txt"], progress=lambda *a: seen.append(a)
    )
    assert [r.call for r in reports] == ["a.txt", "b.txt"]
    assert seen == [("a.txt", 1, 2), ("b.txt", 2, 2)]


@pytest.mark.parametrize(
    ("stderr_tty", "stdout_tty", "machine", "to_file", "shown"),
    [
        (True, True, False, False, True),  # a table on a terminal
        (True, False, False, False, True),  # a table piped on: the bar is on stderr, still watched
        (True, False, True, False, False),  # --format json | jq: quiet
        (True, False, True, True, True),  # --format json -o out.json: the bar
        (False, True, False, False, False),  # stderr not a terminal (CI, a log file): quiet
    ],
)
def test_the_progress_bar_shows_only_where_someone_watches(
    monkeypatch, stderr_tty, stdout_tty, machine, to_file, shown
):
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: stderr_tty, raising=False)
    monkeypatch.setattr(cli_progress.sys.stdout, "isatty", lambda: stdout_tty, raising=False)
    assert cli_progress.wanted(machine, to_file) is shown


def test_the_progress_bar_counts_calls_with_a_rate_and_time_left():
    import io

    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=120)
    with cli_progress.call_progress(4, console, show=True) as step:
        for i in range(1, 5):
            step(f"c{i}", i, 4)
            console.file.flush()
    text = buf.getvalue()
    assert "checking calls" in text and "4/4" in text and "calls/" in text and "left" in text
    with cli_progress.call_progress(4, console, show=False) as step:
        assert step is None


def test_check_batch_is_checker_check_for_a_local_runner(monkeypatch):
    from types import SimpleNamespace

    camp = SimpleNamespace(documents=[SimpleNamespace(name="offer.md")], errors=[])
    fake = _FakeChecker()
    fake.campaign = lambda assets: camp
    report = check_batch(fake, ["x"], ["a.txt"], reps=["Dana"])
    assert report.assets == ["offer.md"] and [c.call for c in report.calls] == ["a.txt"]


def test_address_without_ray_is_a_usage_error(tmp_path):
    result = cli.invoke(app, ["check", "-a", str(tmp_path), "x.txt", "--address", "auto"])
    assert result.exit_code == 2 and "--engine ray" in result.stderr


ROOT = Path(__file__).resolve().parent.parent


def test_a_check_multiplies_matrices_on_one_blas_thread_whatever_the_engine_gives():
    """Ray gives an actor one BLAS thread, a local process has one per core, and a product's last bits
    follow the thread count: the checker's own products run on one thread everywhere."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from msgcheck.check.checker import one_blas_thread

    @one_blas_thread
    def inside():
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    with threadpool_limits(2, user_api="blas"):
        assert inside() == {1}
        assert {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"} <= {2}
