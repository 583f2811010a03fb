"""What a value measures: its attribute ("price", "fee", "trial", "rate", "response_time", ...).

Only like is compared with like (compare_quantities): "nine out of every ten dollars goes to the cause" is a
share, not a price; "your deductible is fifteen hundred" is not a copay. The attribute is read from cue words
in the value's clause, the nearest cue first, specific attributes before generic ones (a "setup fee" is a fee
even though fees have costs). Kinds that say what they are (hours, schedules, frequencies) are their own
attribute. None when nothing says.
"""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _clause_bounds

__all__ = ["GENERIC", "attribute_of", "comparable_attributes", "same_named_attribute"]

# specific attributes, each with its cue words (regex alternatives); order breaks ties at equal distance
_CUES: dict[str, str] = {
    "copay": r"co-?pays?",
    "minimum": r"minimum(?:\s+(?:charge|order|fee|spend))?|minimum|at\s+least|orders?\s+over|spend|free\s+over",
    "deductible": r"deductibles?",
    "deposit": r"deposits?|down\s+payment|up\s?front|retainer\s+up\s?front|hold\s+back",
    "discount": r"off\b|discounts?|save(?!\s+up\b)|saves|saving(?!\s+up\b)|savings|knocks?|cheaper|rebate",
    "rate": r"rates?|apr|interest|per\s+transaction|swipes?|taps?|processing|royalty|tax|"
    r"basis\s+points|interchange|keyed|card-present|in[- ]person|online",
    "fee": r"fees?|set[- ]?up|installation|install|activation|onboarding|shipping|surcharge|termination|"
    r"cancellation|late|listing|service\s+charge|delivery\s+charge|enrollment|commission|costs?|charges?|charged",
    "trial": r"trial|try\s+it|test[- ]drive|free\s+for",
    "contract": r"contracts?|terms?|commitment|agreement|lock(?:ed)?[- ]in|locked",
    "coverage": r"coverage|covers?|covered|liability|aggregate|per\s+(?:occurrence|claim)|out-of-pocket|policy",
    "storage": r"storage|space|attachments?|files?|mailbox(?:es)?|backups?|archive|photos?",
    "speed": r"speeds?|download|upload|mbps|line|fib(?:er|re)|connection|lte|down\b",
    "response_time": r"respond|responds|response|reply|replies|call\s+(?:you\s+)?back|get\s+back|answer(?:ed)?|"
    r"pick\s+up|on\s+site|dispatch",
    # how long until something arrives or is done: delivery, shipping, payouts, results, drafts
    "turnaround": r"deliver(?:y|ed|s)?|ship(?:s|ped|ping)?\s+(?:in|within)|arrive|ground|payouts?|transfers?|"
    r"lands?|hit\s+your\s+account|turnaround|ready|results?|print|complete|completed|finish(?:ed)?|concepts|"
    r"drafts?|reports?",
    "setup_time": r"go(?:es)?\s+live|live|up\s+and\s+running|launch|implementation|onboard(?:ed|ing)?|migrat\w+|"
    r"porting|set[- ]?up|install(?:ation|ed)?",
    "volume": r"on\s+cards|in\s+(?:card\s+)?(?:sales|revenue)|volume|revenue|turnover|gross\s+sales|processed|"
    r"run\s+through",
    "share": r"out\s+of|of\s+(?:our|your|the|every|all|their|proceeds|donations|funds|funding|profits|revenue)\b|"
    r"(?:goes|go|went|going)\s+(?:\w+\s+)?(?:to|towards|into|straight)|split|in\s+your\s+favou?r",
    # money given away: a donation is nobody's price ("a donation of just $1 can feed a child")
    "donation": r"donat\w*|donors?|contribut\w*|pledge[sd]?|tithe|charit\w*|to\s+the\s+cause|any\s+amount",
    # money the listener is paid or lives on: a bonus, a wage, a cost of living is nobody's price
    "earnings": r"bonus(?:es)?|earnings?|earned|salary|salaries|wages?|income|cost\s+of\s+living|task\s+pays",
    "limit": r"limit|caps?|capped|max(?:imum)?|up\s+to|tops?\s+out|no\s+more\s+than",
}
GENERIC = frozenset({"price", "duration", "count", "percent"})
# whole words only: "feed" holds no fee, "lateral" no late fee
_CUE_RE = {k: re.compile(rf"\b(?:{v})(?!\w)", re.I) for k, v in _CUES.items()}
# the attributes a value of each kind can measure
_ALLOWED = {
    "money": {
        "copay",
        "deductible",
        "deposit",
        "discount",
        "rate",
        "fee",
        "coverage",
        "minimum",
        "share",
        "volume",
        "donation",
        "earnings",
    },
    "percent": {"rate", "discount", "share", "deposit", "fee", "donation"},
    "duration": {"trial", "contract", "response_time", "turnaround", "setup_time"},
    "count": {"coverage", "minimum", "limit"},
}
_IN_NAME = re.compile(r"\s+(?:the\s+|of\s+|for\s+)?[A-Z][a-z]")
_AFTER_ONLY = frozenset({"volume"})
_KIND_DEFAULT = {"money": "price", "duration": "duration", "count": "count", "percent": "percent"}
_OWN = {"hours": "hours", "schedule": "schedule", "frequency": "frequency"}


def _is_title_case(text: str) -> bool:
    """Most words capitalised: a heading or an ad line, where capitals say nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z][\w']*", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def attribute_of(text: str, q: Quantity) -> str | None:
    """The attribute ``q`` measures in ``text`` (its clause), or its kind's generic one."""
    if q.kind in _OWN:
        return _OWN[q.kind]
    if q.kind == "count" and q.unit == "mbps":
        return "speed"
    if q.kind == "count" and q.unit == "gb":
        return "storage"
    left, right = _clause_bounds(text, q.start, q.end)
    allowed = _ALLOWED.get(q.kind, set())
    title_case = _is_title_case(text)  # "$0 Setup Fee This Spring": a heading, not a name
    best: tuple[int, int, str] | None = None
    for order, (attr, rx) in enumerate(_CUE_RE.items()):
        if attr not in allowed:
            continue
        for m in rx.finditer(text, left, right):
            if text[m.start()].isupper() and _IN_NAME.match(text, m.end()) and not title_case:
                continue  # a cue word inside a name ("Save the Children", "Rate Hub") says nothing
            if attr in _AFTER_ONLY and m.start() < q.end:
                continue  # "a hundred and forty thousand a month on cards": said after the amount
            if q.start <= m.start() < q.end and attr not in ("share", "rate"):
                continue  # cue words inside the value itself ("ten dollars") say nothing
            # a cue before the value (or running into it) counts by its distance; one after weighs less
            if m.start() >= q.end and (
                m.start() - q.end > 25 or re.search(r",|\band\b", text[q.end : m.start()])
            ):
                continue  # a cue after the value belongs to it only when it follows at once, in the same phrase
            gap = max(q.start - m.end(), 0) if m.start() < q.start else m.start() - q.end + 10
            if gap > 60:
                continue
            key = (gap, order, attr)
            if best is None or key < best:
                best = key
    if (q.kind == "money" and _CUE_RE["volume"].search(text, q.end, min(right, q.end + 25))) or (
        q.kind == "money"
        and re.match(
            r"\s+(?:a|per)\s+month\s+(?:on\s+cards|in\s+(?:card\s+)?sales|in\s+revenue)", text[q.end :], re.I
        )
    ):
        return (
            "volume"  # "a hundred and forty thousand a month on cards": the prospect's volume, said after it
        )
    if best is None:
        return _KIND_DEFAULT.get(q.kind)
    attr = best[2]
    if q.kind == "money" and attr == "rate":
        return "fee"  # money per swipe or per transaction is a fee; the rate is the percentage
    return attr


_FAMILIES = ({"fee", "rate"},)  # a per-transaction fee and a processing rate are said either way
# attributes compared only with themselves: a prospect's card volume or a share is never a price
EXCLUSIVE = frozenset({"volume"})
# attributes that name what is measured but not of what: two frequencies or schedules may be of different things
UNNAMED = frozenset({"frequency", "schedule", "hours"})


def comparable_attributes(a: str | None, b: str | None) -> bool:
    """Values of two attributes may be compared: the same, either unknown or generic, or one family."""
    if a in EXCLUSIVE or b in EXCLUSIVE:
        return False  # a card volume is the prospect's business, never a term of the offer to compare
    if a == b:
        return True
    if a is None or b is None or a in GENERIC or b in GENERIC:
        return True
    return any(a in f and b in f for f in _FAMILIES)


def same_named_attribute(a: Quantity, b: Quantity) -> bool:
    """Both values measure the same named thing ("fee" and "fee"), not a generic or an unnamed attribute:
    such a pair is plainly about one attribute, whatever the sentences around it."""
    return a.attribute == b.attribute and a.attribute not in GENERIC | UNNAMED
