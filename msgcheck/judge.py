"""The judge: decides whether an aligned rep claim contradicts, weakens, is unsupported by, or is
consistent with the campaign's asset claims.

Embeddings place "30-day trial" and "14-day trial" side by side, so similarity only decides *which*
asset claims a rep sentence is about; the decision itself rests on structure: unit-normalised values,
polarity of offer terms, and conditions or hedges the rep added. Values are checked against the whole
campaign too, so another plan's price that the assets list is not drift.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .qualifiers import added_qualifiers
from .types import Alignment, Claim, Quantity, Verdict
from .values import compare_quantities

# Slots where a claim with no asset counterpart is a concrete product or offer claim.
CONCRETE_SLOTS = {
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
}


@dataclass
class JudgeConfig:
    related: float = 0.45  # cosine at which a rep claim is about an asset claim
    same_slot_related: float = 0.30  # ... or this much when both share a slot
    weaken_sim: float = 0.50  # cosine needed to call an added condition a weakening of that claim
    unsupported_max_sim: float = 0.42  # below this to every asset claim, a concrete claim is unsupported


@dataclass
class AssetIndex:
    """The campaign's asset claims, indexed for campaign-wide value and term look-ups."""

    claims: list[Claim]
    terms: dict[str, list[tuple[Claim, bool]]] = field(default_factory=dict)

    @classmethod
    def build(cls, claims: list[Claim]) -> AssetIndex:
        terms: dict[str, list[tuple[Claim, bool]]] = defaultdict(list)
        for c in claims:
            for term, value in c.polarity.items():
                terms[term].append((c, value))
        return cls(claims=claims, terms=dict(terms))

    def value_stated(self, q: Quantity, slot: str | None) -> Claim | None:
        """An asset claim anywhere in the campaign stating the same value (same slot when known)."""
        for c in self.claims:
            if slot and c.slot and c.slot != slot:
                continue
            for aq in c.quantities:
                if compare_quantities(q, aq) == "same":
                    return c
        return None


def _describe(q: Quantity) -> str:
    return q.text.strip() or f"{q.value:g} {q.unit}"


class RuleJudge:
    """Structured rules over the nearest asset claims. Swappable for a trained judge."""

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

    def judge(self, al: Alignment, index: AssetIndex) -> Verdict:
        r = al.rep
        related = self._related(al)
        sim_of = {id(a): s for a, s in al.candidates}
        best = al.candidates[0] if al.candidates else None

        # 1. Polarity of offer terms: "no setup fee" vs "a small setup fee".
        for term, value in r.polarity.items():
            stated = index.terms.get(term, [])
            agree = [c for c, v in stated if v == value]
            disagree = [c for c, v in stated if v != value and sim_of.get(id(c), 0.0) >= self.config.same_slot_related]
            if disagree and not agree:
                a = max(disagree, key=lambda c: sim_of.get(id(c), 0.0))
                said = "yes" if value else "no"
                asset_said = "no" if value else "yes"
                return Verdict(
                    "contradiction",
                    0.8,
                    a,
                    f"rep: {term.replace('_', ' ')} {said}; asset: {term.replace('_', ' ')} {asset_said}",
                    sim_of.get(id(a), 0.0),
                )

        # 2. Values, unit-aware, against the related claims, then the whole campaign.
        unmatched: list[Quantity] = []
        for q in r.quantities:
            same = [(a, aq) for a, _ in related for aq in a.quantities if compare_quantities(q, aq) == "same"]
            if same:
                continue
            different = [
                (a, aq, s) for a, s in related for aq in a.quantities if compare_quantities(q, aq) == "different"
            ]
            if index.value_stated(q, r.slot) is not None:
                continue  # another plan's price, another tier's limit: the assets say it too
            if different:
                a, aq, s = max(different, key=lambda t: t[2])
                return Verdict("contradiction", min(0.95, 0.6 + 0.5 * s), a, f"rep: {_describe(q)}; asset: {_describe(aq)}", s)
            unmatched.append(q)

        # 3. Conditions and hedges that shrink a claim the rep otherwise keeps.
        for a, s in related:
            if s < self.config.weaken_sim and not any(
                compare_quantities(q, aq) == "same" for q in r.quantities for aq in a.quantities
            ):
                continue
            added = added_qualifiers(a.text, r.text)
            if added:
                quals = ", ".join(f'"{q.text}"' for q in added)
                return Verdict("weakened", min(0.9, 0.45 + 0.5 * s), a, f"rep adds {quals} to: {a.text}", s)

        # 4. A concrete claim no asset makes.
        top = best[1] if best else 0.0
        new_terms = [t for t, v in r.polarity.items() if v and t not in index.terms]
        concrete = bool(unmatched or new_terms) or (r.slot in CONCRETE_SLOTS and r.slot is not None)
        if concrete and top < self.config.unsupported_max_sim and (unmatched or new_terms or not related):
            what = ", ".join([_describe(q) for q in unmatched] + [t.replace("_", " ") for t in new_terms])
            detail = f" ({what})" if what else ""
            return Verdict(
                "unsupported",
                min(0.9, 0.5 + (self.config.unsupported_max_sim - top)),
                None,
                f"no asset makes this {r.slot or 'offer'} claim{detail}; closest asset similarity {top:.2f}",
                top,
            )
        if related:
            return Verdict("consistent", 0.0, related[0][0], "consistent with the asset claim", related[0][1])
        return Verdict("unrelated", 0.0, None, "", top)
