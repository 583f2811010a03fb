"""Two baselines that `msgcheck eval` prints beside msgcheck: what a team builds without it.

- **embedding-only**: sentence-transformers alone. Rep sentences are embedded with the asset sentences;
  a rep sentence whose nearest asset sentence sits in a "related but different" cosine band
  ``[lo, hi)`` is flagged as a contradiction (close enough to be about the same thing, not close enough
  to say the same thing). An asset headline whose best match among the rep's sentences stays below a
  threshold is an omission (at most one a call: the least-matched headline).
- **keyword tracker** (Gong-style trackers): tracked phrases are pulled from the assets (a value such as
  "30-day", "$49/mo", "20%", or an offer phrase such as "free trial", "no setup fee"), each filed under
  the topic words near it (trial, fee, contract, price ...). A rep sentence that names a topic but none
  of that topic's tracked values is flagged as a contradiction; a headline phrase no rep sentence says
  is an omission (at most one a call).

Both are `System`s for `msgcheck.evaluate.evaluate` and use the gold `rep_speakers`, as msgcheck's own
eval does. Their thresholds were tuned on corpora/dev/tune only (grid search, maximising drift F1) by
`benchmarks/tune_baselines.py`, which reprints the grid's winners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..embed.embedders import Embedder
from ..ingest import load_assets, load_transcript
from ..report import drift_score
from ..types import CallReport, Document, Finding, Transcript
from .gold import GoldCall, LabelledSet
from .score import System

# -- tuned constants -------------------------------------------------------------------------------
# Found by `python benchmarks/tune_baselines.py` on corpora/dev/tune ONLY: a grid over lo in
# 0.30..0.98 and hi in lo+0.02..1.00 (steps of 0.02) and omission thresholds 0.10..0.60 (steps of
# 0.02), keeping the best drift F1 (ties: the narrower band, then the lower omission threshold).
# Tune: drift F1 0.268 (37 of 52 gold found, 224 predictions). At 0.10 the omission rule never fires
# on tune: every higher threshold only added false omissions there.
EMBEDDING_LO = 0.48
EMBEDDING_HI = 0.78
EMBEDDING_OMISSION_BELOW = 0.10
# Found by the same script on corpora/dev/tune ONLY: a grid over the context window that files a
# tracked phrase under nearby topic words (1, 2, 3, 5 tokens), the matching rule (exact phrase or
# just its number), whether a rep sentence must state a value to be checked, and how many assets a
# headline phrase must appear in before its absence counts as an omission (1 to 4); best drift F1,
# ties broken by fewer predictions, then the grid order. Tune: drift F1 0.188 (11 of 52, 65 predictions).
TRACKER_WINDOW = 1
TRACKER_MATCH = "phrase"
TRACKER_REQUIRE_VALUE = True
TRACKER_OMISSION_MIN_SUPPORT = 4

MIN_REP_WORDS = 4  # shorter rep sentences ("Sure.", "Yeah, totally.") are never checked
MIN_ASSET_WORDS = 3  # shorter asset lines ("Plans", "Yes") are table cells, not sentences

_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9$])")
_WORD = re.compile(r"[\w$%/'-]+")


def split_sentences(text: str) -> list[str]:
    """A plain regex splitter: what a team without a parser uses."""
    return [s.strip() for s in _SENT_END.split(text.strip()) if s.strip()]


def _n_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass
class AssetSentence:
    text: str
    file: str
    headline: bool


@dataclass
class RepSentence:
    text: str
    speaker: str
    index: int  # utterance index in the call
    start: float | None


def asset_sentences(docs: list[Document]) -> list[AssetSentence]:
    """Every distinct sentence of the assets' visible text; headline blocks stay marked."""
    out: list[AssetSentence] = []
    seen: set[tuple[str, str]] = set()
    for d in docs:
        for b in d.blocks:
            for s in split_sentences(b.text):
                key = (d.name, s.lower())
                if key in seen or _n_words(s) < MIN_ASSET_WORDS:
                    continue
                seen.add(key)
                out.append(AssetSentence(s, d.name, b.kind == "headline"))
    return out


def rep_sentences(transcript: Transcript, reps: list[str]) -> list[RepSentence]:
    """The sentences the call's reps say, in order."""
    who = set(reps)
    return [
        RepSentence(s, u.speaker, u.index, u.start)
        for u in transcript.utterances
        if u.speaker in who
        for s in split_sentences(u.text)
        if _n_words(s) >= MIN_REP_WORDS
    ]


def _transcript_ref(r: RepSentence) -> dict:
    return {"speaker": r.speaker, "text": r.text, "start": r.start, "index": r.index}


def _report(gold: GoldCall, findings: list[Finding]) -> CallReport:
    return CallReport(
        call=gold.call,
        reps=list(gold.rep_speakers),
        prospects=list(gold.prospect_speakers),
        drift_score=round(drift_score(findings), 4),
        findings=findings,
    )


class _CampaignCache:
    """Loads each campaign's assets once per system."""

    def __init__(self) -> None:
        self.docs: dict[Path, list[Document]] = {}

    def get(self, lset: LabelledSet, campaign: str) -> list[Document]:
        cdir = lset.campaign_dir(campaign)
        if cdir not in self.docs:
            self.docs[cdir] = load_assets([cdir])
        return self.docs[cdir]


# -- embedding-only ---------------------------------------------------------------------------------
@dataclass
class EmbeddingCall:
    """One call's sentences and similarities: computed once, thresholded many times when tuning."""

    assets: list[AssetSentence]
    reps: list[RepSentence]
    sims: np.ndarray  # (n_rep, n_asset) cosine


def embedding_findings(call: EmbeddingCall, lo: float, hi: float, omission_below: float) -> list[Finding]:
    """The embedding-only rules on precomputed similarities (pure; the tuning grid calls it)."""
    findings: list[Finding] = []
    if call.sims.size:
        nearest = call.sims.argmax(axis=1)
        for i, r in enumerate(call.reps):
            j = int(nearest[i])
            s = float(call.sims[i, j])
            if lo <= s < hi:
                a = call.assets[j]
                findings.append(
                    Finding(
                        kind="contradiction",
                        score=round(s, 4),
                        slot=None,
                        explanation=f"nearest asset sentence at cosine {s:.2f}, in the "
                        f"related-but-different band [{lo:.2f}, {hi:.2f})",
                        transcript=_transcript_ref(r),
                        asset={"file": a.file, "text": a.text},
                    )
                )
    heads = [j for j, a in enumerate(call.assets) if a.headline]
    if heads:
        best = call.sims[:, heads].max(axis=0) if call.sims.shape[0] else np.zeros(len(heads))
        k = int(best.argmin())
        if float(best[k]) < omission_below:
            a = call.assets[heads[k]]
            findings.append(
                Finding(
                    kind="omission",
                    score=round(1.0 - float(best[k]), 4),
                    slot=None,
                    explanation="headline's best match among the rep's sentences is cosine "
                    f"{float(best[k]):.2f}",
                    transcript=None,
                    asset={"file": a.file, "text": a.text},
                )
            )
    return findings


class EmbeddingBaseline:
    """A `System`: nearest-asset cosine in a band -> contradiction; an unmatched headline -> omission."""

    name = "embedding-only"

    def __init__(
        self,
        embedder: Embedder,
        lo: float = EMBEDDING_LO,
        hi: float = EMBEDDING_HI,
        omission_below: float = EMBEDDING_OMISSION_BELOW,
    ):
        self.embedder = embedder
        self.lo = lo
        self.hi = hi
        self.omission_below = omission_below
        self._campaigns = _CampaignCache()
        self._vectors: dict[Path, tuple[list[AssetSentence], np.ndarray]] = {}

    def prepare(self, lset: LabelledSet, gold: GoldCall) -> EmbeddingCall:
        cdir = lset.campaign_dir(gold.campaign)
        if cdir not in self._vectors:
            sents = asset_sentences(self._campaigns.get(lset, gold.campaign))
            self._vectors[cdir] = (sents, self.embedder.embed_batch([s.text for s in sents]))
        assets, a_vecs = self._vectors[cdir]
        reps = rep_sentences(load_transcript(lset.call_path(gold.call)), gold.rep_speakers)
        if reps and assets:
            sims = self.embedder.embed_batch([r.text for r in reps]) @ a_vecs.T
        else:
            sims = np.zeros((len(reps), len(assets)), dtype=np.float32)
        return EmbeddingCall(assets, reps, sims)

    def __call__(self, lset: LabelledSet, gold: GoldCall) -> CallReport:
        call = self.prepare(lset, gold)
        return _report(gold, embedding_findings(call, self.lo, self.hi, self.omission_below))


# -- keyword tracker --------------------------------------------------------------------------------
# Topic words, as a Gong/Chorus admin would set up trackers for an offer.
TOPICS: dict[str, re.Pattern[str]] = {
    name: re.compile(rx, re.I)
    for name, rx in {
        "trial": r"\b(trials?|try it|pilot)\b",
        "fee": r"\b(fees?|set-?up|setup|installation)\b",
        "contract": r"\b(contracts?|commitments?|agreements?|month-to-month|cancel\w*|lock(ed)? in|term)\b",
        "price": r"\$|\b(price|prices|pricing|costs?|a month|/mo|"
        r"per (month|user|seat|location|employee|head))\b",
        "discount": r"\b(discounts?|% off|percent off|save|savings)\b",
        "guarantee": r"\b(guarantee[ds]?|refunds?|money[- ]back)\b",
        "support": r"\b(support|24/7|help ?desk|response time|sla)\b",
        "onboarding": r"\b(onboarding|go[- ]live|live in|implementation|migration|rollout|switch\w*)\b",
        "limit": r"\b(users?|seats?|locations?|up to|unlimited|limit\w*|cap)\b",
    }.items()
}
_UNITS = (
    r"%|percent|days?|weeks?|months?|years?|hours?|minutes?|business days?|users?|seats?|locations?|"
    r"employees?|states|x"
)
_TRACKED = re.compile(
    r"(?P<money>[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:/|per\s|a\s)\s?\w+)?)"
    rf"|(?P<num>\b\d+(?:[.,]\d+)?(?:\s?-\s?|\s)?(?:{_UNITS})\b)"
    r"|(?P<hours>\b24/7\b)"
    r"|(?P<offer>\bno (?:setup |set-up |setup and |cancellation |hidden )?fees?\b|\bno (?:credit )?card\b|"
    r"\bno (?:long-term )?contracts?\b|\bcancel anytime\b|\bmonth-to-month\b|\bfree trial\b|\bfree\b|"
    r"\bmoney[- ]back\b)",
    re.I,
)
_VALUE = re.compile(
    r"\d|[$€£%]|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|ninety|hundred|free|no|unlimited)\b",
    re.I,
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[-/]", " ", text.lower())).strip()


@dataclass
class Tracker:
    """One tracked phrase of the assets, filed under the topics near it."""

    phrase: str
    key: str  # what must appear in a rep sentence for the tracker to fire
    topics: set[str]
    sentence: AssetSentence
    files: set[str] = field(default_factory=set)
    headline: bool = False

    def fires(self, text: str, match: str) -> bool:
        if match == "number" and self.key[:1].isdigit():
            return re.search(rf"(?<![\d.]){re.escape(self.key)}(?![\d])", text) is not None
        return _norm(self.phrase) in _norm(text)


def _key(phrase: str, match: str) -> str:
    if match == "number":
        m = re.search(r"\d[\d,]*(?:\.\d+)?", phrase)
        if m:
            return m.group().replace(",", "")
    return _norm(phrase)


def extract_trackers(sents: list[AssetSentence], window: int, match: str) -> list[Tracker]:
    """Tracked phrases of the assets, one tracker per (topic set, key); files and headlines merged."""
    by_key: dict[tuple[str, frozenset[str]], Tracker] = {}
    for s in sents:
        tokens = list(re.finditer(r"\S+", s.text))
        for m in _TRACKED.finditer(s.text):
            i0 = next((i for i, t in enumerate(tokens) if t.end() > m.start()), 0)
            i1 = next((i for i, t in enumerate(tokens) if t.end() >= m.end()), len(tokens) - 1)
            lo = tokens[max(0, i0 - window)].start()
            hi = tokens[min(len(tokens) - 1, i1 + window)].end()
            context = s.text[lo:hi]
            topics = {name for name, rx in TOPICS.items() if rx.search(context)}
            if not topics:
                continue
            key = _key(m.group(), match)
            tr = by_key.setdefault((key, frozenset(topics)), Tracker(m.group(), key, topics, s))
            tr.files.add(s.file)
            tr.headline = tr.headline or s.headline
    return list(by_key.values())


def tracker_findings(
    trackers: list[Tracker],
    reps: list[RepSentence],
    match: str,
    require_value: bool,
    omission_min_support: int,
) -> list[Finding]:
    """The keyword-tracker rules (pure; the tuning grid calls it)."""
    findings: list[Finding] = []
    by_topic: dict[str, list[Tracker]] = {}
    for tr in trackers:
        for t in tr.topics:
            by_topic.setdefault(t, []).append(tr)
    for r in reps:
        if require_value and not _VALUE.search(r.text):
            continue
        for topic, rx in TOPICS.items():
            tracked = by_topic.get(topic)
            if not tracked or not rx.search(r.text):
                continue
            if any(tr.fires(r.text, match) for tr in tracked):
                continue
            top = max(tracked, key=lambda tr: (len(tr.files), tr.headline))
            phrases = ", ".join(sorted({tr.phrase for tr in tracked})[:4])
            findings.append(
                Finding(
                    kind="contradiction",
                    score=0.5,
                    slot=None,
                    explanation=f"mentions {topic} but none of its tracked values ({phrases})",
                    transcript=_transcript_ref(r),
                    asset={"file": top.sentence.file, "text": top.sentence.text},
                )
            )
            break  # one finding a sentence
    heads = [tr for tr in trackers if tr.headline and len(tr.files) >= omission_min_support]
    silent = [tr for tr in heads if not any(tr.fires(r.text, match) for r in reps)]
    if silent:
        tr = max(silent, key=lambda t: (len(t.files), -len(t.sentence.text)))
        findings.append(
            Finding(
                kind="omission",
                score=round(min(0.9, 0.3 + 0.1 * len(tr.files)), 4),
                slot=None,
                explanation=f"headline phrase {tr.phrase!r} (in {len(tr.files)} assets) never said by a rep",
                transcript=None,
                asset={"file": tr.sentence.file, "text": tr.sentence.text},
            )
        )
    return findings


class KeywordTrackerBaseline:
    """A `System`: Gong-style trackers built from the assets' offer phrases."""

    name = "keyword-tracker"

    def __init__(
        self,
        window: int = TRACKER_WINDOW,
        match: str = TRACKER_MATCH,
        require_value: bool = TRACKER_REQUIRE_VALUE,
        omission_min_support: int = TRACKER_OMISSION_MIN_SUPPORT,
    ):
        if match not in ("phrase", "number"):
            raise ValueError(f"KeywordTrackerBaseline: match must be 'phrase' or 'number', not {match!r}")
        self.window = window
        self.match = match
        self.require_value = require_value
        self.omission_min_support = omission_min_support
        self._campaigns = _CampaignCache()
        self._trackers: dict[Path, list[Tracker]] = {}

    def trackers(self, lset: LabelledSet, campaign: str) -> list[Tracker]:
        cdir = lset.campaign_dir(campaign)
        if cdir not in self._trackers:
            sents = asset_sentences(self._campaigns.get(lset, campaign))
            self._trackers[cdir] = extract_trackers(sents, self.window, self.match)
        return self._trackers[cdir]

    def __call__(self, lset: LabelledSet, gold: GoldCall) -> CallReport:
        reps = rep_sentences(load_transcript(lset.call_path(gold.call)), gold.rep_speakers)
        found = tracker_findings(
            self.trackers(lset, gold.campaign),
            reps,
            self.match,
            self.require_value,
            self.omission_min_support,
        )
        return _report(gold, found)


# -- wiring -----------------------------------------------------------------------------------------
def baseline_systems(embedder: Embedder) -> dict[str, System]:
    """The baselines `msgcheck eval` runs beside msgcheck, by display name."""
    return {"embedding-only": EmbeddingBaseline(embedder), "keyword-tracker": KeywordTrackerBaseline()}


def ratio_line(
    results: dict[str, dict[str, dict]], system: str = "msgcheck", base: str = "embedding-only"
) -> str:
    """One line per set: msgcheck's drift F1 over embedding-only's.

    `results` is what `msgcheck eval` builds: set name -> system name -> `Scores.summary()`.
    """
    lines = []
    for set_name, systems in results.items():
        if system not in systems or base not in systems:
            continue
        f_sys = systems[system]["drift_f1"]
        f_base = systems[base]["drift_f1"]
        ratio = f"{f_sys / f_base:.2f}x" if f_base > 0 else "n/a (baseline F1 is 0)"
        lines.append(f"{set_name}: {system} drift F1 {f_sys:.3f} / {base} {f_base:.3f} = {ratio}")
    return "\n".join(lines)
