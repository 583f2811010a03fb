"""The workspace store: migrations, content-hash upserts, runs, findings, reviews, the embedding cache,
export/import, and durability (SIGKILL mid-import, two writers, read-only paths, a full disk).

Pure store logic: hand-built Reports and the fake HashingEmbedder; no models.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from fakes import CountingEmbedder
from ws_helpers import (
    SETUP,
    TRIAL,
    call_report,
    coverage,
    finding,
    read_only,
    report,
    simple_call,
    write_asset,
    write_call,
)

from msgcheck.embed.embedders import CachedEmbedder, HashingEmbedder
from msgcheck.errors import InputError, MsgcheckError, WorkspaceError
from msgcheck.report import report_to_dict
from msgcheck.workspace.calibrate import Calibration, score_report
from msgcheck.workspace.codec import finding_hash, sha256_bytes
from msgcheck.workspace.db import MIGRATIONS, JudgeVersion, Workspace
from msgcheck.workspace.export import export_workspace, import_workspace
from msgcheck.workspace.service import import_paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def ws(tmp_path):
    with Workspace(tmp_path / "ws.db") as w:
        yield w


def _stocked(ws: Workspace, tmp_path: Path) -> dict:
    """A workspace with one campaign, an asset, two calls, a run, reviews, a judge version and vectors."""
    write_asset(tmp_path / "assets")
    ws.add_campaign("spring")
    asset, _ = ws.add_asset_version("spring", tmp_path / "assets" / "offer.md")
    c1, _ = ws.add_call(simple_call(tmp_path / "calls", "c1.txt"), campaign="spring", date="2025-03-01")
    c2, _ = ws.add_call(simple_call(tmp_path / "calls", "c2.txt", rep="Tom Becker"), campaign="spring")
    rep = report(
        call_report(
            "c1.txt",
            [
                finding("contradiction", 0.8, "The trial is fourteen days.", TRIAL),
                finding("omission", 0.5, None, SETUP),
            ],
            coverage=coverage(trial="contradicted", setup="not_mentioned", cancel="not_mentioned"),
        ),
        call_report(
            "c2.txt",
            [
                finding(
                    "weakened",
                    0.6,
                    "Setup is free only on the annual plan.",
                    SETUP,
                    speaker="Tom Becker",
                    index=4,
                )
            ],
            reps=("Tom Becker",),
            coverage=coverage(trial="upheld", setup="weakened", cancel="not_mentioned"),
        ),
    )
    run_id = ws.record_run(
        rep, campaign="spring", model_id="hashing-test", base_judge="rules-1", calls=[c1.id, c2.id]
    )
    f1, _, f3 = ws.findings(run_id=run_id)
    ws.review(f1.id, "accept", "ana", "clear contradiction")
    ws.review(f3.id, "change_kind", "ben", new_kind="contradiction")
    ws.add_judge_version(
        JudgeVersion("rules-1+cal.1", "rules-1", {"thresholds": {"omission": 0.6}, "logistic": {}})
    )
    CachedEmbedder(HashingEmbedder(), store=ws).embed_batch(["free trial", "no setup fee"])
    return {"asset": asset, "calls": (c1, c2), "run_id": run_id, "report": rep}


# --------------------------------------------------------------------------- opening and migrations


def test_new_workspace_is_wal_migrated_and_marked(tmp_path):
    path = tmp_path / "sub" / "ws.db"
    with Workspace(path) as ws:
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.schema_version == len(MIGRATIONS)
        assert ws.integrity_check() == "ok"
        tables = {r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"campaigns", "asset_versions", "calls", "runs", "findings", "reviews", "embeddings"} <= tables
    with Workspace(path) as again:  # reopening migrates nothing and keeps the data
        assert again.schema_version == len(MIGRATIONS)


def test_a_newer_workspace_or_a_foreign_file_is_refused(tmp_path):
    newer = tmp_path / "newer.db"
    Workspace(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(WorkspaceError, match="newer msgcheck") as exc:
        Workspace(newer)
    assert str(newer) in str(exc.value)

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(WorkspaceError, match="not a msgcheck workspace"):
        Workspace(other)

    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just some text that is long enough " * 20)
    with pytest.raises(WorkspaceError, match="not a msgcheck workspace"):
        Workspace(text)


# --------------------------------------------------------------------------- content-hash upserts


def test_importing_the_same_files_twice_changes_nothing(ws, tmp_path):
    asset = write_asset(tmp_path / "a")
    call = simple_call(tmp_path / "c", "call.txt")
    first = (ws.add_asset_version("spring", asset), ws.add_call(call, campaign="spring"))
    before = export_workspace(ws)
    second = (ws.add_asset_version("spring", asset), ws.add_call(call, campaign="spring"))
    assert first[0][1] and first[1][1] and not second[0][1] and not second[1][1]
    assert second[0][0] == first[0][0] and second[1][0] == first[1][0]
    assert export_workspace(ws) == before


def test_a_changed_asset_is_a_new_version_and_the_latest_is_current(ws, tmp_path):
    path = write_asset(tmp_path / "a")
    v1, _ = ws.add_asset_version("spring", path)
    write_asset(tmp_path / "a", text="# Spring offer\n\nStart a 45-day free trial.\n")
    v2, added = ws.add_asset_version("spring", path)
    assert added and (v1.version, v2.version) == (1, 2)
    assert v2.content_hash == sha256_bytes(path.read_bytes())
    assert [a.id for a in ws.asset_versions("spring", current=True)] == [v2.id]
    assert len(ws.asset_versions("spring")) == 2


def test_call_metadata_date_reps_campaign_and_source(ws, tmp_path):
    gong = ROOT / "corpora" / "demo" / "calls" / "call-07-redline-mechanical.gong.json"
    call, _ = ws.add_call(gong, campaign="spring")
    assert call.date == "2025-04-14T14:00:12Z"  # the file's "started"
    assert call.reps == ["Marcus Reyes", "Tom Becker", "Priya Lindqvist"]  # as the file states roles
    assert call.campaign == "spring" and call.source_path == str(gong) and call.format
    named = simple_call(tmp_path, "acme-2025-02-03.txt")
    assert ws.add_call(named)[0].date == "2025-02-03"  # from the file name
    undated = simple_call(tmp_path, "plain.txt", extra="Plain call.")
    rec, _ = ws.add_call(undated)
    assert rec.date is None and rec.campaign is None
    rec, changed = ws.add_call(undated, campaign="spring", date="2025-01-09")  # fills what was missing
    assert changed and (rec.date, rec.campaign) == ("2025-01-09", "spring")
    assert ws.turns(rec.id)[0][1] == "Dana Okafor" and len(ws.turns(rec.id)) == 5


def test_unreadable_inputs_are_input_errors(ws, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        ws.add_call(bad)
    with pytest.raises(InputError):
        ws.add_asset_version("spring", tmp_path / "missing.md")
    assert ws.counts()["calls"] == 0


# --------------------------------------------------------------------------- runs, findings, reviews


def test_a_run_reads_back_as_the_same_report(ws, tmp_path):
    stocked = _stocked(ws, tmp_path)
    run = ws.run(stocked["run_id"])
    assert (run.model_id, run.judge_version, run.base_judge, run.campaign) == (
        "hashing-test",
        "rules-1",
        "rules-1",
        "spring",
    )
    assert run.calls == 2 and run.findings == 3
    assert [a.name for a in ws.run_assets(run.id)] == ["offer.md"]
    assert report_to_dict(ws.run_report(run.id)) == report_to_dict(stocked["report"])
    c1 = ws.call("c1.txt")
    assert c1.reps == ["Dana Okafor"]  # the run's reps are remembered on the call


def test_rechecking_a_call_maps_onto_the_same_findings_and_keeps_reviews(ws, tmp_path):
    stocked = _stocked(ws, tmp_path)
    before = {f.finding_hash: f for f in ws.findings()}
    c1, c2 = stocked["calls"]
    second = ws.record_run(stocked["report"], campaign="spring", base_judge="rules-1", calls=[c1.id, c2.id])
    after = ws.findings()
    assert ws.counts()["findings"] == 3
    assert {f.finding_hash for f in after} == set(before)
    assert all(f.run_id == second for f in after)  # each as last seen
    reviewed = {f.finding_hash: f.review.decision for f in after if f.review}
    assert sorted(reviewed.values()) == ["accept", "change_kind"]
    contradiction = next(f for f in after if f.kind == "contradiction")
    assert contradiction.finding_hash == finding_hash(
        c1.content_hash, "contradiction", "The trial is fourteen days.", TRIAL
    )
    changed = next(f for f in after if f.review and f.review.decision == "change_kind")
    assert changed.effective_kind == "contradiction" and changed.kind == "weakened"


def test_the_same_sentence_flagged_twice_in_a_call_stays_two_findings(ws, tmp_path):
    call, _ = ws.add_call(simple_call(tmp_path, "c.txt"))
    twice = [finding("unsupported", 0.5, "We match any price.", None, index=i) for i in (2, 4)]
    ws.record_run(report(call_report("c.txt", twice)), calls=[call.id])
    ws.record_run(report(call_report("c.txt", twice)), calls=[call.id])
    assert len({f.finding_hash for f in ws.findings()}) == 2


def test_reviews_are_history_and_the_latest_wins(ws, tmp_path):
    _stocked(ws, tmp_path)
    target = ws.findings(kind="omission")[0]
    ws.review(target.id, "accept", "ana", created_at="2025-01-01T00:00:00+00:00")
    ws.review(target.id, "dismiss", "ben", "not headline", created_at="2025-01-02T00:00:00+00:00")
    ws.review(
        target.id, "dismiss", "ben", "not headline", created_at="2025-01-02T00:00:00+00:00"
    )  # same: once
    assert [r.decision for r in ws.reviews(target.id)] == ["accept", "dismiss"]
    assert ws.finding(target.id).review.decision == "dismiss"
    assert ws.findings(reviewed=False) == []
    with pytest.raises(InputError, match="unknown review decision"):
        ws.review(target.id, "maybe", "ana")
    with pytest.raises(InputError, match="needs a new kind"):
        ws.review(target.id, "change_kind", "ana", new_kind="bogus")
    with pytest.raises(InputError, match="reviewer"):
        ws.review(target.id, "accept", " ")
    with pytest.raises(WorkspaceError, match="no finding 999"):
        ws.review(999, "accept", "ana")


def test_a_calibrated_judge_drops_low_findings_and_the_run_says_which_judge(ws, tmp_path):
    call, _ = ws.add_call(simple_call(tmp_path, "c.txt"))
    judge = ws.add_judge_version(
        JudgeVersion("rules-1+cal.1", "rules-1", {"thresholds": {"unsupported": 0.5}, "logistic": {}})
    )
    rep = report(
        call_report(
            "c.txt",
            [
                finding("unsupported", 0.4, "We match any price.", None),
                finding("unsupported", 0.7, "Free vans.", None),
            ],
        )
    )
    cal = Calibration.from_params(judge.params)
    run_id = ws.record_run(
        rep,
        base_judge="rules-1",
        judge_version=judge.name,
        scored=score_report(rep, cal),
        settings={"calibration": judge.params},
        calls=[call.id],
    )
    run = ws.run(run_id)
    assert run.judge_version == "rules-1+cal.1" and run.base_judge == "rules-1"
    assert run.settings["calibration"]["thresholds"] == {"unsupported": 0.5}
    shown = ws.run_report(run_id).calls[0]
    assert [f.transcript["text"] for f in shown.findings] == ["Free vans."]
    assert len(ws.findings(include_dropped=True)) == 2 and len(ws.findings()) == 1


def test_active_judge_can_be_set_and_cleared(ws):
    assert ws.active_judge() is None
    ws.add_judge_version(JudgeVersion("rules-1+cal.1", "rules-1", {"thresholds": {}}), activate=False)
    assert ws.active_judge() is None
    ws.set_active_judge("rules-1+cal.1")
    assert ws.active_judge().name == "rules-1+cal.1"
    ws.set_active_judge(None)
    assert ws.active_judge() is None
    with pytest.raises(WorkspaceError, match="no judge version"):
        ws.set_active_judge("nope")


# --------------------------------------------------------------------------- embedding cache


def test_unchanged_text_is_never_embedded_twice_across_processes(tmp_path):
    path = tmp_path / "ws.db"
    with Workspace(path) as ws:
        first = CountingEmbedder()
        a = CachedEmbedder(first, store=ws).embed_batch(["free trial", "no setup fee", "free trial"])
        assert first.seen == ["free trial", "no setup fee"]
    with Workspace(path) as ws:  # a new process: empty memory, same workspace
        second = CountingEmbedder()
        emb = CachedEmbedder(second, store=ws)
        b = emb.embed_batch(["no setup fee", "free trial", "cancel anytime"])
        assert second.seen == ["cancel anytime"] and emb.misses == 1
        assert np.array_equal(a[1], b[0]) and b.dtype == np.float32
        stored = ws.conn.execute("SELECT model_id, dim, length(vector) FROM embeddings").fetchall()
        assert {r[0] for r in stored} == {"hashing-test"} and all(r[2] == r[1] * 4 for r in stored)
        assert ws.counts()["embeddings"] == 3


def test_vectors_known_in_memory_reach_a_store_attached_later(tmp_path):
    emb = CachedEmbedder(CountingEmbedder())
    emb.embed_batch(["free trial"])
    with Workspace(tmp_path / "ws.db") as ws:
        emb.store = ws
        emb.embed_batch(["free trial", "cancel anytime"])
        assert emb.misses == 2 and emb.inner.seen == ["free trial", "cancel anytime"]
        assert ws.counts()["embeddings"] == 2


# --------------------------------------------------------------------------- export / import


def test_export_imports_back_to_an_equal_workspace(tmp_path):
    with Workspace(tmp_path / "a.db") as a:
        _stocked(a, tmp_path)
        campaign = a.campaigns()[0].name
        a.set_claim_override(campaign, "landing.md", "No setup fee.", headline=True, author="ana")
        a.set_claim_override(campaign, "landing.md", "Free pizza on Fridays.", manual=True, author="ana")
        data = export_workspace(a)
    assert len(data["claim_overrides"]) == 2
    text = json.dumps(data)  # plain JSON all the way down
    with Workspace(tmp_path / "b.db") as b:
        stats = import_workspace(b, json.loads(text))
        assert stats.added["calls"] == 2 and stats.added["runs"] == 1 and stats.added["reviews"] == 2
        assert stats.added["claim_overrides"] == 2
        assert export_workspace(b) == data
        again = import_workspace(b, json.loads(text))
        assert not again.changed and export_workspace(b) == data
        assert report_to_dict(b.run_report()) == report_to_dict(Workspace(tmp_path / "a.db").run_report())
        assert b.active_judge().name == "rules-1+cal.1"


def test_import_refuses_what_is_not_an_export(ws):
    with pytest.raises(InputError, match="not a msgcheck workspace export"):
        import_workspace(ws, {"calls": []}, source="x.json")
    with pytest.raises(InputError, match=r"x.json: invalid workspace export: campaigns\[0\]: missing 'name'"):
        import_workspace(ws, {"msgcheck_workspace": 1, "campaigns": [{"nom": "x"}]}, source="x.json")
    assert ws.counts()["campaigns"] == 0  # all or nothing


# --------------------------------------------------------------------------- durability and concurrency

_KILL_CHILD = """
import sys, time
from pathlib import Path
from msgcheck.workspace.db import Workspace
from msgcheck.workspace.service import import_calls

db, folder, flag, stop_after, mode = sys.argv[1:6]
stop_after = int(stop_after)
files = sorted(Path(folder).iterdir())
ws = Workspace(db)

def progress(done, total, name):
    if done != stop_after:
        return
    if mode == "in-transaction":
        with ws.transaction():  # killed while this write is open and uncommitted
            ws.add_call(files[done], campaign="bulk")
            Path(flag).write_text(str(done))
            time.sleep(60)
    else:
        Path(flag).write_text(str(done))  # killed wherever the import has got to

import_calls(ws, files, campaign="bulk", progress=progress)
"""


def _many_calls(folder: Path, n: int) -> list[Path]:
    return [
        write_call(
            folder,
            f"call-{i:04d}.txt",
            [("Dana Okafor", f"Call {i}: the trial is {i} days."), ("Gary", "Ok.")],
        )
        for i in range(n)
    ]


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child ended early: {proc.stderr.read().decode() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never signalled")
        time.sleep(0.01)


@pytest.mark.parametrize("mode", ["in-transaction", "racing"])
def test_sigkill_mid_import_leaves_a_sound_workspace_that_completes_on_rerun(tmp_path, mode):
    from msgcheck.workspace.service import import_calls

    n, stop_after = 160, 40
    files = _many_calls(tmp_path / "calls", n)
    db, flag, script = tmp_path / "ws.db", tmp_path / "flag", tmp_path / "child.py"
    script.write_text(_KILL_CHILD)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(tmp_path / "calls"), str(flag), str(stop_after), mode],
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    _wait_for(flag, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with Workspace(db) as ws:
        assert ws.integrity_check() == "ok"
        done = ws.counts()["calls"]
        if mode == "in-transaction":
            assert done == stop_after  # the open write left no trace
        assert stop_after <= done <= n
        stats = import_calls(ws, files, campaign="bulk")
        assert stats.added.get("calls", 0) == n - done and stats.unchanged["calls"] == done
        rows = ws.conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM calls").fetchone()
        assert rows == (n, n)
        assert ws.conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 2 * n
        assert ws.integrity_check() == "ok"


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from msgcheck.workspace.db import Workspace

ws = Workspace(sys.argv[1])
with ws.transaction() as conn:
    conn.execute("INSERT INTO campaigns (name, created_at) VALUES ('holder', 'now')")
    Path(sys.argv[2]).write_text("locked")
    time.sleep(float(sys.argv[3]))
"""


def _hold_lock(tmp_path: Path, db: Path, seconds: float) -> subprocess.Popen:
    Workspace(db).close()
    script, flag = tmp_path / "hold.py", tmp_path / "held"
    script.write_text(_HOLD_LOCK)
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(flag), str(seconds)], cwd=ROOT)
    _wait_for(flag, proc)
    return proc


def test_a_writer_waits_out_another_writer_by_retrying(tmp_path):
    db = tmp_path / "ws.db"
    holder = _hold_lock(tmp_path, db, 1.0)
    # SQLite's own wait (busy_timeout) is shorter than the hold: the retry loop carries it through.
    with Workspace(db, busy_timeout=0.1, retry_for=20) as ws:
        ws.add_campaign("second")
        assert {c.name for c in ws.campaigns()} == {"holder", "second"}
    assert holder.wait(timeout=30) == 0


def test_a_workspace_busy_for_too_long_is_a_clear_error(tmp_path):
    db = tmp_path / "ws.db"
    holder = _hold_lock(tmp_path, db, 1.5)
    try:
        with Workspace(db, busy_timeout=0.1, retry_for=0.3) as ws, pytest.raises(WorkspaceError) as exc:
            ws.add_campaign("second")
        message = str(exc.value)
        assert "busy" in message and str(db) in message and "database is locked" not in message
    finally:
        holder.wait(timeout=30)


def test_two_writers_at_once_both_succeed(tmp_path):
    files = _many_calls(tmp_path / "all", 120)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for i, f in enumerate(files):  # overlapping halves: 0-79 and 40-119
        if i < 80:
            (a / f.name).write_bytes(f.read_bytes())
        if i >= 40:
            (b / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "fresh" / "ws.db"  # neither finds a workspace: both create and migrate it
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "msgcheck.cli.main",
                "workspace",
                "import",
                str(folder),
                "-w",
                str(db),
                "-c",
                "bulk",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        for folder in (a, b)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        text = (out + err).decode()
        assert proc.returncode == 0, text
        assert "locked" not in text and "Traceback" not in text
    with Workspace(db) as ws:
        assert ws.conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM calls").fetchone() == (
            120,
            120,
        )
        assert ws.integrity_check() == "ok"


def test_a_read_only_workspace_file_is_a_clear_error(tmp_path):
    path = tmp_path / "ws.db"
    Workspace(path).close()
    with read_only(path):
        with Workspace(path) as ws:  # reading still works
            assert ws.campaigns() == []
            with pytest.raises(WorkspaceError, match="read-only") as exc:
                ws.add_campaign("spring")
        assert str(path) in str(exc.value) and "writable" in str(exc.value)


def test_a_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder), pytest.raises(WorkspaceError) as exc:
        Workspace(folder / "ws.db")
    assert str(folder / "ws.db") in str(exc.value) and "writable" in str(exc.value)
    assert isinstance(exc.value, MsgcheckError)


def test_a_full_disk_is_a_clear_error_and_loses_nothing(ws, tmp_path):
    ws.add_call(simple_call(tmp_path, "keep.txt"))
    pages = ws.conn.execute("PRAGMA page_count").fetchone()[0]
    ws.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the file cannot grow: SQLITE_FULL
    big = write_call(tmp_path, "big.txt", [("Dana Okafor", f"sentence {i} " * 40) for i in range(400)])
    with pytest.raises(WorkspaceError, match="disk is full") as exc:
        ws.add_call(big)
    assert "free some disk space" in str(exc.value) and str(ws.path) in str(exc.value)
    assert [c.name for c in ws.calls()] == ["keep.txt"] and ws.integrity_check() == "ok"


def test_transactions_roll_back_whole_on_error(ws, tmp_path):
    with pytest.raises(RuntimeError), ws.transaction():
        ws.add_campaign("half")
        ws.add_call(simple_call(tmp_path, "c.txt"), campaign="half")
        raise RuntimeError("stop")
    assert ws.counts()["campaigns"] == 0 and ws.counts()["calls"] == 0


# --------------------------------------------------------------------------- hand-edited exports, foreign files


def _set(data: dict, path: str, value) -> None:
    """``data`` with the value at ``a.b[0].c`` replaced (or a missing key added)."""
    import re

    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path)]
    target = data
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value


EDITS = [
    ("judge_versions[0].params.thresholds.contradiction", "0.5", "expected a number, got str '0.5'"),
    ("judge_versions[0].params.thresholds.frobnicate", 0.5, "unknown value 'frobnicate'"),
    ("judge_versions[0].params.logistic", [], "expected an object"),
    ("runs[0].calls[0].findings[0].data", "a finding", "expected an object, got str"),
    ("runs[0].calls[0].findings[0].data.kind", "frobnicated", "frobnicated"),
    ("runs[0].calls[0].drift_score", 7, "7 is outside 0..1"),
    ("runs[0].calls[0].call", "0" * 64, "which is not in the export"),
    ("embeddings[0].vector", "AAAA", "3 bytes is not a vector of float32"),
    ("embeddings[1].vector", "AAAAAA==", "1 dimensions"),
    ("embeddings[0].vector", "AAA", "not valid base64"),
    ("findings[0].kind", "frobnicated", "unknown value 'frobnicated'"),
    ("findings[0].call", "nope", "refers to call 'nope'"),
    ("calls[0].reps", "Dana", "expected a list of strings"),
    ("calls[0].turns[0]", "Dana: hi", "expected [index, speaker, start, role]"),
    ("calls[0].turns[0][3]", "boss", "unknown value 'boss'"),
    ("calls[0].data", "not base64!", "not valid base64"),
    ("assets[0].format", "exe", "unknown value 'exe'"),
    ("assets[0].version", "1", "expected an integer"),
    ("assets[0].name", "x" * 2000, "longer than 1,000 characters"),
    ("reviews[0].decision", "maybe", "unknown value 'maybe'"),
    ("reviews[0].finding", "nope", "refers to finding 'nope'"),
    ("claim_overrides[0].headline", "yes", "expected true or false"),
    ("campaigns", {"spring": 1}, "expected a list"),
    ("schema_version", 99, "newer than this msgcheck knows"),
    ("active_judge", 3, "expected a string"),
]


@pytest.fixture(scope="module")
def stocked_export(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("stocked")
    with Workspace(folder / "a.db") as a:
        _stocked(a, folder)
        a.set_claim_override(
            a.campaigns()[0].name, "landing.md", "No setup fee.", headline=True, author="ana"
        )
        return export_workspace(a)


@pytest.mark.parametrize(("field", "value", "why"), EDITS, ids=[e[0] + ":" + str(e[1])[:10] for e in EDITS])
def test_a_hand_edited_export_is_refused_naming_the_file_and_field_and_nothing_is_written(
    stocked_export, tmp_path, field, value, why
):
    import copy

    data = copy.deepcopy(stocked_export)
    _set(data, field, value)
    export = tmp_path / "edited-export.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    with Workspace(tmp_path / "b.db") as b:
        before = export_workspace(b)
        with pytest.raises(InputError) as exc:
            import_paths(b, [export])
        assert export_workspace(b) == before  # nothing written
    message = str(exc.value)
    assert message.startswith(f"{export}: invalid workspace export: "), message
    assert field.split(".")[0].split("[")[0] in message and why in message, message


def test_a_sound_export_still_imports(stocked_export, tmp_path):
    export = tmp_path / "export.json"
    export.write_text(json.dumps(stocked_export), encoding="utf-8")
    with Workspace(tmp_path / "b.db") as b:
        assert import_paths(b, [export]).added["runs"] == 1


def test_an_imported_vector_must_match_the_workspace_s_size(stocked_export, tmp_path):
    with Workspace(tmp_path / "b.db") as b:
        b.conn.execute(
            "INSERT INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, 'k', 3, ?)",
            (stocked_export["embeddings"][0]["model_id"], b"\0" * 12),
        )
        with pytest.raises(InputError, match=r"embeddings\[0\]\.vector: \d+ dimensions; .* have 3"):
            import_workspace(b, stocked_export, source="e.json")


def test_a_foreign_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "someone-elses.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="not a msgcheck workspace"):
        Workspace(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_read_only_workspace_in_a_read_only_folder_can_be_listed_shown_and_exported(tmp_path):
    from typer.testing import CliRunner

    from msgcheck.cli.main import app

    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "ws.db"
    with Workspace(db) as ws:
        _stocked(ws, tmp_path)
        expected = export_workspace(ws)
    runner = CliRunner()
    with read_only(db), read_only(folder):
        with Workspace(db) as ws:
            assert ws.read_only and export_workspace(ws) == expected
            with pytest.raises(WorkspaceError, match="read-only"):
                ws.add_campaign("autumn")
        listed = runner.invoke(app, ["workspace", "list", "calls", "-w", str(db)])
        assert listed.exit_code == 0, listed.output
        assert "c1.txt" in listed.stdout and "c2.txt" in listed.stdout
        shown = runner.invoke(app, ["workspace", "show", "run", "-w", str(db), "-f", "json"])
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.stdout)["calls"][0]["call"] == "c1.txt"
        exported = runner.invoke(app, ["workspace", "export", "-w", str(db)])
        assert exported.exit_code == 0 and json.loads(exported.stdout) == expected
    assert sorted(p.name for p in folder.iterdir()) == ["ws.db"]
