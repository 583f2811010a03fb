"""The bad-input corpus (tests/badinput.py): every hostile or broken file gets its exact outcome, with no
traceback, in bounded time and memory, alone, through ``Checker.check`` and through the CLI.

The parse-level run forks one child per file from a process that imports only msgcheck.ingest, so each
file's peak memory is its own; ``pytest -s`` prints the table (cases, outcomes, worst time and memory).
"""

from __future__ import annotations

import csv
import io
import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from badinput import MEMORY_LIMIT_MB, TIME_LIMIT_S, build_corpus
from rich.console import Console
from typer.testing import CliRunner

from msgcheck.cli.main import app
from msgcheck.report.table import render_table

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-inputs")
    cases = build_corpus(folder)
    manifest = folder / "manifest.json"
    manifest.write_text(
        json.dumps([{"name": c.name, "kind": c.kind, "path": str(c.path)} for c in cases]), encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, str(HERE / "badinput.py"), str(manifest)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S * len(cases),
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = {r["name"]: r for r in json.loads(run.stdout)}
    return cases, results


def _problems(case, result) -> list[str]:
    out = []
    if result["outcome"] in ("crash", "hang"):
        return [f"{result['outcome']}: {result['message']}\n{result.get('traceback', '')}"]
    if case.error is not None:
        message = result.get("message", "")
        if result["outcome"] != "error":
            out.append(f"parsed, expected an error containing {case.error!r}")
        elif case.error not in message or case.name not in message:
            out.append(f"message {message!r} lacks {case.error!r} or the file name")
        elif "\n" in message or "Traceback" in message or "\x1b" in message:
            out.append(f"message is not one clean line: {message!r}")
        elif re.search(r"\b\w+(?:Error|Exception)\b", message):
            out.append(f"message shows a library's internals: {message!r}")
    else:
        if result["outcome"] != "parsed":
            return [f"error {result.get('message')!r}, expected it parsed"]
        want = case.parsed
        for key in ("utterances", "speakers", "blocks"):
            if key in want and result.get(key) != want[key]:
                out.append(f"{key} {result.get(key)} != {want[key]}")
        if "min_utterances" in want and result["utterances"] < want["min_utterances"]:
            out.append(f"utterances {result['utterances']} < {want['min_utterances']}")
        if "contains" in want and want["contains"] not in result["text"]:
            out.append(f"text lacks {want['contains']!r}")
        if "\x1b" in result["text"] or "\x07" in result["text"]:
            out.append("control characters survived parsing")
    if result["seconds"] > TIME_LIMIT_S:
        out.append(f"took {result['seconds']} s")
    if result["peak_mb"] > MEMORY_LIMIT_MB:
        out.append(f"peaked at {result['peak_mb']} MB")
    return out


def test_every_bad_input_has_its_exact_outcome_in_bounded_time_and_memory(corpus):
    cases, results = corpus
    assert len(cases) >= 60 and len(results) == len(cases)
    failures = {c.name: p for c in cases if (p := _problems(c, results[c.name]))}
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
    errors = sum(1 for r in results.values() if r["outcome"] == "error")
    slowest = max(results.values(), key=lambda r: r["seconds"])
    biggest = max(results.values(), key=lambda r: r["peak_mb"])
    print(
        f"\nbad-input corpus: {len(cases)} cases, {errors} clear errors, {len(cases) - errors} parsed, "
        f"0 tracebacks, 0 hangs; worst time {slowest['seconds']} s ({slowest['name']}), "
        f"worst peak memory {biggest['peak_mb']} MB ({biggest['name']})"
    )


def _batch(cases):
    calls = [c for c in cases if c.kind == "call" and not c.heavy]
    assets = [c for c in cases if c.kind == "asset"]
    return calls, assets


def test_the_corpus_through_checker_check_loses_nothing(corpus, checker, demo_campaign_dir, demo_calls):
    cases, _ = corpus
    calls, assets = _batch(cases)
    report = checker.check(
        [demo_campaign_dir, *(c.path for c in assets)], [*(c.path for c in calls), demo_calls[0]]
    )
    assert [c.call for c in report.calls] == [c.name for c in calls] + [demo_calls[0].name]
    by_name = {c.call: c for c in report.calls}
    for case in calls:
        got = by_name[case.name]
        assert not got.internal, got.error
        if case.error is not None:
            assert got.error and case.error in got.error and case.name in got.error, (case.name, got.error)
        else:
            assert got.error is None, (case.name, got.error)
    assert by_name[demo_calls[0].name].error is None and by_name[demo_calls[0].name].findings
    left_out = {Path(e.file).name: e.error for e in report.asset_errors}
    assert set(left_out) == {c.name for c in assets if c.error is not None}
    for case in assets:
        if case.error is not None:
            assert case.error in left_out[case.name], (case.name, left_out[case.name])
    assert {"owner-only.pdf", "payload-ads.csv"} <= set(report.assets)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nChecker.check on the corpus: peak memory of this process, models loaded: {peak:.0f} MB")
    assert peak < 3 * MEMORY_LIMIT_MB  # the models and the test session take most of it
    # the terminal table of it all carries no control sequence and no markup is interpreted
    buf = io.StringIO()
    render_table(report, Console(file=buf, width=160, color_system=None, force_terminal=False))
    table = buf.getvalue()
    assert "\x1b" not in table and "\x07" not in table and "[/red][bold]" in table


def test_the_corpus_through_the_cli_writes_its_report_and_exits_2(
    corpus, demo_campaign_dir, demo_calls, tmp_path
):
    cases, _ = corpus
    calls, assets = _batch(cases)
    out = tmp_path / "report.csv"
    args = ["check", "-a", str(demo_campaign_dir)]
    for c in assets:
        args += ["-a", str(c.path)]
    args += [
        *(str(c.path) for c in calls),
        str(demo_calls[0]),
        "-f",
        "csv",
        "-o",
        str(out),
        "--no-thresholds",
    ]
    result = runner().invoke(app, args)
    assert result.exit_code == 2, result.output[-3000:]
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    for case in cases:
        if case.error is not None:
            assert case.name in result.stderr, case.name
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["call"] for r in rows} >= {demo_calls[0].name}
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA) or column in ("score", "start", "index"), (column, cell)
            assert "\x1b" not in cell and "\x07" not in cell


def runner() -> CliRunner:
    return CliRunner()


def test_a_turn_longer_than_spacys_max_length_is_checked_in_sentences(
    checker, demo_campaign_dir, tmp_path, monkeypatch
):
    """The one-long-line case in small: spaCy's max_length lowered to 8,000 characters, a 60,000-character
    single-line turn is split into sentences and checked, never refused by spaCy."""
    monkeypatch.setattr(checker.extractor.nlp, "max_length", 8_000)
    call = tmp_path / "one-line.txt"
    call.write_text(
        "Dana: " + "The trial is fourteen days and there is no contract. " * 1_150 + "\n", encoding="utf-8"
    )
    report = checker.check([demo_campaign_dir], [call], reps=["Dana"])
    (result,) = report.calls
    assert result.error is None and result.findings
