"""Counts of things (users, locations), sizes (GB), and rates of counts per month."""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _BOUND_PRE, _BTW, _RANGE_SEP, _bound, _matches, _post_bound
from .money import _rate
from .numbers import _DIGITNUM, _WORDNUM, _num, parse_number
from .units import _COUNT_NOUN_RE, _COUNT_NOUNS, _STORAGE_UNIT_RE, _STORAGE_UNITS

_STORAGE = re.compile(
    rf"(?:{_BOUND_PRE})?(?P<num>{_DIGITNUM}|{_WORDNUM}|half\s+an?|an?)\s?(?P<unit>{_STORAGE_UNIT_RE})\b"
    r"(?:\s+of\s+(?:file\s+|cloud\s+|data\s+)?(?:storage|data|space))?"
    r"|\b(?P<unl>unlimited)\s+(?:file\s+|cloud\s+|data\s+)?storage\b",
    re.I,
)
_ADJ = (
    r"additional|extra|free|native|static|dedicated|pre-?built|built-in|out-of-the-box|ready-made|active|paid|full|concurrent|"
    r"named|standard|premium|custom|unique|new|included|monthly|admin|user|team|email|marketing|sales|support|"
    r"separate|different|live|connected|third-party|core|key|popular|major|private|public|shared|guest|"
    r"read-only|two-way|one-click|deep|certified|external|internal|total|outbound|inbound|automated|"
    r"personalized|ai|simultaneous|billable|power|light|full-access|happy|enterprise|b2b|saas|field|office|"
    r"dental|medical|routine|annual|yearly|preventive|professional|deep|private|group|one-on-one|weekly|"
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
    r"\b(?:version|v|release|windows|ios|android|iphone|gen|series|model|chapter|step|page|level|tier|top)\s*$|"
    r"\b[A-Z][A-Za-z]*-$",  # a model name: "the GP-1 reports in"
    re.I,
)


# internet speed said as a size: "five hundred meg down", "a hundred meg line", "two gig symmetrical"
_SPEED_CONTEXT = re.compile(
    r"\b(?:download|downloads|upload|uploads|speeds?|lines?|bundles?|internet|fib(?:er|re)|connection|lte|5g|wired|"
    r"symmetrical|broadband|wi-?fi|bandwidth|circuit|tops?\s+out|tier)\b",
    re.I,
)
_SIZE_CONTEXT = re.compile(
    r"\b(?:files?|attachments?|photos?|storage|mailbox(?:es)?|backups?|archive|documents?|data\s+a\s+month|hotspot|"
    r"slows?\s+down)\b",
    re.I,
)
_STRONG_SPEED = re.compile(r"\b(?:lte|5g|fib(?:er|re)|symmetrical|broadband|mbps)\b", re.I)
_GIG_SPEEDS = re.compile(r"\b(?:gig|gigabit)[\s-]+(?:speeds?|internet|fib(?:er|re))\b", re.I)
_BARE_SPEED = re.compile(rf"(?:{_BOUND_PRE})?(?P<num>{_DIGITNUM}|{_WORDNUM})\s+(?:down|up)(?:load)?\b", re.I)


def _storage(text: str) -> list[Quantity]:
    out = []
    speed_talk = bool(_STRONG_SPEED.search(text)) or (
        bool(_SPEED_CONTEXT.search(text)) and not _SIZE_CONTEXT.search(text)
    )
    for m in _GIG_SPEEDS.finditer(text):
        out.append(Quantity("count", 1000.0, "mbps", text=m.group(0), start=m.start(), end=m.end()))
    for m in _BARE_SPEED.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None and value >= 5 and not any(q.start < m.end() and m.start() < q.end for q in out):
            out.append(Quantity("count", value, "mbps", text=m.group(0), start=m.start(), end=m.end()))
    for m in _STORAGE.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in out):
            continue
        if m.group("unl"):
            out.append(Quantity("count", None, "gb", text=m.group(0), start=m.start(), end=m.end()))
            continue
        raw = m.group("num")
        low = raw.lower()
        value = 0.5 if low.startswith("half") else 1.0 if low in ("a", "an") else parse_number(raw)
        if value is None:
            continue
        word = re.sub(r"\s+", " ", m.group("unit").lower())
        unit, factor0 = _STORAGE_UNITS[word]
        said_down = bool(re.match(r"\s+(?:down|up)(?:load)?\b", text[m.end() :], re.I))
        if (speed_talk or said_down) and word in ("meg", "megs", "gig", "gigs", "mb", "gb"):
            unit, factor0 = "mbps", factor0 * 1000  # "a hundred meg line": megabits per second
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
        if value is None or re.fullmatch(r"(?:19|20)\d\d", m.group("num").strip()):
            continue  # "our 2024 survey": a year, not a count
        if re.search(r"\bfortune\s+$", text[max(0, num_start - 10) : num_start], re.I):
            continue  # "a Fortune 500 company"
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
