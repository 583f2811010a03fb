"""The judge on its own: one (asset sentence, rep sentence) pair -> an NLI-style label.

Maps the drift verdicts onto NLI labels with the asset as premise and the rep as hypothesis:
consistent -> entailment, contradiction -> contradiction, weakened / unsupported / unrelated -> neutral.
"""

from __future__ import annotations

from dataclasses import dataclass

from .align import align
from .claims import annotate
from .judge import AssetIndex
from .types import Claim, Verdict

_LABEL = {"consistent": "entailment", "contradiction": "contradiction"}


@dataclass
class PairResult:
    label: str  # entailment | neutral | contradiction
    score: float  # confidence in the label, 0..1
    kind: str  # the drift verdict behind it
    explanation: str


def judge_pairs(checker, pairs: list[tuple[str, str]]) -> list[PairResult]:
    """Judge many pairs with one embedding pass."""
    if not pairs:
        return []
    assets = [annotate(Claim(text=a, side="asset", file="pair")) for a, _ in pairs]
    reps = [annotate(Claim(text=r, side="rep", file="pair")) for _, r in pairs]
    vecs = checker.embedder.embed_batch([c.text for c in assets + reps])
    a_vecs, r_vecs = vecs[: len(pairs)], vecs[len(pairs) :]
    out = []
    for i in range(len(pairs)):
        (al,) = align([reps[i]], r_vecs[i : i + 1], [assets[i]], a_vecs[i : i + 1], k=1)
        v: Verdict = checker.judge.judge(al, AssetIndex.build([assets[i]]))
        label = _LABEL.get(v.kind, "neutral")
        score = (
            v.score
            if v.kind in ("contradiction", "weakened", "unsupported")
            else max(0.0, min(1.0, v.similarity))
        )
        if v.kind == "consistent":
            score = max(0.5, score)
        out.append(
            PairResult(label=label, score=round(float(score), 4), kind=v.kind, explanation=v.explanation)
        )
    return out
