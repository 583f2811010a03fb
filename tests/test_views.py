"""msgcheck.app.views (what the app shows), msgcheck.check.overrides and the workspace's claim overrides.

Pure functions are table-tested without models; the workspace functions run on the demo workspace
built once per session (the real models).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import copy_workspace

from msgcheck.app import views
from msgcheck.check.overrides import apply_overrides
from msgcheck.errors import InputError, WorkspaceError
from msgcheck.report import drift_score, from_json, to_json
from msgcheck.types import Quantity, Transcript, Utterance
from msgcheck.workspace.db import MIGRATIONS, Workspace

EVIL = '<script>window.__xss=1</script> **bold** [link](javascript:alert(1)) <img src=x onerror="alert(1)"> :red[x] $x^2$'


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("quantity", "label"),
    [
        (Quantity("money", 49.0, "USD", period="month"), "$49/month"),
        (Quantity("money", 45.0, "USD", period="month", per="tech"), "$45/month per tech"),
        (Quantity("money", 600.0, "USD", period="one-time"), "$600 one-time"),
        (Quantity("money", 36.0, "USD", period="month", billing="annual"), "$36/month, billed annually"),
        (Quantity("money", 1800.0, "USD"), "$1,800"),
        (Quantity("money", 9.99, "EUR"), "€9.99"),
        (Quantity("duration", 30.0, "day"), "30 days"),
        (Quantity("duration", 14.0, "day", high=21.0), "14–21 days"),
        (Quantity("percent", 20.0), "20%"),
        (Quantity("count", 25.0, "user", bound="max"), "up to 25 user"),
        (Quantity("count", None, "technician"), "unlimited technician"),
        (Quantity("hours", None, "24/7"), "24/7"),
    ],
)
def test_quantity_label(quantity, label):
    assert views.quantity_label(quantity) == label


def test_highlight_escapes_every_piece_of_user_text():
    text = "The <b>trial</b> is 14 days & free"
    start = text.index("14 days")
    out = views.highlight(text, [views.Mark(start, start + 7, "differs", 'rep "says"<x>')])
    assert "<b>" not in out and "&lt;b&gt;trial&lt;/b&gt;" in out
    assert '<mark class="m-differs" title="rep &quot;says&quot;&lt;x&gt;">14 days</mark>' in out
    assert out.endswith("&amp; free")


def test_highlight_drops_overlapping_and_out_of_range_marks():
    text = "abcdefghij"
    marks = [
        views.Mark(0, 5, "value"),
        views.Mark(3, 8, "same"),
        views.Mark(8, 99, "value"),
        views.Mark(6, 8, "qualifier"),
    ]
    out = views.highlight(text, marks)
    assert out == '<mark class="m-value">abcde</mark>f<mark class="m-qualifier">gh</mark>ij'


def test_md_escape_leaves_no_markdown_or_html_active():
    escaped = views.md_escape(EVIL + "\n# heading\n- item")
    # every special is preceded by a backslash, and no line break survives to start a block
    assert "\n" not in escaped
    for special in "<>*[]()`:$#!|_-":
        for m in re.finditer(re.escape(special), escaped):
            assert escaped[m.start() - 1] == "\\", (special, escaped)


def test_value_marks_say_which_values_differ():
    rep = "The trial is fourteen days and it's $49 a month."
    asset = "Try it free for 30 days, then $49/month."
    marks = {rep[m.start : m.end]: m.css for m in views.value_marks(rep, asset)}
    assert marks == {"fourteen days": "differs", "$49 a month": "same"}
    assert {m.css for m in views.value_marks(asset)} == {"value"}


def _finding(fid, kind, index, speaker="Dana", score=0.9, slot="trial", decision=None, text="x"):
    return views.FindingView(
        id=fid,
        kind=kind,
        detected_kind=kind,
        score=score,
        slot=slot,
        explanation="why",
        speaker=speaker if index is not None else None,
        start=None if index is None else index * 10.0,
        index=index,
        rep_text=text if index is not None else None,
        asset_file="a.md",
        asset_text="Try it free for 30 days.",
        decision=decision,
    )


def test_filter_findings():
    fs = [
        _finding(1, "contradiction", 1, score=0.9),
        _finding(2, "weakened", 2, speaker="Sam", score=0.4, slot=None),
        _finding(3, "omission", None, score=0.7, slot="price"),
        _finding(4, "unsupported", 3, decision="dismiss"),
    ]
    ids = lambda found: [f.id for f in found]  # noqa: E731
    assert ids(views.filter_findings(fs)) == [1, 2, 3, 4]
    assert ids(views.filter_findings(fs, kinds=["contradiction", "omission"])) == [1, 3]
    assert ids(views.filter_findings(fs, reps=["Sam"])) == [2, 3]  # an omission has no rep: kept
    assert ids(views.filter_findings(fs, slots=["no topic"])) == [2]
    assert ids(views.filter_findings(fs, min_score=0.5)) == [1, 3, 4]
    assert ids(views.filter_findings(fs, show_dismissed=False)) == [1, 2, 3]


def test_call_headline_says_it_in_one_sentence():
    fs = [
        _finding(1, "contradiction", 1, speaker="Tom", slot="support"),
        _finding(2, "contradiction", 2, speaker="Tom", slot="contract"),
        _finding(3, "weakened", 3, speaker="Ana", slot=None),
        _finding(4, "omission", None, slot="price"),
        _finding(5, "unsupported", 4, decision="dismiss"),
    ]
    assert views.call_headline(fs) == (
        "2 contradictions by Tom (contract, support); 1 weakened claim by Ana (no topic); "
        "1 headline promise never came up (price)."
    )
    assert views.call_headline(fs[4:]).startswith("On message")


def _transcript(lines: list[tuple[str, str]], reps=("Dana", "Sam")) -> Transcript:
    t = Transcript(path="t.txt", name="t.txt", format="txt")
    t.utterances = [Utterance(i, s, text, start=i * 30.0) for i, (s, text) in enumerate(lines)]
    t.roles = {s: ("rep" if s in reps else "prospect") for s, _ in lines}
    return t


def test_transcript_html_escapes_user_text_and_puts_the_claim_beside_the_utterance():
    t = _transcript([("Dana", "Hi."), ("Gary <b>", EVIL), ("Sam", f"So {EVIL}. The trial is fourteen days.")])
    f = _finding(7, "contradiction", 2, speaker="Sam", text="The trial is fourteen days.")
    lines = views.transcript_lines(t, [f])
    out = views.transcript_html(lines, [_finding(8, "omission", None)], selected=7, handoffs=[2])
    assert "<script" not in out and "<img" not in out and "Gary &lt;b&gt;" in out
    assert html.escape(EVIL) in out
    assert '<mark class="m-contradiction"' in out  # the drifting sentence, by kind
    assert 'class="utt rep drift-contradiction selected"' in out
    assert "Never came up on this call" in out
    assert "handoff to Sam" in out
    assert '<mark class="m-differs" title="14 days">fourteen days</mark>' not in out  # asset side marks only
    assert '<mark class="m-differs" title="30 days">30 days</mark>' in out
    only = views.transcript_html(lines, only_drift=True, context=0)
    assert "Hi." not in only and "fourteen" in only


def test_evidence_html_side_by_side():
    f = _finding(1, "contradiction", 2, text="The trial is fourteen days.")
    out = views.evidence_html(f)
    assert "ON THE CALL" in out and "IN THE CAMPAIGN" in out and "a.md" in out
    assert '<mark class="m-differs" title="14 days">fourteen days</mark>' in out
    assert '<mark class="m-differs" title="30 days">30 days</mark>' in out
    omission = views.evidence_html(_finding(2, "omission", None))
    assert "Nobody on the call brings this promise up" in omission


def test_timeline_positions_in_seconds_and_marks_handoffs():
    t = _transcript([("Dana", "a"), ("Gary", "b"), ("Dana", "c"), ("Sam", "d"), ("Gary", "e"), ("Dana", "f")])
    fs = [_finding(1, "contradiction", 3, speaker="Sam"), _finding(2, "omission", None)]
    data = views.timeline(views.transcript_lines(t, fs), fs, ["Dana", "Sam"])
    assert [p["x"] for p in data["points"]] == [90.0]  # utterance 3 at 90 s (the page labels it 01:30)
    assert [(h["index"], h["label"]) for h in data["handoffs"]] == [(3, "Dana → Sam"), (5, "Sam → Dana")]
    assert [r["speaker"] for r in data["turns"]] == ["Dana", "Dana", "Sam", "Dana"]
    assert data["meta"][0]["axis"] == "time into the call (mm:ss)" and data["meta"][0]["timed"]
    t.utterances[0].start = None
    data = views.timeline(views.transcript_lines(t, fs), fs, ["Dana", "Sam"])
    assert data["meta"][0]["axis"] == "turn in the call" and data["points"][0]["x"] == 4.0  # "turn 4"


# --------------------------------------------------------------------------- claim overrides in the store


def test_claim_overrides_migration_and_round_trip(tmp_path):
    with Workspace(tmp_path / "w.db") as ws:
        assert ws.schema_version == len(MIGRATIONS) >= 2
        ws.add_campaign("spring")
        o = ws.set_claim_override("spring", "a.md", "Try it free for 30 days.", headline=True, author="ana")
        assert (o.headline, o.retired, o.manual, o.author) == (True, False, False, "ana")
        o = ws.set_claim_override("spring", "a.md", "Try it free for 30 days.", retired=True)
        assert (o.headline, o.retired) == (True, True)  # fields not given stay
        ws.set_claim_override("spring", "manual", "  Onboarding is free.  ", manual=True)
        assert [(o.asset_file, o.text) for o in ws.claim_overrides("spring")] == [
            ("a.md", "Try it free for 30 days."),
            ("manual", "Onboarding is free."),
        ]
        # back to "as the checker decides": the row goes
        assert (
            ws.set_claim_override("spring", "a.md", "Try it free for 30 days.", headline=None, retired=False)
            is None
        )
        assert ws.set_claim_override("spring", "manual", "Onboarding is free.", manual=False) is None
        assert ws.claim_overrides("spring") == []
        with pytest.raises(WorkspaceError, match="no campaign named 'autumn'"):
            ws.set_claim_override("autumn", "a.md", "x", headline=True)
        with pytest.raises(InputError):
            ws.set_claim_override("spring", "a.md", "  ", headline=True)


# --------------------------------------------------------------------------- over the demo workspace


@pytest.fixture
def demo_copy(demo_workspace, tmp_path) -> Path:
    return copy_workspace(demo_workspace, tmp_path / "ws")


@pytest.mark.slow
def test_call_views_over_the_demo(demo_workspace):
    with Workspace(demo_workspace) as ws:
        summaries = views.call_summaries(ws)
        assert len(summaries) == 7 and all(s.error is None for s in summaries)
        drifting = max(summaries, key=lambda s: s.drift_score)
        findings = views.call_findings(ws, drifting.call_id, drifting.run_id)
        assert len(findings) == drifting.findings > 0
        transcript = views.call_transcript(ws, drifting.call_id, drifting.reps)
        lines = views.transcript_lines(transcript, findings)
        spoken = [f for f in findings if f.index is not None]
        assert sum(len(line.findings) for line in lines) == len(spoken)
        for f in spoken:  # the finding's sentence is in the utterance it points at
            assert f.rep_text in lines[f.index].text and lines[f.index].speaker == f.speaker


@pytest.mark.slow
def test_reviews_shape_the_dashboard_and_the_export(demo_copy):
    with Workspace(demo_copy) as ws:
        before = views.overview(ws)
        assert before["calls"] == 7 and before["findings"] > 0 and before["reviewed"] == 0
        record = ws.findings(kind="contradiction")[0]
        ws.review(record.id, "dismiss", "ana")
        other = next(f for f in ws.findings() if f.id != record.id and f.kind != "omission")
        ws.review(other.id, "change_kind", "ana", new_kind="weakened")
        after = views.overview(ws)
        assert after["findings"] == before["findings"] - 1 and after["reviewed"] == 2
        assert views.overview(ws, apply_reviews=False)["findings"] == before["findings"]

        report = views.report_for(ws, call_id=record.call_id)
        assert [c.call for c in report.calls] == [record.call]
        texts = [(f.transcript or {}).get("text") for f in report.calls[0].findings]
        assert (record.transcript or {}).get("text") not in texts
        assert report.calls[0].drift_score == pytest.approx(drift_score(report.calls[0].findings))
        assert from_json(to_json(report)).calls[0].call == record.call  # a valid, documented report
        assert len(views.report_for(ws).calls) == 7
        assert report.assets and all(a in views.report_for(ws).assets for a in report.assets)
        kinds = {
            (f.transcript or {}).get("text"): f.kind for c in views.report_for(ws).calls for f in c.findings
        }
        assert kinds[(other.transcript or {}).get("text")] == "weakened"

        by_rep = views.drift_by_rep(ws)
        assert {r["rep"] for r in by_rep} >= {"Dana Okafor", "Tom Becker"}
        assert all(0 <= r["mean_drift"] <= 1 for r in by_rep)
        assert views.drift_by_campaign(ws)[0]["calls"] == 7
        assert sum(r["count"] for r in views.drift_by_slot(ws)) == after["findings"]
        assert [r["order"] for r in views.drift_over_time(ws)] == list(range(1, 8))
        ledger = views.ledger_rows(ws)
        assert ledger and ledger[0]["contradicted"] + ledger[0]["weakened"] >= 1


def test_dashboard_answers_its_questions(demo_workspace):
    """Topics with the catch-alls last, each rep's drift by call date, one ledger row per promise."""
    with Workspace(demo_workspace) as ws:
        slots = views.drift_by_slot(ws)
        topics = list(dict.fromkeys(r["topic"] for r in sorted(slots, key=lambda r: r["rank"])))
        catch_alls = [t for t in topics if t in views.CATCH_ALL_TOPICS.values()]
        assert catch_alls and topics[-len(catch_alls) :] == catch_alls  # "other" is never on top
        named = [t for t in topics if t not in catch_alls]
        totals = {t: sum(r["count"] for r in slots if r["topic"] == t) for t in named}
        assert named == sorted(named, key=lambda t: (-totals[t], t))

        trend = views.drift_by_rep_over_time(ws)
        dates = [r["date"] for r in trend]
        assert dates == sorted(dates) and len(set(dates)) == 7  # the demo's calls are dated (gold files)
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
        assert {r["rep"] for r in trend} == {r["rep"] for r in views.drift_by_rep(ws)}

        promises = views.promise_ledger(ws)
        assert len({r["promise"] for r in promises}) == len(promises) == 3  # one row per headline promise
        assert all(r["upheld"] + r["changed"] + r["not_mentioned"] == r["calls"] == 7 for r in promises)
        changed = [r for r in promises if r["changed"]]
        assert changed and all(r["changed_by"] for r in changed)


@pytest.mark.slow
def test_campaign_claims_and_overrides_drive_the_next_check(demo_copy, checker, tmp_path):
    campaign = "routewick-spring-rush"
    with Workspace(demo_copy) as ws:
        camp = views.campaign_model(checker, ws, campaign)
        claims = views.campaign_claims(checker, ws, campaign, camp)
        assert len(claims) == len(camp.claims) and not any(c.retired or c.manual for c in claims)
        headline = [c for c in claims if c.headline]
        assert headline and {c.promise for c in headline} >= {1}
        trial = next(c for c in headline if c.slot == "trial")
        assert "<mark" in trial.html

        # retire every statement of the trial promise, add a manual claim, pin it as a headline
        for c in claims:
            if c.promise == trial.promise:
                ws.set_claim_override(campaign, c.asset_file, c.text, retired=True)
        ws.set_claim_override(campaign, "manual", "Every plan includes free data migration.", manual=True)
        ws.set_claim_override(campaign, "manual", "Every plan includes free data migration.", headline=True)
        after = views.campaign_claims(checker, ws, campaign, camp)
        retired = [c for c in after if c.retired]
        assert retired and all(c.promise is None for c in retired)
        manual = next(c for c in after if c.manual)
        assert manual.headline and manual.promise == 1  # a pinned promise comes first
        assert camp.claims == views.campaign_model(checker, ws, campaign).claims  # the model is unchanged
        overrides = ws.claim_overrides(campaign)
        once = apply_overrides(camp, overrides, embedder=checker.embedder, config=checker.config)
        twice = apply_overrides(
            once, overrides, embedder=checker.embedder, config=checker.config
        )  # idempotent: safe if a check applies them again
        assert [(c.file, c.text, c.headline) for c in twice.claims] == [
            (c.file, c.text, c.headline) for c in once.claims
        ]

        # the next check honours them: the trial is no longer a promise to omit; the manual one is
        call = tmp_path / "calls" / "short.txt"
        call.parent.mkdir()
        call.write_text(
            "Dana Okafor: Hi, Dana from Routewick here.\n"
            "Gary Tallis: Hi. What does it cost?\n"
            "Dana Okafor: Crew is $45 per tech per month, billed monthly.\n"
            "Dana Okafor: You'll be dispatching live in 10 business days.\n"
            "Dana Okafor: There's no setup fee this spring, and it's month-to-month.\n",
            encoding="utf-8",
        )
        [result] = views.check_uploads(ws, checker, campaign, [(call.name, call.read_bytes(), None)])
        assert result.error is None and result.call_id is not None
        findings = views.call_findings(ws, result.call_id, result.run_id)
        omitted = [f.asset_text for f in findings if f.kind == "omission"]
        assert omitted == ["Every plan includes free data migration."]
        run = ws.run(result.run_id)
        assert run.settings["claim_overrides"] == len(ws.claim_overrides(campaign))


@pytest.mark.slow
def test_check_uploads_reports_a_bad_file_and_checks_the_others(demo_copy, checker):
    good = (
        Path(__file__).resolve().parent.parent
        / "corpora"
        / "demo"
        / "calls"
        / "call-01-brightwater-plumbing.txt"
    )
    files = [
        ("../../etc/broken.json", b"{not json", None),
        ("empty.txt", b"", None),
        (
            "evil <i>name.txt",
            good.read_bytes().replace(b"Gary Tallis: Yeah", b"Gary Tallis: " + EVIL.encode()),
            None,
        ),
    ]
    with Workspace(demo_copy) as ws:
        progress = []
        results = views.check_uploads(
            ws, checker, "routewick-spring-rush", files, lambda *a: progress.append(a)
        )
        assert [r.name for r in results] == ["broken.json", "empty.txt", "evil _i_name.txt"]
        assert results[0].error and results[0].error.startswith("broken.json: ")
        assert results[1].error and "empty.txt" in results[1].error
        assert "/tmp" not in (results[0].error + results[1].error)  # names the user's file, not the temp copy
        assert results[2].error is None and results[2].findings > 0
        assert progress[-1][1:] == (3, 3)
        _t, roles = views.preview_transcript("call.txt", good.read_bytes())
        assert [r.speaker for r in roles if r.role == "rep"] == ["Dana Okafor"]
        with pytest.raises(InputError, match=r"broken\.json"):
            views.preview_transcript("broken.json", b"{not json")


def test_campaign_page_and_checker_use_one_omission_rule():
    """A promise a reviewer pinned drives omission whatever its slot; the campaign page must mark its claims
    as headline too (the page once required an offer slot, the checker did not)."""
    from msgcheck.check.checker import Campaign, CheckerConfig, Promise
    from msgcheck.types import Claim

    def promise(
        text: str, slot: str, support: int, *, headline: bool = True, pinned: bool = False
    ) -> Promise:
        claim = Claim(text=text, side="asset", file="page.md", slot=slot, headline=headline)
        return Promise(claims=[claim], support=support, headline=headline, core=[claim], pinned=pinned)

    pinned_result = promise("Crews cut callbacks by 40%.", "results", 1, pinned=True)
    offer = promise("30-day free trial.", "trial", 2)
    lone_offer = promise("No setup fee.", "onboarding", 1)  # in a headline: a headline promise at support 1
    body_offer = promise("Cancel anytime.", "contract", 1, headline=False)  # one asset's body text: not one
    camp = Campaign(
        documents=[],
        claims=[],
        vectors=None,
        index=None,
        vocab=None,
        promises=[pinned_result, body_offer, offer, lone_offer],
    )
    config = CheckerConfig()

    class _Checker:
        pass

    fake = _Checker()
    fake.config = config
    keys = views.omission_keys(fake, camp)
    assert keys == {
        ("page.md", "Crews cut callbacks by 40%."): 1,
        ("page.md", "30-day free trial."): 2,
        ("page.md", "No setup fee."): 3,
    }
    from msgcheck.check.campaign import omission_candidates

    assert [p.representative.text for p in omission_candidates(camp.promises, config)] == [
        "Crews cut callbacks by 40%.",
        "30-day free trial.",
        "No setup fee.",
    ]
    config.omission_top_promises = 2  # at most this many headline promises, the pinned one first
    assert list(views.omission_keys(fake, camp).values()) == [1, 2]


def test_a_session_checks_with_a_view_and_never_changes_the_shared_checker(tmp_path):
    """The app keeps one Checker per server; each session checks with ``checker.using(...)``, a view that
    caches vectors in its own workspace, so two sessions cannot race on the shared one."""
    from msgcheck.check.checker import Checker
    from msgcheck.embed.embedders import HashingEmbedder
    from msgcheck.extract.base import Extractor
    from msgcheck.judge.base import Judge, NullJudge
    from msgcheck.types import ClaimOverride

    shared = Checker(embedder=HashingEmbedder(), judge=NullJudge())
    assert isinstance(shared.judge, Judge) and isinstance(shared.extractor, Extractor)
    with Workspace(tmp_path / "a.db") as a, Workspace(tmp_path / "b.db") as b:
        edit = ClaimOverride("spring", "page.md", "No setup fee.", headline=True)
        view_a = shared.using(store=a, overrides=[edit])
        view_b = shared.using(store=b)
        view_a.embedder.embed_batch(["30-day free trial"])
        assert (view_a.embedder.store, view_b.embedder.store, shared.embedder.store) == (a, b, None)
        assert view_a.overrides == [edit] and shared.overrides == [] and view_b.overrides == []
        assert view_a.judge is shared.judge and view_a.embedder.cache is shared.embedder.cache
        assert a.counts()["embeddings"] == 1 and b.counts()["embeddings"] == 0


def test_every_stage_can_be_swapped_for_a_fake(demo_campaign_dir, demo_calls):
    """Checker(embedder=, extractor=, judge=) takes any object with the stage's one method: with an extractor
    that finds no claims the campaign is refused with a clear error, not a traceback."""
    from msgcheck.check.checker import Checker
    from msgcheck.embed.embedders import HashingEmbedder
    from msgcheck.extract.base import NullExtractor
    from msgcheck.judge.base import NullJudge

    checker = Checker(embedder=HashingEmbedder(), extractor=NullExtractor(), judge=NullJudge())
    with pytest.raises(InputError, match="no promise-bearing claims"):
        checker.check([demo_campaign_dir], demo_calls[:1])


@pytest.mark.parametrize(
    "text",
    ["see http://evil.example/login now", "visit www.evil.example", "mail it@evil.example", "HTTPS://X.Y/z"],
)
def test_md_escape_keeps_bare_urls_and_addresses_from_becoming_links(text):
    """GFM links bare URLs, www. and e-mail addresses after reading escapes: a word joiner breaks each."""
    escaped = views.md_escape(text)
    plain = re.sub(r"\\(.)", r"\1", escaped)
    assert plain.replace("\u2060", "") == text
    assert not re.search(r"(?i)://|www\.|\w@\w", plain)


# --------------------------------------------------------------------------- the promise checklist


def test_call_checklist_matches_the_stored_run_report(demo_workspace):
    """The review page's checklist is the checker's, as stored with the run: the same promises and
    statuses as the run's report; upheld lines quote the rep with a time, changed ones link to a finding
    of the call."""
    with Workspace(demo_workspace) as ws:
        summaries = views.call_summaries(ws)
        report = ws.run_report(summaries[0].run_id)
        by_name = {c.call: c for c in report.calls}
        statuses, timed = set(), 0
        for s in summaries:
            findings = views.call_findings(ws, s.call_id, s.run_id)
            rows = views.call_checklist(ws, s, findings)
            stored = by_name[s.name].promises
            assert [(r.promise, r.status) for r in rows] == [(p.promise, p.status) for p in stored]
            assert rows, f"{s.name}: the demo campaign has headline promises"
            by_id = {f.id: f for f in findings}
            for r in rows:
                statuses.add(r.status)
                if r.status == "upheld":
                    assert r.rep_text and r.speaker in s.reps and r.rep_text in r.on_the_call
                    if r.time:  # a transcript with times (the plain-text demo calls have none)
                        assert re.fullmatch(r"\d\d:\d\d", r.time) and f"at {r.time}" in r.on_the_call
                        timed += 1
                elif r.status == "changed":
                    f = by_id[r.finding_id]
                    assert f.kind in ("contradiction", "weakened") and f.rep_text == r.rep_text
                else:
                    assert r.on_the_call == "Nobody on the call brought it up."
                    assert r.finding_id is None or by_id[r.finding_id].kind == "omission"
        assert {"upheld", "changed"} <= statuses and timed


def test_campaign_page_quotes_each_headline_promise_as_the_checklist_does(demo_workspace, checker):
    with Workspace(demo_workspace) as ws:
        claims = views.campaign_claims(checker, ws, "routewick-spring-rush")
        leads = {c.promise: c.text for c in claims if c.lead}
        assert sorted(leads) == sorted({c.promise for c in claims if c.promise})  # one quote per promise
        s = views.call_summaries(ws)[0]
        assert set(leads.values()) == {p["promise"] for p in ws.call_promises(s.run_id, s.call_id)}


def test_the_apps_roles_reason_names_no_cli_option():
    from msgcheck.app.views.calls import _for_the_app

    reason = "who is a rep was guessed from how people talk; least certain: Sam (rep, 58% sure). Name the reps (--rep) to be sure."
    assert (
        _for_the_app(reason)
        == "Who is a rep was guessed from how people talk; least certain: Sam (rep, 58% sure)."
    )
    assert _for_the_app("") == ""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Backups run daily.", "daily"),
        ("A technician visits twice a month.", "2 times a month"),
        ("The crew cleans three times a week.", "3 times a week"),
        ("Reviews happen once a quarter.", "every 3 months"),
        ("Filters are changed every six weeks.", "every 6 weeks"),
        ("Live in 10 business days.", "10 business days"),
        ("Card payments cost 30¢ per transaction.", "$0.30"),
        ("Phone support runs 7am to 8pm Eastern, Monday through Saturday.", "7 a.m. to 8 p.m. ET, Mon-Sat"),
        ("Deliveries on Tuesdays and Thursdays.", "Tue, Thu"),
        ("Support is there on weekdays.", "Mon-Fri"),
    ],
)
def test_a_value_reads_as_people_say_it(text, label):
    """The campaign page's value chips: "daily", not "7 per_week"; "10 business days", not "14 days";
    "Mon-Fri", not "unlimited mon,tue,wed,thu,fri"."""
    from msgcheck.app.views.text import quantity_label
    from msgcheck.extract.values import extract_quantities

    assert [quantity_label(q) for q in extract_quantities(text)] == [label]
