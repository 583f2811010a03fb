"""The judge on its own: one (asset sentence, rep sentence) pair -> an NLI-style label.

Maps the drift verdicts onto NLI labels with the asset as premise and the rep as hypothesis:
contradiction -> contradiction, weakened / unsupported -> neutral. Where the rules see no drift
(consistent, unrelated), the trained pair head's most likely label decides ("two dogs" vs "three dogs").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from ..embed.align import align
from ..extract.claims import annotate
from ..judge.evidence import EVIDENCE_FEATURES, pair_evidence
from ..judge.rules import AssetIndex
from ..kinds import DRIFT_KINDS
from ..types import Claim, Verdict

_LABEL = {"consistent": "entailment", "contradiction": "contradiction"}


@dataclass
class PairResult:
    label: str  # entailment | neutral | contradiction
    score: float  # confidence in the label, 0..1
    kind: str  # the drift verdict behind it
    explanation: str


def _paired(judge):
    """The checker's judge with the relatedness gates off: the caller says these two are about one thing.

    In a campaign, similarity decides which asset claims a rep sentence is about ("the trial's fourteen
    days" sits at cosine 0.23 from "30-day free trial, no credit card"); a given pair needs no such guess.
    """
    rules = getattr(judge, "rules", judge)
    if not hasattr(rules, "config"):
        return judge
    gates = {
        "related": 0.0,
        "same_slot_related": 0.0,
        "context_sim": 0.0,
        "attribute_sim": 0.0,
        "weaken_sim": 0.0,
        "restating_sim": 0.0,
        "frequency_margin": 0.0,
    }
    paired_rules = copy.copy(rules)
    paired_rules.config = replace(rules.config, **gates)
    if rules is judge:
        return paired_rules
    paired = copy.copy(judge)
    paired.rules = paired_rules
    return paired


def judge_pairs(checker, pairs: list[tuple[str, str]]) -> list[PairResult]:
    """Judge many pairs with one embedding pass."""
    if not pairs:
        return []
    judge = _paired(checker.judge)
    assets = [annotate(Claim(text=a, side="asset", file="pair")) for a, _ in pairs]
    reps = [annotate(Claim(text=r, side="rep", file="pair")) for _, r in pairs]
    vecs = checker.embedder.embed_batch([c.text for c in assets + reps])
    a_vecs, r_vecs = vecs[: len(pairs)], vecs[len(pairs) :]
    out = []
    for i in range(len(pairs)):
        (al,) = align([reps[i]], r_vecs[i : i + 1], [assets[i]], a_vecs[i : i + 1], k=1)
        v: Verdict = judge.judge(al, AssetIndex.build([assets[i]]))
        label = _LABEL.get(v.kind, "neutral")
        score = v.score if v.kind in DRIFT_KINDS else max(0.0, min(1.0, v.similarity))
        if v.kind == "consistent":
            score = max(0.5, score)
        nli = (v.probabilities or {}).get("nli")
        if v.kind == "consistent" and _values_agree(*pairs[i]):
            nli = None  # "$588 a year" is "$49/month billed annually": the rules' unit-aware match decides
        if nli and v.kind in ("consistent", "unrelated"):
            # the rules found no drift: the trained pair head's reading decides the NLI label
            label = max(nli, key=nli.get)
            score = nli[label]
        out.append(
            PairResult(label=label, score=round(float(score), 4), kind=v.kind, explanation=v.explanation)
        )
    return out


def _values_agree(premise: str, hypothesis: str) -> bool:

    ev = dict(zip(EVIDENCE_FEATURES, pair_evidence(premise, hypothesis), strict=True))
    return bool(ev["value_same"] and not ev["value_conflict"])
