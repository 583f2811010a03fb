"""The promise checklist and the one definition of "headline" (issue 12), on the demo with the real models."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from msgcheck.check.campaign import headline_promises
from msgcheck.report import from_json, render_table, to_html, to_json

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_report(checker, demo_campaign_dir, demo_calls):
    return checker.check(assets=[demo_campaign_dir], transcripts=demo_calls[:3])


def test_every_output_counts_the_same_headline_promises(checker, demo_campaign_dir, demo_report):
    camp = checker.campaign([demo_campaign_dir])
    heads = headline_promises(camp.promises, checker.config)
    assert 1 <= len(heads) <= checker.config.omission_top_promises
    members = {(c.file, c.text) for p in heads for c in p.claims}
    for call in demo_report.calls:
        assert [p.promise for p in call.promises] == [p.representative.text for p in heads]
        # coverage's headline flag marks exactly the claims of those promises, not every heading
        assert {(c.asset_file, c.text) for c in call.coverage if c.headline} == members
    out = io.StringIO()
    render_table(demo_report, Console(file=out, width=100))
    printed = [int(n) for n in re.findall(r"headline promises: (\d+)", out.getvalue())]
    assert printed == [len(c.promises) for c in demo_report.calls]
    page = to_html(demo_report)
    assert page.count("<h3>Headline promises on this call</h3>") == len(demo_report.calls)


def test_upheld_always_shows_the_reps_words_and_changed_points_to_its_finding(demo_report, demo_calls):
    statuses = set()
    for call, path in zip(demo_report.calls, demo_calls, strict=False):
        text = path.read_text(encoding="utf-8")
        for p in call.promises:
            statuses.add(p.status)
            if p.status == "upheld":
                assert p.rep and p.rep["text"] in text and p.asset
            elif p.status == "changed":
                f = call.findings[p.finding]
                assert f.kind in ("contradiction", "weakened") and f.transcript["text"] == p.rep["text"]
            else:
                assert p.rep is None
        for cov in call.coverage:
            assert (cov.rep is None) == (cov.status == "not_mentioned")
            if cov.rep:
                assert cov.rep["text"] in text
    assert "upheld" in statuses


def test_the_checklist_survives_a_json_round_trip(demo_report):
    back = from_json(to_json(demo_report))
    assert [c.promises for c in back.calls] == [
        [type(p)(**{**p.__dict__, "rep": p.rep and {**p.rep}}) for p in c.promises] for c in demo_report.calls
    ]


def test_explanations_are_sentences_without_numbers_of_the_machinery(demo_report):
    for call in demo_report.calls:
        for f in call.findings:
            e = f.explanation
            assert e[:1].isupper() and e.endswith((".", '."')), e
            assert "similarity" not in e and not re.search(r"\b0\.\d\d\b", e), e
            assert not re.search(r"\b(?:rep|asset): ", e) and "no asset makes" not in e, e


@pytest.mark.parametrize(
    ("rep", "asset", "slot", "upholds"),
    [
        ("Thirty days, and no card needed.", "Try it free for 30 days.", "trial", True),  # the same value
        ("So with us there's no setup fee this spring.", "$0 setup fee.", "price", True),  # the same term
        ("You get an onboarding specialist.", "Onboarding: a dedicated specialist.", "onboarding", True),
        ("Our team hates paying for onboarding.", "Try it free for 30 days.", "trial", False),
        ("Unlimited on Crew.", "30-day free trial of every Crew feature.", "trial", False),
        ("Yeah, that covers you.", "Thirty days free with no credit card.", "trial", False),
    ],
)
def test_upheld_needs_words_that_say_the_promise(rep, asset, slot, upholds):
    """A rep sentence the judge calls consistent upholds a headline promise only when it says it: near in
    meaning is not enough (the walk's unsure-roles call showed "Our team hates paying for onboarding" as
    upholding the 30-day trial)."""
    from msgcheck.check.checklist import says_it
    from msgcheck.extract.claims import annotate
    from msgcheck.types import Claim

    r = annotate(Claim(text=rep, side="rep", file="call.txt"))
    a = annotate(Claim(text=asset, side="asset", file="landing.md"))
    assert says_it(r, a, slot) is upholds
