"""What a value measures: its attribute ("price", "fee", "trial", "rate", "response_time", ...).

Only like is compared with like (compare_quantities): "nine out of every ten dollars goes to the cause" is a
share, not a price; "your deductible is fifteen hundred" is not a copay. The attribute is read from cue words
in the value's clause, the nearest cue first, specific attributes before generic ones (a "setup fee" is a fee
even though fees have costs). Kinds that say what they are (hours, schedules, frequencies) are their own
attribute. None when nothing says.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...types import Quantity
from .bounds import _clause_bounds

__all__ = [
    "GENERIC",
    "attribute_from_context",
    "attribute_of",
    "comparable_attributes",
    "in_context",
    "same_named_attribute",
]

# specific attributes, each with its cue words (regex alternatives); order breaks ties at equal distance
_CUES: dict[str, str] = {
    "copay": r"co-?pays?",
    "minimum": r"minimum(?:\s+(?:charge|order|fee|spend))?|minimum|at\s+least|orders?\s+over|spend|free\s+over",
    "deductible": r"deductibles?|(?:self-insured\s+)?retentions?",
    "deposit": r"deposits?|down\s+payment|up\s?front|retainer\s+up\s?front|hold\s+back",
    "discount": r"off\b|discounts?|save(?!\s+up\b)|saves|saving(?!\s+up\b)|savings|knocks?|cheaper|rebate|"
    r"cut(?:s|ting)?",
    "rate": r"rates?|apr|interest|per\s+transaction|swipes?|taps?|processing|royalty|tax|"
    r"basis\s+points|interchange|keyed|card-present|in[- ]person|online",
    "fee": r"fees?|set[- ]?up|installation|install|activation|onboarding|shipping|surcharge|termination|"
    r"cancellation|late|listing|service\s+charge|delivery\s+charge|enrollment|commission|costs?|charges?|charged",
    "trial": r"trial|try\s+it|test[- ]drive|free\s+for|free(?=\s*(?:[,.;!?]|$|to\s+(?:try|test|kick)))",
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
    r"(?:goes|go|went|going)\s+(?:\w+\s+)?(?:to|towards|into|straight)|split|in\s+your\s+favou?r|"
    # where an organisation's money goes: "10% to administrative costs", "9% is spent on fundraising"
    r"administrat\w+|admin|overhead|fundrais\w*|(?:spent|used|utili[sz]ed)\s+(?:on|for)|allocated\s+to",
    # money given away: a donation is nobody's price ("a donation of just $1 can feed a child")
    "donation": r"donat\w*|donors?|contribut\w*|pledge[sd]?|tithe|charit\w*|to\s+the\s+cause|any\s+amount|"
    r"if\s+you\s+can(?=\s*[.!?]|\s*$)",  # "$20 a month if you can!": an ask, not a price
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
_NEW_CLAUSE = re.compile(r",\s*(?:and|but|plus|while|whereas)\s+(?:it's|it\s+is|that's|you|we|they)\b", re.I)
_ANCHOR = re.compile(r"\s*(?:of|after|from|since|before)\b", re.I)
_UPLOAD = re.compile(r"\b(?:up|upload|upstream|upload\s+speed)\b(?!\s+to\b)", re.I)
_EXTRA = re.compile(r"\b(?:extra|additional|add-?on|more)\b", re.I)
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
        # "twenty up" is the upload speed; a plan's speed, said alone, is its download speed
        if _UPLOAD.search(text[q.start : min(len(text), q.end + 12)]):
            return "upload"
        return "speed"
    if q.kind == "count" and _EXTRA.search(text, max(0, q.start - 12), min(len(text), q.end)):
        return "addon"  # "four extra lines" on top of a bundle's ten is not a bundle of four
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
            if m.end() <= q.start and _NEW_CLAUSE.search(text, m.end(), q.start):
                continue  # "the rate drops to 2.4 plus ten, and it's forty-nine a month": another clause's cue
            if m.start() >= q.end and _ANCHOR.match(text, q.end, m.start()):
                continue  # "within 90 days of your go-live date": go-live is when the clock starts, not what it times
            if attr == "discount" and m.group().lower() == "off" and m.start() - q.end > 1:
                continue  # "20% off" is a discount; "86% was based off the report" is not
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
    if attr == "discount" and _CUE_RE["donation"].search(text, left, right):
        return "donation"  # "87% off all donations going to the children": a share of gifts, not a discount
    if q.kind == "money" and attr == "coverage" and q.period:
        return "price"  # "cover from $42 a month": what the cover costs; an amount of cover does not recur
    if q.kind == "money" and attr == "rate":
        return "fee"  # money per swipe or per transaction is a fee; the rate is the percentage
    return attr


# What the conversation is about, when a value's own clause does not say: money given or earned. Said in the
# question the rep answers ("How much would you be able to donate?" -> "five or six dollars") or earlier in the
# rep's turn; such a value is a gift or a wage, never a term of the offer.
_CONTEXT_CUES: dict[str, re.Pattern[str]] = {
    "donation": re.compile(
        rf"\b(?:{_CUES['donation']}|rais(?:e|ed|ing)\s+(?:close\s+to\s+|over\s+|about\s+)?"
        r"(?:money|funds|\$[\d.,]+(?:\s*(?:k|m|million|thousand|grand))?)|"
        r"sponsor\w*)(?!\w)",
        re.I,
    ),
    "earnings": re.compile(
        rf"\b(?:{_CUES['earnings']}|how\s+much\s+(?:money\s+)?(?:do|did|would|can|will)\s+(?:you|they|i|we)\s+"
        r"(?:make|earn|get\s+paid))(?!\w)",
        re.I,
    ),
}
# the attributes a conversation's subject replaces: the generic ones, and a bare "cost" ("the usual cost is
# about $36 per child", said of sponsoring a child)
_CONTEXT_REPLACES = GENERIC | {"fee"}
_NAMED_FEE = re.compile(
    r"\b(?:fees?|set[- ]?up|install\w*|activation|onboarding|shipping|surcharge|commission|subscription)\b",
    re.I,
)


def attribute_from_context(context: str) -> str | None:
    """The one subject (donation or earnings) the conversation around a value is about, if exactly one."""
    found = [attr for attr, rx in _CONTEXT_CUES.items() if rx.search(context)]
    return found[0] if len(found) == 1 else None


def in_context(quantities: list[Quantity], context: str, text: str = "") -> list[Quantity]:
    """Values re-read in their conversation: an amount the clause leaves unnamed, said while talking about
    donations or earnings, measures those ("How much would you donate?" / "five or six dollars"). A fee the
    sentence names ("the setup fee is $300") stays a fee."""
    subject = attribute_from_context(context) if quantities else None
    if subject is None:
        return quantities
    named_fee = bool(_NAMED_FEE.search(text))
    return [
        replace(q, attribute=subject)
        if q.kind in ("money", "percent")
        and q.attribute in _CONTEXT_REPLACES
        and not (q.attribute == "fee" and named_fee)
        and subject in _ALLOWED[q.kind]
        else q
        for q in quantities
    ]


# a per-transaction fee and a processing rate are said either way; how long until something is set up or done
_FAMILIES = ({"fee", "rate"}, {"setup_time", "turnaround"})
# attributes compared only with themselves: a prospect's card volume or a share is never a price
EXCLUSIVE = frozenset({"volume"})
# attributes compared only with each other: a gift or a wage is never an offer's price, only another gift's
SELF_ONLY = frozenset({"donation", "earnings", "addon", "upload"})
# attributes that name what is measured but not of what: two frequencies or schedules may be of different things
UNNAMED = frozenset({"frequency", "schedule", "hours"})


def comparable_attributes(a: str | None, b: str | None) -> bool:
    """Values of two attributes may be compared: the same, either unknown or generic, or one family."""
    if a in EXCLUSIVE or b in EXCLUSIVE:
        return False  # a card volume is the prospect's business, never a term of the offer to compare
    if a == b:
        return True
    if a in SELF_ONLY or b in SELF_ONLY:
        return False
    if a is None or b is None or a in GENERIC or b in GENERIC:
        return True
    return any(a in f and b in f for f in _FAMILIES)


def same_named_attribute(a: Quantity, b: Quantity) -> bool:
    """Both values measure the same named thing ("fee" and "fee"), not a generic or an unnamed attribute:
    such a pair is plainly about one attribute, whatever the sentences around it."""
    return a.attribute == b.attribute and a.attribute not in GENERIC | UNNAMED
