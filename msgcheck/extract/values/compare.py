"""Unit-aware comparison of two normalised values: same, different, or incomparable."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from ...types import Quantity
from .attribute import comparable_attributes
from .hours import _TZ_OFFSET, _window
from .units import _HEAD_CLASS

Comparison = Literal["same", "different", "incomparable"]


# --------------------------------------------------------------------------------------------
# Comparison

_TOLERANCE = {"money": 0.005, "duration": 0.03}
BUSINESS_DAY_SLACK = 2.0  # calendar days either way: the weekends a run of business days may start or end on


def same_value(a: float | None, b: float | None, rel: float = 0.03) -> bool:
    """True when two canonical numbers agree within `rel` (relative): 360 days == 365 days."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b)) + 1e-9


def _values(a: Quantity, b: Quantity, rel: float) -> Comparison:
    if a.value is None or b.value is None:
        return "same" if a.value is None and b.value is None else "different"
    if {a.bound, b.bound} == {"max", "min"}:
        return "different"
    lo_a, hi_a = a.value, a.high if a.high is not None else a.value
    lo_b, hi_b = b.value, b.high if b.high is not None else b.value
    if same_value(lo_a, lo_b, rel) and same_value(hi_a, hi_b, rel):
        return "same"
    # the first value (the rep's) said exactly, within the other's bound: "three to six days" keeps "within
    # 10 business days", "$29 a month" keeps "from $15"; two bounds of one kind must agree
    if a.bound == "exact":
        a_hi = a.high if a.high is not None else a.value
        if b.bound == "max" and a_hi <= b.value * (1 + rel):
            return "same"
        if b.bound == "min" and a.value >= b.value * (1 - rel):
            return "same"
    # a single value inside the other's range is compatible with it
    if a.high is None and b.high is not None and lo_b * (1 - rel) <= lo_a <= hi_b * (1 + rel):
        return "same"
    if b.high is None and a.high is not None and lo_a * (1 - rel) <= lo_b <= hi_a * (1 + rel):
        return "same"
    return "different"


def _compare_hours(a: Quantity, b: Quantity) -> Comparison:
    ka, _, tza = a.unit.partition(" ")
    kb, _, tzb = b.unit.partition(" ")
    if tza and tzb and tza != tzb:
        wa, wb = _window(ka), _window(kb)
        if "local" in (tza, tzb):  # "your time": depends on where the prospect is
            return "incomparable" if wa and wb and wa[1] - wa[0] == wb[1] - wb[0] else "different"
        if wa and wb and tza in _TZ_OFFSET and tzb in _TZ_OFFSET:  # 9-5 ET == 6-2 PT
            shift = _TZ_OFFSET[tza] - _TZ_OFFSET[tzb]
            same = (wa[0] - shift) % 24 == wb[0] % 24 and (wa[1] - shift) % 24 == wb[1] % 24
            if not same or (a.period and b.period and a.period != b.period):
                return "different"
            return "same"
        if not (ka.startswith("24/") and kb.startswith("24/")):
            return "different"
    if a.period and b.period and a.period != b.period and not (ka.startswith("24/") or kb.startswith("24/")):
        return "different"
    if ka == kb:
        return "same"
    if "business" in (ka, kb):
        other = kb if ka == "business" else ka
        w = _window(other)
        if w and 7 <= w[0] <= 10 and 16 <= w[1] <= 19:
            return "same"
        return "different"
    return "different"


def compare_quantities(a: Quantity, b: Quantity) -> Comparison:
    """Whether two values say the same thing, a different thing, or cannot be compared.

    Symmetric. "incomparable": different kinds, currencies, or counted nouns (users vs integrations).
    Other terms (period, head, billing): the same amount on other terms is "different" ("$49/month"
    vs "$49 one-time", "$49/mo billed annually" vs "$49 month-to-month"); another amount on other
    terms is "incomparable" (another line of the price list: "$500 setup fee" vs "$49/month"). A
    term stated on one side only is not held against the other, but a price with no head that is
    at least twice a per-head price is "incomparable" (a total: "40 techs, $1,800 a month").
    Bounds: "up to 25" vs "25" is "same"; "unlimited" vs a number is "different". A value inside
    the other's range ("two weeks" vs "2-3 weeks") is "same" (compatible). Tolerance: money 0.5%,
    durations 3% (12 months == 1 year), rates, storage and weights 3%, percentages and counts exact.
    """
    if {a.kind, b.kind} == {"count", "frequency"}:
        a, b = (_as_frequency(a) or a), (_as_frequency(b) or b)  # "two cleanings a year" is "twice a year"
    if a.kind != b.kind or not comparable_attributes(a.attribute, b.attribute):
        return "incomparable"  # only like with like: a share is not a price, a deductible not a copay
    kind = a.kind
    if kind == "hours":
        return _compare_hours(a, b)
    if kind == "schedule":
        # the first value is the rep's: "Saturdays" within the asset's "weekends" is part of it, not another
        # schedule; a day the asset does not name ("seven days a week" against "Monday to Friday") is
        return "same" if set(a.unit.split(",")) <= set(b.unit.split(",")) else "different"
    if kind == "frequency":
        return _values(a, b, 0.03)
    if kind in ("money", "count") and (a.alt is not None or b.alt is not None):
        # a price said in two parts has two readings; the one that fits the other side is meant
        readings = [
            (x, y) for x in (a, _as_alt(a)) for y in (b, _as_alt(b)) if x is not None and y is not None
        ]
        outcomes = {_compare_plain(x, y) for x, y in readings}
        for outcome in ("same", "different", "incomparable"):
            if outcome in outcomes:
                return outcome  # type: ignore[return-value]
    return _compare_plain(a, b)


_EVENTS = frozenset(
    {
        "visit",
        "cleaning",
        "checkup",
        "session",
        "class",
        "lesson",
        "delivery",
        "pickup",
        "treatment",
        "consult",
    }
)


def _as_frequency(q: Quantity) -> Quantity | None:
    """A count per month of events ("two cleanings a year") as a frequency (times per week)."""
    if q.kind != "count" or q.period != "month" or q.value is None or q.unit not in _EVENTS:
        return None
    return replace(q, kind="frequency", value=q.value * 12 / 52, unit="per_week", attribute="frequency")


def _as_alt(q: Quantity) -> Quantity | None:
    return None if q.alt is None else replace(q, value=q.alt, high=None, alt=None)


def _compare_plain(a: Quantity, b: Quantity) -> Comparison:
    kind = a.kind
    if kind == "count" and _HEAD_CLASS.get(a.unit, a.unit) != _HEAD_CLASS.get(b.unit, b.unit):
        return "incomparable"
    rel = _TOLERANCE.get(kind, 0.0)
    if kind == "count" and (a.period or b.period or a.unit in ("gb", "kg")):
        rel = 0.03  # rates converted to per month, 1 TB vs 1024 GB, 120 lb vs 55 kg
    if kind == "money" and a.unit and b.unit and a.unit != b.unit:
        return "incomparable"
    other_terms = bool(
        (a.per and b.per and _HEAD_CLASS.get(a.per, a.per) != _HEAD_CLASS.get(b.per, b.per))
        or (kind == "money" and a.period and b.period and a.period != b.period)
        or (kind == "money" and a.billing and b.billing and a.billing != b.billing)
    )
    if other_terms:
        # the same amount on other terms is drift ("$49 one-time" vs "$49/month"); another amount on
        # other terms is another line of the price list ("$500 setup" vs "$49/month")
        return "different" if _values(a, b, rel) == "same" else "incomparable"
    if kind == "money" and bool(a.per) != bool(b.per) and a.value and b.value:
        unit_price, other = (a, b) if a.per else (b, a)
        if other.value >= 2 * unit_price.value:  # type: ignore[operator]
            return "incomparable"  # a total ("forty techs, that's $1,800 a month") vs a unit price
    if kind == "duration" and {a.unit, b.unit} == {"day", "business_day"}:
        return _business_vs_calendar(a, b, rel)
    return _values(a, b, rel)


def _business_vs_calendar(a: Quantity, b: Quantity, rel: float) -> Comparison:
    """Business days against calendar days: the same when the calendar span can hold that many working
    days, give or take the weekends at either end ("10 business days" is 12 to 16 days)."""
    slack = BUSINESS_DAY_SLACK
    wide = [
        replace(q, value=q.value - slack, high=(q.high if q.high is not None else q.value) + slack)
        if q.unit == "business_day" and q.value is not None and q.bound == "exact"
        else q
        for q in (a, b)
    ]
    return _values(wide[0], wide[1], rel)
