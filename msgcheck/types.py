"""Plain data types that flow through the pipeline.

Document -> Claim (asset side); Transcript -> Utterance -> Claim (rep side);
(rep Claim, asset Claims) -> Alignment -> Verdict -> Finding -> CallReport -> Report.
Every stage takes and returns these, so any stage can be swapped or tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["rep", "prospect", "unknown"]
FindingKind = Literal["contradiction", "weakened", "unsupported", "omission", "inconsistent"]
CoverageStatus = Literal["upheld", "contradicted", "weakened", "not_mentioned"]
PromiseStatus = Literal["upheld", "changed", "not_mentioned"]
Label = Literal["entailment", "neutral", "contradiction"]

SLOTS: tuple[str, ...] = (
    "price",
    "trial",
    "contract",
    "onboarding",
    "integration",
    "guarantee",
    "limit",
    "support",
    "compliance",
    "discount",
    "cancellation",
    "results",
    "feature",
    "other",
)


@dataclass(frozen=True)
class Quantity:
    """A normalised value found in text.

    Canonical units make unit-aware comparison a plain equality test:
    money is per month when it recurs (``$588 a year`` -> 49.0, period "month"),
    durations are in days, percentages are numbers (20% -> 20.0).
    """

    kind: Literal["money", "duration", "percent", "count", "hours"]
    value: float | None  # canonical number; None for "unlimited" counts and for hours
    unit: str = ""  # money: currency code; duration: "day"; count: counted noun lemma; hours: canonical key ("24/7", "business")
    period: str | None = None  # money: "month" | "one-time" | "week" | ...
    per: str | None = None  # money per "user" / "seat", when priced per head
    bound: Literal["exact", "max", "min"] = "exact"  # "up to 25" -> max, "at least 3" -> min
    billing: str | None = None  # money: "annual" | "monthly" billing term, when stated
    text: str = ""  # the span as written
    start: int = 0  # char offsets into the sentence it came from
    end: int = 0
    high: float | None = None  # a range's upper end ("2-3 weeks" -> value 14.0, high 21.0), canonical units
    attribute: str | None = None  # what it measures: "price", "fee", "trial", "rate", ... (values.attribute)
    alt: float | None = None  # another reading of the same words: "four ninety-nine" is 499 or 4.99


@dataclass(frozen=True)
class Qualifier:
    """A condition or hedge that narrows a claim ("only if", "usually", "through a CSV export")."""

    kind: Literal["condition", "hedge", "restriction", "workaround"]
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Document:
    """One marketing asset after ingestion: its visible text split into blocks."""

    path: str
    name: str  # file name, as reports and gold files cite it
    format: str  # "md" | "txt" | "html" | "csv" | "pdf" | "docx"
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class Block:
    """A run of visible text with a hint of its role on the page."""

    text: str
    kind: Literal["headline", "body", "cta", "list_item", "table_cell"] = "body"
    # a table cell: the visible cell, its text naming its row and column ("Chargeback fee on Growth: $15")
    cell: str = ""
    marked: bool = False  # the author marked it a headline promise ("Headline: ...", msgcheck.ingest.markers)


@dataclass
class Utterance:
    index: int  # position in the call, 0-based
    speaker: str
    text: str
    start: float | None = None  # seconds from call start
    end: float | None = None
    role: Role = "unknown"


@dataclass
class Transcript:
    path: str
    name: str  # file name
    format: str  # "txt" | "vtt" | "srt" | "json" | "zoom-txt" | "gong-json" ...
    utterances: list[Utterance] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)  # speaker -> role, as stated in the file
    role_source: dict[str, str] = field(default_factory=dict)  # speaker -> "file" | "cli" | "inferred"
    titles: dict[str, str] = field(default_factory=dict)  # speaker -> role/title as stated in the file
    role_confidence: dict[str, float] = field(default_factory=dict)  # speaker -> 0..1, how sure the role is
    role_evidence: dict[str, list[str]] = field(default_factory=dict)  # speaker -> why, in words
    roles_uncertain: str = ""  # why the inferred roles are a guess; empty when they are not

    @property
    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for u in self.utterances:
            seen.setdefault(u.speaker, None)
        return list(seen)

    def speakers_with(self, role: Role) -> list[str]:
        return [s for s in self.speakers if self.roles.get(s) == role]


@dataclass
class Claim:
    """A promise-bearing sentence (asset) or a concrete product/offer statement (rep)."""

    text: str
    side: Literal["asset", "rep"]
    file: str  # asset file name or transcript file name
    slot: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    polarity: dict[str, bool] = field(default_factory=dict)  # term -> True present / False negated
    qualifiers: list[Qualifier] = field(default_factory=list)
    headline: bool = False  # asset side: a headline promise (drives omission)
    # rep side only
    utterance_index: int | None = None
    speaker: str | None = None
    start: float | None = None
    context: str = ""  # the whole utterance the sentence came from
    refers_to: str = ""  # rep side: what an anaphoric sentence leans on (previous utterance + this one)
    before: str = ""  # rep side: the utterance said just before this one (what the rep answers)
    # proper names in the sentence that are not people or places (None: not looked for)
    names: list[str] | None = None
    # rep side: the rules found a value, an offer term or an offer assertion in it; False for a sentence a
    # wide extractor keeps for a model to read ("we don't do same-day runs")
    ruled: bool = True


@dataclass
class Alignment:
    """A rep claim with its nearest asset claims, best first."""

    rep: Claim
    candidates: list[tuple[Claim, float]]  # (asset claim, cosine similarity)


@dataclass
class Verdict:
    kind: Literal["contradiction", "weakened", "unsupported", "consistent", "unrelated"]
    score: float  # 0..1 confidence in the kind
    asset: Claim | None
    explanation: str
    similarity: float = 0.0
    probabilities: dict | None = None  # the pair judge's {"nli": {...}, "drift": {...}}, when it ran
    certain: bool = False  # structured evidence that needs no model: two values of one named attribute differ


@dataclass
class Finding:
    kind: FindingKind
    score: float
    slot: str | None
    explanation: str
    transcript: dict | None = None  # {"speaker", "text", "start", "index"}
    # {"file", "text"}; inconsistent: the earlier call's words {"file", "text", "call", "speaker", "start", "index"}
    asset: dict | None = None
    probabilities: dict | None = None  # the pair judge's {"nli": {...}, "drift": {...}} for this pair


@dataclass
class Coverage:
    asset_file: str
    text: str
    status: CoverageStatus
    headline: bool = False
    # what the rep said that upholds, contradicts or weakens it (speaker, text, start, index); None when
    # not mentioned: coverage says "upheld" only with the rep's matching words
    rep: dict | None = None


@dataclass
class PromiseCheck:
    """One line of a call's promise checklist: a headline promise of the campaign and what became of it."""

    promise: str  # the promise as the campaign states it (its most typical asset claim)
    asset_file: str
    slot: str | None
    status: PromiseStatus  # upheld, changed (a finding), or not mentioned
    rep: dict | None = None  # the rep's words (speaker, text, start, index): upheld or changed only
    asset: dict | None = None  # the asset claim the rep's words match (file, text)
    finding: int | None = None  # index into the call's findings: the change, or the omission


@dataclass
class CallReport:
    call: str
    reps: list[str]
    prospects: list[str]
    drift_score: float
    findings: list[Finding] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    promises: list[PromiseCheck] = field(default_factory=list)  # the headline promises' checklist
    role_source: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # set when this call could not be checked
    role_confidence: dict[str, float] = field(default_factory=dict)  # speaker -> 0..1
    role_evidence: dict[str, list[str]] = field(default_factory=dict)  # speaker -> why, in words
    roles_uncertain: str = ""  # why the reps are a guess (shown as a warning everywhere); empty when sure
    # the error was msgcheck's fault (a bug, a library failure), not the file's: the CLI exits 3
    internal: bool = field(default=False, compare=False)


@dataclass
class FileError:
    """An asset that could not be read: the run went on without it."""

    file: str
    error: str


@dataclass
class Report:
    calls: list[CallReport]
    assets: list[str] = field(default_factory=list)
    schema_version: int = 1
    msgcheck_version: str = ""
    asset_errors: list[FileError] = field(default_factory=list)


@dataclass(frozen=True)
class ScoredFinding:
    """A finding as a run stores it: the base judge's score, the score shown, and whether it is shown."""

    finding: Finding
    raw_score: float
    score: float
    kept: bool = True


@dataclass
class ScoredCall:
    """One call's findings as a run stores them, with the drift score of those kept."""

    findings: list[ScoredFinding]
    drift_score: float

    @classmethod
    def as_reported(cls, call: CallReport) -> ScoredCall:
        """Every finding kept at the judge's own score (no calibration)."""
        scored = [ScoredFinding(f, float(f.score), float(f.score)) for f in call.findings]
        return cls(scored, float(call.drift_score))


@dataclass(frozen=True)
class ClaimOverride:
    """A reviewer's edit to one of a campaign's asset claims (keyed by asset file and claim text).

    ``headline``: True marks a headline promise (it drives omission), False says it is not one, None
    leaves it to the checker. ``retired``: the claim is no longer approved and is left out of checks.
    ``manual``: an approved claim added by hand rather than extracted from the asset.
    """

    campaign: str
    asset_file: str
    text: str
    headline: bool | None = None
    retired: bool = False
    manual: bool = False
    author: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Upload:
    """A file as it arrived (a browser upload): its name and bytes, parsed as they are, never written to disk."""

    name: str
    data: bytes
    # where it came from, for error messages (a path read on another machine, msgcheck.run.ray); default: name
    where: str | None = field(default=None, compare=False)
