"""Labelled sets in the gold format (../shared/gold-format.md): loading and validation.

`python -m msgcheck.eval.gold validate SET_DIR` checks that every quote is an exact substring of what
msgcheck's own parsers read, so a label never silently fails to match because of markup.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldFormatError, InputError
from ..ingest import load_assets, load_transcript
from ..kinds import FINDING_KINDS

KINDS = FINDING_KINDS


@dataclass
class GoldFinding:
    kind: str
    transcript_quote: str | None
    asset_file: str | None
    asset_quote: str | None
    slot: str | None = None
    note: str = ""
    earlier_call: str | None = None  # inconsistent: the earlier call of the account (journey-format.md)
    earlier_quote: str | None = None


@dataclass
class GoldConsistent:
    transcript_quote: str
    asset_file: str | None
    asset_quote: str | None
    note: str = ""
    earlier_call: str | None = None  # an across-call hard negative (journey-format.md)
    earlier_quote: str | None = None


@dataclass
class GoldCall:
    call: str
    campaign: str
    rep_speakers: list[str]
    prospect_speakers: list[str]
    findings: list[GoldFinding] = field(default_factory=list)
    consistent: list[GoldConsistent] = field(default_factory=list)
    path: str = ""

    @property
    def drift_free(self) -> bool:
        return not self.findings


@dataclass
class LabelledSet:
    root: Path
    calls: list[GoldCall]

    def campaign_dir(self, campaign: str) -> Path:
        return self.root / "campaigns" / campaign

    def call_path(self, call: str) -> Path:
        return self.root / "calls" / call


def is_frozen(path: str | Path) -> bool:
    """Whether a labelled set is one that nothing may train or tune on: a test half (dev/test), a holdout
    (dev/holdout, dev/holdout-f, journeys/holdout-d) or a frozen part (journeys/frozen)."""
    return any(part in ("test", "frozen") or part.startswith("holdout") for part in Path(path).parts)


def is_set(path: Path) -> bool:
    return (path / "gold").is_dir() and (path / "calls").is_dir() and (path / "campaigns").is_dir()


def find_sets(root: str | Path) -> list[Path]:
    """The labelled sets at or directly below root (corpora/dev holds tune/ and test/)."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(
            "not a folder", path=str(root), hint="pass a labelled set folder (see gold-format.md)"
        )
    if is_set(root):
        return [root]
    found = sorted(p for p in root.iterdir() if p.is_dir() and is_set(p))
    if not found:
        raise GoldFormatError(
            "no labelled set here: expected campaigns/, calls/ and gold/ folders (or sub-folders that have them)",
            path=str(root),
        )
    return found


def _require(obj: dict, key: str, path: Path) -> object:
    if key not in obj:
        raise GoldFormatError(f"missing key {key!r}", path=str(path))
    return obj[key]


def load_gold_call(path: Path) -> GoldCall:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", path=str(path)
        ) from None
    if not isinstance(data, dict):
        raise GoldFormatError("expected a JSON object", path=str(path))
    findings = []
    for f in _require(data, "findings", path) or []:
        kind = _require(f, "kind", path)
        if kind not in KINDS:
            raise GoldFormatError(
                f"unknown finding kind {kind!r}; expected one of {', '.join(KINDS)}", path=str(path)
            )
        findings.append(
            GoldFinding(
                kind=kind,
                transcript_quote=f.get("transcript_quote"),
                asset_file=f.get("asset_file"),
                asset_quote=f.get("asset_quote"),
                slot=f.get("slot"),
                note=f.get("note", ""),
                earlier_call=f.get("earlier_call"),
                earlier_quote=f.get("earlier_quote"),
            )
        )
    consistent = [
        GoldConsistent(
            transcript_quote=_require(c, "transcript_quote", path),
            asset_file=c.get("asset_file"),
            asset_quote=c.get("asset_quote"),
            note=c.get("note", ""),
            earlier_call=c.get("earlier_call"),
            earlier_quote=c.get("earlier_quote"),
        )
        for c in data.get("consistent") or []
    ]
    return GoldCall(
        call=str(_require(data, "call", path)),
        campaign=str(_require(data, "campaign", path)),
        rep_speakers=list(data.get("rep_speakers") or []),
        prospect_speakers=list(data.get("prospect_speakers") or []),
        findings=findings,
        consistent=consistent,
        path=str(path),
    )


def load_set(root: str | Path) -> LabelledSet:
    root = Path(root)
    if not is_set(root):
        raise GoldFormatError("expected campaigns/, calls/ and gold/ folders", path=str(root))
    calls = [load_gold_call(p) for p in sorted((root / "gold").glob("*.json"))]
    if not calls:
        raise GoldFormatError("gold/ holds no .json label files", path=str(root))
    return LabelledSet(root=root, calls=calls)


def validate(root: str | Path) -> list[str]:
    """Every problem found in a set, as readable lines; empty when the set is sound."""

    problems: list[str] = []
    lset = load_set(root)
    asset_text: dict[tuple[str, str], str] = {}
    for call in lset.calls:
        where = Path(call.path).name
        cdir = lset.campaign_dir(call.campaign)
        if not cdir.is_dir():
            problems.append(f"{where}: campaign folder {call.campaign!r} not found")
            continue
        if (call.campaign, "") not in asset_text:
            asset_text[(call.campaign, "")] = "loaded"
            try:
                for doc in load_assets([cdir]):
                    asset_text[(call.campaign, doc.name)] = doc.text
            except InputError as exc:
                problems.append(f"{where}: {exc}")
        try:
            transcript = load_transcript(lset.call_path(call.call))
        except InputError as exc:
            problems.append(f"{where}: {exc}")
            continue
        speakers = set(transcript.speakers)
        for name in call.rep_speakers + call.prospect_speakers:
            if name not in speakers:
                problems.append(f"{where}: speaker {name!r} not in the transcript (has {sorted(speakers)})")
        rep_texts = [u.text for u in transcript.utterances if u.speaker in set(call.rep_speakers)]
        omissions = 0
        items: list[tuple[str, str | None, str | None, str | None]] = [
            (f.kind, f.transcript_quote, f.asset_file, f.asset_quote) for f in call.findings
        ] + [("consistent", c.transcript_quote, c.asset_file, c.asset_quote) for c in call.consistent]
        for kind, tq, af, aq in items:
            if kind == "omission":
                omissions += 1
                if tq:
                    problems.append(f"{where}: omission with a transcript_quote (should be null)")
            elif not tq:
                problems.append(f"{where}: {kind} without transcript_quote")
            elif not any(tq in t for t in rep_texts):
                problems.append(f"{where}: {kind} transcript_quote not in any one rep utterance: {tq!r}")
            if kind == "unsupported":
                continue
            if kind == "inconsistent" or (kind == "consistent" and af is None and tq):
                problems += _earlier_problems(lset, call, where, kind, tq)
                continue
            if af is None or aq is None:
                if kind != "consistent":
                    problems.append(f"{where}: {kind} needs asset_file and asset_quote")
                continue
            text = asset_text.get((call.campaign, af))
            if text is None:
                problems.append(f"{where}: asset_file {af!r} not in campaign {call.campaign!r}")
            elif aq not in text:
                problems.append(f"{where}: asset_quote not in the visible text of {af}: {aq!r}")
        if omissions > 1:
            problems.append(f"{where}: {omissions} omissions (at most one a call)")
        problems += _journey_problems(lset, call, transcript)
    return problems


_CONCERNS = (
    "price",
    "timing",
    "competitor",
    "security",
    "integration",
    "authority",
    "contract",
    "need",
    "trust",
)


def _journey_problems(lset: LabelledSet, call: GoldCall, transcript) -> list[str]:
    """The journey keys (journey-format.md), where a gold file has them: a date, objections quoted from one
    prospect utterance with a known label, answers and follow-up evidence quoted from the call they name."""
    where = Path(call.path).name
    raw = json.loads(Path(call.path).read_text(encoding="utf-8"))
    if not any(k in raw for k in ("account", "objections", "followups")):
        return []
    problems = []
    if raw.get("date") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(raw["date"])):
        problems.append(f"{where}: date {raw['date']!r} is not YYYY-MM-DD")
    prospect = [u.text for u in transcript.utterances if u.speaker in set(call.prospect_speakers)]
    rep = [u.text for u in transcript.utterances if u.speaker in set(call.rep_speakers)]

    def quoted(other: dict | None, what: str, reps_only: bool) -> list[str]:
        if not other:
            return []
        path = lset.call_path(str(other.get("call")))
        if not path.is_file():
            return [f"{where}: {what} call {other.get('call')!r} not in calls/"]
        gold = next((c for c in lset.calls if c.call == other.get("call")), None)
        t = load_transcript(path)
        who = set(gold.rep_speakers) if gold and reps_only else {u.speaker for u in t.utterances}
        if not any(str(other.get("quote")) in u.text for u in t.utterances if u.speaker in who):
            return [
                f"{where}: {what} quote not in one utterance of {other.get('call')}: {other.get('quote')!r}"
            ]
        return []

    for o in raw.get("objections") or []:
        if o.get("label") not in _CONCERNS:
            problems.append(f"{where}: objection label {o.get('label')!r} not one of {', '.join(_CONCERNS)}")
        if not any(str(o.get("quote")) in t for t in prospect):
            problems.append(f"{where}: objection quote not in any one prospect utterance: {o.get('quote')!r}")
        problems += quoted(o.get("addressed"), "addressed", reps_only=True)
    for f in raw.get("followups") or []:
        if f.get("status") not in ("kept", "missed", "open"):
            problems.append(f"{where}: follow-up status {f.get('status')!r} not kept, missed or open")
        if not any(str(f.get("quote")) in t for t in rep):
            problems.append(f"{where}: follow-up quote not in any one rep utterance: {f.get('quote')!r}")
        problems += quoted(f.get("evidence"), "follow-up evidence", reps_only=False)
    return problems


def _earlier_problems(lset: LabelledSet, call: GoldCall, where: str, kind: str, tq: str | None) -> list[str]:
    """An across-call label (journey-format.md) names an earlier call and an exact quote from it."""
    item = next(
        (x for x in [*call.findings, *call.consistent] if x.transcript_quote == tq and x.earlier_call),
        None,
    )
    if item is None:
        return [f"{where}: {kind} needs earlier_call and earlier_quote"] if kind == "inconsistent" else []
    path = lset.call_path(item.earlier_call or "")
    if not path.is_file():
        return [f"{where}: earlier_call {item.earlier_call!r} not in calls/"]
    try:
        texts = [u.text for u in load_transcript(path).utterances]
    except InputError as exc:
        return [f"{where}: {exc}"]
    if not any((item.earlier_quote or "\0") in t for t in texts):
        return [
            f"{where}: earlier_quote not in any one utterance of {item.earlier_call}: {item.earlier_quote!r}"
        ]
    return []


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "validate":
        print("usage: python -m msgcheck.eval.gold validate SET_DIR", file=sys.stderr)
        return 2
    status = 0
    for root in find_sets(argv[1]):
        problems = validate(root)
        lset = load_set(root)
        n_find = sum(len(c.findings) for c in lset.calls)
        n_cons = sum(len(c.consistent) for c in lset.calls)
        print(
            f"{root}: {len(lset.calls)} calls, {n_find} findings, {n_cons} hard negatives, {len(problems)} problems"
        )
        for p in problems:
            print(f"  - {p}")
        status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
