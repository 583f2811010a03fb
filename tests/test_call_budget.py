"""The time budget per call (MSGCHECK_MAX_CALL_SECONDS, msgcheck.deadline): a call past it becomes that
call's error naming the setting, the batch goes on, and the CLI writes its report and exits 2.

Real calls and the real models throughout. A budget of a nanosecond is spent before the first step; the
mixed batch uses a clock that advances one second at every time check, so a call's "seconds" are the
checks its work makes: the long call runs out, the short one does not, whatever the machine's speed.
"""

from __future__ import annotations

import json
from itertools import count

import pytest
from typer.testing import CliRunner

from msgcheck import deadline
from msgcheck.cli.main import app
from msgcheck.embed.align import align
from msgcheck.errors import CallTimeoutError
from msgcheck.ingest import load_transcript
from msgcheck.ingest.limits import Limits

pytestmark = pytest.mark.slow
SETTING = "MSGCHECK_MAX_CALL_SECONDS"


def test_the_budget_is_a_documented_limit_with_a_default(monkeypatch):
    assert Limits().max_call_seconds == 120
    monkeypatch.setenv(SETTING, "2.5")
    assert Limits.from_env().max_call_seconds == 2.5


def test_a_call_past_its_budget_is_that_calls_error(checker, demo_campaign_dir, demo_calls, monkeypatch):
    monkeypatch.setenv(SETTING, "1e-9")
    report = checker.check([demo_campaign_dir], demo_calls[:2])
    assert [c.call for c in report.calls] == [p.name for p in demo_calls[:2]]
    for call, path in zip(report.calls, demo_calls[:2], strict=True):
        assert call.error and not call.internal and not call.findings
        assert call.error.startswith(f"{path.name}: took longer than 1e-09 s"), call.error
        assert f"raise {SETTING} to allow more" in call.error
    monkeypatch.delenv(SETTING)
    report = checker.check([demo_campaign_dir], demo_calls[:1])  # the budget ignored: this would not error
    assert report.calls[0].error is None and report.calls[0].findings


def test_the_long_call_runs_out_and_the_short_one_is_checked(
    checker, demo_campaign_dir, demo_calls, tmp_path, monkeypatch
):
    text = demo_calls[0].read_text(encoding="utf-8")
    long_call = tmp_path / "long.txt"
    long_call.write_text("\n".join([text] * 30), encoding="utf-8")
    short = load_transcript(demo_calls[0])
    ticks = count()
    monkeypatch.setattr(deadline, "_now", lambda: float(next(ticks)))
    needed = len(short.utterances) * 4  # parse, read and judge each turn: far less than this many checks
    monkeypatch.setenv(SETTING, str(needed))
    report = checker.check([demo_campaign_dir], [long_call, short])
    slow, fast = report.calls
    assert slow.call == "long.txt" and slow.error and "took longer than" in slow.error
    assert fast.error is None and fast.findings and fast.coverage


def test_each_stage_checks_the_time_inside_its_loop(checker, demo_campaign_dir, demo_calls):
    """The per-sentence loops stop once the budget is spent, not only the gaps between stages."""
    camp = checker.campaign([demo_campaign_dir])
    transcript = load_transcript(demo_calls[0])
    checker.check_call(camp, transcript)  # roles assigned; the models warm
    alignments = []
    with deadline.call_budget(3600, "warm.txt"):
        claims = checker.extractor.extract(transcript, camp.vocab)
        vecs = checker.embedder.embed_batch([c.text for c in claims])
        alignments = align(claims, vecs, camp.claims, camp.vectors, k=len(camp.claims))
    assert claims and alignments
    with deadline.call_budget(1e-9, "spent.txt"):
        with pytest.raises(CallTimeoutError, match=r"spent\.txt: took longer than"):
            checker.extractor.extract(transcript, camp.vocab)
        with pytest.raises(CallTimeoutError):
            checker.judge.judge_all(alignments, camp.index)
        with pytest.raises(CallTimeoutError):
            checker.embedder.embed_batch(["a sentence this session has never embedded, 31 Dec 2026"])
        with pytest.raises(CallTimeoutError):
            load_transcript(demo_calls[1])
    deadline.check_time()  # outside a call: never raises


def test_cli_a_call_past_its_budget_exits_2_and_writes_the_report(
    demo_campaign_dir, demo_calls, tmp_path, monkeypatch
):
    monkeypatch.setenv(SETTING, "1e-9")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["check", "-a", str(demo_campaign_dir), str(demo_calls[0]), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert f"raise {SETTING}" in result.stderr and "Traceback" not in result.output
    (call,) = json.loads(out.read_text(encoding="utf-8"))["calls"]
    assert "took longer than" in call["error"]
