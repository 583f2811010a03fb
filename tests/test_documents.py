"""Whole documents as premises (SummaC-style): sentence splitting and the weakest sentence (real models)."""

from __future__ import annotations

import pytest

from msgcheck.check.documents import DocumentConfig, judge_document, split_sentences
from msgcheck.judge.crossmodel import CrossModel


def test_split_sentences_treats_lines_and_list_items_as_boundaries():
    text = "Subject: Your quote\n\nHi Dana,\n1. Setup is free. Support is 24/7.\n2. Trial: 30 days"
    assert split_sentences(text) == [
        "Subject: Your quote",
        "Hi Dana,",
        "1. Setup is free.",
        "Support is 24/7.",
        "2. Trial: 30 days",
    ]


@pytest.fixture(scope="module")
def cross_model() -> CrossModel:
    return CrossModel()


def test_a_document_is_only_as_consistent_as_its_weakest_sentence(cross_model, checker):
    call = (
        "Rep: The trial is thirty days, no credit card.\n"
        "Prospect: And setup?\n"
        "Rep: Setup is free, and we migrate your data at no charge.\n"
        "Rep: Pricing is forty-nine a month per location."
    )
    true_email = (
        "Thanks for the call. As discussed, you get a 30-day trial with no credit card, and setup is free."
    )
    drifted = "Thanks for the call. As discussed, you get a 14-day trial, and setup is a one-time $300 fee."
    ok = judge_document(cross_model, checker.embedder, call, true_email, DocumentConfig(threshold=0.0))
    bad = judge_document(cross_model, checker.embedder, call, drifted, DocumentConfig(threshold=0.0))
    assert bad.score < ok.score
    assert bad.label == "inconsistent"
    assert bad.weakest is not None and ("14-day" in bad.weakest.sentence or "$300" in bad.weakest.sentence)
