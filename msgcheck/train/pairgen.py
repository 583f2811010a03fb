"""Generated training pairs, FactCC-style: take a true statement, edit it, and know the label of the edit.

Two sources, both allowed for training (see ../shared/data/README.md and corpora/WRITING.md):

- `swap_pairs`: premises of the NLI training sets (CAD-SNLI train, SNLI dev) with one word swapped: a
  number for another number (contradiction) or the same number written differently (entailment), a word
  for a listed antonym (contradiction) or synonym (entailment). Breaking NLI was built the same way from
  SNLI *train*; it is never read here, and its figures measure how far this lexicon and head generalise.
- `claim_pairs`: msgcheck's own asset claims (corpora/demo and corpora/dev/tune only; the frozen test
  half is never read) edited the way reps drift: a value swapped (with or without a unit change), an
  offer term negated, a scope narrowed, a condition or hedge added; and rewritten without changing the
  meaning ("14-day" -> "two weeks", "$49/month billed annually" -> "$588 a year") as consistent.

Every pair carries an NLI label and a drift label (consistent | contradiction | weakened).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from ..eval.gold import is_frozen
from ..extract.claims import ClaimExtractor
from ..extract.lexicon import ANTONYMS, SYNONYMS
from ..extract.values import parse_number
from ..ingest import load_assets
from ..types import Claim, Quantity

_DRIFT_TO_NLI = {"consistent": "entailment", "contradiction": "contradiction", "weakened": "neutral"}
_WORD = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)?")
_NUM_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
]


@dataclass(frozen=True)
class GenPair:
    premise: str
    hypothesis: str
    label: str  # NLI: entailment | neutral | contradiction
    drift: str  # consistent | contradiction | weakened
    how: str  # which edit made it


def _pair(p: str, h: str, drift: str, how: str, nli: str | None = None) -> GenPair:
    return GenPair(p, h, nli or _DRIFT_TO_NLI[drift], drift, how)


def _number_text(value: float, rng: random.Random) -> str:
    if value == int(value) and 1 <= value <= 12 and rng.random() < 0.6:
        return _NUM_WORDS[int(value) - 1]
    return f"{value:g}"


def _other_number(value: float, rng: random.Random) -> float:
    choices = [value + d for d in (-2, -1, 1, 2, 3) if value + d > 0] + [value * 2, max(1.0, value // 2)]
    choices = [c for c in choices if c != value]
    return float(rng.choice(choices))


# ---------------------------------------------------------------------------------------- NLI swaps
def swap_pairs(premises: list[str], seed: int = 0, per_kind: int = 1500) -> list[GenPair]:
    """One-word swaps of NLI training premises: numbers, antonyms, synonyms."""
    rng = random.Random(seed)
    out: dict[str, list[GenPair]] = {"number": [], "number_same": [], "antonym": [], "synonym": []}
    order = list(dict.fromkeys(premises))
    rng.shuffle(order)
    for p in order:
        toks = list(_WORD.finditer(p))
        rng.shuffle(toks)
        for m in toks:
            w = m.group(0)
            lw = w.lower()
            n = parse_number(lw) if lw not in ("a", "an", "half") else None

            def put(new: str, kind: str, nli: str, m=m, w=w, p=p) -> None:
                if len(out[kind]) < per_kind:
                    new = new.capitalize() if w[:1].isupper() else new
                    out[kind].append(_pair(p, p[: m.start()] + new + p[m.end() :], "consistent", kind, nli))

            if n is not None and n == int(n) and 0 < n <= 1000:
                if len(out["number"]) <= len(out["number_same"]) * 2:
                    put(_number_text(_other_number(n, rng), rng), "number", "contradiction")
                else:
                    put(
                        f"{n:g}" if lw.isalpha() else _number_text(n, random.Random(1)),
                        "number_same",
                        "entailment",
                    )
                break
            if lw in ANTONYMS and rng.random() < 0.5:
                put(rng.choice(sorted(ANTONYMS[lw])), "antonym", "contradiction")
                break
            if lw in SYNONYMS and rng.random() < 0.5:
                put(rng.choice(sorted(SYNONYMS[lw])), "synonym", "entailment")
                break
        if all(len(v) >= per_kind for v in out.values()):
            break
    pairs = [g for v in out.values() for g in v]
    for g in pairs:  # the swap decides NLI; drift labels are for claims, so mark these as NLI-only
        object.__setattr__(g, "drift", "")
    return pairs


# ------------------------------------------------------------------------------------- claim edits
_CONDITIONS = [
    ", but only if you sign a two-year agreement",
    " as long as you prepay for the year",
    ", though that's only on the annual plan",
    ", but only for the first three months",
    " once you're past the first ninety days",
    ", provided you book the onboarding package",
    ", but that's limited to your first location",
    " if you're on the Enterprise tier",
    ", but you'd have to go through a CSV export for that",
    ", assuming you commit to a minimum of ten seats",
    ", for new customers only",
    ", except on weekends and holidays",
]
_HEDGES = [
    ("", ", usually"),
    ("In most cases, ", ""),
    ("We aim for it, but ", ""),
    ("Typically ", ""),
    ("", ", more or less, I wouldn't bank on it"),
    ("It's more of a target, ", ""),
    ("Generally speaking, ", ""),
    ("", ", give or take, it's not guaranteed"),
]
_FILLERS = ["So basically, ", "Yeah, so ", "Right, and ", "The way it works is ", "Just so you know, ", ""]
_NEGATIONS = [
    (
        re.compile(
            r"\bno (setup|set-up|onboarding|activation|hidden|cancellation|long-term|annual|early)\b", re.I
        ),
        r"a \1",
    ),
    (re.compile(r"\bnever\b", re.I), "sometimes"),
    (re.compile(r"\b(is|are) included\b", re.I), r"\1 not included"),
    (re.compile(r"\bincluded\b", re.I), "billed separately"),
    (re.compile(r"\bfree\b", re.I), "paid"),
    (re.compile(r"\bno contract\b", re.I), "an annual contract"),
    (re.compile(r"\bcancel anytime\b", re.I), "cancel at renewal only"),
    (re.compile(r"\bunlimited\b", re.I), "limited"),
    (re.compile(r"\bwithout\b", re.I), "with"),
]
_SCOPE = [
    (re.compile(r"\bunlimited\b", re.I), lambda rng: f"up to {rng.choice([5, 10, 25, 50])}"),
    (re.compile(r"\b(every|all|any) (plans?|tiers?)\b", re.I), lambda rng: "the top plan only"),
    (re.compile(r"\b24/7\b"), lambda rng: "during business hours"),
    (re.compile(r"\banywhere\b", re.I), lambda rng: "within fifty miles"),
]


def _unit_rewrite(claim: Claim, q: Quantity, rng: random.Random) -> str | None:
    """The same value in other units or words: "14-day" -> "two-week", "$49/month" -> "$588 a year"."""
    v = q.value
    if v is None:
        return None
    if q.kind == "duration" and q.unit == "day":
        if v % 7 == 0 and v <= 84:
            w = int(v // 7)
            return f"{_NUM_WORDS[w - 1] if w <= 12 else w} weeks"
        return f"{_number_text(v, rng)} days"
    if q.kind == "duration" and q.unit == "month" and v in (12, 24, 36):
        return {12: "a year", 24: "two years", 36: "three years"}[int(v)]
    if q.kind == "money" and q.per is not None and "month" in str(q.per) and "annual" in claim.text.lower():
        return f"${v * 12:,.0f} a year"
    if q.kind == "percent" and v == int(v) and 1 <= v <= 12:
        return f"{_NUM_WORDS[int(v) - 1]} percent"
    if q.kind == "count" and v == int(v) and 1 <= v <= 12 and any(ch.isdigit() for ch in q.text):
        return q.text.replace(f"{int(v)}", _NUM_WORDS[int(v) - 1], 1)
    return None


def _value_swap(q: Quantity, rng: random.Random) -> str | None:
    """The same unit with another number: "14-day" -> "30-day", "$49" -> "$59", "2,500" -> "5,000"."""
    m = re.search(r"\d+(?:[.,]\d+)*", q.text)
    if m:
        raw = m.group(0).replace(",", "")
        try:
            v = float(raw)
        except ValueError:
            return None
        new = _other_number(v, rng) if v < 100 else round(v * rng.choice([0.5, 0.8, 1.25, 2.0]))
        txt = f"{new:,.0f}" if "," in m.group(0) or new >= 1000 else f"{new:g}"
        return q.text[: m.start()] + txt + q.text[m.end() :]
    for i, w in enumerate(_NUM_WORDS):
        rx = re.compile(rf"\b{w}\b", re.I)
        if rx.search(q.text):
            return rx.sub(_NUM_WORDS[(i + rng.choice([1, 2, 3])) % len(_NUM_WORDS)], q.text, count=1)
    return None


def _splice(text: str, q: Quantity, new: str) -> str:
    return text[: q.start] + new + text[q.end :]


def _with_filler(text: str, rng: random.Random) -> str:
    filler = rng.choice(_FILLERS)
    return filler + text[0].lower() + text[1:] if filler and text else text


def qualified(text: str, rng: random.Random, p_condition: float, strip: str = " .!;:") -> tuple[str, str]:
    """The text weakened, and how: a condition it did not state added (with probability ``p_condition``),
    else a hedge around it. ``strip``: the end punctuation dropped before the addition."""
    if rng.random() < p_condition:
        return text.rstrip(strip) + rng.choice(_CONDITIONS) + ".", "condition"
    pre, post = rng.choice(_HEDGES)
    body = text[0].lower() + text[1:] if pre and text else text
    return pre + body.rstrip(strip) + post + ".", "hedge"


def claim_pairs(claims: list[Claim], seed: int = 0, others: list[str] | None = None) -> list[GenPair]:
    """Drift edits and meaning-preserving rewrites of asset claims, a few per claim."""
    rng = random.Random(seed)
    out: list[GenPair] = []
    for c in claims:
        t = c.text.strip()
        if len(t.split()) < 3:
            continue
        out.append(_pair(t, _with_filler(t, rng), "consistent", "restate"))
        for q in c.quantities[:2]:
            if q.start is None or q.end is None or q.end > len(t):
                continue
            swapped = _value_swap(q, rng)
            if swapped and swapped != q.text:
                out.append(_pair(t, _with_filler(_splice(t, q, swapped), rng), "contradiction", "value_swap"))
            same = _unit_rewrite(c, q, rng)
            if same:
                out.append(_pair(t, _with_filler(_splice(t, q, same), rng), "consistent", "unit_rewrite"))
        for rx, rep in _NEGATIONS:
            if rx.search(t):
                out.append(_pair(t, rx.sub(rep, t, count=1), "contradiction", "negation"))
                break
        for rx, make in _SCOPE:
            if rx.search(t):
                out.append(_pair(t, rx.sub(make(rng), t, count=1), "weakened", "scope"))
                break
        weaker, how = qualified(t, rng, 0.7)
        out.append(_pair(t, weaker, "weakened", how))
        if others and rng.random() < 0.3:
            out.append(_pair(t, rng.choice(others), "consistent", "unrelated", nli="neutral"))
    return out


def corpus_claims(roots: list[Path]) -> dict[str, list[Claim]]:
    """Asset claims of every campaign under the given labelled sets, by campaign (never a frozen set: dev/test, dev/holdout*, journeys/frozen)."""

    extractor = ClaimExtractor()
    out: dict[str, list[Claim]] = {}
    for root in roots:
        if is_frozen(root):
            raise ValueError(
                f"{root}: the frozen test half, like every frozen set (holdout, frozen), is never used for training"
            )
        for camp in sorted(p for p in (Path(root) / "campaigns").iterdir() if p.is_dir()):
            out[camp.name] = extractor.asset_claims(load_assets([camp]))
    return out
