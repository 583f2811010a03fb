"""The Checker composes the stages: ingest -> roles -> claims -> embed -> align -> judge -> report.

Every stage is an object passed in (or a lazy default), so tests can swap any of them.
"""

from __future__ import annotations

import copy
import functools
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from .. import __version__
from ..deadline import call_budget, check_time
from ..embed.align import align, similarity
from ..embed.embedders import CachedEmbedder, Embedder, SentenceEmbedder, VectorStore
from ..errors import InputError, MsgcheckError
from ..extract.base import Extractor
from ..extract.claims import CampaignVocab, ClaimExtractor, annotate, could_hold_claim
from ..extract.polarity import polarity_terms
from ..extract.roles import assign_roles
from ..extract.slots import mentions_slot
from ..extract.values import compare_quantities, extract_quantities
from ..extract.worthy import ClaimWorthiness
from ..ingest import load_transcript, parse_asset, parse_transcript, read_assets
from ..ingest.limits import Limits
from ..judge.base import Judge
from ..judge.crossmodel import CrossModel
from ..judge.pairjudge import PairJudge
from ..judge.rules import AssetIndex, context_words
from ..kinds import DRIFT_KINDS
from ..models import model_threads
from ..report import drift_score
from ..safetext import one_line
from ..types import (
    CallReport,
    Claim,
    ClaimOverride,
    Coverage,
    Document,
    FileError,
    Finding,
    Report,
    Transcript,
    Upload,
    Verdict,
)
from .campaign import (
    Campaign,
    CheckerConfig,
    Promise,
    flag_headline_claims,
    group_promises,
    headline_promises,
)
from .checklist import promise_checklist, rep_words
from .named import (
    ALLOWED_FILE,
    HEADLINE_OPTION,
    allowed_statements,
    headline_overrides,
    is_allowed_file,
    supported_by,
)
from .overrides import apply_overrides
from .support import claim_support, promise_mention

Progress = Callable[[str, int, int], None]  # (call name, done, total)

log = logging.getLogger(__name__)

DEFAULT_JUDGE = PairJudge  # what Checker() judges with; its version keys runs made without a checker


def one_blas_thread(method: Callable) -> Callable:
    """Run ``method`` with numpy's BLAS on one thread. A matrix product's last bits depend on how many
    threads share it, and a score's fourth decimal can follow them: so a call gets the same report in this
    process, a worker of ``--jobs N`` or a Ray actor (which Ray gives one thread). The products here are
    small; the encoder and spaCy keep their own threads."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with threadpool_limits(1, user_api="blas"):
            return method(*args, **kwargs)

    return wrapper


class Checker:
    """Checks calls against a campaign's assets. Models load on first use, once."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        extractor: Extractor | None = None,
        judge: Judge | None = None,
        config: CheckerConfig | None = None,
    ):
        self.embedder = (
            embedder
            if isinstance(embedder, CachedEmbedder)
            else CachedEmbedder(embedder or SentenceEmbedder())
        )
        self.judge = judge or DEFAULT_JUDGE()
        # a judge with a final head reads every rep sentence, not only those the rules keep
        self.extractor = extractor or ClaimExtractor(wide=bool(getattr(self.judge, "wide", False)))
        self.judge.bind(self.embedder)
        self.config = config or CheckerConfig()
        self.overrides: list[ClaimOverride] = []
        self.headlines: list[str] = []  # headline promises named on the command line (--headline)
        self._cross: CrossModel | None = None  # the support checks' cross-encoder, when the judge has none
        self._worthy: ClaimWorthiness | None = None  # the claim-worthiness classifier (unsupported_model)

    def using(
        self,
        *,
        store: VectorStore | None = None,
        overrides: Sequence[ClaimOverride] = (),
        headlines: Sequence[str] | None = None,
    ) -> Checker:
        """A view of this checker for one workspace or one app session: the same models, judge and
        in-memory vector cache, but vectors also cached in ``store`` and ``overrides`` (a reviewer's claim
        edits) applied to every campaign; ``headlines`` (``--headline``) name headline promises (None:
        keep this checker's). The shared checker itself is never changed, so two sessions checking at
        once cannot race on it."""
        view = copy.copy(self)
        if store is not None:
            view.embedder = CachedEmbedder(self.embedder.inner, cache=self.embedder.cache, store=store)
        view.overrides = list(overrides)
        if headlines is not None:
            view.headlines = [h for h in headlines if h.strip()]
        return view

    def preload(self) -> None:
        """Load the embedding model and the judge's artifacts now. ``check_batch`` runs this in a background
        thread while spaCy loads and parses the assets, so a one-call check does not wait for each in turn."""
        for stage in (self.embedder.inner, self.judge):
            load = getattr(stage, "load", None)
            if callable(load):
                load()

    # -- campaign -----------------------------------------------------------------------------
    @one_blas_thread
    def campaign(self, assets: Iterable[str | Path | Document | Upload]) -> Campaign:
        """The campaign's claims, vectors and promises. An asset that cannot be read is left out and
        noted in ``Campaign.errors``; InputError when no asset is usable."""
        assets = list(assets)
        docs = [a for a in assets if isinstance(a, Document)]
        errors: list[FileError] = []
        for upload in (a for a in assets if isinstance(a, Upload)):
            try:
                docs.append(parse_asset(upload.name, upload.data))
            except MsgcheckError as exc:
                errors.append(FileError(upload.name, str(exc)))
        paths = [a for a in assets if not isinstance(a, Document | Upload)]
        if paths:
            found, failed = read_assets(paths)
            docs += found
            errors += failed
        if not docs:
            if len(errors) == 1:
                raise InputError(errors[0].error)
            if errors:
                raise InputError(
                    f"none of the {len(errors)} assets could be read; the first: {errors[0].error}",
                    hint="fix or remove the files named",
                )
            raise InputError("no marketing assets given", hint="pass --assets with a folder or files")
        approved = allowed_statements(docs, self.overrides)
        docs = [d for d in docs if not is_allowed_file(d.name)]
        if not docs:
            raise InputError(
                f"{ALLOWED_FILE} is approved wording, not a marketing asset", hint="add the campaign's assets"
            )
        claims = self.extractor.extract(docs)
        if not claims:
            names = ", ".join(d.name for d in docs)
            raise InputError(
                f"no promise-bearing claims found in the assets ({names})", hint="are these marketing copy?"
            )
        vectors = self.embedder.embed_batch([c.text for c in claims])
        vocab = CampaignVocab.from_documents(docs)
        camp = Campaign(docs, claims, vectors, AssetIndex.build(claims, vocab.words), vocab, errors=errors)
        camp.promises = group_promises(camp, self.config)
        named = [(d.name, b.text) for d in docs for b in d.blocks if b.marked]
        named += [(HEADLINE_OPTION, h) for h in self.headlines]
        overrides = list(self.overrides)
        if named:  # after the reviewer's marks: an author's or the command line's naming wins
            overrides += headline_overrides(
                named, claims, vectors, self.embedder, self.config.headline_match_sim
            )
        if overrides:
            camp = apply_overrides(camp, overrides, embedder=self.embedder, config=self.config)
        if approved:
            camp.allowed = [annotate(Claim(text=t, side="asset", file=ALLOWED_FILE)) for t in approved]
            camp.allowed_vectors = self.embedder.embed_batch(approved)
        flag_headline_claims(camp, self.config)
        return camp

    # -- calls --------------------------------------------------------------------------------
    def check(
        self,
        assets: Iterable[str | Path | Document | Upload],
        transcripts: Sequence[str | Path | Transcript | Upload],
        reps: list[str] | None = None,
        progress: Progress | None = None,
        overrides: Sequence[ClaimOverride] = (),
    ) -> Report:
        """Check every transcript against the assets. A bad transcript becomes an error entry; the rest go on.

        `overrides` are a reviewer's claim edits from the workspace (msgcheck.overrides): retired claims are
        dropped, manual claims added, marked headline promises pinned for omission.
        """
        if overrides:
            return self.using(overrides=overrides).check(assets, transcripts, reps=reps, progress=progress)
        budget = Limits.from_env().max_call_seconds  # a bad MSGCHECK_* value stops the run, not each call
        camp = self.campaign(assets)
        calls = []
        for i, t in enumerate(transcripts):
            calls.append(self.check_source(camp, t, reps, budget))
            if progress:
                progress(calls[-1].call, i + 1, len(transcripts))
        return Report(
            calls=calls,
            assets=[d.name for d in camp.documents],
            msgcheck_version=__version__,
            asset_errors=list(camp.errors),
        )

    def check_source(
        self,
        camp: Campaign,
        t: str | Path | Transcript | Upload,
        reps: list[str] | None = None,
        budget: float | None = None,
    ) -> CallReport:
        """One call (a path, an upload or a parsed transcript), isolated: whatever goes wrong reading or
        checking it, or running past its time budget (``MSGCHECK_MAX_CALL_SECONDS`` unless given), becomes
        its ``error``. What every runner (msgcheck.run) calls, once per call, in whichever process."""
        name = t.name if isinstance(t, Transcript | Upload) else Path(t).name
        if budget is None:
            budget = Limits.from_env().max_call_seconds
        return self._check_one(camp, t, name, reps, budget)

    def _check_one(
        self,
        camp: Campaign,
        t: str | Path | Transcript | Upload,
        name: str,
        reps: list[str] | None,
        budget: float,
    ) -> CallReport:
        """One call, isolated: whatever goes wrong reading or checking it, or running past its time
        budget (``budget`` seconds, msgcheck.deadline), becomes its ``error``."""
        try:
            with call_budget(budget, name):
                if isinstance(t, Transcript):
                    transcript = t
                elif isinstance(t, Upload):
                    transcript = parse_transcript(t.name, t.data, where=t.where)
                else:
                    transcript = load_transcript(t)
                return self.check_call(camp, transcript, reps)
        except MsgcheckError as exc:
            return CallReport(call=name, reps=[], prospects=[], drift_score=0.0, error=str(exc))
        except Exception as exc:  # a bug or a library failure on this one file: the batch goes on
            log.error("internal error checking %s", name, exc_info=True)
            message = one_line(f"{type(exc).__name__}: {exc}", 200)
            return CallReport(
                call=name,
                reps=[],
                prospects=[],
                drift_score=0.0,
                error=f"{one_line(name)}: internal error, not the file's fault ({message}); please report it",
                internal=True,
            )

    @one_blas_thread
    def check_call(self, camp: Campaign, transcript: Transcript, reps: list[str] | None = None) -> CallReport:
        """One call's findings. Within ``call_budget`` (as ``check`` runs it), each stage and the loops
        inside them check the time (``check_time``) and raise CallTimeoutError once it is spent."""
        check_time()
        self.embedder.remember([c.text for c in camp.claims], camp.vectors)
        assign_roles(transcript, reps, vocab_words=camp.vocab.words)
        check_time()
        said = _Said([u.text for u in transcript.utterances if could_hold_claim(u.text)])
        prefetch = self._prefetch_utterances(camp, transcript, said)
        rep_claims = self._rep_claims(transcript, camp)
        if prefetch is not None:
            prefetch.join()
        check_time()
        vecs = self.embedder.embed_batch([c.text for c in rep_claims])
        ctx = self._context_vectors(rep_claims)
        check_time()
        alignments = align(rep_claims, vecs, camp.claims, camp.vectors, k=len(camp.claims), context_vecs=ctx)
        check_time()
        verdicts = self.judge.judge_all(alignments, camp.index)  # one batched pass of a trained judge
        check_time()
        fine = (
            supported_by(rep_claims, vecs, camp.allowed, camp.allowed_vectors, self.config.allowed_sim)
            if camp.allowed_vectors is not None
            else [False] * len(rep_claims)
        )
        findings = [
            _finding(c, v)
            for c, v, ok in zip(rep_claims, verdicts, fine, strict=True)
            if v.kind in _DRIFT and not (ok and v.kind == "unsupported")  # approved wording is fine
        ]
        findings = [f for f in findings if f.score >= self._floor(f.kind)]
        if self.config.unsupported_model:
            findings += self._unsupported_read(rep_claims, vecs, alignments, findings, fine)
        # a sentence only a wide extractor keeps counts where it drifts, never as upholding a promise
        said_claims = [
            (c, v) for c, v in zip(rep_claims, verdicts, strict=True) if c.ruled or v.kind in _DRIFT
        ]
        shown_claims, shown_verdicts = [c for c, _ in said_claims], [v for _, v in said_claims]
        omission = self._omission(camp, transcript, [c for c in rep_claims if c.ruled], said)
        if omission:
            findings.append(omission)
        findings.sort(key=lambda f: (f.transcript["index"] if f.transcript else 10**9, -f.score))
        return CallReport(
            call=transcript.name,
            reps=transcript.speakers_with("rep"),
            prospects=transcript.speakers_with("prospect"),
            drift_score=drift_score(findings),
            findings=findings,
            coverage=_coverage(camp, shown_claims, shown_verdicts),
            promises=promise_checklist(
                headline_promises(camp.promises, self.config), shown_claims, shown_verdicts, findings
            ),
            role_source=dict(transcript.role_source),
            role_confidence=dict(transcript.role_confidence),
            role_evidence={s: list(e) for s, e in transcript.role_evidence.items()},
            roles_uncertain=transcript.roles_uncertain,
        )

    def _rep_claims(self, transcript: Transcript, camp: Campaign) -> list[Claim]:
        """The extractor's rep claims. spaCy's ``ClaimExtractor`` hands them over batch by batch, and they are
        embedded (with what an "it" refers to) in a background thread while spaCy parses the next batch:
        the two stages side by side on two cores instead of one after the other. Any other extractor is
        asked through the stage's one method, and its claims are embedded afterwards; so are a one-thread
        worker's (``--jobs N``, Ray), whose cores the other workers use."""
        if not isinstance(self.extractor, ClaimExtractor) or model_threads() < 2:
            return self.extractor.extract(transcript, camp.vocab)
        with self.embedder.background() as bg:
            return self.extractor.rep_claims(
                transcript, camp.vocab, each=lambda claims: bg.add(_texts_to_embed(claims))
            )

    def _prefetch_utterances(
        self, camp: Campaign, transcript: Transcript, said: _Said
    ) -> threading.Thread | None:
        """Start embedding the utterances that can hold a claim in a background thread, while spaCy reads the
        rep's claims, when the omission search may need them: when some headline promise is not brought up
        in words (``_mentions_lexically``). Most calls name every headline offer, and then embedding their
        utterances is work thrown away."""
        headline = headline_promises(camp.promises, self.config)
        if not self._omission_possible(headline):
            return None
        if self.config.omission_model:  # the cross-encoder reads the reps' turns (check.support)
            return self.embedder.prefetch(_rep_turns(transcript))
        if not said.texts:
            return None
        if all(_mentions_lexically(p, said) for p in headline):
            return None
        return self.embedder.prefetch(said.texts)

    def _context_vectors(self, claims: list[Claim]) -> np.ndarray | None:
        """Vectors of what anaphoric claims refer to; NaN rows for the others."""
        need = [i for i, c in enumerate(claims) if c.refers_to]
        if not need:
            return None
        out = np.full(
            (len(claims), self.embedder.embed_batch([claims[need[0]].refers_to]).shape[1]), np.nan, np.float32
        )
        out[need] = self.embedder.embed_batch([claims[i].refers_to for i in need])
        return out

    def _omission(
        self, camp: Campaign, transcript: Transcript, rep_claims: list[Claim], said: _Said | None = None
    ) -> Finding | None:
        """The campaign's strongest headline offer that nobody on the call brings up (at most one a call).

        Only offer promises count (trial, price, contract, onboarding, guarantee, ...): a call that never
        mentions a results statistic has not omitted an offer. A promise is mentioned when any utterance
        talks about its slot at all (a contradicted trial was mentioned, not omitted), states one of its
        values or offer terms, or is close to it in meaning. The utterances are embedded only when a promise
        is not brought up in words (the similarities cannot change the answer otherwise).
        """
        cfg = self.config
        if len(rep_claims) < cfg.min_rep_claims_for_omission:
            return None
        headline = headline_promises(camp.promises, cfg)
        if not self._omission_possible(headline):
            return None
        if cfg.omission_model:
            return self._omission_read(camp, transcript, headline)
        if said is None:
            said = _Said([u.text for u in transcript.utterances if could_hold_claim(u.text)])
        texts = said.texts
        if not texts:
            return None
        vecs: np.ndarray | None = None  # the utterances' vectors, embedded once a promise needs them
        for p in headline:
            if _mentions_lexically(p, said):
                continue  # mentioned whatever the similarities: no need to embed the call's utterances for it
            if vecs is None:
                vecs = self.embedder.embed_batch(texts)
            idx = [i for i, c in enumerate(camp.claims) if any(c is m for m in p.core)]
            sims = similarity(vecs, camp.vectors[idx]).max(axis=1)
            top = float(sims.max())
            if top < cfg.mention_sim and not any(
                _mentions(p, text, qs, terms, float(s))
                for (text, qs, terms), s in zip(said.all(), sims, strict=True)
            ):
                rep = p.representative
                raw = min(0.9, 0.35 + 0.1 * p.support + (cfg.mention_sim - top))
                score = round(self.judge.calibrated("omission", raw), 4)
                # a promise a reviewer pinned as headline is reported whatever its score: they asked for it
                if not p.pinned and score < self._floor("omission"):
                    return None
                why = (
                    f'"{rep.text}" ({rep.file}), marked headline by a reviewer, never comes up on the call.'
                    if p.pinned
                    else f'The headline {p.slot} promise "{rep.text}" ({_assets(p.support)}) never comes up '
                    "on the call."
                )
                return Finding(
                    kind="omission",
                    score=score,
                    slot=p.slot,
                    explanation=why,
                    transcript=None,
                    asset={"file": rep.file, "text": rep.text},
                )
        return None

    def _omission_possible(self, headline: list[Promise]) -> bool:
        """Whether ``_omission`` could report anything: a pinned promise is reported whatever its score, an
        unpinned one only when its calibrated score reaches the judge's floor. Its raw score lies in [0.35,
        0.9] (see ``_omission``) and a calibration is monotone (Platt, or none), so the ends of that range
        bound it. When nothing could be reported, the omission search (and embedding every utterance for
        it) is skipped: the shipped drift head calibrates every omission to 0.2778, under its 0.3 floor."""
        if not headline:
            return False
        if any(p.pinned for p in headline):
            return True
        best = max(self.judge.calibrated("omission", raw) for raw in _OMISSION_RAW_RANGE)
        return round(best, 4) >= self._floor("omission")

    def _omission_read(
        self, camp: Campaign, transcript: Transcript, headline: list[Promise]
    ) -> Finding | None:
        """The first headline promise that no rep turn speaks to, as the cross-encoder reads them
        (check.support.promise_mention below ``omission_mention``). Its score is 1 - that probability:
        the model's threshold decides, so the judge's omission floor does not apply."""
        cfg = self.config
        turns = _rep_turns(transcript)
        if not turns:
            return None
        vecs = self.embedder.embed_batch(turns)
        model = self.support_model()
        for p in headline:
            check_time()
            idx = [i for i, c in enumerate(camp.claims) if any(c is m for m in p.core)]
            m = promise_mention(model, p.core, camp.vectors[idx], turns, vecs, cfg.omission_read)
            if m.value >= cfg.omission_mention:
                continue
            rep = p.representative
            closest = f'; the closest the rep came: "{_short(m.other)}".' if m.other else "."
            return Finding(
                kind="omission",
                score=round(1.0 - m.value, 4),
                slot=p.slot,
                explanation=f'The headline {p.slot} promise "{rep.text}" ({_assets(p.support)}) never comes up '
                f"on the call{closest}",
                transcript=None,
                asset={"file": rep.file, "text": rep.text},
            )
        return None

    def _unsupported_read(
        self,
        claims: list[Claim],
        vecs: np.ndarray,
        alignments: list,
        findings: list[Finding],
        fine: list[bool],
    ) -> list[Finding]:
        """Unsupported findings the models add to the judge's: a rep claim with no finding yet that the
        claim-worthiness classifier calls concrete (``unsupported_worthy``) and that none of its
        ``unsupported_read`` nearest asset claims supports (best P(consistent) below
        ``unsupported_support``). Score: P(claim-worthy) x (1 - that support), not calibrated."""
        cfg = self.config
        flagged = {f.transcript["text"] for f in findings if f.transcript}
        worthy = self.worthiness().probability(vecs) if len(vecs) else np.zeros(0)
        out = []
        for c, al, p, ok in zip(claims, alignments, worthy, fine, strict=True):
            if ok or c.text in flagged or p < cfg.unsupported_worthy:
                continue
            check_time()
            s = claim_support(self.support_model(), al, cfg.unsupported_read)
            if s.value >= cfg.unsupported_support:
                continue
            kind = {None: "product", "other": "product", "feature": "product"}.get(c.slot, c.slot)
            closest = f'; the best match, in {s.file}, says "{s.other}".' if s.other else "."
            out.append(
                Finding(
                    kind="unsupported",
                    score=round(float(p) * (1.0 - s.value), 4),
                    slot=c.slot,
                    explanation=f"No campaign asset supports this {kind} claim{closest}",
                    transcript=rep_words(c),
                    asset=None,
                )
            )
        return out

    def worthiness(self) -> ClaimWorthiness:
        """The claim-worthiness classifier (models/claim-worthy.v2), loaded on first use."""
        if self._worthy is None:
            self._worthy = ClaimWorthiness()
        return self._worthy

    def support_model(self) -> CrossModel:
        """The cross-encoder the support checks read with: the judge's own when it has one (one memory of
        pairs read), else one loaded on first use."""
        model = getattr(self.judge, "model", None)
        if isinstance(model, CrossModel):
            return model
        if self._cross is None:
            self._cross = CrossModel()
        return self._cross

    def _floor(self, kind: str) -> float:
        """The judge's per-kind threshold on calibrated scores (0 for a judge without one, and for the
        kinds the cross-encoder's support checks decide with their own thresholds)."""
        if kind == "omission" and self.config.omission_model:
            return 0.0
        return self.judge.floor(kind)


# the lowest and highest raw score ``_omission`` gives: 0.35 + 0.1 * support + (mention_sim - top), at most 0.9
_OMISSION_RAW_RANGE = (0.35, 0.9)


def _rep_turns(transcript: Transcript) -> list[str]:
    """What the reps said, turn by turn (the omission check reads these)."""
    reps = set(transcript.speakers_with("rep"))
    return [u.text for u in transcript.utterances if u.speaker in reps and u.text.strip()]


def _short(text: str | None, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _assets(n: int) -> str:
    return "stated in one asset" if n == 1 else f"stated in {n} assets"


def _texts_to_embed(claims: list[Claim]) -> list[str]:
    """What check_call embeds of rep claims: their texts, and what an anaphoric one refers to."""
    return [c.text for c in claims] + [c.refers_to for c in claims if c.refers_to]


class _Said:
    """The values and offer terms of a call's utterances, read once each and only when a promise needs them."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self._quantities: dict[int, list] = {}
        self._terms: dict[int, dict] = {}

    def quantities(self, i: int) -> list:
        if i not in self._quantities:
            check_time()
            self._quantities[i] = extract_quantities(self.texts[i])
        return self._quantities[i]

    def all(self) -> list[tuple[str, list, dict]]:
        """(text, values, offer terms) of every utterance."""
        for i, t in enumerate(self.texts):
            if i not in self._terms:
                self._terms[i] = polarity_terms(t)
        return [(t, self.quantities(i), self._terms[i]) for i, t in enumerate(self.texts)]


def _mentions_lexically(p: Promise, said: _Said) -> bool:
    """Whether some utterance brings up ``p`` in a way ``_mentions`` accepts at any similarity: it talks about
    a topic slot, or a value-less promise's slot, or states a different value of the same thing. Then the
    omission search need not embed the call's utterances for ``p``: its answer cannot depend on them."""
    slot = p.slot
    has_values = any(c.quantities or c.polarity for c in p.core)
    if (slot in _TOPIC_SLOTS or (not has_values and slot != "price")) and any(
        mentions_slot(t, slot) for t in said.texts
    ):
        return True
    values = [(aq, context_words(c.text, aq)) for c in p.core for aq in c.quantities]
    if not values:
        return False
    for i, text in enumerate(said.texts):
        for q in said.quantities(i):
            if any(
                compare_quantities(q, aq) == "different" and context_words(text, q) & actx
                for aq, actx in values
            ):
                return True
    return False


def _mentions(p: Promise, text: str, quantities: list, terms: dict, sim: float) -> bool:
    """Whether an utterance brings up a promise, rightly or wrongly (a contradicted promise is not omitted)."""
    p_terms = {k for c in p.core for k in c.polarity}
    if p_terms & terms.keys() and sim >= 0.4:
        return True
    for c in p.core:
        for aq in c.quantities:
            actx = context_words(c.text, aq)
            for q in quantities:
                outcome = compare_quantities(q, aq)
                if (outcome == "same" and sim >= 0.3) or (
                    outcome == "different" and context_words(text, q) & actx
                ):
                    return True
    has_values = any(c.quantities or c.polarity for c in p.core)
    slot = p.slot
    if slot in _TOPIC_SLOTS:
        return mentions_slot(text, slot)  # talking about the trial at all, right or wrong, is not omitting it
    return not has_values and slot != "price" and mentions_slot(text, slot)


# Slots that hold one promise a campaign: any talk of the topic brings that promise up. Price, discount,
# onboarding, support and results do not: a campaign makes several of those ("live in 10 days", "free migration").
_TOPIC_SLOTS = frozenset({"trial", "contract", "cancellation", "guarantee"})


_DRIFT = DRIFT_KINDS


def _finding_slot(c: Claim, v: Verdict) -> str | None:
    """What the finding is about, for the charts and the headline: the rep sentence's topic, else the asset
    claim's ("Normally it's six hundred, and we waive it" says no topic word; the claim it restates does)."""
    if c.slot not in (None, "other"):
        return c.slot
    if v.asset is not None and v.asset.slot not in (None, "other"):
        return v.asset.slot
    return c.slot


def _finding(c: Claim, v: Verdict) -> Finding:
    return Finding(
        kind=v.kind,  # type: ignore[arg-type]
        score=round(float(v.score), 4),
        slot=_finding_slot(c, v),
        explanation=v.explanation,
        transcript={"speaker": c.speaker, "text": c.text, "start": c.start, "index": c.utterance_index},
        asset={"file": v.asset.file, "text": v.asset.text} if v.asset else None,
        probabilities=v.probabilities,
    )


def _coverage(camp: Campaign, rep_claims: list[Claim], verdicts: list[Verdict]) -> list[Coverage]:
    """Each asset claim's status in the call, with the rep's words that decided it (none: not mentioned)."""
    status: dict[int, tuple[str, dict]] = {}
    rank = {"contradicted": 3, "weakened": 2, "upheld": 1}
    for c, v in zip(rep_claims, verdicts, strict=True):
        if v.asset is None:
            continue
        s = {"contradiction": "contradicted", "weakened": "weakened", "consistent": "upheld"}.get(v.kind)
        if s and rank[s] > rank.get(status.get(id(v.asset), ("", {}))[0], 0):
            status[id(v.asset)] = (s, rep_words(c))
    return [
        Coverage(
            asset_file=c.file,
            text=c.text,
            status=status[id(c)][0] if id(c) in status else "not_mentioned",  # type: ignore[arg-type]
            headline=c.headline,
            rep=status[id(c)][1] if id(c) in status else None,
        )
        for c in camp.claims
    ]
