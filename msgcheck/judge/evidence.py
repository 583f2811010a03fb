"""Structured evidence about one (premise, hypothesis) pair: the columns a pair head cannot get from
sentence vectors.

Embeddings see "two dogs" and "three dogs", or "a 30-day trial" and "a 14-day trial", as the same
sentence. These features carry what they miss: values compared unit-aware (msgcheck.values), offer terms
with flipped polarity, conditions and hedges the hypothesis adds, scope and predicate flips, new names,
and for near-identical sentences what the swapped words are (a number, an antonym, a synonym).
Pure functions, no models: cheap enough to run on every aligned pair.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable

import numpy as np

from ..extract.lexicon import are_antonyms, are_synonyms, base_forms
from ..extract.polarity import polarity_terms
from ..extract.qualifiers import added_qualifiers
from ..extract.values import compare_quantities, extract_quantities, parse_number
from .rules import is_strong, predicate_flip, scope_flip

EVIDENCE_FEATURES: tuple[str, ...] = (
    "edit_size",  # changed tokens between the two sentences, /10, capped at 1
    "swap_only",  # the sentences differ only by one or two replaced words
    "swap_number",  # a replaced word is a different number ("two" -> "three", "a" -> "two")
    "swap_number_same",  # ... the same number written another way ("two" -> "2")
    "swap_antonym",  # a replaced word is an antonym ("sitting" -> "standing")
    "swap_synonym",  # ... a synonym or another inflection ("big" -> "large")
    "swap_other",  # ... some other word (a different colour, country, drink)
    "number_conflict",  # the same counted thing with another number, anywhere in the sentences
    "antonym",  # the hypothesis uses the opposite of a premise word the hypothesis dropped
    "value_conflict",  # a value of the same kind and unit differs (unit-aware: $49/mo vs $588/yr agree)
    "value_same",  # a value agrees after unit normalisation
    "new_value",  # the hypothesis states a value the premise has nothing comparable to
    "term_flip",  # an offer term with opposite polarity ("no setup fee" vs "a setup fee")
    "predicate_flip",  # "included" vs "not included", or "Pro plan only" vs "every plan"
    "added_strong",  # the hypothesis adds a strong condition or restriction ("only if you prepay")
    "added_weak",  # ... or a weak one or a hedge ("usually", "if you ...")
    "new_name",  # a capitalised name the premise does not mention
)

_TOKEN = re.compile(r"[A-Za-z0-9$%]+(?:[.,'-][A-Za-z0-9]+)*")
_FUNCTION = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "and",
        "or",
        "with",
        "for",
        "from",
        "as",
        "it",
        "its",
        "this",
        "that",
        "there",
    ]
)
_ARTICLE_ONE = frozenset({"a", "an", "one", "single", "lone"})
_NAME = re.compile(r"(?<=\s)[A-Z][a-zA-Z0-9]+")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _number(tok: str, other: str) -> float | None:
    """A token's number; "a"/"an" counts as one only when swapped with a number."""
    if tok in _ARTICLE_ONE:
        return 1.0 if parse_number(other) is not None and other not in ("a", "an") else None
    if tok in ("half", "quarter"):
        return None
    return parse_number(tok)


def _swaps(tp: list[str], th: list[str]) -> tuple[list[tuple[str, str]], int, bool]:
    """Replaced word pairs, the number of changed tokens, and whether replacements are all there is."""
    sm = difflib.SequenceMatcher(a=tp, b=th, autojunk=False)
    swaps: list[tuple[str, str]] = []
    changed, only_replace = 0, True
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        changed += max(i2 - i1, j2 - j1)
        if op == "replace" and i2 - i1 == j2 - j1:
            swaps += list(zip(tp[i1:i2], th[j1:j2], strict=True))
        elif op == "replace" and (i2 - i1 <= 2 and j2 - j1 <= 2):
            swaps.append((" ".join(tp[i1:i2]), " ".join(th[j1:j2])))
        else:
            only_replace = False
    return swaps, changed, only_replace


def _counted(tokens: list[str]) -> dict[str, float]:
    """Numbers with the word they count: "two dogs" -> {"dog": 2}."""
    out: dict[str, float] = {}
    for i, t in enumerate(tokens[:-1]):
        if t in ("a", "an"):
            continue
        n = parse_number(t)
        if n is None:
            continue
        for base in base_forms(tokens[i + 1]):
            out.setdefault(base, n)
    return out


def _values(qp, qh) -> tuple[bool, bool, bool]:
    conflict = same = new = False
    for q in qh:
        outcomes = [compare_quantities(q, a) for a in qp]
        if "same" in outcomes:
            same = True
        elif "different" in outcomes:
            conflict = True
        else:
            new = True
    return conflict, same, new


def pair_evidence(
    premise: str,
    hypothesis: str,
    values: Callable[[str], list] = extract_quantities,
    terms: Callable[[str], dict] = polarity_terms,
) -> list[float]:
    """The `EVIDENCE_FEATURES` of one pair, in order, each 0..1. ``values`` and ``terms`` read a text's
    values and offer terms (``evidence_matrix`` passes memoised ones: an asset claim is the premise of many
    pairs)."""
    tp, th = _tokens(premise), _tokens(hypothesis)
    swaps, changed, only_replace = _swaps(tp, th)
    content_swaps = [(a, b) for a, b in swaps if not (a in _FUNCTION and b in _FUNCTION)]
    num_diff = num_same = ant = syn = other = False
    for a, b in content_swaps:
        na, nb = _number(a, b), _number(b, a)
        if na is not None and nb is not None:
            num_same |= na == nb
            num_diff |= na != nb
        elif are_antonyms(a, b):
            ant = True
        elif are_synonyms(a, b):
            syn = True
        else:
            other = True
    cp, ch = _counted(tp), _counted(th)
    number_conflict = any(ch[k] != v for k, v in cp.items() if k in ch)
    sp, sh = set(tp), set(th)
    dropped, added = sp - sh, sh - sp
    antonym = any(are_antonyms(a, b) for a in dropped for b in added if a.isalpha() and b.isalpha())
    conflict, same, new = _values(values(premise), values(hypothesis))
    pp, ph = terms(premise), terms(hypothesis)
    term_flip = any(k in pp and pp[k] != v for k, v in ph.items())
    flip = bool(predicate_flip(premise, hypothesis) or scope_flip(premise, hypothesis))
    quals = added_qualifiers(premise, hypothesis)
    strong = any(is_strong(q, premise) for q in quals)
    weak = bool(quals) and not strong
    prem_lower = premise.lower()
    new_name = any(m.group(0).lower() not in prem_lower for m in _NAME.finditer(hypothesis))
    small = only_replace and 0 < len(content_swaps) <= 2
    return [
        min(1.0, changed / 10.0),
        float(small),
        float(small and num_diff),
        float(small and num_same and not num_diff),
        float(small and ant),
        float(small and syn and not (ant or num_diff or other)),
        float(small and other and not (ant or num_diff)),
        float(number_conflict),
        float(antonym),
        float(conflict),
        float(same),
        float(new),
        float(term_flip),
        float(flip),
        float(strong),
        float(weak),
        float(new_name),
    ]


def evidence_matrix(premises: list[str], hypotheses: list[str]) -> np.ndarray:
    """`pair_evidence` for many pairs, float32, one row a pair."""
    values, terms = functools.cache(extract_quantities), functools.cache(polarity_terms)
    rows = [pair_evidence(p, h, values, terms) for p, h in zip(premises, hypotheses, strict=True)]
    return np.array(rows, dtype=np.float32).reshape(len(rows), len(EVIDENCE_FEATURES))
