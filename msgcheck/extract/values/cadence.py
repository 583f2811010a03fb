"""How often and on which days: frequencies ("every other week", "twice a month", "quarterly") and
schedules ("Tuesday and Thursday nights", "weeknights", "Monday through Friday").

A frequency's ``value`` is times per week (``unit`` "per_week"): "every other week" 0.5, "twice a month"
2 * 12 / 52, "daily" 7. A schedule's ``unit`` is the days it covers, "mon,tue,..." in week order, with
``value`` None; two schedules are the same when their day sets are.
"""

from __future__ import annotations

import re

from ...types import Quantity
from ..daynames import DAY_KEYS
from .numbers import NUM, parse_number

__all__ = ["frequencies", "schedules"]

PER_WEEK = {
    "day": 7.0,
    "night": 7.0,
    "week": 1.0,
    "fortnight": 0.5,
    "month": 12 / 52,
    "quarter": 4 / 52,
    "year": 1 / 52,
    "hour": 7 * 24.0,
    "minute": 7 * 24 * 60.0,
    "second": 7 * 24 * 3600.0,
}
_UNIT = r"(?:day|night|week|fortnight|month|quarter|year|hour|minute|second)"
_TIMES = rf"(?P<times>once|twice|thrice|(?P<n>{NUM})\s+times)"
_FREQ = re.compile(
    rf"\b(?:every\s+(?P<other>other|second)\s+(?P<u1>{_UNIT})s?"
    rf"|every\s+(?P<every_n>{NUM})\s+(?P<u2>{_UNIT})s?"
    rf"|(?:every|each)\s+(?P<single>{_UNIT})\b(?!\s+(?:except|but)\b)"
    rf"|{_TIMES}\s+(?:a|an|per|each|every)\s+(?P<u3>{_UNIT})"
    r"|(?P<adv>daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|yearly|annually))\b",
    re.I,
)
_ADV = {
    "daily": 7.0,
    "nightly": 7.0,
    "weekly": 1.0,
    "biweekly": 0.5,
    "bi-weekly": 0.5,
    "fortnightly": 0.5,
    "monthly": 12 / 52,
    "bimonthly": 6 / 52,
    "bi-monthly": 6 / 52,
    "quarterly": 4 / 52,
    "yearly": 1 / 52,
    "annually": 1 / 52,
}
# money or a trial said with the adverb is billing, not how often something happens
_BILLING_NEAR = re.compile(
    r"\b(?:bill\w*|paid|pay|charge\w*|priced?|plans?|subscription|renew\w*|contract|commit\w*)\s+$|"
    r"(?:month|year)[- ]to[- ](?:month|year)|\b(?:annual|annually|yearly|monthly)\s+(?:and|or)\s+$",
    re.I,
)


# "no monthly gateway fee", "a yearly maintenance charge": the adverb names what a charge is billed per,
# not how often something the offer does happens
_CHARGE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:fees?|charges?|costs?|minimums?|prices?|pricing|payments?|premiums?|dues|rates?|"
    r"subscriptions?|spend)\b",
    re.I,
)


_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z])")


def _title_case(text: str) -> bool:
    """A heading or an ad line ("Weekly Reports Included"), where a capital says nothing about a name."""
    words = [w for w in re.findall(r"[A-Za-z][\w']*", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


_MEETING_CADENCE = re.compile(
    r"\b(?:sync|meet|talk|chat|catch\s+up|touch\s+base|regroup|connect)\b[^.;!?]{0,30}$", re.I
)


def frequencies(text: str) -> list[Quantity]:
    out = []
    for m in _FREQ.finditer(text):
        gd = m.groupdict()
        if _MEETING_CADENCE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "we sync once a month": how often people meet, not what the offer does
        if gd["adv"]:
            if gd["adv"][0].isupper() and _NAME_AFTER.match(text, m.end()) and not _title_case(text):
                continue  # "Not quite, Daily Grind is ten a person": a plan's name, not how often
            adv = gd["adv"].lower()
            if _BILLING_NEAR.search(text[max(0, m.start() - 25) : m.start()]) or _CHARGE_AFTER.match(
                text, m.end()
            ):
                continue
            value = _ADV[adv]
        elif gd["other"]:
            value = PER_WEEK[gd["u1"].lower()] / 2
        elif gd["every_n"]:
            n = parse_number(gd["every_n"])
            if not n:
                continue
            value = PER_WEEK[gd["u2"].lower()] / n
        elif gd["single"]:
            value = PER_WEEK[gd["single"].lower()]
        else:
            word = gd["times"].lower()
            n = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(word) or parse_number(gd["n"] or "")
            if not n:
                continue
            value = n * PER_WEEK[gd["u3"].lower()]
        out.append(
            Quantity("frequency", round(value, 6), "per_week", text=m.group(0), start=m.start(), end=m.end())
        )
    return out


_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?)(?:s|'s)?(?:\s+(?:morning|afternoon|evening|night)s?)?"
)
_RANGE = re.compile(rf"\b(?P<a>{_DAY})\s*(?:through|thru|to|till|until|-|–)\s*(?P<b>{_DAY})\b", re.I)
_LIST = re.compile(rf"\b{_DAY}(?:\s*(?:,|and|&|or|\+)\s*(?:and\s+)?{_DAY})*\b", re.I)
_GROUPS = re.compile(
    r"\b(?P<wd>weekdays?|week\s*nights?|weeknights?)\b"
    r"|\b(?P<we>weekends?)\b"
    r"|\b(?P<all>seven\s+days\s+a\s+week|7\s+days\s+a\s+week|every\s+day(?!\s+except)|365\s+days)\b"
    r"|\bevery\s+day\s+(?:except|but)\s+(?P<ex>" + _DAY + r")",
    re.I,
)
# a meeting being set up, not a schedule the offer keeps
_MEETING = re.compile(
    r"\b(?:let's|let\s+us|how\s+about|does|would|could|can\s+you|are\s+you|works?\s+for\s+you|free|available|"
    r"meet|call|talk|chat|demo|follow[- ]up|next|this|last|on\s+the\s+calendar|book(?:ed)?|schedul\w+|see\s+you|"
    r"slot|appointment)\b",
    re.I,
)


_COUNTED = re.compile(rf"(?:{NUM}|\d)\s+$", re.I)


def _day(word: str) -> int:
    return DAY_KEYS.index(word.lower()[:3])


def _key(days: set[int]) -> str:
    return ",".join(DAY_KEYS[d] for d in sorted(days))


_CLOCK = re.compile(
    r"\b(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)[\s-](?:thirty|fifteen|forty[\s-]five|o'clock))\b",
    re.I,
)


def schedules(text: str) -> list[Quantity]:
    single_time = _CLOCK.search(text) and not re.search(
        r"\b(?:to|until|till)\b|\d\s*(?:[ap]\.?m\.?)?\s*[-–]\s*\d", text, re.I
    )
    if "?" in text or _MEETING.search(text) or (single_time and len(text.split()) < 8):
        return []  # a meeting being set ("three-thirty Thursday, done"), not a schedule the offer keeps
    out: list[Quantity] = []

    def add(days: set[int], m: re.Match) -> None:
        if any(q.start < m.end() and m.start() < q.end for q in out):
            return
        out.append(Quantity("schedule", None, _key(days), text=m.group(0), start=m.start(), end=m.end()))

    for m in _GROUPS.finditer(text):
        if m.group("wd") and _COUNTED.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "ten weekdays to print": a duration
        if m.group("wd"):
            add(set(range(5)), m)
        elif m.group("we"):
            add({5, 6}, m)
        elif m.group("all"):
            add(set(range(7)), m)
        else:
            add(set(range(7)) - {_day(m.group("ex"))}, m)
    for m in _RANGE.finditer(text):
        a, b = _day(m.group("a")), _day(m.group("b"))
        add({d % 7 for d in range(a, b + 1 if b >= a else b + 8)}, m)
    for m in _LIST.finditer(text):
        words = re.findall(_DAY, m.group(0), re.I)
        add({_day(w) for w in words}, m)
    return sorted(out, key=lambda q: q.start)
