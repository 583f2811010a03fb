"""The CLI end to end on the demo campaign, with the real bundled models (loaded once per process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msgcheck.cli.main import app

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_json(demo_campaign_dir, demo_calls):
    result = runner.invoke(
        app,
        [
            "check",
            "--assets",
            str(demo_campaign_dir),
            *map(str, demo_calls),
            "--format",
            "json",
            "--no-thresholds",
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_demo_report_is_valid_and_has_every_kind(demo_json, demo_calls):
    """With the per-kind thresholds off, every kind shows (omission guesses are withheld by default)."""
    from msgcheck.report import report_from_dict

    report = report_from_dict(demo_json)
    assert demo_json["schema_version"] == 1
    assert [c.call for c in report.calls] == [p.name for p in demo_calls]
    kinds = {f.kind for c in report.calls for f in c.findings}
    assert kinds == {"contradiction", "weakened", "unsupported", "omission"}
    for call in report.calls:
        assert call.reps, f"{call.call}: no rep found"
        assert 0.0 <= call.drift_score <= 1.0
        for f in call.findings:
            assert f.explanation
            if f.kind == "omission":
                assert f.transcript is None and f.asset["text"]
            else:
                assert f.transcript["speaker"] in call.reps
                assert f.transcript["text"]


def test_per_kind_thresholds_withhold_low_scored_findings(demo_json, demo_campaign_dir, demo_calls):
    from msgcheck.judge.pairjudge import PairJudge

    floors = PairJudge().config.min_score
    result = runner.invoke(
        app, ["check", "-a", str(demo_campaign_dir), *map(str, demo_calls), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    kept = [f for c in json.loads(result.stdout)["calls"] for f in c["findings"]]
    everything = [f for c in demo_json["calls"] for f in c["findings"]]
    assert all(f["score"] >= floors.get(f["kind"], 0.0) for f in kept)
    below = [f for f in everything if f["score"] < floors.get(f["kind"], 0.0)]
    assert len(kept) == len(everything) - len(below)


@pytest.mark.parametrize("fmt", ["csv", "html", "table"])
def test_other_formats_write_files(tmp_path, demo_campaign_dir, demo_calls, fmt):
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        app,
        ["check", "-a", str(demo_campaign_dir), str(demo_calls[0]), "--format", fmt, "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()


def test_fail_on_contradiction_exits_1(demo_campaign_dir, demo_calls):
    result = runner.invoke(
        app, ["check", "-a", str(demo_campaign_dir), *map(str, demo_calls), "--fail-on", "any", "-f", "json"]
    )
    assert result.exit_code == 1


def test_bad_transcript_is_reported_and_the_others_still_checked(tmp_path, demo_campaign_dir, demo_calls):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(
        app, ["check", "-a", str(demo_campaign_dir), str(bad), str(demo_calls[0]), "-f", "json"]
    )
    assert result.exit_code == 2
    assert "broken.json" in result.stderr
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert data["calls"][0]["error"] and "broken.json" in data["calls"][0]["error"]
    assert data["calls"][1]["error"] is None


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        (lambda p: None, "not found"),  # missing file
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary\x00"), "binary"),
    ],
)
def test_bad_asset_gives_clear_error(tmp_path, demo_calls, setup, needle):
    asset = tmp_path / "copy.md"
    setup(asset)
    result = runner.invoke(app, ["check", "-a", str(asset), str(demo_calls[0])])
    assert result.exit_code == 2
    assert "copy.md" in result.stderr
    assert needle in result.stderr.lower()
    assert "Traceback" not in result.output


def test_pair_and_pairs(tmp_path):
    result = runner.invoke(app, ["pair", "Start with a 30-day free trial.", "The trial is fourteen days."])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["label"] == "contradiction"
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        "premise\thypothesis\n"
        "Try it free for 30 days.\tYou get a thirty day free trial.\n"
        "No setup fee.\tThere is a $500 setup fee.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["pairs", str(tsv)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["label"] for r in rows] == ["entailment", "contradiction"]
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)


def test_pairs_without_columns_is_a_clear_error(tmp_path):
    tsv = tmp_path / "p.tsv"
    tsv.write_text("a\tb\nx\ty\n", encoding="utf-8")
    result = runner.invoke(app, ["pairs", str(tsv)])
    assert result.exit_code == 2
    assert "premise" in result.stderr and "p.tsv" in result.stderr


def test_eval_prints_figures_for_the_demo_set():
    root = Path(__file__).resolve().parent.parent / "corpora" / "demo"
    result = runner.invoke(app, ["eval", str(root), "--json", "--no-baselines"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)[str(root)]["msgcheck"]
    assert figures["calls"] == 7
    assert figures["drift_f1"] > 0.3


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"msgcheck {name.rstrip('_')}" in readme


def test_a_rep_naming_nobody_in_the_call_exits_2_listing_the_speakers(demo_campaign_dir, demo_calls):
    result = runner.invoke(
        app, ["check", "-a", str(demo_campaign_dir), str(demo_calls[0]), "--rep", "Bob Nobody", "-f", "json"]
    )
    assert result.exit_code == 2, result.output
    assert "Bob Nobody" in result.stderr and "Dana Okafor, Gary Tallis" in result.stderr
    assert json.loads(result.stdout)["calls"][0]["error"]


# The case: the rep greets "<Name> from <Company>" and asks the questions, the prospect talks about
# "our team"; then a call where nobody says who they are.
GREETED = """Sam Reyes: Hi, thanks for making time. Our team has been looking at dispatch tools.
Jo Park: Great to meet you, Jo Park from Routewick. How many techs are you running today?
Sam Reyes: Eight. Our team does dispatch on a whiteboard and our team hates it.
Jo Park: Got it. With eight techs you'd be on the Crew plan, it's forty-five a tech a month, and the trial is fourteen days.
Sam Reyes: Okay, send me the quote.
"""
VAGUE = """Ann: Morning. So, the trial, is it fourteen days?
Bo: Fourteen days, yes. And setup is three hundred dollars.
Ann: Fine. The plan is forty-five a tech a month?
Bo: Forty-five, yes.
"""


def test_roles_evidence_and_uncertainty_reach_the_json_and_stderr(tmp_path, demo_campaign_dir):
    greeted, vague = tmp_path / "greeted.txt", tmp_path / "vague.txt"
    greeted.write_text(GREETED, encoding="utf-8")
    vague.write_text(VAGUE, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "-a", str(demo_campaign_dir), str(greeted), str(vague), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)["calls"]
    assert first["reps"] == ["Jo Park"] and first["roles_uncertain"] is False
    assert first["role_confidence"]["Jo Park"] >= 0.9
    assert any("Routewick" in e for e in first["role_evidence"]["Jo Park"])
    assert first["findings"], "the rep's 14-day trial contradicts the campaign's"
    assert second["roles_uncertain"] is True and "--rep" in second["roles_uncertain_reason"]
    assert "vague.txt: the reps are a guess" in result.stderr
    assert "greeted.txt" not in result.stderr


def test_no_model_loading_bars_on_stderr():
    """A fresh process (the models load there, not in this session): the command prints its result only."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "msgcheck.cli.main", "pair", "30-day free trial", "the trial is 14 days"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    assert "Loading weights" not in done.stderr and "it/s]" not in done.stderr, done.stderr
