"""Weights: "up to 120 lb", "a hundred and twenty pounds", "55 kilos", "two tons", normalised to kilograms.

"Pounds" is a weight only where the sentence talks about weight (a dog, a parcel, a load) and not about
money; otherwise it stays sterling for the money finder, which runs after this one.
"""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _BOUND_PRE, _bound, _matches, _post_bound
from .numbers import _DIGITNUM, _WORDNUM, parse_number

__all__ = ["weights"]

_KG = {  # kilograms per unit as said
    "lb": 0.45359237,
    "lbs": 0.45359237,
    "pound": 0.45359237,
    "pounds": 0.45359237,
    "kg": 1.0,
    "kgs": 1.0,
    "kilo": 1.0,
    "kilos": 1.0,
    "kilogram": 1.0,
    "kilograms": 1.0,
    "oz": 0.028349523,
    "ounce": 0.028349523,
    "ounces": 0.028349523,
    "gram": 0.001,
    "grams": 0.001,
    "ton": 907.18474,  # a US short ton: the tool's writers sell in the US
    "tons": 907.18474,
    "tonne": 1000.0,
    "tonnes": 1000.0,
    "metric ton": 1000.0,
    "metric tons": 1000.0,
}
_UNIT_RE = "|".join(sorted((u.replace(" ", r"\s+") for u in _KG), key=len, reverse=True))
_WEIGHT = re.compile(
    rf"(?:{_BOUND_PRE})?(?P<num>{_DIGITNUM}|{_WORDNUM})(?:\s?|-)(?P<unit>{_UNIT_RE})\b(?!-)",
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
                round(value * _KG[word], 6),
                "kg",
                bound=bound,  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
            )
        )
    return out
