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
