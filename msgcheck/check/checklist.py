"""A call's promise checklist: each headline promise of the campaign, and what the call did with it.

Upheld only when a rep said something the judge found consistent with one of the promise's asset claims
and that says it: a value the same, an offer term the same, or the promise's own topic ("Our team hates
paying for onboarding" is consistent with nothing in particular and upholds no trial promise). The rep's
words and time are kept to show. Changed when a finding contradicts or weakens one of them
(the finding is pointed to); otherwise not mentioned (pointing to the omission finding when there is one).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..extract.values import compare_quantities
from ..types import Claim, Finding, PromiseCheck, Verdict
from .campaign import Promise

__all__ = ["promise_checklist", "rep_words", "says_it"]

_CHANGED = ("contradiction", "weakened")


def rep_words(c: Claim) -> dict:
    """The rep's words as reports quote them."""
    return {"speaker": c.speaker, "text": c.text, "start": c.start, "index": c.utterance_index}


def says_it(rep: Claim, asset: Claim, slot: str | None) -> bool:
    """Whether the rep's words restate the asset claim rather than sit near it: a value the same, an offer
    term with the same polarity, or the promise's own topic."""
    if any(compare_quantities(q, aq) == "same" for q in rep.quantities for aq in asset.quantities):
        return True
    if any(asset.polarity.get(term) == value for term, value in rep.polarity.items()):
        return True
    return rep.slot not in (None, "other") and rep.slot == slot


def promise_checklist(
    promises: Sequence[Promise],
    rep_claims: Sequence[Claim],
    verdicts: Sequence[Verdict],
    findings: Sequence[Finding],
) -> list[PromiseCheck]:
    """One PromiseCheck per headline promise, in the campaign's order (``findings`` as the call reports them)."""
    out = []
    for p in promises:
        members = {(c.file, c.text) for c in p.claims}
        rep = p.representative
        check = PromiseCheck(promise=rep.text, asset_file=rep.file, slot=p.slot, status="not_mentioned")
        for i, f in enumerate(findings):
            if f.asset and (f.asset["file"], f.asset["text"]) in members:
                if f.kind in _CHANGED and f.transcript:
                    check.status, check.finding = "changed", i
                    check.rep, check.asset = dict(f.transcript), dict(f.asset)
                    break
                if f.kind == "omission" and check.finding is None:
                    check.finding = i
        if check.status == "not_mentioned":
            for c, v in zip(rep_claims, verdicts, strict=True):
                if (
                    v.kind == "consistent"
                    and v.asset is not None
                    and (v.asset.file, v.asset.text) in members
                    and says_it(c, v.asset, p.slot)
                ):
                    check.status, check.rep = "upheld", rep_words(c)
                    check.asset = {"file": v.asset.file, "text": v.asset.text}
                    check.finding = None
                    break
        out.append(check)
    return out
