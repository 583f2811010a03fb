"""The judge: decides whether an aligned rep claim contradicts, weakens, is unsupported by, or is
consistent with the campaign's asset claims.

Embeddings place "30-day trial" and "14-day trial" side by side, so similarity only helps decide *which*
asset claims a rep sentence talks about; the decision itself rests on structure:

- values are compared unit-aware, and only between quantities that describe the same attribute (the
  words around them overlap, or the sentences are close): "two weeks free" vs "free for 30 days";
- a value the assets state anywhere for that attribute is not drift (another plan's price);
- offer terms with opposite polarity ("no setup fee" vs "a one-time setup fee") contradict;
- a condition, restriction, workaround or hedge the asset does not state weakens the claim;
- a concrete offer statement (a value, an asserted offer term, a named product or certification no
  asset mentions) with nothing close in the assets is unsupported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..deadline import check_time
from ..extract.claims import asserts_offer as _asserts_offer
from ..extract.claims import denies_capability
from ..extract.daynames import CALENDAR_WORDS
from ..extract.names import name_words
from ..extract.qualifiers import added_qualifiers, overlaps
from ..extract.values import compare_quantities, extract_quantities, parse_number
from ..extract.values.attribute import GENERIC, same_named_attribute
from ..extract.values.scope import different_items, worked_example
from ..types import Alignment, Claim, Quantity, Verdict
from .base import BaseJudge
from .wording import quoted, said


@dataclass
class JudgeConfig:
    related: float = 0.45  # cosine at which a rep claim is about an asset claim
    same_slot_related: float = 0.30  # ... or this much when both share a slot
    attribute_sim: float = 0.55  # sentences this close talk about the same attribute
    context_sim: float = 0.25  # with a shared context word, this close is enough
    weaken_sim: float = 0.45  # cosine needed to call an added condition a weakening of that claim
    denial_max_claims: int = 3  # a name this few asset claims use is an integration or feature, not the brand
    denial_window: int = 40  # characters between a denial and the name it denies, in one clause
    weak_qualifier_sim: float = 0.75  # ... and for a weak one (bare "if you", a hedge)
    restated_margin: float = (
        0.05  # ... this much less for a restriction of a claim whose value the rep restates
    )
    unsupported_max_sim: float = 0.45  # below this to every asset claim, a concrete claim is unsupported
    explicit_offer_margin: float = (
        0.05  # an explicit "we also do X" needs a closer asset claim to count as stated
    )
    clearer_attribute: float = 0.2  # a differing value this much more clearly about the same attribute wins
    restating_sim: float = 0.55  # a bare spoken amount, a frequency or a schedule: compared only this close
    generic_amount_ratio: float = 100.0  # two unnamed amounts this many times apart are of different things
    frequency_margin: float = 0.15  # ... and a frequency this much closer still
    clearer_context_margin: float = 0.1  # ... when the same-valued claim is within this of context_sim
    same_slot_attribute_margin: float = (
        0.1  # same slot: this much over same_slot_related is the same attribute
    )
    shared_word_bonus: float = 0.15  # a value match's strength grows by this per shared context word ...
    shared_word_cap: int = 3  # ... up to this many words
    # verdict scores (before calibration): base + slope * similarity, capped
    polarity_score: float = 0.8
    flip_score: tuple[float, float, float] = (0.5, 0.5, 0.9)  # predicate or scope flipped
    value_score: tuple[float, float, float] = (0.55, 0.5, 0.95)  # a differing value (slope on strength)
    value_strength_cap: float = 0.8
    weakened_score: tuple[float, float, float] = (0.4, 0.5, 0.9)  # an added condition or hedge
    cap_score: tuple[float, float, float] = (0.4, 0.5, 0.85)  # an added cap ("up to five")
    new_name_score: float = 0.7  # a named product, partner or certification no asset mentions
    concession_max_sim: float = 0.7  # an extra concession counts as unsupported below this similarity
    also_offer_margin: float = 0.1  # ... and an explicit one said as an extra ("we also do X") this much
    explicit_offer_words: int = 9  # "we also ..." of at least this many words is an explicit offer
    unsupported_score: tuple[float, float] = (0.5, 0.9)  # base + (unsupported_max_sim - top), capped


def _scaled(params: tuple[float, ...], x: float) -> float:
    """``min(cap, base + slope * x)`` for a (base, slope, cap) score setting."""
    base, slope, cap = params
    return min(cap, base + slope * x)


_STOP = frozenset(
    """
    a an the and or but of to for in on at by with from per as is are was were be been it its it's
    this that these those you your you're we our us they their i me my he she them there here so
    just very really up down out about over under into onto than then now also too any all each
    every no not only get gets got give gives have has had do does did will would can could should
    may might must one some more most less least much many what which who how when where why if once
    whether plus month months monthly year years yearly annual annually week weeks day days hour
    hours minute minutes time times percent dollar dollars bucks usd plan plans right yeah okay um
    uh like thing things kind sort lot
    """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-z][a-z'-]+")


def _stem(w: str) -> str:
    w = w.strip("'-")
    if w.endswith("'s"):
        w = w[:-2]  # "the trial's fourteen days": the trial is
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def context_words(text: str, q: Quantity, window: int = 7) -> frozenset[str]:
    """Content words within a few words of a value: what the value is a value *of*."""
    left = _WORD.findall(text[: q.start].lower())[-window:]
    right = _WORD.findall(text[q.end :].lower())[:window]
    inside = _WORD.findall(q.text.lower())
    words = {_stem(w) for w in left + right + inside}
    return frozenset(w for w in words if w not in _STOP and len(w) > 2 and not _is_number_word(w))


_NUMBER_WORDS = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million half quarter dozen couple
    """.split()  # noqa: SIM905
)


def _is_number_word(w: str) -> bool:
    return w in _NUMBER_WORDS or any(part in _NUMBER_WORDS for part in w.split("-"))


@dataclass
class AssetIndex:
    """The campaign's asset claims, indexed for campaign-wide value and term look-ups."""

    claims: list[Claim]
    terms: dict[str, list[tuple[Claim, bool]]] = field(default_factory=dict)
    contexts: dict[int, list[frozenset[str]]] = field(default_factory=dict)  # id(claim) -> per quantity
    vocab: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, claims: list[Claim], extra_vocab: set[str] | None = None) -> AssetIndex:
        terms: dict[str, list[tuple[Claim, bool]]] = defaultdict(list)
        for c in claims:
            for term, value in c.polarity.items():
                terms[term].append((c, value))
        contexts = {id(c): [context_words(c.text, q) for q in c.quantities] for c in claims}
        vocab = {w.lower() for c in claims for w in _WORD.findall(c.text.lower())} | (extra_vocab or set())
        return cls(claims=claims, terms=dict(terms), contexts=contexts, vocab=vocab)

    def __reduce__(self):
        """Pickled (to a worker process or a Ray actor, msgcheck.run) as its claims and words, and built
        again on arrival: ``contexts`` is keyed by the claims' id(), which another process does not share."""
        return (AssetIndex.build, (self.claims, self.vocab))


def _describe(q: Quantity) -> str:
    return q.text.strip() or f"{q.value:g} {q.unit}"


def _same_footing(
    rep: Quantity, asset: Quantity, sim: float, cfg: JudgeConfig | None = None, shared: int = 0
) -> bool:
    """Whether two comparable values can contradict at all.

    A total ("that comes to $2,425 a month") is not a per-head price ("$119 per workstation"); the
    prospect's own head count ("we have six stores") is not a limit ("unlimited locations") unless the rep
    states it as one ("up to five locations").
    """
    if rep.kind == "money" and rep.per is None and asset.per is not None:
        return False
    cfg = cfg or JudgeConfig()
    restating = cfg.restating_sim
    named = same_named_attribute(rep, asset)
    same_terms = bool(shared) or bool(rep.per and rep.per == asset.per)
    if rep.attribute != asset.attribute and sim < restating and rep.kind in ("money", "percent"):
        return False  # a value of no named attribute against a named one ("$1 feeds a child" vs "$0 setup")
    if (
        rep.kind == "duration"
        and rep.attribute != asset.attribute
        and GENERIC & {rep.attribute, asset.attribute}
        and sim < cfg.related
    ):
        return (
            False  # "install within fifteen business days" vs "send the invoice within 90 days": two clocks
        )
    if (
        rep.attribute == asset.attribute in GENERIC
        and rep.kind in ("money", "percent", "duration")
        and sim < restating
        and not same_terms
    ):
        return False  # two bare amounts ("I was thinking $1" vs "Normally $600"): nothing says one item
    if (
        rep.kind == "money"
        and rep.attribute == asset.attribute in GENERIC
        and asset.value
        and all(
            max(v, asset.value) > cfg.generic_amount_ratio * min(v, asset.value)
            for v in (rep.value, rep.alt)
            if v
        )
        and rep.value
    ):
        return False  # "around $750,000" (raised) is not a restated "$600": unnamed amounts that far apart
    if rep.kind == "money" and not rep.unit and sim < restating and not (named or same_terms):
        return False  # an amount said with no currency is compared only with a claim the rep is plainly restating
    if rep.kind == "frequency" and sim < restating + cfg.frequency_margin:
        return False  # "nightly backups" and "monthly reports" are how often of two things
    if rep.kind == "schedule" and sim < restating:
        return False  # how often and which days of what: only a claim about the same thing
    if rep.kind == "hours" and sim < restating and not shared:
        return False  # an office's opening hours are not the support line's: hours of the same thing only
    if (
        rep.kind == "duration"
        and rep.value
        and asset.value
        and max(rep.value, asset.value) > 20 * min(rep.value, asset.value)
    ):
        return False  # a 45-minute kickoff is not the two-day shipping window
    if rep.kind == "count":
        if asset.value is None:  # unlimited: only a stated cap contradicts it
            return rep.bound == "max" and sim >= 0.5
        if rep.value is None:
            return sim >= 0.6
        if asset.bound != "exact" and rep.bound == "exact":
            return False  # "forty techs" is the prospect's size, not a claim about the "up to 50" cap
        return sim >= 0.5 or named
    # "three more jobs a week" is a rate, not a length of time
    return named or not (rep.kind == "duration" and _FREQUENCY.fullmatch(rep.text.strip()))


_MULTIPLIER_WORDS = re.compile(r"\b(year|annual|annually|yearly|months?)\b", re.I)


def arithmetic(rep: Quantity, asset: Quantity, rep_text: str) -> bool:
    """The rep's amount is the asset's price times a number the rep states (a head count, months in a year).

    Reps do the sums for the prospect: "twelve vans on Pro is four fifty-six a month" against "$38 per
    vehicle", or "ten months' worth, two are free" against "$27/month". That total is not a new price.
    """
    if rep.kind != "money" or asset.kind != "money" or not rep.value or not asset.value:
        return False
    ratio = rep.value / asset.value
    if ratio < 1.5:
        return False
    factors = {n for n in (_number_of(t) for t in re.findall(r"[\w,.-]+", rep_text)) if n and 1 < n <= 10_000}
    factors -= {rep.value, rep.alt}  # the amount itself is not a head count it was multiplied by
    if _MULTIPLIER_WORDS.search(rep_text) and rep.period != "month":
        factors |= {
            10.0,
            11.0,
            12.0,
        }  # a year's worth, worked out; not a monthly price said as the yearly one
    products = set(factors) | {a * b for a in factors for b in factors if a * b <= 1_000_000}
    return any(abs(ratio - k) <= 0.01 * k for k in products)


def _number_of(token: str) -> float | None:
    return parse_number(token.strip(".,"))


_FREQUENCY = re.compile(
    r"(?:(?:once|twice|\w+ times)\s+)?(?:a|an|per|every|each|one)\s+(?:day|night|week|month|year|quarter)",
    re.I,
)


@dataclass
class _ValueMatch:
    asset: Claim
    quantity: Quantity
    outcome: str  # "same" | "different"
    strength: float


class RuleJudge(BaseJudge):
    """Structured rules over the asset claims. Swappable for a trained judge."""

    version = "rules-1"

    def __init__(self, config: JudgeConfig | None = None):
        self.config = config or JudgeConfig()

    def _related(self, al: Alignment) -> list[tuple[Claim, float]]:
        cfg = self.config
        r = al.rep
        return [
            (a, s)
            for a, s in al.candidates
            if s >= cfg.related or (r.slot is not None and a.slot == r.slot and s >= cfg.same_slot_related)
        ]

    def value_matches(
        self, r: Claim, q: Quantity, sims: dict[int, float], index: AssetIndex
    ) -> list[_ValueMatch]:
        """Asset values describing the same attribute as the rep's value q."""
        cfg = self.config
        ctx = context_words(r.text, q)
        out = []
        for a in index.claims:
            s = sims.get(id(a), 0.0)
            if s < cfg.context_sim:
                continue
            example = worked_example(a.text) and worked_example(r.text)
            for aq, actx in zip(a.quantities, index.contexts[id(a)], strict=True):
                if example or different_items(q, r.quantities, aq, a.quantities):
                    continue  # two worked examples, or values of two plans: nothing to compare
                outcome = compare_quantities(q, aq)
                if outcome == "different" and arithmetic(q, aq, r.text):
                    outcome = "same"  # "twelve vans on Pro is $456 a month": $38 x 12, worked out
                shared = len(ctx & actx)
                if outcome == "incomparable" or not _same_footing(q, aq, s, cfg, shared):
                    continue
                same_attr = (
                    shared >= 1
                    or same_named_attribute(q, aq)
                    or s >= cfg.attribute_sim
                    or (
                        r.slot is not None
                        and r.slot == a.slot
                        and s >= cfg.same_slot_related + cfg.same_slot_attribute_margin
                    )
                )
                if same_attr:
                    strength = s + cfg.shared_word_bonus * min(shared, cfg.shared_word_cap)
                    out.append(_ValueMatch(a, aq, outcome, strength))
        return out

    def judge_all(self, alignments: list[Alignment], index: AssetIndex) -> list[Verdict]:
        return [self.judge(al, index) for al in alignments]

    def judge(self, al: Alignment, index: AssetIndex) -> Verdict:
        """The first rule that finds drift decides; else the pair is consistent with its closest claim
        (or unrelated to every one). The rules run in order: RULES."""
        check_time()  # one rep sentence at a time: a call past its time budget stops here
        pair = _Pair.build(self, al, index)
        for rule in RULES:
            verdict = rule(pair)
            if verdict is not None:
                return verdict
        return _consistent(pair)


@dataclass
class _Pair:
    """One rep claim and what the rules need about it; the value rule fills ``supported`` and
    ``unmatched`` for the rules after it."""

    judge: RuleJudge
    rep: Claim
    index: AssetIndex
    related: list[tuple[Claim, float]]
    sims: dict[int, float]
    top: float
    supported: list[_ValueMatch] = field(default_factory=list)
    unmatched: list[Quantity] = field(default_factory=list)

    @classmethod
    def build(cls, judge: RuleJudge, al: Alignment, index: AssetIndex) -> _Pair:
        sims = {id(a): s for a, s in al.candidates}
        top = al.candidates[0][1] if al.candidates else 0.0
        return cls(judge, al.rep, index, judge._related(al), sims, top)

    @property
    def cfg(self) -> JudgeConfig:
        return self.judge.config

    def sim(self, claim: Claim) -> float:
        return self.sims.get(id(claim), 0.0)


def _polarity_words(term: str, value: bool, asset: Claim) -> str:
    """'The rep said there is a setup fee; pricing.html says there is no setup fee: "Setup is free."'"""
    return f'The rep said {said(term, value)}; {asset.file} says {said(term, not value)}: "{quoted(asset.text)}".'


_SLOT_WORDS = {None: "product", "other": "product", "feature": "product", "limit": "usage limit"}


def _unsupported_words(slot: str | None, what: list[str], nearest: Claim | None = None) -> str:
    """'No campaign asset mentions $300 setup: the rep's price claim is not in the marketing.' Without a
    value or term to name, what the nearest asset claim says instead, so the reader can see the gap."""
    kind = _SLOT_WORDS.get(slot, slot)
    if what:
        return (
            f"No campaign asset mentions {', '.join(what)}: the rep's {kind} claim is not in the marketing."
        )
    if nearest is not None:
        return (
            f"No campaign asset makes this {kind} claim; the closest, in {nearest.file}, says "
            f'"{quoted(nearest.text)}".'
        )
    return f"No campaign asset makes this {kind} claim."


def _polarity_rule(p: _Pair) -> Verdict | None:
    """Polarity of offer terms: "no setup fee" vs "a small setup fee"."""
    for term, value in p.rep.polarity.items():
        stated = p.index.terms.get(term, [])
        agree = [c for c, v in stated if v == value]
        disagree = [c for c, v in stated if v != value and p.sim(c) >= p.cfg.same_slot_related]
        if disagree and not agree:
            a = max(disagree, key=p.sim)
            return Verdict(
                "contradiction",
                p.cfg.polarity_score,
                a,
                _polarity_words(term, value, a),
                p.sim(a),
            )
    return None


def _flip_rule(p: _Pair) -> Verdict | None:
    """ "Panel cleaning is not included" vs "cleaning's included", "Pro plan only" vs "on every plan": a
    predicate flipped on the same thing."""
    for a, s in p.related:
        flip = predicate_flip(a.text, p.rep.text) or scope_flip(a.text, p.rep.text)
        if flip and s >= p.cfg.weaken_sim:
            return Verdict(
                "contradiction",
                _scaled(p.cfg.flip_score, s),
                a,
                f'The rep said "{flip[1]}"; {a.file} says "{flip[0]}".',
                s,
            )
    return None


def _conditional_value_rule(p: _Pair) -> Verdict | None:
    """An asset value that holds past a bar the rep's own situation meets: "Groups with more than 5 locations
    typically take 3 to 4 weeks" against "even with eight stores you're running payroll inside of two weeks".
    The general promise ("within 10 business days") the rep's value matches is not the one that applies."""
    cfg, r = p.cfg, p.rep
    counts = [q for q in r.quantities if q.kind == "count" and q.value and q.unit]
    if not counts:
        return None
    for a in p.index.claims:
        s = p.sim(a)
        if s < cfg.context_sim:
            continue
        for bar in (aq for aq in a.quantities if aq.kind == "count" and aq.bound == "min" and aq.value):
            met = next((c for c in counts if c.unit == bar.unit and c.value > bar.value), None)
            if met is None:
                continue
            for q in r.quantities:
                for aq in a.quantities:
                    if q.kind != "count" and aq.kind == q.kind and compare_quantities(q, aq) == "different":
                        return Verdict(
                            "contradiction",
                            _scaled(cfg.flip_score, s),
                            a,
                            f"The rep said {_describe(q)} with {_describe(met)}; {a.file} says "
                            f'{_describe(aq)} for {_describe(bar)}: "{quoted(a.text)}".',
                            s,
                            certain=True,  # the rep's own count meets the bar: no model overrules the values
                        )
    return None


def _value_rule(p: _Pair) -> Verdict | None:
    """Values, unit-aware, against asset values of the same attribute anywhere in the campaign."""
    cfg, r = p.cfg, p.rep
    for q in r.quantities:
        if q.kind == "money" and q.per is None and _TOTAL.search(_clause_of(r.text, q)):
            continue  # the rep doing the arithmetic for the prospect: a total, not a price
        if any(arithmetic(q, other, r.text) for other in r.quantities if other is not q):
            continue  # "fourteen a machine, so fifteen machines is two-ten a month": derived from a stated price
        matches = p.judge.value_matches(r, q, p.sims, p.index)
        same = [m for m in matches if m.outcome == "same"]
        different = [m for m in matches if m.outcome == "different"]
        best_same = max(same, key=lambda m: m.strength) if same else None
        best_diff = max(different, key=lambda m: m.strength) if different else None
        if best_diff and _CONCESSION.search(r.text) and not best_same:
            p.unmatched.append(q)  # "I can knock another 8% off": a new offer, not a restated one
            continue
        clearer = (
            best_diff is not None
            and best_same is not None
            and best_diff.strength > best_same.strength + cfg.clearer_attribute
            and p.sim(best_same.asset) < cfg.context_sim + cfg.clearer_context_margin
        )
        if best_same and not clearer:
            p.supported.append(best_same)
            continue
        if best_diff:
            m = best_diff
            base, slope, cap = cfg.value_score
            named = same_named_attribute(q, m.quantity)
            if not (named or best_same or _shared_names(r.text, m.asset.text)) and _listed_price(q, p.index):
                p.unmatched.append(q)  # "Pro is three twenty-nine monthly": another line the campaign lists
                continue
            return Verdict(
                "contradiction",
                min(cap, base + slope * min(m.strength, cfg.value_strength_cap)),
                m.asset,
                f"The rep said {_describe(q)}; {m.asset.file} says {_describe(m.quantity)}.",
                p.sim(m.asset),
                certain=named and q.alt is None and m.quantity.alt is None,
            )
        p.unmatched.append(q)
    return None


def _listed_price(q: Quantity, index: AssetIndex) -> bool:
    """The campaign states this very price (amount and period) somewhere, whatever the sentence is about: a
    rep quoting another plan's price, or one the nearest claims do not hold, restates the price list rather
    than changing a different line of it (unless both name the same thing: ``same_named_attribute``)."""
    if q.kind != "money" or q.value is None or q.period is None:
        return False
    return any(
        aq.kind == "money" and aq.period == q.period and compare_quantities(q, aq) == "same"
        for a in index.claims
        for aq in a.quantities
    )


def _shared_names(a: str, b: str) -> set[str]:
    """Capitalised words both texts use, a first word too ("Plus is fifty-nine" and "Plus: $49 a month"), not
    function words ("Each", "Then"): a plan or product both sentences are about."""
    return name_words(a) & name_words(b)


def _qualifier_rule(p: _Pair) -> Verdict | None:
    """Conditions and hedges that shrink a claim the rep otherwise keeps. A strong qualifier ("only if",
    "as long as", "through a CSV export", "on the Pro plan only") needs the rep to be restating the claim;
    a weak one (a bare "if you ...", "usually") needs the rep to be restating it closely, since reps
    narrate scenarios ("if he's under a house it still works offline") all the time. The claim whose
    value the rep restates is the one to compare with; else the related ones."""
    cfg, r = p.cfg, p.rep
    # a value matched in a claim the rep is not restating ("within 4 hours" of a disaster-recovery promise)
    # does not hide the claim the sentence is about
    # (a claim whose value the rep restates is compared a little farther out, for a plan restriction only:
    # "round-the-clock phone support is a Plus thing" against "24/7 phone and chat support on every plan")
    restated_sim = cfg.weaken_sim - cfg.restated_margin
    anchors = [(m.asset, p.sim(m.asset)) for m in p.supported if p.sim(m.asset) >= restated_sim] or list(
        p.related
    )
    seen: set[int] = set()
    for a, s in sorted(anchors, key=lambda t: -t[1]):
        restated = any(m.asset is a for m in p.supported)
        if id(a) in seen or s < (restated_sim if restated else cfg.weaken_sim):
            continue
        seen.add(id(a))
        added = added_qualifiers(a.text, r.text)
        if added and p.related:
            # the asset may state the condition in a neighbouring claim ("No contract." beside
            # "Month-to-month on every plan."), unless the claim states another condition of its own:
            # "waived for any trial started by May 31" is not excused to "only on the annual plan" by a
            # price table's "billed annually"
            # (one neighbour must state it: words pooled from six claims about other offers do not)
            own = a.qualifiers  # read when the claim was annotated
            added = [
                q
                for q in added
                if any(o.kind == q.kind and not overlaps(o, q) for o in own)
                or all(q in added_qualifiers(c.text, r.text) for c, _ in p.related[:6])
            ]
        # ... or anywhere in the campaign: "for any other system, upload a CSV" in the FAQ
        added = [q for q in added if not _stated_elsewhere(q, r.text, p)]
        if _GENERALISED.search(a.text):
            added = [q for q in added if q.kind != "hedge"]  # "Most clinics ..." already hedges
        added = [q for q in added if is_strong(q, a.text) or s >= cfg.weak_qualifier_sim]
        if s < cfg.weaken_sim:
            added = [q for q in added if q.kind == "restriction"]
        if added:
            quals = ", ".join(f'"{q.text}"' for q in added)
            why = f'The rep adds {quals} to what {a.file} promises: "{quoted(a.text)}".'
            return Verdict("weakened", _scaled(cfg.weakened_score, s), a, why, s)
        caps = [
            q for q in p.unmatched if q.bound == "max" and not a.quantities and not _DEADLINE.match(q.text)
        ]
        if caps and s >= cfg.related:
            return Verdict(
                "weakened",
                _scaled(cfg.cap_score, s),
                a,
                f'The rep caps it at "{caps[0].text}"; {a.file} promises "{a.text}" with no such limit.',
                s,
            )
        break  # the closest claim the rep restates, conditions and all: a farther one says no more
    return None


def _narrowed_rule(p: _Pair) -> Verdict | None:
    """Scope "all" -> "some": the rep puts a related claim on part of the list of names it gives."""
    for a, s in p.related:
        narrowed = narrowed_list(a.text, p.rep.text)
        if narrowed:
            return Verdict(
                "weakened",
                _scaled(p.cfg.weakened_score, s),
                a,
                f"The rep limits it to {', '.join(narrowed[0])}; {a.file} also names "
                f'{", ".join(narrowed[1])}: "{quoted(a.text)}".',
                s,
                certain=True,  # the names say it; the heads see no evidence column for a narrowed list
            )
    return None


# "that rate is for Visa and Mastercard", "it's only on iOS and Android": a list the rep puts the claim on
_LIST_CUE = re.compile(r"\b(?:is|are|'s|'re|only|just)\s+(?:only\s+|just\s+)?(?:for|on|with|in)\s+$", re.I)


def narrowed_list(asset_text: str, rep_text: str) -> tuple[list[str], list[str]] | None:
    """The rep puts a claim on part of the list of names the asset gives it (at least three): ``(the rep's
    names, the asset's names the rep leaves out)``, or None. "that two point six is for Visa and Mastercard"
    against "2.6% for every tap, whether it's Visa, Mastercard, American Express or Discover"."""
    theirs = [n for n in _names(asset_text) if n.lower() not in _COMMON_CAPS]
    if len(theirs) < 3:
        return None
    mine = [n for n in _names(rep_text) if n.lower() not in _COMMON_CAPS]
    known = {n.lower() for n in theirs}
    if not mine or any(n.lower() not in known for n in mine):
        return None
    first = rep_text.find(mine[0])
    if not _LIST_CUE.search(rep_text[:first]):
        return None
    said = {n.lower() for n in mine}
    left_out = [n for n in theirs if n.lower() not in said]
    return (mine, left_out) if left_out else None


def _stated_elsewhere(q, rep_text: str, p: _Pair) -> bool:
    """A workaround the campaign itself offers somewhere ("for any other system, upload a CSV")."""
    return q.kind == "workaround" and any(q not in added_qualifiers(c.text, rep_text) for c in p.index.claims)


def _unsupported_rule(p: _Pair) -> Verdict | None:
    """A concrete claim no asset makes: nothing close in the assets, a named product or certification no
    asset mentions, or an extra concession."""
    cfg, r, top = p.cfg, p.rep, p.top
    if denies_capability(r.text) and not r.quantities:
        return None  # "we don't have a Xero sync": it promises nothing, so nothing is unsupported
    names = r.names if r.names is not None else _names(r.text)
    new_names = [
        n for n in names if n.lower() not in p.index.vocab and n.lower() not in _COMMON_CAPS and len(n) > 2
    ]
    new_names = new_names if _NAME_CUE.search(r.text) else []
    concession = (
        _CONCESSION.search(r.text)
        and (p.unmatched or p.supported or _WAIVER.search(r.text))
        and top < cfg.concession_max_sim
    )
    if _asserts_offer(r.text) and (new_names or concession):
        what = ", ".join(new_names) if new_names else ", ".join(_describe(q) for q in p.unmatched)
        return Verdict(
            "unsupported",
            cfg.new_name_score,
            None,
            f"The rep mentions {what}, which no campaign asset does.",
            top,
        )
    stated = set(p.index.terms)
    if any(q.billing == "annual" for c in p.index.claims for q in c.quantities):
        stated.add("upfront_payment")  # "billed annually" is paid up front for the year
    new_terms = [t for t, v in r.polarity.items() if v and t not in stated]
    explicit = bool(new_terms) or (_asserts_offer(r.text) and len(r.text.split()) >= cfg.explicit_offer_words)
    margin = cfg.explicit_offer_margin if explicit and not p.supported else 0.0
    if explicit and not p.supported and _ALSO.search(r.text):
        margin = cfg.also_offer_margin  # "we also do catered breakfast": said as more than the assets offer
    limit = cfg.unsupported_max_sim + margin
    if top < limit or (p.unmatched and not p.supported and not p.related):
        # a bare spoken amount (no currency said) is read for comparison, never as a new price on its own
        # ... and a capacity ("store up to five hundred transactions") is a concrete capability claim
        offer_values = [
            q
            for q in p.unmatched
            if q.kind == "percent"
            or (q.kind == "money" and q.unit)
            or (q.kind == "count" and q.bound == "max")
        ]
        what = [_describe(q) for q in p.unmatched] + [t.replace("_", " ") for t in new_terms]
        if offer_values or new_terms or _asserts_offer(r.text):
            base, cap = cfg.unsupported_score
            return Verdict(
                "unsupported",
                round(min(cap, base + (cfg.unsupported_max_sim - top)), 4),
                None,
                # how close the nearest asset claim was: `similarity`
                _unsupported_words(r.slot, what, p.related[0][0] if p.related else None),
                top,
            )
    return None


def _consistent(p: _Pair) -> Verdict:
    """No rule found drift: consistent with the claim whose value it restates, or its closest related one."""
    if p.supported:
        m = max(p.supported, key=lambda m: m.strength)
        return Verdict("consistent", 0.0, m.asset, "the asset states the same value", p.sim(m.asset))
    if p.related:
        return Verdict("consistent", 0.0, p.related[0][0], "consistent with the asset claim", p.related[0][1])
    return Verdict("unrelated", 0.0, None, "", p.top)


def _denial_rule(p: _Pair) -> Verdict | None:
    """ "We don't have a LedgerNest connection right now", "Roomwright isn't connected yet" against "Accounting
    sync with LedgerNest": the rep denies, in the clause that names it, an integration, product or feature an
    asset claim names without a negation. Only a name few claims use (an integration, not the seller's brand).
    Certain: the drift head reads such pairs as consistent (they share most of their words)."""
    cfg = p.cfg
    for clause in _CLAUSE_SPLIT.split(p.rep.text):
        denial = denies_capability(clause)
        if not denial:
            continue
        for name in sorted(name_words(clause)):
            word = re.compile(rf"\b{re.escape(name)}\b")
            holders = [a for a in p.index.claims if word.search(a.text)]
            affirmed = [a for a in holders if not _NEGATED.search(a.text)]
            if not affirmed or len(holders) > cfg.denial_max_claims:
                continue
            if not any(_denies(clause, m, denial, cfg.denial_window) for m in word.finditer(clause)):
                continue
            a = max(affirmed, key=p.sim)
            return Verdict(
                "contradiction",
                _scaled(cfg.flip_score, max(p.sim(a), cfg.weaken_sim)),
                a,
                f'The rep said "{quoted(clause.strip())}"; {a.file} says "{quoted(a.text)}".',
                p.sim(a),
                certain=True,
            )
    return None


def _denies(clause: str, name: re.Match, denial: re.Match, window: int) -> bool:
    """The denial is of the name: its object after an active denial ("we don't have a LedgerNest connection",
    "there's no Xero sync"), or its subject right before a passive one ("Roomwright isn't connected yet"); not
    a plan that lacks something ("Essentials doesn't have it") or a word farther off ("paid through Ladlehouse,
    those aren't covered")."""
    if denial.start() <= name.start() < denial.end():
        return True  # "there's no Xero sync"
    if _PASSIVE.search(denial.group(0)):
        return name.end() <= denial.start() and not clause[name.end() : denial.start()].strip()
    return 0 <= name.start() - denial.end() <= window


_PASSIVE = re.compile(r"(?:ed|live|available|up)$", re.I)
_CLAUSE_SPLIT = re.compile(r"[.;:!?,]")  # a denial and the name it denies sit between two commas
_NEGATED = re.compile(r"\b(?:not|no|never|without)\b|n't\b", re.I)


# The rule chain, in order: each takes the pair and returns a drift verdict or None.
RULES = (
    _polarity_rule,
    _flip_rule,
    _denial_rule,
    _conditional_value_rule,
    _value_rule,
    _qualifier_rule,
    _narrowed_rule,
    _unsupported_rule,
)


def _clause_of(text: str, q: Quantity) -> str:
    """What a value's total cue may sit in: anything before it ("so eleven machines comes to, let me see,
    seven sixty-two"), and its own clause after it ("that's only if you go annual" after "it's six hundred,
    and we waive it" says nothing about the six hundred)."""
    ends = [i for i in (text.find(c, q.end) for c in ",;:") if i >= 0]
    return text[: min(ends, default=len(text))]


_TOTAL = re.compile(
    r"\b(comes? to|that's|that is|you're at|you'd be at|you're looking at|works? out|in total|total|all[- ]in|"
    r"altogether|for all|for the (?:whole|two|three|four|five)|so at|each|times)\b",
    re.I,
)
# "within fifteen business days": a time the rep promises, not a cap on what the asset gives
_DEADLINE = re.compile(r"(?:within|in\s+under|inside(?:\s+of)?|under|by)\b", re.I)
_WEAK_CONDITION = re.compile(r"^(?:if|when|once|after|before)\b", re.I)


_GENERALISED = re.compile(
    r"\b(most|typical|typically|usually|on average|average|generally|often|in many cases|up to|can|could|may)\b",
    re.I,
)


_UNDERCUT = re.compile(
    r"bank|count|rely|goal|target|guideline|aim|ballpark|estimate|promise|contractual|guaranteed|binding|quote|"
    r"best|top",
    re.I,
)
_UNIVERSAL = re.compile(r"\b(every|all|always|any|unlimited|24/7|guaranteed|no matter)\b", re.I)


def is_strong(q, asset_text: str = "") -> bool:
    """Strong qualifiers shrink a promise by themselves; weak ones often only narrate a scenario.

    A hedge that undercuts the promise ("I wouldn't bank on it") is strong; so is any condition put on a
    promise the asset makes for everyone ("every clinic", "always", "24/7").
    """
    if q.kind == "hedge":
        return bool(_UNDERCUT.search(q.text))
    if _UNIVERSAL.search(asset_text):
        return True
    if q.kind == "restriction" and not re.search(
        r"\b(only|just|except|excluding|not|limited|pro-?rated)\b", q.text, re.I
    ):
        return False  # "you'd be on our Crew plan" places the prospect; "on Crew only" restricts
    if q.kind == "condition" and _threshold(q.text):
        return True  # "once you're past 25,000 shipments a month": an eligibility bar, not a scenario
    return not (q.kind == "condition" and _WEAK_CONDITION.match(q.text.strip()))


def _threshold(text: str) -> bool:
    """A condition that sets a bar in numbers: a volume, a size, a spend or a share ("if you have more than
    10 vehicles", "once you hit 500 orders"); or a wait counted from the start ("after the first three years").
    A narrated scenario's length ("if he's out for two hours") is not one."""
    for v in extract_quantities(text):
        if v.kind in ("count", "money", "percent"):
            return True
        if v.kind == "duration" and _FIRST.search(text[: v.start]):
            return True
    return False


_FIRST = re.compile(r"\b(?:first|initial|past|over|more\s+than|at\s+least|beyond)\s+(?:\w+\s+)?$", re.I)


_PREDICATE = re.compile(
    r"\b(?:(?P<neg>not|n't|never|no longer)\s+(?:be\s+|been\s+)?)?(?P<pred>included|covered|required|available|"
    r"supported|guaranteed|extra|charged|billed|refundable|transferable)\b",
    re.I,
)


def predicate_flip(asset_text: str, rep_text: str) -> tuple[str, str] | None:
    """An offer predicate ("included", "covered", ...) negated on one side and asserted on the other."""

    def states(text: str) -> dict[str, tuple[bool, str]]:
        out: dict[str, tuple[bool, str]] = {}
        for m in _PREDICATE.finditer(text):
            out.setdefault(m.group("pred").lower(), (m.group("neg") is None, m.group(0)))
        return out

    a, r = states(asset_text), states(rep_text)
    for pred in a.keys() & r.keys():
        if a[pred][0] != r[pred][0]:
            return a[pred][1], r[pred][1]
    return None


_ONLY_PLAN = re.compile(
    r"\b(?:\w+\s+(?:plan|tier)s?\s+only|only\s+(?:on|in|with)\s+(?:the\s+)?\w+(?:\s+(?:plan|tier))?)\b", re.I
)
_EVERY_PLAN = re.compile(
    r"\b(?:every|all|any|each)\s+(?:of\s+(?:the|our)\s+)?(?:plans?|tiers?|editions?|packages?)\b", re.I
)


def scope_flip(asset_text: str, rep_text: str) -> tuple[str, str] | None:
    """The asset limits something to one plan; the rep puts it on every plan."""
    a, r = _ONLY_PLAN.search(asset_text), _EVERY_PLAN.search(rep_text)
    return (a.group(0), r.group(0)) if a and r else None


# A rep conceding something extra to close: a new offer even when it names a number the assets use.
_CONCESSION = re.compile(
    r"\b(I (?:can|could|'ll|will) (?:\w+ )?(?:knock|take|give|offer|throw|waive|do|get you|extend|match|comp)|"
    r"let me (?:knock|take|throw|waive|give)|on top of (?:that|the)|an extra \w+ (?:off|free))\b",
    re.I,
)


# an offer said as an extra to what came before: "we also do catered breakfast", "the brewer also does cold brew"
_ALSO = re.compile(r"\b(?:we|it|they|(?:the|our)\s+\w+)\s+(?:can\s+|will\s+)?also\s+\w+", re.I)
# ... one that gives something away needs no value to be concrete: "I can waive your first month of fees"
_WAIVER = re.compile(
    r"\b(?:I|we)(?: can|'ll| will|'d| could)? (?:\w+ )?(?:waive|comp|throw in|knock off)\b", re.I
)


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z0-9]+(?:[- ][A-Z0-9][a-zA-Z0-9]*)*)")
_COMMON_CAPS = {
    "i",
    "i'm",
    "i'll",
    "i'd",
    "i've",
    "ok",
    "okay",
    "yes",
    "no",
    *CALENDAR_WORDS,
    "eastern",
    "pacific",
    "central",
    "mountain",
    "us",
    "usa",
    "america",
    "american",
    "english",
    "spanish",
    "canada",
    "uk",
    "europe",
    "christmas",
    "google",
    "excel",
    "microsoft",
    "apple",
    "android",
    "ios",
    "iphone",
    "zoom",
}


# A new name matters when it is offered as an integration, a certification or a partner.
_NAME_CUE = re.compile(
    r"\b(integrat\w*|connectors?|connects?|sync\w*|certif\w*|complian\w*|accredit\w*|audit\w*|partner\w*|plug-?ins?|"
    r"apps?|into|native|built[- ]in|API|posts?|pulls?|pushes|feeds?)\b",
    re.I,
)


def _names(text: str) -> list[str]:
    """Capitalised names inside a sentence (not its first word): products, integrations, certifications."""
    return [m.group(1) for m in _NAME.finditer(text) if m.start() > 0]
