"""Counts of things (users, locations), sizes (GB), and rates of counts per month."""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _BOUND_PRE, _BTW, _RANGE_SEP, _bound, _matches, _post_bound
from .money import _rate
from .numbers import _DIGITNUM, _WORDNUM, _num, parse_number
from .units import _COUNT_NOUN_RE, _COUNT_NOUNS, _STORAGE_UNIT_RE, _STORAGE_UNITS

_STORAGE = re.compile(
    rf"(?:{_BOUND_PRE})?(?P<num>{_DIGITNUM}|{_WORDNUM})\s?(?P<unit>{_STORAGE_UNIT_RE})\b"
    r"(?:\s+of\s+(?:file\s+|cloud\s+|data\s+)?(?:storage|data|space))?"
    r"|\b(?P<unl>unlimited)\s+(?:file\s+|cloud\s+|data\s+)?storage\b",
    re.I,
)
_ADJ = (
    r"additional|extra|free|native|pre-?built|built-in|out-of-the-box|ready-made|active|paid|full|concurrent|"
    r"named|standard|premium|custom|unique|new|included|monthly|admin|user|team|email|marketing|sales|support|"
    r"separate|different|live|connected|third-party|core|key|popular|major|private|public|shared|guest|"
    r"read-only|two-way|one-click|deep|certified|external|internal|total|outbound|inbound|automated|"
    r"personalized|ai|simultaneous|billable|power|light|full-access|happy|enterprise|b2b|saas|field|office|"
    r"[a-z]+(?:-[a-z]+)+"
)
_COUNT = re.compile(
    rf"(?:{_BOUND_PRE})?{_BTW}(?P<num>{_DIGITNUM}|{_WORDNUM})(?:{_RANGE_SEP}(?P<num2>{_DIGITNUM}|{_WORDNUM}))?"
    rf"(?P<plus>\+)?[\s-]+(?:(?:{_ADJ})[\s-]+){{0,2}}(?P<noun>{_COUNT_NOUN_RE})\b"
    rf"|\b(?:an\s+)?(?:unlimited|limitless|infinite)(?:\s+number\s+of)?\s+(?:(?:{_ADJ})[\s-]+){{0,2}}"
    rf"(?P<unoun>{_COUNT_NOUN_RE})\b"
    rf"|\bno\s+(?:limits?|caps?)\s+on\s+(?:the\s+number\s+of\s+|how\s+many\s+)?(?:(?:{_ADJ})[\s-]+){{0,2}}"
    rf"(?P<nnoun>{_COUNT_NOUN_RE})\b"
    rf"|\b(?:don't|do\s+not|doesn't|does\s+not|never|won't)\s+(?:cap|limit|restrict)\s+(?:the\s+number\s+of\s+|how\s+many\s+)?"
    rf"(?:(?:{_ADJ})[\s-]+){{0,2}}(?P<dnoun>{_COUNT_NOUN_RE})\b"
    rf"|\bas\s+many\s+(?:(?:{_ADJ})[\s-]+){{0,2}}(?P<anoun>{_COUNT_NOUN_RE})\s+as\s+you\s+(?:want|need|like)\b",
    re.I,
)
_COUNT_BEFORE_SKIP = re.compile(
    r"\b(?:version|v|release|windows|ios|android|iphone|gen|series|model|chapter|step|page|level|tier|top)\s*$",
    re.I,
)


def _storage(text: str) -> list[Quantity]:
    out = []
    for m in _STORAGE.finditer(text):
        if m.group("unl"):
            out.append(Quantity("count", None, "gb", text=m.group(0), start=m.start(), end=m.end()))
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit, factor0 = _STORAGE_UNITS[re.sub(r"\s+", " ", m.group("unit").lower())]
        value *= factor0
        bound, end = _post_bound(text, m.end(), _bound(m))
        factor, period, per, end = _rate(text, end)
        out.append(
            Quantity(
                "count",
                value * factor,
                unit,
                period,
                per,
                bound,  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
            )
        )
    return out


def _counts(text: str) -> list[Quantity]:
    out = []
    for m in _matches(_COUNT, text):
        noun = m.group("noun") or m.group("unoun") or m.group("nnoun") or m.group("anoun") or m.group("dnoun")
        lemma = _COUNT_NOUNS[re.sub(r"\s+", " ", noun.lower())]
        if m.group("num") is None:
            out.append(Quantity("count", None, lemma, text=m.group(0), start=m.start(), end=m.end()))
            continue
        num_start = m.start("num")
        if _COUNT_BEFORE_SKIP.search(text[max(0, num_start - 12) : num_start]):
            continue
        if re.match(r"\s*of\b", text[m.end("num") :]):
            continue
        if m.group("num").lower() == "one" and re.search(
            r"\b(?:the|that|this|which|no|any|every|each)\s+$", text[max(0, num_start - 8) : num_start], re.I
        ):
            continue  # "the one integration we don't have"
        value = parse_number(m.group("num"))
        if value is None:
            continue
        bound = "min" if m.group("plus") else _bound(m)
        bound, end = _post_bound(text, m.end(), bound)
        high = _num(m.group("num2"))
        factor, period, per, end = _rate(text, end)
        out.append(
            Quantity(
                "count",
                value * factor,
                lemma,
                period,
                per,
                bound,  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                high=None if high is None else high * factor,
            )
        )
    return out
