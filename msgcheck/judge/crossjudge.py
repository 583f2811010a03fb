"""The cross-encoder judge: a model that reads each (asset claim, rep sentence) pair decides; the rules
and the embedding heads are evidence.

For every rep claim the fine-tuned cross-encoder (judge.crossmodel; by default ``models/call-judge.v4``, the pair
judge fine-tuned again on pairs read from labelled calls and on the same promise said in other words) reads the
top-k aligned asset claims with the previous utterance as context. Then, per claim:

- a value difference of one named attribute (the rules' ``certain`` verdicts) stands: numbers need no model;
- the model's contradiction or weakened probability for any of the k claims, at the kind's threshold, flags it;
- a rule flag the model does not see as drift (below ``veto``) is dropped, one it does see stands;
- an unsupported claim is dropped when the model reads some asset claim as supporting it (SummaC-style:
  P(consistent) at least ``support``).

Thresholds live in the model folder's ``judge.json`` (written by benchmarks/tune_cross.py on the tuning
split), not here. When ``judge.json`` names a final head (``"head": "final-head.v3"``), the head decides
instead (judge.finalhead): it weighs the inner verdict, the model's probabilities over the k nearest asset
claims, the pair evidence and how claim-like the sentence is, and the checker gives it every rep sentence
(``ClaimExtractor(wide=True)``), not only those the rules keep.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..embed.embedders import Embedder
from ..extract.worthy import ClaimWorthiness
from ..kinds import DRIFT_KINDS, PAIR_DRIFT_KINDS
from ..types import Alignment, Claim, Verdict
from .base import BaseJudge, Judge
from .crossmodel import CALL_DIR, CROSS_LABELS, CrossModel, hypothesis_text
from .evidence import evidence_matrix
from .finalhead import HEAD_KINDS, FinalHead, claim_features, drift_partner
from .pairjudge import PairJudge
from .rules import AssetIndex, _unsupported_words

_CONS, _CONTRA, _WEAK = (CROSS_LABELS.index(k) for k in ("consistent", "contradiction", "weakened"))


@dataclass
class CrossJudgeConfig:
    k: int = 3  # asset claims read per rep claim, nearest first
    min_sim: float = 0.2  # ... each at least this close (cosine)
    flag: dict[str, float] = field(default_factory=lambda: {"contradiction": 0.6, "weakened": 0.6})
    veto: float = 0.2  # a rule's flag stands when the model gives it this much drift probability
    support: float = 0.5  # an unsupported claim is dropped when some asset claim supports it this much
    head: str | None = None  # a final head's folder under models/: it decides (the settings above are unused)
    # the fast reading (``--judge cross-fast``): {"head": a head fitted on that runtime, "runtime": "onnx-int8"}
    fast: dict | None = None

    @classmethod
    def from_dict(cls, d: dict) -> CrossJudgeConfig:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})

    @classmethod
    def load(cls, folder: Path) -> CrossJudgeConfig:
        path = folder / "judge.json"
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else cls()


class CrossJudge(BaseJudge):
    """The cross-encoder's reading of each aligned pair, with the rules' verdicts as evidence."""

    def __init__(
        self,
        inner: Judge | None = None,
        model: CrossModel | None = None,
        config: CrossJudgeConfig | None = None,
    ):
        self.inner = inner or PairJudge()
        self.model = model or CrossModel(CALL_DIR)
        self._config = config
        self.embedder: Embedder | None = None
        self._head: FinalHead | None = None
        self._worthy: ClaimWorthiness | None = None

    @property
    def version(self) -> str:  # type: ignore[override]
        head = f"+{self.config.head}" if self.config.head else ""  # a run keyed by the head that decided it
        return f"cross-1+{self.model.version}{head}+{self.inner.version}"

    @property
    def config(self) -> CrossJudgeConfig:
        if self._config is None:
            self._config = CrossJudgeConfig.load(self.model.folder)
        return self._config

    @property
    def wide(self) -> bool:
        """Whether this judge reads every rep sentence (a final head decides), not only the rules' claims."""
        return self.config.head is not None

    @property
    def head(self) -> FinalHead:
        if self._head is None:
            assert self.config.head is not None
            self._head = FinalHead.load(self.model.folder.parent / self.config.head)
        return self._head

    def bind(self, embedder: Embedder) -> CrossJudge:
        self.embedder = embedder
        self.inner.bind(embedder)
        return self

    def floor(self, kind: str) -> float:
        if self.wide and kind in DRIFT_KINDS:
            return 0.0  # the head's own threshold decided
        return self.inner.floor(kind)

    def calibrated(self, kind: str, raw: float) -> float:
        return self.inner.calibrated(kind, raw)

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        if self.wide:
            return self._head_verdicts(alignments, index)
        cfg = self.config
        return [
            self._decide(al.rep, h.inner, h.read, h.p, cfg)
            for al, h in zip(alignments, model_reads(self, alignments, index, cfg), strict=True)
        ]

    def _head_verdicts(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        """The final head's verdicts. Sentences its screen skips keep the inner judge's verdict (no drift)
        and are never read by the cross-encoder."""
        head = self.head
        inner = self.inner.judge_all(alignments, index)
        vectors = rep_vectors(self, alignments)  # once: claim-worthiness and the cue read the same vectors
        worthy = claim_worthiness(self, alignments, vectors)
        cue = head.cue_probability(vectors)
        keep = [
            i
            for i, (al, v, w) in enumerate(zip(alignments, inner, worthy, strict=True))
            if head.screen is None or not head.screen.skips(nearest_sim(al), float(w), v)
        ]
        read = [alignments[i] for i in keep]
        rows = head_rows(
            self, read, index, head.k, inner=[inner[i] for i in keep], worthy=worthy[keep], cue=cue[keep]
        )
        out = list(inner)
        for i, al, h, pr in zip(keep, read, rows.read, head.probabilities(rows.X), strict=True):
            out[i] = head_decide(self, al, h, pr, head)
        return out

    def _decide(
        self, rep: Claim, v: Verdict, read: list[tuple[Claim, float]], p: np.ndarray, cfg: CrossJudgeConfig
    ) -> Verdict:
        if v.certain and v.kind in PAIR_DRIFT_KINDS:
            return _shown(v, read, p)  # two values of one named attribute differ: no model overrules that
        if not read:
            return v
        shown = _probabilities(read, p)
        for kind, col in (("contradiction", _CONTRA), ("weakened", _WEAK)):
            j = int(p[:, col].argmax())
            if p[j, col] >= cfg.flag[kind] and p[j, col] >= max(p[j, _CONTRA], p[j, _WEAK]):
                asset, sim = read[j]
                why = v.explanation if v.kind == kind and v.asset is asset else _explain(kind, rep, asset)
                raw = max(float(p[j, col]), v.score if v.kind == kind else 0.0)
                return Verdict(kind, self.calibrated(kind, raw), asset, why, sim, probabilities=shown)
        if v.kind in PAIR_DRIFT_KINDS:
            j = next((i for i, (a, _) in enumerate(read) if a is v.asset), None)
            drift = float(p[j, _CONTRA] + p[j, _WEAK]) if j is not None else 1.0
            if drift >= cfg.veto:
                return Verdict(v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=shown)
            asset, sim = read[j]  # type: ignore[index]
            return Verdict(
                "consistent",
                0.0,
                asset,
                f"Read as consistent: the rules saw {v.kind} ({v.explanation}), the pair model overruled "
                "them (its probabilities are in the JSON).",
                sim,
                probabilities=shown,
            )
        if v.kind == "unsupported":
            j = int(p[:, _CONS].argmax())
            if p[j, _CONS] >= cfg.support:
                asset, sim = read[j]
                return Verdict(
                    "consistent",
                    float(p[j, _CONS]),
                    asset,
                    f'{asset.file} says it: "{asset.text}"',
                    sim,
                    probabilities=shown,
                )
        return Verdict(v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=shown)


@dataclass
class HeadRead:
    """What the final head reads of one rep claim: the inner verdict, the asset claims the model read and
    its probabilities for them."""

    inner: Verdict
    read: list[tuple[Claim, float]]
    p: np.ndarray

    def first(self, k: int) -> HeadRead:
        """The same read cut to the k nearest asset claims (and the rules' pick): training tries several k
        on one reading."""
        keep = [i for i, (a, _) in enumerate(self.read) if i < k or a is self.inner.asset]
        return HeadRead(self.inner, [self.read[i] for i in keep], self.p[keep])


@dataclass
class HeadRows:
    read: list[HeadRead]
    worthy: np.ndarray  # models/claim-worthy.v2's probability per rep claim
    X: np.ndarray  # one row of finalhead.FEATURES a rep claim
    cue: np.ndarray  # the head's unsupported cue per rep claim (zeros before a head has one)

    def first(self, alignments: list[Alignment], k: int) -> HeadRows:
        return head_matrix(alignments, [h.first(k) for h in self.read], self.worthy, self.cue)


def model_reads(
    judge: CrossJudge,
    alignments: list[Alignment],
    index: AssetIndex,
    cfg: CrossJudgeConfig,
    inner: list[Verdict] | None = None,
) -> list[HeadRead]:
    """The inner judge's verdicts (``inner``, where already made), and the cross-encoder's reading of each rep
    claim's nearest asset claims (``cfg.k`` of them, at least ``cfg.min_sim`` close, and the rules' pick), in
    one batch."""
    if inner is None:
        inner = judge.inner.judge_all(alignments, index)
    read = [_read(al, v, cfg) for al, v in zip(alignments, inner, strict=True)]
    pairs = [
        (a.text, hypothesis_text(al.rep.text, al.rep.before))
        for al, r in zip(alignments, read, strict=True)
        for a, _ in r
    ]
    probs = judge.model.probabilities(pairs)
    out, at = [], 0
    for v, r in zip(inner, read, strict=True):
        out.append(HeadRead(v, r, probs[at : at + len(r)]))
        at += len(r)
    return out


def head_rows(
    judge: CrossJudge,
    alignments: list[Alignment],
    index: AssetIndex,
    k: int,
    inner: list[Verdict] | None = None,
    worthy: np.ndarray | None = None,
    cue: np.ndarray | None = None,
) -> HeadRows:
    """The final head's input rows for a call's aligned rep claims (training reads them the same way);
    ``inner``, ``worthy`` and ``cue`` where the caller has them already (no cue: zeros)."""
    out = model_reads(judge, alignments, index, CrossJudgeConfig(k=k, min_sim=-1.0), inner)
    worthy = claim_worthiness(judge, alignments) if worthy is None else worthy
    return head_matrix(alignments, out, worthy, np.zeros(len(alignments)) if cue is None else cue)


def claim_worthiness(
    judge: CrossJudge, alignments: list[Alignment], vectors: np.ndarray | None = None
) -> np.ndarray:
    """models/claim-worthy.v2's probability per rep claim, from the checker's (cached) embeddings or the rep
    vectors the caller has already looked up."""
    if not alignments:
        return np.zeros(0)
    if judge._worthy is None:
        judge._worthy = ClaimWorthiness()
    return judge._worthy.probability(rep_vectors(judge, alignments) if vectors is None else vectors)


def rep_vectors(judge: CrossJudge, alignments: list[Alignment]) -> np.ndarray:
    """The rep claims' sentence vectors, from the checker's (cached) embedder."""
    assert judge.embedder is not None, "bind the judge to the checker's embedder first"
    return judge.embedder.embed_batch([al.rep.text for al in alignments])


def nearest_sim(al: Alignment) -> float:
    """Cosine of a rep claim's nearest asset claim (-1 when the campaign has none)."""
    return float(al.candidates[0][1]) if al.candidates else -1.0


def head_matrix(
    alignments: list[Alignment], read: list[HeadRead], worthy: np.ndarray, cue: np.ndarray
) -> HeadRows:
    """The feature rows of read claims: the pair evidence of each claim's most drifted pair, and the rest."""
    partner = [h.read[drift_partner(h.p)][0].text if h.read else "" for h in read]
    ev = evidence_matrix(partner, [al.rep.text for al in alignments])
    X = np.array(
        [
            claim_features(al.rep, h.inner, h.read, h.p, e, float(w), float(c))
            for al, h, e, w, c in zip(alignments, read, ev, worthy, cue, strict=True)
        ],
        dtype=np.float64,
    ).reshape(len(alignments), -1)
    return HeadRows(read, worthy, X, cue)


def head_decide(judge: CrossJudge, al: Alignment, h: HeadRead, proba: np.ndarray, head: FinalHead) -> Verdict:
    """The head's kind for one rep claim, with the rules' asset and wording where they saw the same kind."""
    v, read, p = h.inner, h.read, h.p
    shown = _probabilities(read, p) if read else v.probabilities
    shown = {**(shown or {}), "head": {k: round(float(x), 4) for k, x in zip(HEAD_KINDS, proba, strict=True)}}
    if v.certain and v.kind in PAIR_DRIFT_KINDS:
        return Verdict(
            v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=shown, certain=True
        )
    kind, score = head.decide(proba)
    if kind == "none":
        if v.kind in DRIFT_KINDS:
            return Verdict(
                "consistent",
                0.0,
                v.asset,
                f"Read as consistent: the rules saw {v.kind} ({v.explanation}), the final head overruled "
                "them (its probabilities are in the JSON).",
                v.similarity,
                probabilities=shown,
            )
        return Verdict(v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=shown)
    if kind == v.kind:
        return Verdict(kind, score, v.asset, v.explanation, v.similarity, probabilities=shown)
    if kind == "unsupported":
        nearest = read[0][0] if read else None
        return Verdict(
            kind,
            score,
            None,
            _unsupported_words(al.rep.slot, [], nearest),
            read[0][1] if read else 0.0,
            probabilities=shown,
        )
    if not read:
        return Verdict(kind, score, None, v.explanation, 0.0, probabilities=shown)
    asset, sim = read[int(p[:, _CONTRA if kind == "contradiction" else _WEAK].argmax())]
    return Verdict(kind, score, asset, _explain(kind, al.rep, asset), sim, probabilities=shown)


def _read(al: Alignment, v: Verdict, cfg: CrossJudgeConfig) -> list[tuple[Claim, float]]:
    """The asset claims the model reads for this rep claim: the k nearest close enough, and the rules' pick."""
    read = [(a, s) for a, s in al.candidates[: cfg.k] if s >= cfg.min_sim]
    if v.asset is not None and not any(a is v.asset for a, _ in read):
        sim = next((s for a, s in al.candidates if a is v.asset), v.similarity)
        read.append((v.asset, float(sim)))
    return read


def _probabilities(read: list[tuple[Claim, float]], p: np.ndarray) -> dict:
    """The model's reading of the closest pair it read, for the report (labels -> probability)."""
    best = int((1 - p[:, CROSS_LABELS.index("unrelated")]).argmax())
    return {"cross": {lab: round(float(x), 4) for lab, x in zip(CROSS_LABELS, p[best], strict=True)}}


def _shown(v: Verdict, read, p) -> Verdict:
    probs = _probabilities(read, p) if len(read) else v.probabilities
    return Verdict(
        v.kind, v.score, v.asset, v.explanation, v.similarity, probabilities=probs, certain=v.certain
    )


def _explain(kind: str, rep: Claim, asset: Claim) -> str:
    """One line, both sides quoted: 'The rep says "..." where landing.html says "...": a contradiction.'"""
    what = "a contradiction" if kind == "contradiction" else "an added condition or hedge"
    return f'The rep says "{_short(rep.text)}" where {asset.file} says "{_short(asset.text)}": {what}.'


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
