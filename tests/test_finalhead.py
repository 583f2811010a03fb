"""The final head: its artifact (pure logic), the wide extractor (real spaCy) and the shipped head deciding
real pairs through the cross-encoder (real models)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from msgcheck.errors import ModelError
from msgcheck.judge.evidence import EVIDENCE_FEATURES
from msgcheck.judge.finalhead import (
    BASE_FEATURES,
    DEFAULT_DIR,
    FEATURES,
    HEAD_KINDS,
    FinalHead,
    Screen,
    claim_features,
)
from msgcheck.types import Claim, Transcript, Utterance, Verdict


def _head(threshold: float = 0.3) -> FinalHead:
    rng = np.random.default_rng(0)
    cue = (rng.normal(size=8), 0.1)  # an unsupported cue over 8-dimensional sentence vectors
    return FinalHead(
        rng.normal(size=(len(HEAD_KINDS), len(FEATURES))),
        rng.normal(size=len(HEAD_KINDS)),
        threshold,
        cue=cue,
    )


def test_probabilities_are_a_distribution_and_the_threshold_decides():
    head = _head(threshold=0.3)
    X = np.random.default_rng(1).random((5, len(FEATURES)))
    p = head.probabilities(X)
    assert p.shape == (5, len(HEAD_KINDS))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert head.decide(np.array([0.5, 0.31, 0.1, 0.09])) == ("contradiction", 0.31)
    assert head.decide(np.array([0.75, 0.29, 0.0, 0.0]))[0] == "none"
    assert head.probabilities(np.zeros((0, len(FEATURES)))).shape == (0, len(HEAD_KINDS))


def test_saved_head_loads_the_same(tmp_path):
    head = _head()
    head.save(tmp_path, {"trained_on": ["x"]})
    back = FinalHead.load(tmp_path)
    X = np.random.default_rng(2).random((3, len(FEATURES)))
    assert np.allclose(back.probabilities(X), head.probabilities(X))
    assert back.threshold == head.threshold
    v = np.random.default_rng(3).random((4, 8))
    assert np.allclose(back.cue_probability(v), head.cue_probability(v))
    assert ((head.cue_probability(v) > 0) & (head.cue_probability(v) < 1)).all()


def test_a_head_without_a_cue_reads_the_base_features(tmp_path):
    rng = np.random.default_rng(4)
    old = FinalHead(
        rng.normal(size=(len(HEAD_KINDS), len(BASE_FEATURES))), rng.normal(size=len(HEAD_KINDS)), 0.3
    )
    old.save(tmp_path, {})
    back = FinalHead.load(tmp_path)
    assert back.cue is None and json.loads((tmp_path / "config.json").read_text())["features"] == list(
        BASE_FEATURES
    )
    X = rng.random((3, len(FEATURES)))
    X2 = X.copy()
    X2[:, len(BASE_FEATURES) :] = 9.0  # the cue columns a newer judge appends are not read
    assert np.allclose(back.probabilities(X), back.probabilities(X2))
    assert not back.cue_probability(rng.random((2, 8))).any()
    # the v3 and v4 heads were fitted before the cue and still load; the shipped one carries it
    assert FinalHead.load(DEFAULT_DIR.parent / "final-head.v3").cue is None
    assert FinalHead.load(DEFAULT_DIR).cue is not None


def test_a_head_that_reads_a_cue_must_carry_it(tmp_path):
    head = _head()
    head.cue = None
    head.save(tmp_path, {})
    with pytest.raises(ModelError, match="unsupported cue"):
        FinalHead.load(tmp_path)


def test_a_screen_skips_only_far_unclaimlike_sentences_the_rules_did_not_flag(tmp_path):
    screen = Screen(sim=0.3, worthy=0.2)
    quiet, flagged = Verdict("unrelated", 0.0, None, ""), Verdict("weakened", 0.7, None, "")
    assert screen.skips(0.1, 0.1, quiet)
    assert not screen.skips(0.35, 0.1, quiet)  # near an asset claim: read
    assert not screen.skips(0.1, 0.5, quiet)  # claim-like: may be unsupported, read
    assert not screen.skips(0.1, 0.1, flagged)  # the rules flagged it: the head decides
    head = _head()
    head.screen = screen
    head.save(tmp_path, {})
    assert FinalHead.load(tmp_path).screen == screen
    _head().save(tmp_path / "none", {})
    assert FinalHead.load(tmp_path / "none").screen is None
    cfg = json.loads((tmp_path / "config.json").read_text())
    cfg["screen"] = {"sim": "near"}
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="screen"):
        FinalHead.load(tmp_path)


def test_the_trainer_picks_the_widest_screen_that_loses_no_true_finding():
    from msgcheck.train.finalhead import choose_screen, screen_grid

    # sim, worthy, inner flagged, head flagged, labelled drift
    rows = np.array(
        [
            [0.10, 0.05, 0, 0, 0],  # small talk
            [0.22, 0.05, 0, 1, 0],  # a false flag far from everything
            [0.27, 0.15, 0, 1, 1],  # a true finding: a screen at sim 0.3 and worthy 0.2 would lose it
            [0.33, 0.05, 0, 0, 0],
            [0.05, 0.05, 1, 1, 1],  # the rules flagged it: never skipped
            [0.60, 0.90, 0, 1, 1],
        ]
    )
    grid = screen_grid({"a": rows[:3], "b": rows[3:]})
    cell = next(g for g in grid if g["sim"] == 0.3 and g["worthy"] == 0.2)
    assert (cell["true_lost"], cell["false_dropped"]) == (1, 1)
    # the widest safe screens skip r0, r1 and the 0.33 row (half the rows); of those the narrower cosine wins
    assert choose_screen(grid) == Screen(0.35, 0.1)
    assert max(g["skipped"] for g in grid if not g["true_lost"]) == 0.5
    assert choose_screen([{**g, "true_lost": 1} for g in grid]) is None
    # allowed to lose the one true finding, the widest screen is taken
    widest = max(grid, key=lambda g: (g["skipped"], -g["sim"]))
    assert choose_screen(grid, max_lost=1) == Screen(widest["sim"], widest["worthy"]) != choose_screen(grid)


def test_a_head_for_other_features_is_refused(tmp_path):
    _head().save(tmp_path, {})
    cfg = json.loads((tmp_path / "config.json").read_text())
    cfg["features"] = cfg["features"][:-1]
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="features"):
        FinalHead.load(tmp_path)
    with pytest.raises(ModelError, match="cannot read"):
        FinalHead.load(tmp_path / "missing")


def test_features_have_one_value_per_name():
    rep = Claim(text="we send one text reminder the day before", side="rep", file="c.txt", ruled=False)
    asset = Claim(text="Reminders by text and email, 3 days and 1 day before.", side="asset", file="a.md")
    inner = Verdict("consistent", 0.5, asset, "")
    p = np.array([[0.2, 0.6, 0.1, 0.1]])
    row = claim_features(rep, inner, [(asset, 0.7)], p, np.zeros(len(EVIDENCE_FEATURES)), 0.8, 0.5)
    assert len(row) == len(FEATURES)
    named = dict(zip(FEATURES, row, strict=True))
    assert named["ruled"] == 0.0 and named["claim_worthy"] == 0.8
    assert named["inner_asset_contradiction"] == pytest.approx(0.6)
    # the cue, and the cue where no asset claim supports the sentence (max consistent 0.2 here)
    assert named["unsupported_cue"] == 0.5 and named["cue_unsupported"] == pytest.approx(0.5 * 0.8)
    empty = claim_features(rep, inner, [], np.zeros((0, 4)), np.zeros(len(EVIDENCE_FEATURES)), 0.1)
    assert len(empty) == len(FEATURES)


def _call(lines: list[tuple[str, str]]) -> Transcript:
    utts = [Utterance(speaker=s, text=t, index=i, start=float(i)) for i, (s, t) in enumerate(lines)]
    t = Transcript(path="call.txt", name="call.txt", format="txt", utterances=utts)
    from msgcheck.extract.roles import assign_roles

    assign_roles(t, ["Rep"])
    return t


def test_the_wide_extractor_keeps_drift_with_no_offer_word():
    from msgcheck.extract.claims import ClaimExtractor

    t = _call(
        [
            ("Pat", "Do you deliver on the weekend?"),
            ("Rep", "Honestly we don't go out on Sundays, the drivers are off."),
            ("Rep", "How's your week going?"),
        ]
    )
    narrow = [c.text for c in ClaimExtractor().extract(t)]
    wide = ClaimExtractor(wide=True).extract(t)
    assert not any("Sundays" in x for x in narrow)
    kept = [c for c in wide if "Sundays" in c.text]
    assert kept and not kept[0].ruled
    assert not any("week going" in c.text for c in wide)  # a question is still no claim


CAMPAIGN = (
    "# Fresh produce, delivered\n\nWe deliver seven days a week, Sundays included.\n\n"
    "Every order is packed in insulated crates.\n"
)


@pytest.fixture(scope="module")
def cross_checker():
    """One checker with the cross judge and its final head (real models) for this module."""
    from msgcheck import Checker
    from msgcheck.judge.select import make_judge

    return Checker(judge=make_judge("cross"))


def _check(checker, tmp_path, lines: str):
    camp = tmp_path / "camp"
    camp.mkdir(exist_ok=True)
    (camp / "landing.md").write_text(CAMPAIGN, encoding="utf-8")
    call = tmp_path / "call.txt"
    call.write_text(lines, encoding="utf-8")
    report = checker.check([camp], [call], reps=["Rep"]).calls[0]
    return {f.transcript["text"]: f for f in report.findings if f.transcript}


needs_head = pytest.mark.skipif(not (DEFAULT_DIR / "config.json").exists(), reason="no shipped final head")


@needs_head
def test_the_shipped_head_reads_every_sentence_and_flags_a_new_certification(cross_checker, tmp_path):
    found = _check(
        cross_checker,
        tmp_path,
        "Pat: And how do the vegetables travel?\n"
        "Rep: They ride in insulated crates, every single order.\n"
        "Rep: We're also certified organic by the Vale Growers Board.\n",
    )
    assert cross_checker.extractor.wide
    cert = next(f for text, f in found.items() if "certified organic" in text)
    assert cert.kind == "unsupported"
    assert "head" in cert.probabilities  # the final head decided, and says how sure it was
    assert not any("crates" in text for text in found)  # a paraphrase of the asset is no drift


@needs_head
def test_the_shipped_head_flags_the_claims_reps_make_up(cross_checker, tmp_path):
    # an award and a rate lock: the cross-encoder reads both as close to the page's claims, the cue does not
    found = _check(
        cross_checker,
        tmp_path,
        "Pat: Why should we pick you over the co-op?\n"
        "Rep: Honestly, we were named the best produce delivery in the state two years running.\n"
        "Rep: And if you sign this month I'll lock your prices in for three years, they won't go up, you have my word.\n"
        "Rep: Every order comes packed in insulated crates.\n",
    )
    for made_up in ("best produce delivery", "lock your prices"):
        f = next((f for text, f in found.items() if made_up in text), None)
        assert f is not None and f.kind == "unsupported", (made_up, found)
    assert not any("crates" in text for text in found)


@needs_head
@pytest.mark.xfail(
    strict=True,
    reason="measured blind spot: a short denial with no offer word reads as chat to the head (the cross-encoder "
    "calls it a contradiction at 0.98, but it calls many short off-topic turns contradictions too; "
    "docs/measurements.md, 'The final head')",
)
def test_the_shipped_head_flags_a_short_denied_schedule(cross_checker, tmp_path):
    found = _check(
        cross_checker, tmp_path, "Pat: Do you deliver on the weekend?\nRep: We don't deliver on Sundays.\n"
    )
    assert any("Sundays" in text and f.kind == "contradiction" for text, f in found.items())


@needs_head
def test_a_screened_sentence_is_never_read_and_keeps_the_inner_verdict(cross_checker, tmp_path):
    judge = cross_checker.judge
    lines = (
        "Pat: How was the drive in?\n"
        "Rep: Oh the traffic on the bridge was awful this morning, honestly.\n"
        "Rep: We're also certified organic by the Vale Growers Board.\n"
    )
    seen: list[tuple[str, str]] = []
    model = judge.model
    real = model.probabilities

    def spy(pairs):
        seen.extend(pairs)
        return real(pairs)

    keep = judge.head.screen
    model.probabilities = spy
    try:
        judge.head.screen = None
        open_found = _check(cross_checker, tmp_path, lines)
        read_all = {h for _, h in seen}
        seen.clear()
        judge.head.screen = Screen(sim=0.5, worthy=0.5)
        screened = _check(cross_checker, tmp_path, lines)
    finally:
        judge.head.screen = keep
        model.probabilities = real
    assert any(h.startswith("Oh the traffic") for h in read_all)
    # far from the campaign and no claim: not read (the next sentence still reads it as its context)
    assert not any(h.startswith("Oh the traffic") for _, h in seen)
    assert any(
        h.startswith("We're also certified organic") for _, h in seen
    )  # claim-like: still read, still flagged
    assert {t: f.kind for t, f in screened.items()} == {t: f.kind for t, f in open_found.items()}


def test_training_refuses_a_frozen_or_holdout_set(tmp_path):
    from msgcheck.errors import InputError
    from msgcheck.train.finalhead import main

    for frozen in ("corpora/dev/holdout", "corpora/dev/test", "corpora/journeys/frozen"):
        with pytest.raises(InputError, match="never trained on"):
            main(["--sets", "corpora/dev/tune", frozen, "--out", str(tmp_path / "head")])
    assert not (tmp_path / "head").exists()


@needs_head
def test_check_takes_the_cross_judge_from_the_command_line(cross_checker, tmp_path):
    from typer.testing import CliRunner

    from msgcheck.cli.main import app

    del cross_checker  # the models are loaded once for the module; the CLI's checker reuses them
    camp = tmp_path / "camp"
    camp.mkdir()
    (camp / "landing.md").write_text(CAMPAIGN, encoding="utf-8")
    call = tmp_path / "call.txt"
    call.write_text(
        "Pat: And how do the vegetables travel?\nRep: We're also certified organic by the Vale Growers Board.\n",
        encoding="utf-8",
    )
    args = ["check", str(call), "--assets", str(camp), "--rep", "Rep", "--format", "json"]
    out = CliRunner().invoke(app, [*args, "--judge", "cross"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    (finding,) = [f for f in report["calls"][0]["findings"] if f["transcript"]]
    assert finding["kind"] == "unsupported" and "head" in finding["probabilities"]
    pair = json.loads(CliRunner().invoke(app, args).stdout)  # the default judge has no final head
    assert all("head" not in (f["probabilities"] or {}) for f in pair["calls"][0]["findings"])


def test_a_judge_with_a_head_says_so_in_its_version():
    from msgcheck.judge.crossjudge import CrossJudge, CrossJudgeConfig

    assert "final-head.v2" in CrossJudge(config=CrossJudgeConfig(head="final-head.v2")).version
    assert "final-head" not in CrossJudge(config=CrossJudgeConfig(head=None)).version


@needs_head
def test_the_fast_reading_is_int8_with_its_own_screened_head(tmp_path):
    from msgcheck import Checker
    from msgcheck.judge.select import make_judge

    judge = make_judge("cross-fast")
    assert judge.model.runtime == "onnx-int8" and "+int8+" in judge.version
    assert judge.config.head != make_judge("cross").config.head  # a head fitted on the int8 reading
    assert judge.head.screen is not None and judge.head.meta["runtime"] == "onnx-int8"
    found = _check(
        Checker(judge=judge),
        tmp_path,
        "Pat: And how do the vegetables travel?\n"
        "Rep: They ride in insulated crates, every single order.\n"
        "Rep: We're also certified organic by the Vale Growers Board.\n",
    )
    assert [f.kind for text, f in found.items() if "certified organic" in text] == ["unsupported"]
    assert not any("crates" in text for text in found)


def test_a_cross_encoder_without_a_fast_head_says_how_to_fit_one(tmp_path):
    from msgcheck.judge.pairjudge import PairJudge
    from msgcheck.judge.select import fast_cross

    (tmp_path / "judge.json").write_text(json.dumps({"head": "final-head.v3"}))
    with pytest.raises(ModelError, match="no fast head") as err:
        fast_cross(PairJudge(), tmp_path)
    assert "--fast" in (err.value.hint or "")


def test_the_cue_is_cross_fitted_by_fold_of_whole_sets():
    from msgcheck.judge.crossjudge import HeadRows
    from msgcheck.train.finalhead import ReadCall, cross_fit_cue, fit_cue

    rng = np.random.default_rng(5)
    unsupported = HEAD_KINDS.index("unsupported")

    def read_call(y: np.ndarray) -> ReadCall:
        rows = HeadRows([], np.zeros(len(y)), np.zeros((len(y), len(FEATURES))), np.zeros(len(y)))
        return ReadCall(None, [], [], rows, None, y)  # type: ignore[arg-type]

    # four writers whose made-up claims show on the first vector dimension, and one whose show on the second
    y = np.array([unsupported] * 10 + [0] * 30 + [-1] * 2)
    sets, vectors = {}, {}
    for name, dim in (("a", 0), ("b", 0), ("c", 0), ("d", 0), ("odd", 1)):
        v = rng.normal(size=(len(y), 3))
        v[:, dim] += 4 * (y == unsupported)
        sets[name], vectors[name] = [read_call(y)], [v]
    w, _ = fit_cue(np.concatenate([vectors[n][0] for n in "abcd"]), np.tile(y, 4))
    assert w[0] > abs(w[1])
    cross_fit_cue(vectors, sets, n=5)
    for name in "abcd":  # each set's cue comes from the other writers: it still finds this writer's claims
        cue = sets[name][0].rows.cue
        assert cue.shape == (len(y),) and cue[y == unsupported].mean() > cue[y == 0].mean() + 0.3, name
    # the odd writer's cue never saw its sentences, so it cannot tell its made-up claims from the rest
    odd = sets["odd"][0].rows.cue
    assert abs(odd[y == unsupported].mean() - odd[y == 0].mean()) < 0.15
    with pytest.raises(Exception, match="unsupported"):
        fit_cue(vectors["a"][0], np.zeros(len(y), dtype=int))
