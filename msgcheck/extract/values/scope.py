"""What a value is of, beyond its attribute: the plan it belongs to, and whether it is a worked example.

Attribute-aware comparison (attribute.py) says a seat count is not a price. Two more things decide whether
two values of one attribute may be compared: the item they belong to ("five hundred meg with five lines,
one gig with ten lines": the five lines are the 500 Mbps bundle's, not the gig bundle's), and whether both
are numbers in a worked example ("if 40 of your 150 people sign up, you pay for 40"), which illustrate a
term rather than state one.
"""

from __future__ import annotations

import re

from ...types import Quantity

__all__ = ["different_items", "worked_example"]

# an example's premise: "if sixty of your hundred and twenty sign up", "say you have forty techs"
_PREMISE = re.compile(
    r"\b(?:if|say|suppose|imagine|for\s+example|for\s+instance|let's\s+say)\b[^.;!?]{0,60}?"
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred)\b",
    re.I,
)
# ... worked out as a bill: "you pay for 40", "you're not paying for 310 people", "you're billed for"
_BILL = re.compile(r"\b(?:pay|paying|paid|billed|charged|owe)\b", re.I)


def worked_example(text: str) -> bool:
    """The sentence works a number through for a made-up or the prospect's own case."""
    return bool(_PREMISE.search(text) and _BILL.search(text))


def _item(q: Quantity, quantities: list[Quantity]) -> Quantity | None:
    """The plan a value belongs to, where plans are told apart by their speed: the nearest speed said
    before it in the sentence, else the nearest after."""
    speeds = [x for x in quantities if x.kind == "count" and x.unit == "mbps" and x is not q]
    if not speeds or (q.kind == "count" and q.unit == "mbps"):
        return None
    before = [x for x in speeds if x.end <= q.start]
    if before:
        return max(before, key=lambda x: x.end)
    return min(speeds, key=lambda x: x.start)


def different_items(
    rep: Quantity, rep_values: list[Quantity], asset: Quantity, asset_values: list[Quantity]
) -> bool:
    """Both values name the plan they belong to, and the plans differ (500 Mbps vs 1 Gig)."""
    a, b = _item(rep, rep_values), _item(asset, asset_values)
    return a is not None and b is not None and a.value != b.value
