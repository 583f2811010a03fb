"""Durations in days (weeks, months, business days) and what is not one (meeting slots, frequencies)."""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _BOUND_PRE, _BTW, _RANGE_SEP, _bound, _matches, _post_bound
from .numbers import _ART, _ONES_RE, _TENS_RE, NUM, _num, parse_number
from .units import _DUR_UNIT_RE, _DUR_UNITS, _PLURAL_BEFORE

_DURATION = re.compile(
    rf"(?:{_BOUND_PRE})?{_BTW}(?P<num>{NUM}|{_ART})(?:{_RANGE_SEP}(?P<num2>{NUM}))?"
    rf"[\s-]+(?:(?:full|whole|entire)\s+)?(?:(?P<unit>{_DUR_UNIT_RE})\b(?![-–]to[-–]\w)(?P<half>\s+and\s+a\s+half)?)",
    re.I,
)
_DUR_FREQ_BEFORE = re.compile(
    r"(?:\b(?:once|twice|thrice|times|every|each|per|other|days?|hours?|hrs?|minutes?|mins?|weeks?|months?)|\d+\s*x)"
    r"\s*$|"
    r"\b(?:last|past|previous|recent|over\s+the\s+last|over\s+the\s+past)\s+$",
    re.I,
)
_DUR_AFTER_SKIP = re.compile(
    r"[\s-]*(?:ago|old|from\s+now|back|earlier|later|into\s+(?:the|our)\b)|"
    r"[\s-]*(?:call|meeting|chat|sync|demo|conversation|break|catch[- ]up|walkthrough|slot|drive|flight|"
    r"commute|presentation|check[- ]in|intro)\b|"
    r"\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b|"  # a rate: "5 days a week", "2 hours a day"
    r"\s+(?:today|tomorrow|left|this\s+(?:morning|afternoon|week)|on\s+(?:the|my|your)\s+calendar)\b",
    re.I,
)
_NUMBER_BEFORE = re.compile(
    rf"(?:\d|\b(?:{_ONES_RE}|{_TENS_RE}|hundred|thousand|million|grand|dozen|twice|once)|\dk)\s*$", re.I
)
_HAVE_TIME = re.compile(
    r"\b(?:I've|I\s+have|I\s+only\s+have|we've|we\s+have|I've\s+only|got|give\s+me|gimme|need|takes?\s+me)\s+(?:got\s+)?"
    r"(?:about|like|maybe|only|just|roughly|around)?\s*$",
    re.I,
)
_SCHEDULE_VERBS = re.compile(
    r"\b(?:follow\s+up|reconnect|circle\s+back|touch\s+base|check\s+in|talk\s+again|speak\s+again|catch\s+up|"
    r"call\s+you|meet\s+again|ping\s+you|get\s+back\s+to\s+you|hop\s+on|regroup|been\s+around|"
    r"in\s+business|founded|down\s+for|booked|scheduled|blocked(?:\s+off)?|hop\s+on\s+for)\b[^.;!?]{0,25}$",
    re.I,
)


_SPECIAL_DURATION = re.compile(
    rf"(?:{_BOUND_PRE})?(?:(?P<q>(?:a\s+)?quarter\s+of\s+an\s+hour)|"
    r"(?:for\s+|runs?\s+|lasts?\s+)?(?P<qtr>(?:a\s+full|one|a\s+whole|a)\s+quarter)(?!\s+of\b)(?=\s*(?:[,.;!?]|$|then|and|before|after|at|to))|"
    r"(?P<hr1>within\s+the\s+hour)|(?P<nbd>next\s+(?:business|working)\s+day)|(?P<nd>next[- ]day)|"
    r"(?P<hh>half\s+an\s+hour|a\s+half[- ]hour)|(?P<hd>half\s+a\s+day|a\s+half[- ]day)|"
    r"(?P<h15>an?\s+hour\s+and\s+a\s+half))\b",
    re.I,
)
_SPECIAL_DAYS = {
    "nbd": 7 / 5,
    "q": 15 / 1440,
    "hh": 30 / 1440,
    "hd": 0.5,
    "h15": 1.5 / 24,
    "qtr": 365 / 4,
    "hr1": 1 / 24,
    "nd": 1.0,
}


# business and working days are their own unit: counted in calendar days (x 7/5) so they can be compared,
# but only loosely with calendar days (compare.py): "10 business days" is 12 to 16 days, not exactly 14
_BUSINESS_DAYS = frozenset(u for u, days in _DUR_UNITS.items() if days == 7 / 5)


def _durations(text: str) -> list[Quantity]:
    out = []
    for m in _SPECIAL_DURATION.finditer(text):
        key = next(k for k in _SPECIAL_DAYS if m.group(k))
        bound = _bound(m)
        out.append(
            Quantity(
                "duration",
                _SPECIAL_DAYS[key],
                "business_day" if key == "nbd" else "day",
                bound=bound,  # type: ignore[arg-type]
                text=m.group(0),
                start=m.start(),
                end=m.end(),
            )
        )
    for m in _matches(_DURATION, text):
        raw, unit = m.group("num"), re.sub(r"\s+", " ", m.group("unit").lower())
        article = raw.lower() in ("a", "an")
        bound = _bound(m)
        if article and (
            _NUMBER_BEFORE.search(text, max(0, m.start() - 20), m.start())
            or _PLURAL_BEFORE.search(text, max(0, m.start() - 30), m.start())
        ):
            continue  # "we release one a month", "two Saturdays a month"
        if unit.startswith(("min", "hour", "hr", "sec")) and _HAVE_TIME.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue  # "I've got about twenty minutes"
        if article and unit.startswith(("min", "hour", "hr", "sec")) and bound == "exact":
            continue  # "give me a minute", "about an hour", "one sec"
        if unit.startswith(("min", "sec")) and raw.lower() == "one" and bound == "exact":
            continue
        num_start = m.start("num")
        before = text[max(0, num_start - 40) : num_start]
        if _DUR_FREQ_BEFORE.search(before) or _DUR_AFTER_SKIP.match(text, m.end()):
            continue
        if _SCHEDULE_VERBS.search(text, max(0, m.start() - 40), m.start()):
            continue
        value = 1.0 if article else parse_number(raw)
        if value is None:
            continue
        factor = _DUR_UNITS[unit]
        if m.group("half"):
            value += 0.5
        high = _num(m.group("num2"))
        bound, end = _post_bound(text, m.end(), bound)
        out.append(
            Quantity(
                "duration",
                value * factor,
                "business_day" if unit in _BUSINESS_DAYS else "day",
                bound=bound,  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                high=None if high is None else high * factor,
            )
        )
    return out
