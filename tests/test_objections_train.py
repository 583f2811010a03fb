"""`msgcheck train objections` (msgcheck.train.objections) on a tiny two-author corpus with a fake embedder:
the artifact it writes, read back. No model is loaded: the embedder is handed in."""

from __future__ import annotations

from pathlib import Path

from msgcheck.embed.embedders import HashingEmbedder
from msgcheck.journey.objmodel import ObjectionModel
from msgcheck.train.objections import train

SENTENCES = [
    ("That price is way over our budget this year.", "price"),
    ("Honestly it costs more than we pay for payroll now.", "price"),
    ("We are locked into our current vendor until June.", "timing"),
    ("We cannot start anything before the busy season ends.", "timing"),
    ("We have about forty people on the floor.", "none"),
    ("Our office is on the second floor downtown.", "none"),
]
PAIRS = [
    ("That price is way over our budget this year.", "We can waive setup so year one fits.", "addressed"),
    ("That price is way over our budget this year.", "Let me show you the dashboard.", "not_addressed"),
    ("We cannot start before the busy season ends.", "Then we start in August, after it.", "addressed"),
    ("We cannot start before the busy season ends.", "Noted. Anyway, the reports.", "not_addressed"),
]


def _corpus(folder: Path) -> Path:
    for author in ("objX", "objY"):
        rows = [f"{author}-{i}\tretail\t\t{s}\t{lab}\t" for i, (s, lab) in enumerate(SENTENCES)]
        (folder / f"{author}.tsv").write_text(
            "id\tindustry\tcontext\tprospect_sentence\tlabel\tnote\n" + "\n".join(rows) + "\n",
            encoding="utf-8",
        )
        pairs = [f"{author}-a{i}\t{o}\t{r}\t{lab}\t" for i, (o, r, lab) in enumerate(PAIRS)]
        (folder / f"{author}.addressed.tsv").write_text(
            "id\tobjection\trep_reply\tlabel\tnote\n" + "\n".join(pairs) + "\n", encoding="utf-8"
        )
    return folder


def test_train_uses_the_embedder_it_is_given_and_writes_a_loadable_artifact(tmp_path):
    embedder = HashingEmbedder(dim=64)
    metrics = train(_corpus(tmp_path), tmp_path / "out", journeys=[], embedder=embedder)
    model = ObjectionModel.load(tmp_path / "out")
    assert metrics["authors"] == ["objX", "objY"]
    assert model.objection.coef_.shape == (
        3,
        64,
    )  # price, timing, none over the fake embedder's 64 dimensions
    proba = model.objection.predict_proba(embedder.embed_batch([s for s, _ in SENTENCES]))
    assert proba.shape == (6, 3)
    assert model.config["min_objection"] == metrics["across_authors"]["objection_vs_none"]["threshold"]


def test_train_with_the_concern_reader_saves_it_small_and_the_tracker_decides_by_it(tmp_path):
    """The fine-tuned concern reader (real MiniLM, a few steps on the tiny corpus): saved beside the heads as
    its trained layers alone, read back with its threshold, and what the tracker asks whether a turn is a
    concern at all."""
    from msgcheck.journey.concern import WEIGHTS
    from msgcheck.journey.objections import track_objections
    from msgcheck.journey.text import Sentence

    embedder = HashingEmbedder(dim=64)
    metrics = train(_corpus(tmp_path), tmp_path / "out", journeys=[], embedder=embedder, concern=0.6)
    model = ObjectionModel.load(tmp_path / "out")
    assert model.concern is not None and model.concern.threshold == 0.6 == metrics["concern"]["min_concern"]
    assert (tmp_path / "out" / WEIGHTS).stat().st_size < 10_000_000  # two layers in float16, not a model
    said = [Sentence("a.txt", "Pat", s, i, None, s) for i, (s, _) in enumerate(SENTENCES)]
    scores = model.concern.scores([s.text for s in said])
    assert scores.shape == (6,) and ((scores >= 0) & (scores <= 1)).all()
    model.concern.config["min_concern"] = 1.01  # nothing is a concern, whatever the objection head says
    assert track_objections([(said, [])], embedder, model) == []
    model.concern.config["min_concern"] = 0.0  # every turn is (one per utterance)
    assert len(track_objections([(said, [])], embedder, model)) == 6


def test_an_objections_artifact_without_a_reader_loads_and_a_broken_reader_is_refused(tmp_path):
    import pytest

    from msgcheck.errors import ModelError
    from msgcheck.journey.concern import CONFIG

    train(_corpus(tmp_path), tmp_path / "out", journeys=[], embedder=HashingEmbedder(dim=64))
    assert ObjectionModel.load(tmp_path / "out").concern is None  # objections.v1 has none
    (tmp_path / "out" / CONFIG).write_text('{"min_concern": 0.7, "layers": 2}', encoding="utf-8")
    with pytest.raises(ModelError, match="incomplete"):
        ObjectionModel.load(tmp_path / "out")


def test_candidate_pairs_are_the_turns_the_tracker_reads_with_the_gold_answer_marked(checker):
    """The answer head's journey pairs: every turn the tracker would read as a possible answer to a gold
    objection (the rep's next turns on its call, close rep turns of later calls), addressed only where the gold
    says that turn answered it."""
    import json

    from msgcheck.train.objections import JOURNEYS, candidate_pairs

    root = JOURNEYS / "dev"
    pairs = candidate_pairs(root, checker.embedder)
    gold = [
        o
        for p in sorted((root / "gold").glob("*.json"))
        for o in json.loads(p.read_text(encoding="utf-8")).get("objections") or []
    ]
    answered = [p for p in pairs if p["label"] == "addressed"]
    assert len({p["objection"] for p in answered}) == len(answered)  # one answer per objection
    assert len(answered) == sum(o["addressed"] is not None for o in gold)
    assert all(
        any(o["addressed"]["quote"] in p["rep_reply"] for o in gold if o["addressed"]) for p in answered
    )
    assert len(pairs) > 4 * len(answered)  # most turns a tracker reads are no answer
