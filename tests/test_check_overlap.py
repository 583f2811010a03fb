"""A call's claims are embedded while spaCy reads the rest of the call (Checker._rep_claims): the report is
the one the stages give run one after the other, to the last bit (real models)."""

from __future__ import annotations

import dataclasses
import json

from msgcheck import models
from msgcheck.embed.embedders import CachedEmbedder
from msgcheck.ingest import load_transcript


def _report(checker, camp, path) -> str:
    checker.embedder.cache.clear()
    report = checker.check_call(camp, load_transcript(path))
    return json.dumps(dataclasses.asdict(report), default=repr, sort_keys=True)


def test_embedding_beside_spacy_gives_the_report_of_one_stage_after_the_other(
    checker, demo_campaign_dir, demo_calls, monkeypatch
):
    camp = checker.campaign([demo_campaign_dir])
    opened: list[int] = []
    real = CachedEmbedder.background

    def counted(self):
        opened.append(1)
        return real(self)

    monkeypatch.setattr(CachedEmbedder, "background", counted)
    monkeypatch.setattr(checker.extractor, "stream_batch", 4)  # a short demo call in several batches
    monkeypatch.setattr(models, "_threads", 2)
    side_by_side = [_report(checker, camp, p) for p in demo_calls]
    assert len(opened) == len(demo_calls)
    monkeypatch.setattr(models, "_threads", 1)  # a one-thread worker: one stage after the other
    in_turn = [_report(checker, camp, p) for p in demo_calls]
    assert len(opened) == len(demo_calls)
    assert side_by_side == in_turn
