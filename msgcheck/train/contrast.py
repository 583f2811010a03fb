"""Contrast edits of the pair corpus' own rows: the near-miss pairs the cross-encoder gets wrong.

The first pair judge called one-word changes paraphrases (Breaking NLI cardinals 20%, antonyms 4%), read
another term of the same offer as a contradiction ("Try it free for 30 days" / "It's forty-five a tech a
month": P(contradiction) 0.95), and let a long sentence's shared words outvote the one clause that drifts.
Each generator here makes pairs that differ from a written row in exactly that one way, with a label known
from the edit:

- ``number``: a consistent row with one number of the rep's sentence changed -> contradiction (value);
- ``digits``: the same number written the other way (words <-> digits) -> the row's own label;
- ``flip``: a consistent row with one polarity word flipped (included -> extra, we do -> we don't,
  never -> always) -> contradiction (polarity);
- ``hedge``: a consistent row with a condition or hedge added that the claim does not state -> weakened;
- ``other_term``: a rep sentence written for another claim of the same industry, read against this claim
  -> unrelated (other_attribute), when the two claims share no number and few content words;
- ``long``: a row's rep sentence joined to a sentence about another term -> the row's own label.

Only train rows are edited (the caller passes them); the edits are drawn afresh each epoch.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from ..extract.values import parse_number
from .pairdata import PairRow
from .pairgen import _other_number, qualified

__all__ = ["GENERATORS", "contrast_rows"]

_TOKEN = re.compile(r"\$?\d+(?:[.,]\d+)*|[A-Za-z]+")
_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    10: "ten", 11: "eleven", 12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 30: "thirty",
    40: "forty", 45: "forty-five", 50: "fifty", 60: "sixty", 90: "ninety", 100: "a hundred",
}  # fmt: skip
# Number words that are usually not a quantity in a rep's sentence ("the basic one", "a quick call").
_NOT_NUMBERS = {"one", "a", "an", "half"}
# Rep-side rows whose numbers belong to someone else or are corrected away: a changed number proves nothing.
_KEEP_SHAPES = {"competitor", "correction", "other_plan"}
_STOP = {
    *[
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "your",
        "you",
        "our",
        "we",
        "is",
        "are",
        "it",
        "its",
        "that",
        "this",
        "be",
        "as",
        "from",
    ],
    *["per", "all", "any", "no", "not", "can", "will", "up"],
}

_NEG = {"can": "can't", "do": "don't", "does": "doesn't", "will": "won't"}
_POS = {"can't": "can", "cannot": "can", "don't": "do", "doesn't": "does", "won't": "will", "isn't": "is",
        "aren't": "are"}  # fmt: skip

# (pattern, replacement): one polarity word or phrase turned to its opposite.
_FLIPS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\b(it's|that's|is|are|they're) included\b", re.I), r"\1 not included"),
    (re.compile(r"\bincluded\b", re.I), "an add-on"),
    (re.compile(r"\bno extra (charge|cost|fee)\b", re.I), r"an extra \1"),
    (re.compile(r"\bno (setup|set-up|onboarding|activation|cancellation|hidden|install|installation) fees?\b", re.I), r"a \1 fee"),
    (re.compile(r"\bno (contract|commitment|minimum|deposit|credit check)\b", re.I), r"a \1"),
    (re.compile(r"\bfree\b", re.I), "paid"),
    (re.compile(r"\bunlimited\b", re.I), "capped"),
    (re.compile(r"\bnever\b", re.I), "sometimes"),
    (re.compile(r"\balways\b", re.I), "not always"),
    (re.compile(r"\bevery (day|week|month|weekday|morning|night)\b", re.I), r"every other \1"),
    (re.compile(r"\bweekly\b", re.I), "monthly"),
    (re.compile(r"\bdaily\b", re.I), "weekly"),
    (re.compile(r"\bmonthly\b", re.I), "quarterly"),
    (re.compile(r"\bsame[- ]day\b", re.I), "next-week"),
    (re.compile(r"\bnext[- ]day\b", re.I), "within a week"),
    (re.compile(r"\b24/7\b"), "during business hours"),
    (re.compile(r"\baround the clock\b", re.I), "business hours only"),
    (re.compile(r"\bweekends\b", re.I), "weekdays"),
    (re.compile(r"\banytime\b", re.I), "only at renewal"),
    (re.compile(r"\bbefore\b", re.I), "after"),
    (re.compile(r"\bwithout\b", re.I), "with"),
    (re.compile(r"\b(we|you|it|they) (can|do|does|will)\b(?! not)", re.I), lambda m: f"{m[1]} {_NEG[m[2].lower()]}"),
    (re.compile(r"\b(we|you|it|they) (can't|cannot|don't|doesn't|won't)\b", re.I), lambda m: f"{m[1]} {_POS[m[2].lower()]}"),
    (re.compile(r"\b(there's|there is) no\b", re.I), r"\1 a"),
    (re.compile(r"\b(isn't|aren't)\b", re.I), lambda m: _POS[m[1].lower()]),
    (re.compile(r"\ball (of )?(your|our|the)\b", re.I), r"some of \2"),
]  # fmt: skip


def _flip(text: str, rng: random.Random) -> str | None:
    """The text with one polarity word flipped, or None when nothing flips."""
    hits = [(rx, rep) for rx, rep in _FLIPS if rx.search(text)]
    if not hits:
        return None
    rx, rep = rng.choice(hits)
    m = rx.search(text)
    assert m is not None
    new = rep(m) if callable(rep) else m.expand(rep)
    if m.group(0)[:1].isupper():
        new = new[:1].upper() + new[1:]
    return text[: m.start()] + new + text[m.end() :]


def _value(m: re.Match[str]) -> float | None:
    return parse_number(m.group(0).lower().lstrip("$"))


def _numbers(text: str) -> list[tuple[re.Match[str], float]]:
    """Numbers said on their own: not part of "forty-five", "two forty" or "nine ninety-nine"."""
    toks = list(_TOKEN.finditer(text))
    values = [_value(m) for m in toks]
    out = []
    for i, (m, v) in enumerate(zip(toks, values, strict=True)):
        if v is None or v <= 0 or m.group(0).lower() in _NOT_NUMBERS:
            continue
        joined = text[m.start() - 1 : m.start()] in "-.,:/" and m.start() > 0
        joined |= text[m.end() : m.end() + 1] in ("-", "/", ":")
        near = (i > 0 and values[i - 1] is not None) or (i + 1 < len(toks) and values[i + 1] is not None)
        if not joined and not near:
            out.append((m, v))
    return out


def _values(text: str) -> set[float]:
    return {v for m in _TOKEN.finditer(text) if (v := _value(m))}


def _swap_number(text: str, rng: random.Random, same: bool, claim: str = "") -> str | None:
    """One number changed (``same``: written the other way, the value kept), or None. With ``claim``,
    only a number the claim also states is changed, so the edit lands on the promised value."""
    nums = _numbers(text)
    if claim:
        stated = _values(claim)
        nums = [(m, v) for m, v in nums if v in stated]
    if not nums:
        return None
    m, v = rng.choice(nums)
    tok = m.group(0)
    dollar = "$" if tok.startswith("$") else ""
    if same:
        if tok.lstrip("$").isalpha() and v == int(v):
            new = f"{dollar}{int(v)}"
        elif v == int(v) and int(v) in _WORDS and not dollar:
            new = _WORDS[int(v)]
        else:
            return None
    else:
        nv = _other_number(v, rng) if v < 100 else round(v * rng.choice([0.5, 0.8, 1.25, 2.0]))
        if tok.lstrip("$").isalpha():
            new = _WORDS.get(int(nv), f"{nv:g}") if nv == int(nv) else f"{nv:g}"
        else:
            new = dollar + (f"{nv:,.0f}" if "," in tok else f"{nv:g}")
    if new.lower() == tok.lower():
        return None
    return text[: m.start()] + new + text[m.end() :]


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _STOP}


def _apart(a: str, b: str) -> bool:
    """Two claims about different terms: no number in common and few content words shared."""
    if _values(a) & _values(b):
        return False
    ca, cb = _content(a), _content(b)
    return len(ca & cb) / max(len(ca | cb), 1) < 0.2


def _hedged(row: PairRow, rng: random.Random) -> str | None:
    claim = row.claim.lower()
    if re.search(r"\b(if|only|unless|except|usually|typically|up to|most|some|when|once|as long)\b", claim):
        return None  # the claim states its own terms: an added one may be one of them
    return qualified(row.rep, rng, 0.6, strip=" .!?")[0]


def _join(first: str, second: str) -> str:
    first = first.rstrip(" .!?")
    second = second.strip()
    if second[:2] != "I " and not second[:2].isupper():
        second = second[:1].lower() + second[1:]
    return f"{first}, and {second}"


GENERATORS = ("number", "digits", "flip", "hedge", "other_term", "long")


def contrast_rows(rows: list[PairRow], rng: random.Random, rate: float = 1.0) -> list[PairRow]:
    """This epoch's contrast edits of ``rows`` (train rows only); ``rate`` scales how many of each kind."""
    by_industry: dict[str, list[PairRow]] = defaultdict(list)
    for r in rows:
        by_industry[r.industry].append(r)
    out: list[PairRow] = []

    def add(r: PairRow, rep: str | None, label: str, shape: str, how: str, **kw) -> None:
        if rep and rep != r.rep:
            out.append(replace(r, id=f"{r.id}~{how}", rep=rep, label=label, shape=shape, **kw))

    for r in rows:
        if r.label == "consistent" and r.shape not in _KEEP_SHAPES:
            if rng.random() < 0.8 * rate:
                add(r, _swap_number(r.rep, rng, False, r.claim), "contradiction", "value", "number")
            if rng.random() < 0.3 * rate:
                add(r, _flip(r.rep, rng), "contradiction", "polarity", "flip")
            if rng.random() < 0.2 * rate:
                add(r, _hedged(r, rng), "weakened", "hedge", "hedge")
        if rng.random() < 0.1 * rate:
            add(r, _swap_number(r.rep, rng, same=True), r.label, r.shape, "digits")
        others = [s for s in by_industry[r.industry] if s.claim != r.claim]
        if not others:
            continue
        if rng.random() < 0.1 * rate:
            s = rng.choice(others)
            if s.label != "unrelated" and _apart(r.claim, s.claim):
                add(r, s.rep, "unrelated", "other_attribute", "other_term", context=s.context)
        if rng.random() < 0.15 * rate:
            s = rng.choice(others)
            if s.label == "consistent" and _apart(r.claim, s.claim):
                first, second = (r.rep, s.rep) if rng.random() < 0.5 else (s.rep, r.rep)
                add(r, _join(first, second), r.label, r.shape, "long")
    return out
