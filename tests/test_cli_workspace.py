"""`msgcheck workspace ...`, `msgcheck calibrate` and `msgcheck check --workspace`.

Everything but the last test uses a fake checker (no models); the last one is the single end-to-end
test with the real bundled models (the session `checker`), on two demo calls.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner
from ws_helpers import TRIAL, call_report, finding, read_only, report, simple_call, write_asset, write_call

from msgcheck.cli.main import app
from msgcheck.cli.workspace import workspace_app
from msgcheck.embed.embedders import CachedEmbedder, HashingEmbedder
from msgcheck.workspace.db import JudgeVersion, Workspace

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def ok(args: list[str]):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def fails(args: list[str], code: int = 2):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A corpus folder like corpora/demo: campaigns/spring/ and calls/ (one handoff call)."""
    root = tmp_path / "corpus"
    write_asset(root / "campaigns" / "spring")
    simple_call(root / "calls", "c1-2025-02-01.txt")
    write_call(
        root / "calls",
        "c2.txt",
        [
            ("Ben Asante", "Ben here, handing you to Dana."),
            ("Gary Tallis", "Ok."),
            ("Dana Okafor", "We match any price."),
        ],
    )
    return root


class FakeChecker:
    """Checker's surface for `check --workspace`: each rep utterance unsupported, scored 0.3 + 0.1 * index."""

    def __init__(self, *args, **kwargs):
        self.embedder = CachedEmbedder(HashingEmbedder())
        self.judge = type("Judge", (), {"version": "rules-1"})()
        self.config = None

    def using(self, *, store=None, overrides=()):
        self.embedder.store = store
        return self

    def campaign(self, assets):
        from types import SimpleNamespace

        self.embedder.embed_batch([TRIAL])
        return SimpleNamespace(documents=[SimpleNamespace(name="offer.md")], errors=[])

    def check_source(self, camp, t, reps=None):
        from msgcheck.ingest import load_transcript

        tr = load_transcript(t)
        found = [
            finding("unsupported", 0.3 + 0.1 * u.index, u.text, None, speaker=u.speaker, index=u.index)
            for u in tr.utterances
            if u.speaker in ("Dana Okafor", "Ben Asante")
        ]
        return call_report(Path(t).name, found, reps=tuple(s for s in tr.speakers if s != "Gary Tallis"))

    def check(self, assets, transcripts, reps=None, progress=None):
        camp = self.campaign(assets)
        return report(*(self.check_source(camp, t, reps) for t in transcripts))


def test_workspace_commands_from_import_to_calibrate(tmp_path, corpus, monkeypatch):
    db = tmp_path / "ws.db"
    from msgcheck.workspace.db import MIGRATIONS

    assert f"schema {len(MIGRATIONS)}" in ok(["workspace", "init", "-w", db]).stdout
    first = ok(["workspace", "import", corpus, "-w", db]).stdout
    assert "added 1 assets, 2 calls" in first
    assert "nothing new" in ok(["workspace", "import", corpus, "-w", db]).stdout
    calls = json.loads(ok(["workspace", "list", "calls", "-w", db, "--json"]).stdout)
    assert {c["name"]: (c["campaign"], c["date"]) for c in calls} == {
        "c1-2025-02-01.txt": ("spring", "2025-02-01"),
        "c2.txt": ("spring", None),
    }
    campaigns = ok(["workspace", "list", "-w", db]).stdout
    assert "spring" in campaigns

    # check --workspace records the run (fake checker: no models)
    monkeypatch.setattr("msgcheck.run.base.CheckerSpec.build", lambda spec: FakeChecker())
    calls_dir = corpus / "calls"
    checked = ok(
        ["check", "-w", db, "-a", corpus / "campaigns" / "spring", *sorted(calls_dir.iterdir()), "-f", "json"]
    )
    assert "recorded run 1" in checked.stderr and "judge rules-1" in checked.stderr
    assert len(json.loads(checked.stdout)["calls"]) == 2
    runs = json.loads(ok(["workspace", "list", "runs", "-w", db, "--json"]).stdout)
    assert [(r["campaign"], r["judge_version"], r["model_id"]) for r in runs] == [
        ("spring", "rules-1", "hashing-test")
    ]
    shown = json.loads(ok(["workspace", "show", "run", "1", "-w", db, "--json"]).stdout)
    assert shown == json.loads(checked.stdout)

    # reviews
    findings = json.loads(ok(["workspace", "list", "findings", "-w", db, "--json"]).stdout)
    assert len(findings) == 5
    ok(["workspace", "review", findings[0]["id"], "accept", "-w", db, "-r", "ana", "-n", "right"])
    ok(["workspace", "review", findings[1]["id"], "kind:contradiction", "-w", db, "-r", "ana"])
    ok(["workspace", "review", findings[2]["id"], "dismiss", "-w", db, "-r", "ben"])
    assert (
        "unknown review decision"
        in fails(["workspace", "review", findings[3]["id"], "maybe", "-w", db]).stderr
    )
    unreviewed = json.loads(ok(["workspace", "list", "findings", "--unreviewed", "-w", db, "--json"]).stdout)
    assert [f["id"] for f in unreviewed] == [findings[3]["id"], findings[4]["id"]]
    detail = json.loads(ok(["workspace", "show", "finding", findings[1]["id"], "-w", db, "--json"]).stdout)
    assert detail["reviews"][0]["new_kind"] == "contradiction"
    assert "c2.txt" in ok(["workspace", "show", "call", "c2.txt", "-w", db]).stdout
    assert len(json.loads(ok(["workspace", "list", "reviews", "-w", db, "--json"]).stdout)) == 3

    # the ledger
    claims = json.loads(ok(["workspace", "ledger", "claims", "-w", db, "--json"]).stdout)
    assert claims == []  # the fake checker reports no coverage
    reps = {e["rep"]: e for e in json.loads(ok(["workspace", "ledger", "reps", "-w", db, "--json"]).stdout)}
    assert set(reps) == {"Ben Asante", "Dana Okafor"}
    hands = json.loads(ok(["workspace", "ledger", "handoffs", "-w", db, "--json"]).stdout)
    assert [(h["call"], h["from_rep"], h["to_rep"]) for h in hands] == [
        ("c2.txt", "Ben Asante", "Dana Okafor")
    ]
    assert "handoffs ledger" in ok(["workspace", "ledger", "handoffs", "-w", db]).stdout

    # calibrate, then a later check applies the new version
    cal = ok(["calibrate", "-w", db, "--min-reviews", "3"]).stdout
    assert "new judge version rules-1+cal.1" in cal and "precision" in cal and "recall" in cal
    assert "rules-1+cal.1 (active)" in ok(["workspace", "list", "judges", "-w", db]).stdout
    with Workspace(db) as ws:  # make the version's effect certain: drop unsupported below 0.45
        ws.add_judge_version(JudgeVersion("rules-1+manual", "rules-1", {"thresholds": {"unsupported": 0.45}}))
    again = ok(["check", "-w", db, "-a", corpus / "campaigns" / "spring", calls_dir / "c2.txt", "-f", "json"])
    assert "judge rules-1+manual" in again.stderr
    scores = [f["score"] for c in json.loads(again.stdout)["calls"] for f in c["findings"]]
    assert scores == [0.5]  # Ben's 0.3 is dropped, Dana's 0.5 stays
    with Workspace(db) as ws:
        assert ws.run().judge_version == "rules-1+manual"


def test_export_and_import_round_trip_through_the_cli(tmp_path, corpus):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    ok(["workspace", "import", corpus, "-w", a])
    with Workspace(a) as ws:
        call = ws.call("c2.txt")
        run = ws.record_run(
            report(call_report("c2.txt", [finding("weakened", 0.5, "x", TRIAL)])), calls=[call.id]
        )
        ws.review(ws.findings(run_id=run)[0].id, "accept", "ana")
    out_a, out_b = tmp_path / "a.json", tmp_path / "b.json"
    ok(["workspace", "export", out_a, "-w", a])
    assert "added" in ok(["workspace", "import", out_a, "-w", b]).stdout
    assert "nothing new" in ok(["workspace", "import", out_a, "-w", b]).stdout
    ok(["workspace", "export", out_b, "-w", b])
    assert out_a.read_text() == out_b.read_text()
    assert json.loads(ok(["workspace", "export", "-w", b]).stdout) == json.loads(out_a.read_text())


def test_import_with_assets_and_campaign_and_a_bad_file(tmp_path):
    db = tmp_path / "ws.db"
    asset = write_asset(tmp_path / "assets")
    call = simple_call(tmp_path / "calls", "c.txt")
    bad = tmp_path / "calls" / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    result = fails(
        ["workspace", "import", "-w", db, "-a", asset, "-c", "autumn", "--date", "2025-09-01", call, bad]
    )
    assert "added 1 assets, 1 calls" in result.stdout and "bad.json" in result.stderr
    with Workspace(db) as ws:
        assert [(c.name, c.campaign, c.date) for c in ws.calls()] == [("c.txt", "autumn", "2025-09-01")]


def test_errors_are_one_line_and_exit_2(tmp_path):
    db = tmp_path / "ws.db"
    assert "no runs yet" in fails(["workspace", "show", "-w", db]).stderr
    assert "no finding 7" in fails(["workspace", "show", "finding", "7", "-w", db]).stderr
    assert "not found" in fails(["workspace", "import", tmp_path / "missing.txt", "-w", db]).stderr
    assert "nothing to import" in fails(["workspace", "import", "-w", db]).stderr
    assert "no reviewed findings" in fails(["calibrate", "-w", db]).stderr
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        result = fails(["workspace", "init", "-w", folder / "ws.db"])
    assert "writable" in result.stderr and len(result.stderr.strip().splitlines()) <= 3


def test_every_workspace_command_and_option_is_documented():
    docs = (ROOT / "docs" / "workspace.md").read_text(encoding="utf-8")
    commands = [(c.name or c.callback.__name__, c.callback) for c in workspace_app.registered_commands]
    assert {name for name, _ in commands} >= {"init", "import", "list", "show", "export", "review", "ledger"}
    from typer.main import get_command

    group = get_command(app)
    targets = [
        (f"msgcheck workspace {name}", group.commands["workspace"].commands[name]) for name, _ in commands
    ]
    targets += [("msgcheck calibrate", group.commands["calibrate"])]
    for title, command in targets:
        assert title in docs, f"{title} is not in docs/workspace.md"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in docs, f"{title} {opt} is not in docs/workspace.md"
    assert re.search(r"msgcheck check .*--workspace", docs)


@pytest.mark.slow
def test_demo_workspace_end_to_end_with_the_real_models(tmp_path, checker):
    """ensure_demo_workspace on two demo calls, idempotent; the ledger over it; then `check --workspace`
    re-checks a call from the embedding cache alone."""
    from msgcheck.workspace.ledger import claim_ledger, handoffs, rep_ledger
    from msgcheck.workspace.service import ensure_demo_workspace

    demo = ROOT / "corpora" / "demo"
    corpus = tmp_path / "demo"
    shutil.copytree(demo / "campaigns", corpus / "campaigns")
    (corpus / "calls").mkdir()
    for name in ("call-01-brightwater-plumbing.txt", "call-05-pinecrest-home-services.json"):
        shutil.copy(demo / "calls" / name, corpus / "calls" / name)
    shutil.copytree(demo / "gold", corpus / "gold")
    db = tmp_path / "demo.db"

    made = ensure_demo_workspace(db, checker=checker, corpus=corpus)
    assert made.created
    again = ensure_demo_workspace(db, checker=checker, corpus=corpus)
    assert (again.created, again.run_id) == (False, made.run_id)
    # with no checker given, the default checker's judge keys the run: the same run is found, not redone
    default = ensure_demo_workspace(db, corpus=corpus)
    assert (default.created, default.run_id) == (False, made.run_id)
    with Workspace(db) as ws:
        assert ws.counts()["runs"] == 1 and ws.counts()["calls"] == 2 and ws.counts()["asset_versions"] == 5
        run = ws.run(made.run_id)
        assert run.judge_version == checker.judge.version and run.model_id == checker.embedder.model_id
        kinds = {f.kind for f in ws.findings()}
        assert kinds & {"contradiction", "weakened", "unsupported"}
        claims = claim_ledger(ws)
        assert claims and all(e.checked == 2 for e in claims)
        assert {"Dana Okafor", "Ben Asante"} <= {e.rep for e in rep_ledger(ws)}
        assert any((h.from_rep, h.to_rep) == ("Ben Asante", "Dana Okafor") for h in handoffs(ws))
        vectors = ws.counts()["embeddings"]
        assert vectors > 0

    campaign = next((corpus / "campaigns").iterdir())
    call = corpus / "calls" / "call-01-brightwater-plumbing.txt"
    result = ok(["check", "-w", db, "-a", campaign, call, "-f", "json"])
    assert "recorded run 2" in result.stderr
    with Workspace(db) as ws:
        assert ws.counts()["embeddings"] == vectors  # nothing was embedded again
        first = {f.finding_hash for f in ws.findings(run_id=made.run_id) if f.call.startswith("call-01")}
        second = {f.finding_hash for f in ws.findings(run_id=2)}
        assert first == second  # re-checking maps onto the same findings


def test_set_reps_rechecks_a_stored_call_with_the_named_reps(tmp_path, demo_workspace):
    """Real models: the demo call re-checked with the prospect named as the rep, then a typo refused."""
    from conftest import copy_workspace

    path = copy_workspace(demo_workspace, tmp_path / "ws")
    call = "call-01-brightwater-plumbing.txt"
    result = ok(["workspace", "set-reps", call, "Gary", "-w", path])
    assert f"{call}: reps Gary Tallis; checked again" in result.output
    with Workspace(path) as ws:
        record = ws.call(call)
        assert ws.confirmed_reps(record.id) == ["Gary Tallis"]
        checked = next(c for c in ws.run_report().calls if c.call == call)
        assert checked.reps == ["Gary Tallis"] and checked.role_source["Gary Tallis"] == "cli"
        assert all(f.transcript is None or f.transcript["speaker"] == "Gary Tallis" for f in checked.findings)
    bad = fails(["workspace", "set-reps", call, "Bob Nobody", "-w", path])
    assert "Bob Nobody" in bad.output and "Dana Okafor, Gary Tallis" in bad.output
