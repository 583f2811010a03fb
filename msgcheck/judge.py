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

from .qualifiers import added_qualifiers
from .types import Alignment, Claim, Quantity, Verdict
from .values import compare_quantities


@dataclass
class JudgeConfig:
    related: float = 0.45  # cosine at which a rep claim is about an asset claim
    same_slot_related: float = 0.30  # ... or this much when both share a slot
    attribute_sim: float = 0.55  # sentences this close talk about the same attribute
    context_sim: float = 0.25  # with a shared context word, this close is enough
    weaken_sim: float = 0.45  # cosine needed to call an added condition a weakening of that claim
    weak_qualifier_sim: float = 0.65  # ... and for a weak one (bare "if you", a hedge)
    unsupported_max_sim: float = 0.45  # below this to every asset claim, a concrete claim is unsupported


_STOP = set(
    """a an the and or but of to for in on at by with from per as is are was were be been it its it's this that
    these those you your you're we our us they their i me my he she them there here so just very really
    up down out about over under into onto than then now also too any all each every no not only get gets
    got give gives have has had do does did will would can could should may might must one some more most
    less least much many what which who how when where why if once whether plus month months monthly year
    years yearly annual annually week weeks day days hour hours minute minutes time times percent dollar
    dollars bucks usd plan plans right yeah okay um uh like thing things kind sort lot""".split()
)
_WORD = re.compile(r"[a-z][a-z'-]+")


def _stem(w: str) -> str:
    w = w.strip("'-")
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


_NUMBER_WORDS = set(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    half quarter dozen couple""".split()
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
    def build(cls, claims: list[Claim]) -> AssetIndex:
        terms: dict[str, list[tuple[Claim, bool]]] = defaultdict(list)
        for c in claims:
            for term, value in c.polarity.items():
                terms[term].append((c, value))
        contexts = {id(c): [context_words(c.text, q) for q in c.quantities] for c in claims}
        vocab = {w.lower() for c in claims for w in _WORD.findall(c.text.lower())}
        return cls(claims=claims, terms=dict(terms), contexts=contexts, vocab=vocab)


def _describe(q: Quantity) -> str:
    return q.text.strip() or f"{q.value:g} {q.unit}"


def _same_footing(rep: Quantity, asset: Quantity, sim: float) -> bool:
    """Whether two comparable values can contradict at all.

    A total ("that comes to $2,425 a month") is not a per-head price ("$119 per workstation"); the
    prospect's own head count ("we have six stores") is not a limit ("unlimited locations") unless the rep
    states it as one ("up to five locations").
    """
    if rep.kind == "money" and (rep.per is None) != (asset.per is None):
        return False
    if rep.kind == "count":
        if asset.value is None or asset.bound != "exact":
            return rep.bound != "exact" or rep.value is None
        return sim >= 0.5
    return True


@dataclass
class _ValueMatch:
    asset: Claim
    quantity: Quantity
    outcome: str  # "same" | "different"
    strength: float


class RuleJudge:
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

    def value_matches(self, r: Claim, q: Quantity, sims: dict[int, float], index: AssetIndex) -> list[_ValueMatch]:
        """Asset values describing the same attribute as the rep's value q."""
        cfg = self.config
        ctx = context_words(r.text, q)
        out = []
        for a in index.claims:
            s = sims.get(id(a), 0.0)
            if s < cfg.context_sim:
                continue
            for aq, actx in zip(a.quantities, index.contexts[id(a)], strict=True):
                outcome = compare_quantities(q, aq)
                if outcome == "incomparable" or not _same_footing(q, aq, s):
                    continue
                shared = len(ctx & actx)
                same_attr = (
                    shared >= 1
                    or s >= cfg.attribute_sim
                    or (r.slot is not None and r.slot == a.slot and s >= cfg.same_slot_related + 0.1)
                )
                if same_attr:
                    out.append(_ValueMatch(a, aq, outcome, s + 0.15 * min(shared, 3)))
        return out

    def judge(self, al: Alignment, index: AssetIndex) -> Verdict:
        cfg = self.config
        r = al.rep
        related = self._related(al)
        sims = {id(a): s for a, s in al.candidates}
        top = al.candidates[0][1] if al.candidates else 0.0

        # 1. Polarity of offer terms: "no setup fee" vs "a small setup fee".
        for term, value in r.polarity.items():
            stated = index.terms.get(term, [])
            agree = [c for c, v in stated if v == value]
            disagree = [c for c, v in stated if v != value and sims.get(id(c), 0.0) >= cfg.same_slot_related]
            if disagree and not agree:
                a = max(disagree, key=lambda c: sims.get(id(c), 0.0))
                name = term.replace("_", " ")
                return Verdict(
                    "contradiction",
                    0.8,
                    a,
                    f"rep: {name} {'yes' if value else 'no'}; asset: {name} {'no' if value else 'yes'}",
                    sims.get(id(a), 0.0),
                )

        # 1b. "Panel cleaning is not included" vs "cleaning's included": a predicate flipped on the same thing.
        for a, s in related:
            flip = predicate_flip(a.text, r.text)
            if flip and s >= cfg.weaken_sim:
                return Verdict("contradiction", min(0.9, 0.5 + 0.5 * s), a, f"rep: {flip[1]}; asset: {flip[0]}", s)

        # 2. Values, unit-aware, against asset values of the same attribute anywhere in the campaign.
        unmatched: list[Quantity] = []
        supported: list[_ValueMatch] = []
        for q in r.quantities:
            if q.kind == "money" and q.per is None and _TOTAL.search(r.text):
                continue  # the rep doing the arithmetic for the prospect: a total, not a price
            matches = self.value_matches(r, q, sims, index)
            same = [m for m in matches if m.outcome == "same"]
            if same:
                supported.append(max(same, key=lambda m: m.strength))
                continue
            different = [m for m in matches if m.outcome == "different"]
            if different:
                m = max(different, key=lambda m: m.strength)
                return Verdict(
                    "contradiction",
                    min(0.95, 0.55 + 0.5 * min(m.strength, 0.8)),
                    m.asset,
                    f"rep: {_describe(q)}; asset: {_describe(m.quantity)}",
                    sims.get(id(m.asset), 0.0),
                )
            unmatched.append(q)

        # 3. Conditions and hedges that shrink a claim the rep otherwise keeps. A strong qualifier ("only if",
        # "as long as", "through a CSV export", "on the Pro plan only") needs the rep to be restating the
        # claim; a weak one (a bare "if you ...", "usually") needs the rep to be restating it closely, since
        # reps narrate scenarios ("if he's under a house it still works offline") all the time.
        anchors = [(m.asset, sims.get(id(m.asset), 0.0)) for m in supported]
        anchors += [(a, s) for a, s in related]
        seen: set[int] = set()
        for a, s in sorted(anchors, key=lambda t: -t[1]):
            if id(a) in seen or s < cfg.weaken_sim:
                continue
            seen.add(id(a))
            added = added_qualifiers(a.text, r.text)
            if added and related:
                # the asset may state the condition in a neighbouring claim
                context = " ".join(c.text for c, _ in related[:3])
                added = [q for q in added if q in added_qualifiers(context, r.text)]
            added = [q for q in added if is_strong(q) or s >= cfg.weak_qualifier_sim]
            if added:
                quals = ", ".join(f'"{q.text}"' for q in added)
                return Verdict("weakened", min(0.9, 0.4 + 0.5 * s), a, f"rep adds {quals} to: {a.text}", s)

        # 4. A concrete claim no asset makes.
        if top < cfg.unsupported_max_sim or (unmatched and not supported and not related):
            new_terms = [t for t, v in r.polarity.items() if v and t not in index.terms]
            offer_values = [q for q in unmatched if q.kind in ("money", "percent")]
            what = [_describe(q) for q in unmatched] + [t.replace("_", " ") for t in new_terms]
            if offer_values or new_terms or _asserts_offer(r.text):
                detail = f" ({', '.join(what)})" if what else ""
                return Verdict(
                    "unsupported",
                    round(min(0.9, 0.5 + (cfg.unsupported_max_sim - top)), 4),
                    None,
                    f"no asset makes this {r.slot or 'offer'} claim{detail}; closest asset similarity {top:.2f}",
                    top,
                )
        if supported:
            m = max(supported, key=lambda m: m.strength)
            return Verdict("consistent", 0.0, m.asset, "the asset states the same value", sims.get(id(m.asset), 0.0))
        if related:
            return Verdict("consistent", 0.0, related[0][0], "consistent with the asset claim", related[0][1])
        return Verdict("unrelated", 0.0, None, "", top)


_TOTAL = re.compile(
    r"\b(comes? to|that's|that is|you're at|you'd be at|you're looking at|works? out|in total|total|all[- ]in|"
    r"altogether|for all|for the (?:whole|two|three|four|five)|so at|each|times)\b",
    re.I,
)
_WEAK_CONDITION = re.compile(r"^(?:if|when|once|after|before)\b", re.I)


def is_strong(q) -> bool:
    """Strong qualifiers shrink a promise by themselves; weak ones often only narrate a scenario."""
    if q.kind == "hedge":
        return False
    return not (q.kind == "condition" and _WEAK_CONDITION.match(q.text.strip()))


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


# A rep asserting what the product or offer does, as opposed to chatting, asking or opining.
_OFFER_ASSERTION = re.compile(
    r"\b(we(?:'ll| will)? (?:also )?(?:offer|include|provide|support|integrate|guarantee|cover|match|give|throw in|"
    r"waive|refund|credit|front|handle|price|bill|charge|calculate|sync|post|connect|monitor|back up|encrypt|"
    r"host|migrate|train|replace|install|clean|wash|service|maintain)|"
    r"we(?:'re| are) (?:\w+ )?(?:certified|compliant|audited|accredited|approved|partnered|licensed|insured)|"
    r"we(?:'ve)? (?:got|have) (?:a |an )?(?:native|built-in|dedicated|direct|full|free|24/7)|"
    r"(?:it|that|the \w+|this) (?:also )?(?:includes|comes with|supports|integrates|syncs|connects|covers|handles|"
    r"calculates|posts)|"
    r"(?:is|are) (?:also )?(?:included|covered|free|guaranteed|unlimited|native)|"
    r"you(?:'ll)? (?:also )?(?:get|receive|have access)|I can (?:knock|take|give|offer|throw|waive|do)|"
    r"at no (?:extra )?(?:charge|cost))\b",
    re.I,
)


def _asserts_offer(text: str) -> bool:
    return bool(_OFFER_ASSERTION.search(text))
