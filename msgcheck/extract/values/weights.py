"""Weights: "up to 120 lb", "a hundred and twenty pounds", "55 kilos", "two tons", normalised to kilograms.

"Pounds" is a weight only where the sentence talks about weight (a dog, a parcel, a load) and not about
money; otherwise it stays sterling for the money finder, which runs after this one.
"""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _BOUND_PRE, _bound, _matches, _post_bound
from .numbers import _DIGITNUM, _WORDNUM, parse_number
from .units import _WEIGHT_UNIT_RE, _WEIGHT_UNITS

__all__ = ["weights"]

_WEIGHT = re.compile(
    rf"(?:{_BOUND_PRE})?(?P<num>{_DIGITNUM}|{_WORDNUM})(?:\s?|-)(?P<unit>{_WEIGHT_UNIT_RE})\b(?!-)",
    re.I,
)
_WEIGHT_TALK = re.compile(
    r"\b(?:weigh\w*|heavy|heavier|light(?:er)?|dogs?|cats?|pets?|breeds?|puppy|puppies|loads?|lift\w*|"
    r"capacity|packages?|parcels?|boxes|pallets?|bags?|shipments?|freight|cargo|payload|haul\w*|carry|"
    r"lbs?|kg|kilos?)\b",
    re.I,
)
_MONEY_TALK = re.compile(
    r"[£$€]|\b(?:price\w*|cost\w*|fees?|pay\w*|charge\w*|quid|sterling|budget|a\s+month)\b", re.I
)
_AMBIGUOUS = {"pound", "pounds"}


def weights(text: str) -> list[Quantity]:
    """Weights in ``text`` (kind ``count``, unit ``kg``, bounds as said)."""
    out = []
    pounds_weigh = bool(_WEIGHT_TALK.search(text)) and not _MONEY_TALK.search(text)
    for m in _matches(_WEIGHT, text):
        word = re.sub(r"\s+", " ", m.group("unit").lower())
        if word in _AMBIGUOUS and not pounds_weigh:
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        bound, end = _post_bound(text, m.end(), _bound(m))
        out.append(
            Quantity(
                "count",
                round(value * _WEIGHT_UNITS[word], 6),
                "kg",
                bound=bound,  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
            )
        )
    return out
