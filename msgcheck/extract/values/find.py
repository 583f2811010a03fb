"""All values in a sentence: each finder's matches, overlaps resolved."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from ...types import Quantity
from .attribute import attribute_of
from .cadence import frequencies, schedules
from .counts import _counts, _storage
from .durations import _durations
from .hours import _hours
from .money import _money
from .numbers import _ONES_RE, _TENS_RE
from .percent import _multipliers, _percent, shares
from .units import _DUR_UNIT_RE, _WEIGHT_UNIT_RE
from .weights import weights

_GATE_NUM = re.compile(rf"\d|\b(?:{_ONES_RE}|{_TENS_RE}|hundred|thousand|million|dozen|couple)\b", re.I)
_FINDERS = (
    (_hours, None),
    (shares, re.compile(r"\b(?:half|thirds?|quarters?|fifths?|tenths?|split)\b", re.I)),
    (weights, re.compile(rf"\b(?:{_WEIGHT_UNIT_RE})\b", re.I)),
    (_money, re.compile(r"[$€£¢]|\b(?:grand|bucks?|dollars?)\b", re.I)),
    (_percent, re.compile(r"\b(?:half|quarters?)\b", re.I)),
    (
        frequencies,
        re.compile(
            r"\b(?:every|each|once|twice|thrice|daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|yearly|annually)\b",
            re.I,
        ),
    ),
    (
        schedules,
        re.compile(
            r"\b(?:mon|tue|wed|thu|fri|sat|sun)|week\s*(?:days?|nights?|ends?)|every\s+day|seven\s+days", re.I
        ),
    ),
    (_multipliers, re.compile(r"\b(?:double|doubl|triple|tripl|twice|thrice|quadrupl)", re.I)),
    (_storage, re.compile(r"\b(?:unlimited|gig|gigs|gigabit|terabytes?|megs?)\b", re.I)),
    (
        _counts,
        re.compile(r"\b(?:unlimited|limitless|infinite|no\s+(?:limits?|caps?)|as\s+many|cap|limit)\b", re.I),
    ),
    (
        _durations,
        re.compile(
            rf"\ban?\s+(?:(?:full|whole|entire)\s+)?(?:{_DUR_UNIT_RE}|quarter|half|hour)\b|\bhalf\b|\bnext[- ]"
            r"(?:business\s+|working\s+)?day\b|\bwithin\s+the\s+hour\b",
            re.I,
        ),
    ),
)


def extract_quantities(text: str) -> list[Quantity]:
    """Every value in `text`, normalised (see the module docstring), in order of appearance.

    Bare numbers with no unit (dates, years, phone numbers, versions, ordinals, times of day) are
    not quantities. Offsets index `text` as given. Remembered by text (a claim's values are read when
    it is annotated, again by the judge's evidence, and an asset claim's for every call); a new list
    each time, of frozen Quantity values.
    """
    return list(_quantities(text))


@functools.lru_cache(maxsize=16384)
def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(_find_quantities(text))


def _find_quantities(text: str) -> list[Quantity]:
    if not text or not re.search(r"\d|[a-z]", text, re.I):
        return []
    has_num = bool(_GATE_NUM.search(text))
    taken: list[Quantity] = []
    for finder, gate in _FINDERS:
        if not has_num and gate is not None and not gate.search(text):
            continue  # cheap: most sentences hold no number at all
        for q in finder(text):
            if any(q.start < t.end and t.start < q.end for t in taken):
                continue
            taken.append(q)
    if any(q.kind == "hours" and q.period for q in taken):
        taken = [
            q for q in taken if q.kind != "schedule"
        ]  # the days are part of the hours: "9 to 5, weekdays"
    return sorted((replace(q, attribute=attribute_of(text, q)) for q in taken), key=lambda q: q.start)
