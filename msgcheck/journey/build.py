"""An account's story: its calls in order, who sold on each, the handoffs, promises made and where they changed,
objections left open, follow-ups missed. One function the CLI, the HTML report and the app all call.

    builder = JourneyBuilder()                       # models load on first use
    calls = builder.calls(paths_or_uploads)          # read, accounts and dates from files or inferred
    journeys = builder.journeys(calls, campaign)     # {account: Journey}, the campaign's assets optional
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..check.campaign import Campaign
from ..check.checker import Checker
from ..errors import InputError, MsgcheckError
from ..extract.roles import assign_roles
from ..ingest import load_transcript, parse_transcript
from ..types import CallReport, Finding, Transcript, Upload
from .accounts import CallInfo, infer_accounts, order_calls, shared_reps
from .followups import FollowUp, track_followups
from .judged import JudgedPromises
from .meta import CallMeta, normalise_date, read_meta
from .objections import Objection, track_objections
from .objmodel import ObjectionModel
from .promisehead import DEFAULT_DIR as PROMISE_HEAD
from .promisehead import HeadDecider, RuleDecider
from .promises import promise_findings, read_promises
from .text import sentences, utterances

__all__ = ["Journey", "JourneyBuilder", "JourneyCall", "account_names", "read_call"]


def account_names(calls: Sequence[CallInfo]) -> list[str]:
    """The accounts of these calls, in order of first appearance."""
    return list(dict.fromkeys(c.meta.account or "Unknown account" for c in calls))


@dataclass
class JourneyCall:
    """One call of a journey, in its place."""

    name: str
    date: str | None
    reps: list[str]
    prospects: list[str]
    account_source: str  # "file" | "cli" | "inferred" | "reviewer"
    date_source: str  # "file" | "cli" | "reviewer" | "" (no date: its place is inferred)
    order_note: str = ""
    handoff_from: list[str] = field(
        default_factory=list
    )  # the previous call's reps, when none of them is here
    findings: list[Finding] = field(default_factory=list)  # the asset check's findings (none without assets)
    inconsistent: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def handoff(self) -> bool:
        return bool(self.handoff_from)

    def to_dict(self) -> dict:
        from ..report.schema import finding_to_dict as finding_dict

        return {
            "call": self.name,
            "date": self.date,
            "date_source": self.date_source,
            "account_source": self.account_source,
            "order_note": self.order_note,
            "reps": self.reps,
            "prospects": self.prospects,
            "handoff_from": self.handoff_from,
            "findings": [finding_dict(f) for f in self.findings],
            "inconsistent": [finding_dict(f) for f in self.inconsistent],
            "error": self.error,
        }


@dataclass
class Journey:
    """An account's calls in order, with the promises that changed, the objections and the follow-ups."""

    account: str
    calls: list[JourneyCall]
    objections: list[Objection] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)

    @property
    def inconsistent(self) -> list[Finding]:
        return [f for c in self.calls for f in c.inconsistent]

    @property
    def open_objections(self) -> list[Objection]:
        return [o for o in self.objections if o.open]

    @property
    def missed_followups(self) -> list[FollowUp]:
        return [f for f in self.followups if f.status == "missed"]

    @property
    def reps(self) -> list[str]:
        return list(dict.fromkeys(r for c in self.calls for r in c.reps))

    @property
    def handoffs(self) -> int:
        return sum(c.handoff for c in self.calls)

    def summary(self) -> dict:
        return {
            "calls": len(self.calls),
            "reps": self.reps,
            "handoffs": self.handoffs,
            "promises_changed": len(self.inconsistent),
            "open_objections": len(self.open_objections),
            "missed_followups": len(self.missed_followups),
        }

    def to_dict(self) -> dict:
        return {
            "account": self.account,
            "summary": self.summary(),
            "calls": [c.to_dict() for c in self.calls],
            "objections": [o.to_dict() for o in self.objections],
            "followups": [f.to_dict() for f in self.followups],
        }


def read_call(source: str | Path | Upload, account: str | None = None, date: str | None = None) -> CallInfo:
    """A call with its account and date: ``account``/``date`` (the command line, a reviewer) win over the file."""
    if isinstance(source, Upload):
        name, data = source.name, source.data
        transcript = parse_transcript(name, data)
    else:
        p = Path(source)
        name = p.name
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror or exc}", path=str(p)) from exc
        transcript = load_transcript(p)
    meta = read_meta(name, data)
    if date is not None and normalise_date(date) is None:
        raise InputError(f"--date {date!r} is not a date", hint="write it as YYYY-MM-DD")
    meta = CallMeta(
        account=account or meta.account,
        date=normalise_date(date) or meta.date,
        account_source="cli" if account else meta.account_source,
        date_source="cli" if date else meta.date_source,
    )
    return CallInfo(name, transcript, meta)


class JourneyBuilder:
    """Builds journeys; the checker and the objection model are loaded on first use and shared."""

    def __init__(
        self,
        checker: Checker | None = None,
        objection_model: ObjectionModel | None = None,
        promises: HeadDecider | RuleDecider | None = None,
        judged: JudgedPromises | bool = True,
    ):
        """``promises``: what decides ``inconsistent`` (default: the promise head, models/promise-head.v1,
        where it is installed; else the rules). ``judged``: also read each later call with the call judge
        against the earlier rep words, and drop changed promises the assets support (journey.judged; False:
        the rules' or head's reading alone)."""
        self._checker = checker
        self._model = objection_model
        self._promises = promises
        self._judged = judged

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = Checker()
        return self._checker

    @property
    def promises(self) -> HeadDecider | RuleDecider:
        if self._promises is None:
            exists = (PROMISE_HEAD / "config.json").exists()
            self._promises = HeadDecider(self.checker.embedder) if exists else RuleDecider()
        return self._promises

    @property
    def judged(self) -> JudgedPromises | None:
        if self._judged is True:
            self._judged = JudgedPromises(self.checker.embedder)
        return self._judged or None

    @property
    def model(self) -> ObjectionModel:
        if self._model is None:
            self._model = ObjectionModel.load()
        return self._model

    def calls(
        self,
        sources: Sequence[str | Path | Upload | CallInfo],
        account: str | None = None,
        date: str | None = None,
        reps: Sequence[str] = (),
        vendor_words: set[str] | None = None,
    ) -> list[CallInfo]:
        """Read calls, set their roles (a rep on one call is a rep on all) and fill in missing accounts."""
        infos = [s if isinstance(s, CallInfo) else read_call(s, account, date) for s in sources]
        for c in infos:
            named = [r for r in reps if r in c.transcript.speakers]  # --rep names people across the calls
            assign_roles(c.transcript, named or None, vocab_words=vendor_words)
        known = shared_reps([c.transcript for c in infos]) | set(reps)
        for c in infos:
            here = [s for s in c.transcript.speakers if s in known]
            if here and set(here) != set(c.transcript.speakers_with("rep")):
                assign_roles(c.transcript, sorted(set(here) | set(c.transcript.speakers_with("rep"))))
        infer_accounts(infos, vendor_words)
        return infos

    def journeys(
        self,
        calls: Sequence[CallInfo],
        campaign: Campaign | Mapping[str, Campaign] | None = None,
        only: str | None = None,
    ) -> dict[str, Journey]:
        """Every account's journey (or only the account named ``only``), accounts in order of their first call.
        ``campaign``: one campaign for all calls, or campaigns by name (each account is checked against the
        campaign of its calls)."""
        by_account: dict[str, list[CallInfo]] = {}
        for c in calls:
            by_account.setdefault(c.meta.account or "Unknown account", []).append(c)
        out = {}
        for name, group in by_account.items():
            if only is not None and name != only:
                continue
            camp = campaign
            if isinstance(campaign, Mapping):
                named = next((c.campaign for c in group if c.campaign in campaign), None)
                camp = campaign[named] if named else None
            out[name] = self.journey(name, group, camp)  # type: ignore[arg-type]
        return out

    def journey(self, account: str, calls: Sequence[CallInfo], campaign: Campaign | None = None) -> Journey:
        ordered = order_calls(calls)
        emb = self.checker.embedder
        asset_texts = [c.text for c in campaign.claims] if campaign else []
        asset_vecs = campaign.vectors if campaign else None
        out: list[JourneyCall] = []
        earlier: list = []
        superseded: set[tuple[str, int, str]] = set()
        previous_reps: list[str] = []
        for k, c in enumerate(ordered):
            t = c.transcript
            report = self._check(campaign, t)
            rep = sentences(t, "rep")
            refs = [e for e in earlier if (e.call, e.index, e.text) not in superseded]
            reads = read_promises(rep, refs, emb, self.checker.judge, asset_texts, asset_vecs)
            found = promise_findings(reads, self.promises.choose(reads)) if reads else []
            found = self._changed(found, t, [d.transcript for d in ordered[:k]], refs, campaign)
            superseded |= {(f.asset["call"], f.asset["index"], f.asset["text"]) for f in found if f.asset}
            reps = c.reps
            handoff = previous_reps if previous_reps and reps and not set(reps) & set(previous_reps) else []
            out.append(
                JourneyCall(
                    name=c.name,
                    date=c.meta.date,
                    reps=reps,
                    prospects=c.prospects,
                    account_source=c.meta.account_source,
                    date_source=c.meta.date_source,
                    order_note=c.order_note,
                    handoff_from=handoff,
                    findings=report.findings,
                    inconsistent=found,
                    error=report.error,
                )
            )
            earlier += rep
            previous_reps = reps or previous_reps
        objections = track_objections(
            [(utterances(c.transcript, "prospect"), utterances(c.transcript, "rep", 1)) for c in ordered],
            emb,
            self.model,
        )
        followups = track_followups([(c.transcript, sentences(c.transcript, "rep")) for c in ordered])
        return Journey(account, out, objections, followups)

    def _changed(
        self,
        found: list[Finding],
        t: Transcript,
        before: Sequence[Transcript],
        refs: Sequence,
        campaign: Campaign | None,
    ) -> list[Finding]:
        """The changed promises of a call: the rules' (or head's), then the judge's on utterances they left,
        one per utterance, less those the campaign's assets support (journey.judged)."""
        judged = self.judged
        if judged is None or not before:
            return found
        read = judged.findings(t, before, refs)
        texts = [f.transcript["text"] if f.transcript else "" for f in found + read]
        supported = judged.supported(texts, campaign)
        kept = [f for f, s in zip(found, supported[: len(found)], strict=True) if not s]
        seen = {f.transcript["index"] for f in kept if f.transcript}
        extra: dict[int, Finding] = {}
        for f, s in zip(read, supported[len(found) :], strict=True):
            i = f.transcript["index"] if f.transcript else -1
            if not s and i not in seen and (i not in extra or f.score > extra[i].score):
                extra[i] = f
        return kept + sorted(extra.values(), key=lambda f: f.transcript["index"] if f.transcript else 0)

    def _check(self, campaign: Campaign | None, t: Transcript) -> CallReport:
        """The call against the campaign's assets, roles as already set; an empty report without assets."""
        if campaign is None:
            return CallReport(call=t.name, reps=t.speakers_with("rep"), prospects=[], drift_score=0.0)
        try:
            return self.checker.check_call(campaign, t, t.speakers_with("rep") or None)
        except MsgcheckError as exc:
            return CallReport(call=t.name, reps=[], prospects=[], drift_score=0.0, error=str(exc))
