"""Values in a sentence, normalised so that comparing them is a unit-aware equality test.

Pure regex and arithmetic: no model, no alpha2digit (number words are parsed here so that every
`Quantity.start`/`end` points into the text exactly as it was written). Numbers may be digits
("1,200", "2.5k"), words ("forty-nine", "a dozen", "two point nine") or prices read aloud ("four
thirty-two" = 432, "nineteen oh eight" = 1908, "twelve grand").

Canonical forms (see `Quantity`):

- money: ``value`` in the stated currency (``unit`` = ISO code, ``$`` -> "USD", "" when a bare
  number is said as a price: "forty-nine a month per seat"); recurring prices are per month (year /
  12, quarter / 3, week * 52 / 12, day * 365 / 12) with ``period`` "month"; "one-time" for
  setup-style fees; ``None`` when no period is stated. ``per`` is the head noun priced per ("user",
  "seat", "tech", "location", "shipment", ...). ``billing`` is "annual" | "monthly" | "quarterly"
  when the sentence says how it is billed ("billed annually", "month-to-month", "upfront for the
  year"; "65 monthly or 52 annually" are billing terms of two per-month prices).
- duration: days (week 7, fortnight 14, month 30, year 365, hour 1/24, minute 1/1440, second,
  millisecond; a business day counts 7/5 calendar days, a business week 7); ``unit`` "day".
- percent: the number (20% -> 20.0, "in half" -> 50.0, "5.9 APR" -> 5.9); ``unit`` "%".
- count: the number with the counted noun's lemma in ``unit`` ("user", "integration", "contact",
  "tech", "location"); ``value`` ``None`` for "unlimited". Sizes are counts of "gb" (1 TB = 1000)
  or "kw" (1 MW = 1000). Multipliers ("3x", "twice as", "doubles") are counts of "x". A rate
  ("5,000 API calls a day") is converted to per month with ``period`` "month"; ``per`` as for money.
- hours (availability): ``unit`` is a key: "24/7", "24/5", "business", or a window "09-17" /
  "08:30-17:30", followed by " ET" / " PT" / " UTC" / " local" ... when a time zone is said
  ("09-17 ET"); ``period`` the days ("weekdays" | "daily" | "weekends" | "mon-sat" ...) when said;
  ``value`` hours per week when both are known (24/7 -> 168, "9-5 weekdays" -> 40), else ``None``.

Ranges ("2-3 weeks", "two, three weeks", "$40-50", "between 5 and 10 users") keep the low end in
``value`` and the high end in ``high``; ``bound`` stays "exact". ``bound`` "max" is "up to / within /
under / no more than"; "min" is "at least / over / more than / starting at / 500+ / and up".

Not values: dates, years, phone numbers, versions, ordinals, single times of day ("at 3pm"),
meeting slots ("2 to 3pm tomorrow", "a 30-minute call", "I've got twenty minutes"), frequencies
("once a month", "two Saturdays a month"), and numbers with no unit.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from ..types import Quantity

__all__ = ["compare_quantities", "extract_quantities", "parse_number", "same_value"]

Comparison = Literal["same", "different", "incomparable"]

# --------------------------------------------------------------------------------------------
# Numbers

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX = {"k": 1_000, "m": 1_000_000, "mm": 1_000_000, "bn": 1_000_000_000}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONES_RE = _alt(_ONES)
_ONES_NZ_RE = _alt(w for w in _ONES if w != "zero")
_TENS_RE = _alt(_TENS)
_ATOM = rf"(?:(?:{_TENS_RE})(?:[\s-]?(?:{_ONES_NZ_RE}))?|{_ONES_RE}|hundred|thousand|million|billion|dozen)"
_WORDNUM = (
    rf"\b(?:an?\s+(?:couple(?:\s+of)?|dozen|hundred|thousand)"
    rf"|couple(?:\s+of)?(?=\s)"
    rf"|(?:{_ATOM})(?:(?:\s+|-)(?:and\s+)?(?:{_ATOM}|oh(?=[\s-]+(?:{_ONES_NZ_RE})\b)))*)"
    rf"(?:[\s-]+point(?:[\s-]+(?:{_ONES_RE}))+|\s+and\s+a\s+half)?\b"
)
_DIGITNUM = (
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)"
    r"(?:(?:k|K|m|M|mm|MM|bn)(?![A-Za-z])|\s(?:thousand|million|billion)\b)?"
)
NUM = rf"(?:{_DIGITNUM}|{_WORDNUM})"
_ART = r"\ban?\b"

_DIGIT_FULL = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(k|m|mm|bn|thousand|million|billion)?$", re.I)


def _words_value(tokens: list[str]) -> float | None:
    """Number words to a number. Spoken prices read in pairs: "four thirty-two" -> 432,
    "two-forty" -> 240, "nineteen ninety-nine" -> 1999; "two three" is not one number."""
    if "point" in tokens:
        k = tokens.index("point")
        whole = _words_value(tokens[:k]) if k else 0.0
        digits = [_ONES.get(t) for t in tokens[k + 1 :]]
        if whole is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return whole + float("0." + "".join(str(d) for d in digits))
    total = 0.0
    current = 0.0
    last = ""  # kind of the previous token: "one" (1-9), "teen" (10-19), "ten" (20-90), "hundred", "scale"
    seen = False
    for t in tokens:
        if t in ("and", "of"):
            continue
        if t == "oh" and last in ("one", "teen", "ten") and current < 100:
            current *= 100  # "nineteen oh eight" -> 1908
            last = "oh"
            continue
        if t in ("a", "an"):
            current += 1
            last = "one"
        elif t in _ONES:
            v = _ONES[t]
            kind = "teen" if v >= 10 else "one"
            if last in ("one", "teen") or (last == "ten" and kind == "teen"):
                if kind == "teen" and last == "one" and current < 10:
                    current = current * 100 + v  # "four fifteen"
                else:
                    return None  # "two three": two numbers, not one
            else:
                current += v
            last = kind
        elif t in _TENS:
            if last in ("one", "teen") and (current < 20 or (20 < current < 100 and current % 10)):
                current = current * 100 + _TENS[t]  # "four thirty-two", "twenty-four twenty-five"
            elif last == "ten":
                return None
            else:
                current += _TENS[t]
            last = "ten"
        elif t == "dozen":
            current = (current or 1) * 12
            last = "scale"
        elif t == "couple":
            current = (current or 1) * 2
            last = "one"
        elif t == "hundred":
            current = (current or 1) * 100
            last = "hundred"
        elif t in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[t]
            current = 0
            last = "scale"
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A number written as digits, words or both; None when `text` is not one number.

    "forty-nine" -> 49.0, "1,200" -> 1200.0, "2.5k" -> 2500.0, "a dozen" -> 12.0, "half" -> 0.5,
    "one and a half" -> 1.5, "1.2 million" -> 1200000.0, "twenty-five hundred" -> 2500.0.
    """
    s = text.strip().lower().replace("\u2011", "-").rstrip("+")
    if not s:
        return None
    if s in ("half", "a half"):
        return 0.5
    m = re.fullmatch(r"(.+?)\s+and\s+a\s+half", s)
    if m:
        base = parse_number(m.group(1))
        return None if base is None else base + 0.5
    m = _DIGIT_FULL.match(s)
    if m and (m.group(1) or m.group(2)):
        num = float((m.group(1) or "0").replace(",", "") + (m.group(2) or ""))
        suf = (m.group(3) or "").lower()
        return num * (_SUFFIX.get(suf) or _SCALES.get(suf) or 1)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million|billion)", s)
    if m:
        return float(m.group(1)) * _SCALES[m.group(2)]
    return _words_value([t for t in re.split(r"[\s-]+", s) if t])


# --------------------------------------------------------------------------------------------
# Shared pieces

_MAX_PRE = (
    r"up\s+to|as\s+many\s+as|as\s+much\s+as|no\s+more\s+than|not\s+more\s+than|at\s+most|"
    r"a\s+maximum\s+of|maximum\s+of|max(?:imum)?\.?(?:\s+of)?|under|less\s+than|fewer\s+than|"
    r"within|in\s+under|in\s+less\s+than|below|capped\s+at|limited\s+to|no\s+longer\s+than"
)
_MIN_PRE = (
    r"at\s+least|a\s+minimum\s+of|minimum\s+of|min(?:imum)?\.?(?:\s+of)?|more\s+than|over|upwards\s+of|"
    r"starting\s+at|starts\s+at|starting\s+from|as\s+low\s+as|as\s+little\s+as|as\s+few\s+as|"
    r"no\s+less\s+than|north\s+of|in\s+excess\s+of|longer\s+than"
)
_BOUND_PRE = rf"(?:(?P<maxpre>{_MAX_PRE})|(?P<minpre>{_MIN_PRE}))\s+"
_POST_MIN = re.compile(
    r"\s*(?:\+|or\s+(?:more|higher|larger|above|over)\b|and\s+(?:up|larger|above|over|higher|more)\b|minimum\b|min\b)",
    re.I,
)
_POST_MAX = re.compile(r"\s*(?:max(?:imum)?\b|tops\b|or\s+(?:less|fewer)\b|at\s+most\b)", re.I)
# "2-3", "two to three", and "between 2 and 3" (the "and" form only after "between").
_BTW = r"(?:(?P<btw>between)\s+)?"
_RANGE_SEP = r"(?(btw)\s+and\s+|\s*(?:-|–|—|to\b|or\b|,)\s*)"

_CURRENCY_SYM = {"$": "USD", "€": "EUR", "£": "GBP"}
_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "buck": "USD",
    "bucks": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "grand": "USD",
    "cent": "USD",
    "cents": "USD",
}
_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|INR|JPY|SGD|SEK|NOK|DKK"

_PERIOD_WORDS = {
    "month": "month",
    "months": "month",
    "mo": "month",
    "mos": "month",
    "mth": "month",
    "mths": "month",
    "monthly": "month",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "weekly": "week",
    "quarter": "quarter",
    "qtr": "quarter",
    "quarterly": "quarter",
    "day": "day",
    "daily": "day",
}
_PER_MONTH = {"month": 1.0, "year": 1 / 12, "week": 52 / 12, "quarter": 1 / 3, "day": 365 / 12}

# Heads a price can be per. The lemma is kept as said; `_HEAD_CLASS` makes seat == user in comparisons.
_HEADS = {
    "tech": "tech",
    "techs": "tech",
    "technician": "tech",
    "technicians": "tech",
    "driver": "driver",
    "drivers": "driver",
    "truck": "vehicle",
    "trucks": "vehicle",
    "vehicle": "vehicle",
    "vehicles": "vehicle",
    "van": "vehicle",
    "vans": "vehicle",
    "provider": "provider",
    "providers": "provider",
    "transaction": "transaction",
    "transactions": "transaction",
    "swipe": "transaction",
    "swipes": "transaction",
    "user": "user",
    "users": "user",
    "seat": "seat",
    "seats": "seat",
    "license": "license",
    "licenses": "license",
    "licence": "license",
    "licences": "license",
    "agent": "agent",
    "agents": "agent",
    "member": "member",
    "members": "member",
    "head": "user",
    "person": "user",
    "admin": "admin",
    "admins": "admin",
    "editor": "editor",
    "editors": "editor",
    "rep": "rep",
    "reps": "rep",
    "location": "location",
    "locations": "location",
    "site": "location",
    "sites": "location",
    "store": "location",
    "stores": "location",
    "restaurant": "location",
    "restaurants": "location",
    "clinic": "location",
    "clinics": "location",
    "device": "device",
    "devices": "device",
    "contact": "contact",
    "contacts": "contact",
    "employee": "employee",
    "employees": "employee",
    "teammate": "user",
    "teammates": "user",
    "login": "user",
    "logins": "user",
    # more heads a business prices by (added with the dev set's clinic, retail and logistics copy)
    "workstation": "workstation",
    "workstations": "workstation",
    "endpoint": "endpoint",
    "endpoints": "endpoint",
    "patient": "patient",
    "patients": "patient",
    "order": "order",
    "orders": "order",
    "learner": "learner",
    "learners": "learner",
    "student": "student",
    "students": "student",
    "room": "room",
    "rooms": "room",
    "desk": "desk",
    "desks": "desk",
    "line": "line",
    "lines": "line",
    "phone": "phone",
    "phones": "phone",
    "camera": "camera",
    "cameras": "camera",
    "door": "door",
    "doors": "door",
    "unit": "unit",
    "units": "unit",
    "bed": "bed",
    "beds": "bed",
    "machine": "machine",
    "machines": "machine",
    "server": "server",
    "servers": "server",
    "computer": "computer",
    "computers": "computer",
    "laptop": "laptop",
    "laptops": "laptop",
    "mailbox": "mailbox",
    "mailboxes": "mailbox",
    "household": "household",
    "households": "household",
    "account": "account",
    "accounts": "account",
    "shipment": "shipment",
    "shipments": "shipment",
    "package": "package",
    "packages": "package",
    "parcel": "parcel",
    "parcels": "parcel",
    "office": "location",
    "offices": "location",
    "branch": "location",
    "branches": "location",
    "venue": "location",
    "venues": "location",
    "property": "property",
    "properties": "property",
    "kiosk": "device",
    "kiosks": "device",
    "terminal": "device",
    "terminals": "device",
    "register": "device",
    "registers": "device",
    "screen": "device",
    "screens": "device",
    "worker": "employee",
    "workers": "employee",
    "staffer": "employee",
    "staffers": "employee",
    "tablet": "device",
    "tablets": "device",
    "sensor": "device",
    "sensors": "device",
    "meter": "device",
    "meters": "device",
    "panel": "panel",
    "panels": "panel",
}
_HEAD_CLASS = {
    "tech": "user",
    "driver": "user",
    "provider": "user",
    "user": "user",
    "seat": "user",
    "license": "user",
    "agent": "user",
    "member": "user",
    "teammate": "user",
    "person": "user",
    "login": "user",
    "employee": "user",
    "editor": "user",
    "collaborator": "user",
    "api call": "call",
    "api request": "request",
}

_BILLING_AFTER = re.compile(
    r"(?:(?:billed|paid|charged|invoiced|payable|pay|paying)\s+(?:(?:for\s+)?the\s+year\s+)?"
    r"(?P<b1>annually|yearly|monthly|quarterly|every\s+year|per\s+year|each\s+year|once\s+a\s+year|"
    r"by\s+the\s+year|by\s+the\s+month|month[- ]to[- ]month|every\s+month|each\s+month|"
    r"up\s?front\s+for\s+the\s+year|for\s+the\s+(?:whole\s+|full\s+)?year)"
    r"|(?P<b2>annual|yearly|monthly|quarterly)\s+(?:billing|prepay(?:ment)?|payment|upfront)"
    r"|(?P<b3>month[- ]to[- ]month))",
    re.I,
)

_ONE_TIME_AFTER = re.compile(
    r"\s*,?\s*(?:as\s+a\s+)?(?:one[- ]time|one[- ]off|once[- ]off|paid\s+once)\b"
    r"|\s*(?:one[- ]time\s+)?(?:set[- ]?up|implementation|onboarding|installation|activation|migration|"
    r"start[- ]?up|professional\s+services)\s+(?:fee|charge|cost|payment)",
    re.I,
)
_ONE_TIME_BEFORE = re.compile(
    r"(?:one[- ]time|one[- ]off|set[- ]?up|implementation|onboarding|installation|activation)\s+"
    r"(?:fee|charge|cost|payment|price)s?\b[^$€£\d.;]{0,30}$",
    re.I,
)

# --------------------------------------------------------------------------------------------
# Patterns, highest priority first (an accepted span blocks lower-priority overlapping ones).

_TZ = (
    r"(?:(?-i:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|MT|MST|MDT|GMT|UTC|BST|CET|CEST|IST|AEST|AEDT|SGT)\b"
    r"|eastern(?:\s+time)?|pacific(?:\s+time)?|central(?:\s+time)?|mountain(?:\s+time)?|"
    r"local\s+time|your\s+time(?:\s?zone)?)"
)
_TZ_NORM = {
    "et": "ET",
    "est": "ET",
    "edt": "ET",
    "eastern": "ET",
    "pt": "PT",
    "pst": "PT",
    "pdt": "PT",
    "pacific": "PT",
    "ct": "CT",
    "cst": "CT",
    "cdt": "CT",
    "central": "CT",
    "mt": "MT",
    "mst": "MT",
    "mdt": "MT",
    "mountain": "MT",
    "gmt": "UTC",
    "utc": "UTC",
    "bst": "UK",
    "cet": "CET",
    "cest": "CET",
    "ist": "IST",
    "aest": "AET",
    "aedt": "AET",
    "sgt": "SGT",
}
_HOUR_WORDS = _alt(w for w in _ONES if 0 < _ONES[w] <= 12)
_AMPM = r"(?:\s*[ap]\.?\s?m\b\.?|\s+in\s+the\s+(?:morning|afternoon|evening)|\s+at\s+night)"
_TIME = (
    rf"(?:\d{{1,2}}(?::[0-5]\d)?(?:{_AMPM})?|(?:{_HOUR_WORDS})\b(?:{_AMPM}|\s*o'clock)?"
    rf"|noon|midnight)"
)
_HOURS_247 = re.compile(
    r"\b24\s?(?:/|x|×|by)\s?(?P<d1>[57])(?:\s?(?:/|x)\s?365)?(?![\d/])"
    r"|\b(?:a)?round[- ]the[- ]clock\b|\btwenty[- ]four[- /](?:seven|7)\b|\b24\s+7\b"
    r"|\b(?:24|twenty[- ]four)\s+hours\s+a\s+day"
    r"(?:,?\s*(?:and\s+)?(?P<d2>\d|seven|five|six)\s+days\s+a\s+week)?"
    r"(?:,?\s*365\s+days\s+a\s+year)?"
    r"|\b24[- ]hour"
    r"(?=\s+(?:support|coverage|help|service|assistance|availability|live|phone|chat|monitoring))"
    r"|\b(?:any\s?time,?\s+)?day\s+or\s+night\b",
    re.I,
)
_HOURS_BUSINESS = re.compile(
    r"\b(?:(?:normal|regular|standard|local|usual)\s+)?(?:business|office|working)\s+hours\b"
    r"(?:\s*,?\s*(?P<tz>" + _TZ + r"))?",
    re.I,
)
_HOURS_WINDOW = re.compile(
    rf"(?<![\w$€£.:/-])(?:from\s+)?(?P<t1>{_TIME})\s*(?:-|–|—|to|until|till|through|thru)\s*(?P<t2>{_TIME})"
    rf"(?![\w/%:-])(?:\s*,?\s*(?P<tz>{_TZ}))?",
    re.I,
)
_WINDOW_CONTEXT = re.compile(
    r"\b(?:support|available|availability|hours|open|staffed|weekdays?|mon(?:day)?s?|business|coverage|"
    r"live\s+chat|phone|reach|answer|online|team\s+is|desk|M-F)\b",
    re.I,
)
_DAYS_WEEKDAYS = re.compile(
    r"\b(?:weekdays?|mon(?:day)?\s*(?:-|–|to|through|thru)\s*fri(?:day)?|M-F|business\s+days|"
    r"(?:5|five)\s+days\s+a\s+week)\b",
    re.I,
)
_DAYS_DAILY = re.compile(
    r"\b(?:(?:7|seven)\s+days\s+a\s+week|every\s+day|daily|365\s+days|weekends\s+included|including\s+weekends)\b",
    re.I,
)
_DAYS_WEEKENDS = re.compile(r"\b(?:on\s+)?weekends\b", re.I)
_SCHEDULING = re.compile(
    r"\b(?:today|tomorrow|tonight|next\s+week|this\s+week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?!s)",
    re.I,
)

_MONEY_HEAD = (
    rf"(?P<sym>[$€£])\s?(?P<num>{_DIGITNUM})(?:{_RANGE_SEP}[$€£]?\s?(?P<num2>{_DIGITNUM}))?"
    rf"|(?P<num_s>{_DIGITNUM})\s?(?P<sym2>[$€£])(?!\s?\d)"
)
_MONEY_CODE = rf"\b(?P<code>{_CODES})\s?(?P<num_c>{_DIGITNUM})|(?P<num_c2>{NUM})\s?(?P<code2>{_CODES})\b"
_MONEY_WORD = (
    rf"(?P<num_w>{NUM})(?:{_RANGE_SEP}(?P<num_w2>{NUM}))?\s*"
    rf"(?P<word>dollars?|bucks?|euros?|pounds?|quid|grand|cents?)\b"
)
_TAIL_SEP = r"\s*,?\s*(?:/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b|\bfor\s+each\b)\s*"
# "forty-nine a month", "2k a month": a bare number with a price period, kept only in a sentence about price
_HEAD_ADJ = r"(?:active|additional|extra|named|billable|full[- ]time|part[- ]time|paid|office|field)"
_BARE_PERIODS = _alt(w for w in _PERIOD_WORDS if w[0] not in "dw")  # not "a day", "a week"
_MONEY_BARE = (
    rf"(?P<num_b>{NUM})(?:{_RANGE_SEP}(?P<num_b2>{NUM}))?"
    rf"(?=(?:{_TAIL_SEP}(?:{_HEAD_ADJ}\s+)?(?:{_BARE_PERIODS}|{_alt(_HEADS)})"
    r"|\s*,?\s*(?:monthly|annually|yearly|for\s+the\s+(?:whole\s+|full\s+|entire\s+)?year))\b)"
)
_MONEY = re.compile(
    rf"(?:{_BOUND_PRE}|(?P<frompre>from)\s+)?{_BTW}(?:{_MONEY_HEAD}|{_MONEY_CODE}|{_MONEY_WORD}|{_MONEY_BARE})",
    re.I,
)
_PRICE_CUE = re.compile(
    r"\b(?:pric\w*|costs?|pay|paying|plan|charge[sd]?|fee|billed|starts?\s+at|starting\s+at|runs?|quote|"
    r"budget|spend|license|subscription|seat|works?\s+out|comes?\s+(?:out\s+)?to|all\s+in|in\s+total|adds?\s+up|"
    r"(?:you're|you\s+are|you'd\s+be)\s+(?:at|looking\s+at)|minimum|flat)\b",
    re.I,
)
_TAIL = re.compile(
    rf"{_TAIL_SEP}(?P<unit>{_alt(_PERIOD_WORDS)}|{_alt(_HEADS)})\b(?![-–]to)"
    rf"|\s*,?\s*(?P<adv>monthly|annually|yearly|weekly|quarterly|per\s+annum)\b"
    rf"|\s*,?\s*(?P<once>one[- ]time|one[- ]off)\b"
    rf"|\s*,?\s*(?P<fy>(?:(?:paid\s+)?(?P<upfront>up[- ]?front)\s+)?"
    rf"for\s+the\s+(?:whole\s+|full\s+|entire\s+)?year)\b"
    rf"|\s*(?:/|\bper\b)\s*(?:{_HEAD_ADJ}\s+)?"
    r"(?!(?:the|a|an|your|our|each|every|cent|annum|month|year|week|day)\b)(?P<anyhead>[a-z]+)\b"
    r"|\s*\b(?:a|an)\s+(?!(?:the|your|our|month|year|week|day|lot|bit|great|good|big|little|few|couple)\b)"
    r"(?P<anyhead2>[a-z]+)\b(?=\s*(?:[,.;!?]|$|and\b|or\b|with\b|plus\b|on\b|for\b|per\b|/|flat\b|is\b))",
    re.I,
)
_TAIL_ADVERB = re.compile(r"\b(?:monthly|annually|yearly)\b", re.I)
# a count's rate: "5,000 API calls a day", "100 requests per minute"
_RATE_PER_MONTH = {
    "minute": 60 * 24 * 365 / 12,
    "min": 60 * 24 * 365 / 12,
    "hour": 24 * 365 / 12,
    "hr": 24 * 365 / 12,
    "day": 365 / 12,
    "week": 52 / 12,
    "wk": 52 / 12,
    "month": 1.0,
    "mo": 1.0,
    "year": 1 / 12,
    "yr": 1 / 12,
    "annum": 1 / 12,
    "second": 60 * 60 * 24 * 365 / 12,
    "sec": 60 * 60 * 24 * 365 / 12,
}
_RATE_TAIL = re.compile(rf"{_TAIL_SEP}(?P<rate>{_alt(_RATE_PER_MONTH)})\b(?![-–]to)", re.I)

_PERCENT = re.compile(
    rf"(?:{_BOUND_PRE})?{_BTW}(?P<num>{NUM})(?:\s?%?{_RANGE_SEP}(?P<num2>{NUM}))?\s?"
    r"(?:%|percent\b|per\s?cent\b|pct\b|APR\b)"
    r"|\b(?P<num_u>(?:9\d|100)(?:\.\d+)?)(?=\s+(?:uptime|availability|SLA)\b)"
    rf"|\b(?P<num_p>ninety[\s-](?:{_ONES_RE})[\s-]+point(?:[\s-]+(?:{_ONES_RE}))+)\b(?!\s*(?:%|percent))"
    r"|\b(?:in|by)\s+half\b|\bhalf[- ](?:off|price)\b|\bhalf\s+the\s+(?:price|cost)\b",
    re.I,
)
_MULTIPLIER = re.compile(
    rf"(?<![\w/])(?P<num>\d+(?:\.\d+)?)\s?[x×](?![\w/])"
    rf"|\b(?P<numw>{NUM})\s+times\s+(?=more|faster|higher|better|as\b|the\b|less|fewer|quicker|bigger)"
    r"|\b(?P<dbl>double[sd]?|doubling|twice\s+as)\b(?![- ](?:check|click|book|dip|count|down|edged))"
    r"|\b(?P<tpl>triple[sd]?|tripling|thrice)\b(?![- ](?:check))"
    r"|\b(?P<qdr>quadruple[sd]?)\b",
    re.I,
)

_DUR_UNITS = {
    "day": 1.0,
    "days": 1.0,
    "calendar day": 1.0,
    "calendar days": 1.0,
    "business day": 7 / 5,
    "business days": 7 / 5,
    "working day": 7 / 5,
    "working days": 7 / 5,
    "week": 7.0,
    "weeks": 7.0,
    "wk": 7.0,
    "wks": 7.0,
    "fortnight": 14.0,
    "fortnights": 14.0,
    "month": 30.0,
    "months": 30.0,
    "year": 365.0,
    "years": 365.0,
    "yr": 365.0,
    "yrs": 365.0,
    "hour": 1 / 24,
    "hours": 1 / 24,
    "hr": 1 / 24,
    "hrs": 1 / 24,
    "minute": 1 / 1440,
    "minutes": 1 / 1440,
    "min": 1 / 1440,
    "mins": 1 / 1440,
    "second": 1 / 86400,
    "seconds": 1 / 86400,
    "sec": 1 / 86400,
    "secs": 1 / 86400,
    "millisecond": 1 / 86_400_000,
    "milliseconds": 1 / 86_400_000,
    "ms": 1 / 86_400_000,
    "business week": 7.0,
    "business weeks": 7.0,
    "working week": 7.0,
    "working weeks": 7.0,
}
_DUR_UNIT_RE = _alt(u.replace(" ", r"\s+") for u in _DUR_UNITS)
_DURATION = re.compile(
    rf"(?:{_BOUND_PRE})?{_BTW}(?P<num>{NUM}|{_ART})(?:{_RANGE_SEP}(?P<num2>{NUM}))?"
    rf"[\s-]+(?:(?P<unit>{_DUR_UNIT_RE})\b(?![-–]to[-–]\w)(?P<half>\s+and\s+a\s+half)?)",
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
    r"\b(?:I've|I\s+have|I\s+only\s+have|we've|we\s+have|I've\s+only|got)\s+(?:got\s+)?"
    r"(?:about|like|maybe|only|just|roughly|around)?\s*$",
    re.I,
)
_SCHEDULE_VERBS = re.compile(
    r"\b(?:follow\s+up|reconnect|circle\s+back|touch\s+base|check\s+in|talk\s+again|speak\s+again|catch\s+up|"
    r"call\s+you|meet\s+again|ping\s+you|get\s+back\s+to\s+you|hop\s+on|regroup|been\s+around|"
    r"in\s+business|founded|down\s+for|booked|scheduled|blocked(?:\s+off)?|hop\s+on\s+for)\b[^.;!?]{0,25}$",
    re.I,
)

# sizes counted in a canonical unit: surface -> (unit, factor)
_STORAGE_UNITS = {
    "mb": ("gb", 0.001),
    "megabyte": ("gb", 0.001),
    "megabytes": ("gb", 0.001),
    "gb": ("gb", 1.0),
    "gig": ("gb", 1.0),
    "gigs": ("gb", 1.0),
    "gigabyte": ("gb", 1.0),
    "gigabytes": ("gb", 1.0),
    "tb": ("gb", 1000.0),
    "terabyte": ("gb", 1000.0),
    "terabytes": ("gb", 1000.0),
    "pb": ("gb", 1_000_000.0),
    "kw": ("kw", 1.0),
    "kilowatt": ("kw", 1.0),
    "kilowatts": ("kw", 1.0),
    "mw": ("kw", 1000.0),
    "megawatt": ("kw", 1000.0),
    "megawatts": ("kw", 1000.0),
    "kwh": ("kwh", 1.0),
    "kilowatt-hours": ("kwh", 1.0),
    "kilowatt hours": ("kwh", 1.0),
    "mwh": ("kwh", 1000.0),
}
_STORAGE_UNIT_RE = _alt(u.replace(" ", r"\s+") for u in _STORAGE_UNITS)
_STORAGE = re.compile(
    rf"(?:{_BOUND_PRE})?(?P<num>{_DIGITNUM}|{_WORDNUM})\s?(?P<unit>{_STORAGE_UNIT_RE})\b"
    r"(?:\s+of\s+(?:file\s+|cloud\s+|data\s+)?(?:storage|data|space))?"
    r"|\b(?P<unl>unlimited)\s+(?:file\s+|cloud\s+|data\s+)?storage\b",
    re.I,
)

# Counted nouns: lemma -> surface forms ("|"-separated; some are two words).
_COUNT_FORMS = {
    "tech": "tech|techs|technician|technicians",
    "driver": "driver|drivers",
    "vehicle": "vehicle|vehicles|truck|trucks|van|vans",
    "dispatcher": "dispatcher|dispatchers",
    "job": "job|jobs",
    "booking": "booking|bookings",
    "appointment": "appointment|appointments",
    "user": "user|users",
    "seat": "seat|seats",
    "license": "license|licenses|licence|licences",
    "agent": "agent|agents",
    "admin": "admin|admins|administrator|administrators",
    "member": "member|members",
    "teammate": "teammate|teammates",
    "editor": "editor|editors",
    "viewer": "viewer|viewers",
    "collaborator": "collaborator|collaborators",
    "person": "people",
    "employee": "employee|employees",
    "rep": "rep|reps",
    "login": "login|logins",
    "integration": "integration|integrations",
    "connector": "connector|connectors",
    "app": "app|apps",
    "plugin": "plugin|plugins|plug-in|plug-ins",
    "contact": "contact|contacts",
    "record": "record|records",
    "lead": "lead|leads",
    "subscriber": "subscriber|subscribers",
    "customer": "customer|customers",
    "company": "company|companies",
    "business": "businesses",
    "team": "team|teams",
    "brand": "brand|brands",
    "project": "project|projects",
    "workspace": "workspace|workspaces",
    "board": "board|boards",
    "dashboard": "dashboard|dashboards",
    "report": "report|reports",
    "workflow": "workflow|workflows",
    "automation": "automation|automations",
    "template": "template|templates",
    "form": "form|forms",
    "survey": "survey|surveys",
    "response": "responses",
    "page": "page|pages",
    "website": "website|websites",
    "domain": "domain|domains",
    "channel": "channel|channels",
    "inbox": "inbox|inboxes",
    "mailbox": "mailbox|mailboxes",
    "device": "device|devices",
    "endpoint": "endpoint|endpoints",
    "api call": "api call|api calls",
    "call": "calls",
    "shipment": "shipment|shipments",
    "label": "label|labels",
    "package": "packages|parcel|parcels",
    "workstation": "workstation|workstations",
    "location": "location|locations|store|stores|site|sites|restaurant|restaurants|clinic|clinics",
    "api request": "api request|api requests",
    "request": "request|requests",
    "email": "email|emails|e-mail|e-mails",
    "message": "message|messages",
    "text": "texts|text messages",
    "sms": "sms",
    "credit": "credit|credits",
    "transaction": "transaction|transactions",
    "order": "orders",
    "invoice": "invoice|invoices",
    "document": "document|documents",
    "file": "files",
    "video": "video|videos",
    "language": "language|languages",
    "currency": "currencies",
    "sku": "sku|skus",
    "product": "products",
    "listing": "listing|listings",
    "campaign": "campaign|campaigns",
    "sequence": "sequence|sequences",
    "account": "account|accounts",
    "environment": "environment|environments",
    "sandbox": "sandbox|sandboxes",
    "role": "roles",
    "field": "custom field|custom fields|fields",
    "object": "custom object|custom objects|objects",
    "pipeline": "pipelines",
    "calendar": "calendars",
    "event": "events",
    "task": "tasks",
    "ticket": "ticket|tickets",
    "conversation": "conversations",
    "keyword": "keyword|keywords",
    "profile": "profile|profiles",
    "social account": "social account|social accounts",
    "phone number": "phone numbers",
    "server": "server|servers",
    "repository": "repository|repositories|repo|repos",
}
_COUNT_NOUNS = {form: lemma for lemma, forms in _COUNT_FORMS.items() for form in forms.split("|")}
_COUNT_NOUN_RE = _alt(f.replace(" ", r"\s+") for f in _COUNT_NOUNS)
_ADJ = (
    r"additional|extra|free|native|pre-?built|built-in|out-of-the-box|ready-made|active|paid|full|concurrent|"
    r"named|standard|premium|custom|unique|new|included|monthly|admin|user|team|email|marketing|sales|support|"
    r"separate|different|live|connected|third-party|core|key|popular|major|private|public|shared|guest|"
    r"read-only|two-way|one-click|deep|certified|external|internal|total|outbound|inbound|automated|"
    r"personalized|ai|simultaneous|billable|power|light|full-access|happy|enterprise|b2b|saas|field|office|"
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
# "two Saturdays a month", "how many orders a month": a plural noun before "a month" makes it a rate
_PLURAL_BEFORE = re.compile(
    rf"\b(?:{_alt(f for f in _COUNT_NOUNS if f.endswith('s'))}|times|visits|meetings|sessions|runs|payrolls|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days|weekends|nights|shifts|deliveries|hires|jobs|trips)\s*$",
    re.I,
)
# what follows "5 to 10" when it is a count or a duration, not a clock window
_WINDOW_AFTER_SKIP = re.compile(
    rf"\s*(?:%|percent\b|per\b|x\b|dollars\b|bucks\b|of\b|more\b|times\b|(?:{_COUNT_NOUN_RE})\b|"
    rf"(?:{_DUR_UNIT_RE})\b|(?:{_alt(_STORAGE_UNITS)})\b|"
    rf"(?:a|an|per|each)\s+(?:{_alt(_HEADS)}|{_alt(_PERIOD_WORDS)})\b)",
    re.I,
)
_COUNT_BEFORE_SKIP = re.compile(
    r"\b(?:version|v|release|windows|ios|android|iphone|gen|series|model|chapter|step|page|level|tier|top)\s*$",
    re.I,
)

# --------------------------------------------------------------------------------------------
# Extraction


def _matches(pattern: re.Pattern[str], text: str):
    """`pattern.finditer`, but a "range" whose ends are not low-to-high ("in 2024, 30 days") is
    not one: the search resumes at its second number."""
    pos = 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        gd = m.groupdict()
        key = next((k for k in ("num2", "num_w2", "num_b2") if gd.get(k)), None)
        if key is not None:
            lows = [gd.get(k) for k in ("num", "num_w", "num_b") if gd.get(k)]
            lo, hi = (parse_number(lows[0]) if lows else None), parse_number(gd[key])
            if lo is None or hi is None or not lo < hi <= max(lo * 20, lo + 20):
                pos = m.start(key)
                continue
        yield m
        pos = max(m.end(), m.start() + 1)


def _num(s: str | None) -> float | None:
    return None if s is None else parse_number(s)


def _bound(m: re.Match) -> str:
    gd = m.groupdict()
    if gd.get("maxpre"):
        return "max"
    if gd.get("minpre"):
        return "min"
    return "exact"


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((text.rfind(c, 0, start) for c in ".;!?"), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in ".;!?") if i != -1]
    # a decimal point inside a number is not a clause end
    rights = [i for i in rights if not (text[i] == "." and i + 1 < len(text) and text[i + 1].isdigit())]
    return left, min(rights) if rights else len(text)


def _post_bound(text: str, end: int, bound: str) -> tuple[str, int]:
    if bound == "exact":
        m = _POST_MIN.match(text, end)
        if m:
            return "min", m.end()
        m = _POST_MAX.match(text, end)
        if m:
            return "max", m.end()
    return bound, end


def _hour_of(t: str) -> tuple[float, str | None] | None:
    t = t.strip().lower()
    t = re.sub(r"\s+in\s+the\s+morning$", " am", t)
    t = re.sub(r"\s+(?:in\s+the\s+(?:afternoon|evening)|at\s+night)$", " pm", t)
    if t == "noon":
        return 12.0, "pm"
    if t == "midnight":
        return 0.0, "am"
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$", t)
    if m:
        h = int(m.group(1))
        if h > 24:
            return None
        return h + (int(m.group(2)) / 60 if m.group(2) else 0.0), (m.group(3) + "m") if m.group(3) else None
    m = re.match(r"([a-z]+?)\s*(?:([ap])\.?m\.?|o'clock)?$", t)
    if m and m.group(1) in _ONES:
        return float(_ONES[m.group(1)]), (m.group(2) + "m") if m.group(2) else None
    return None


def _apply_ampm(h: float, ap: str | None) -> float:
    if ap == "pm" and h < 12:
        return h + 12
    if ap == "am" and h == 12:
        return 0.0
    return h


def _fmt_hour(h: float) -> str:
    hh, mm = int(h), round((h - int(h)) * 60)
    return f"{hh:02d}:{mm:02d}" if mm else f"{hh:02d}"


_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_RANGE = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*(?:-|–|to|through|thru)\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.I,
)


def _days_of(text: str) -> str | None:
    """The days a window covers: "weekdays", "daily", "weekends", or a range key like "mon-sat"."""
    m = _DAY_RANGE.search(text)
    if m:
        a, b = _DAY_NAMES.index(m.group(1).lower()), _DAY_NAMES.index(m.group(2).lower())
        n = (b - a) % 7 + 1
        if (a, b) == (0, 4):
            return "weekdays"
        return "daily" if n == 7 else f"{_DAY_NAMES[a]}-{_DAY_NAMES[b]}"
    if _DAYS_WEEKDAYS.search(text):
        return "weekdays"
    if _DAYS_DAILY.search(text):
        return "daily"
    if _DAYS_WEEKENDS.search(text):
        return "weekends"
    return None


def _tz(s: str | None) -> str:
    if not s:
        return ""
    key = s.lower().split()[0]
    return _TZ_NORM.get(key, "local" if key in ("local", "your") else key.upper())


_DAYS_PER_WEEK = {"weekdays": 5, "daily": 7, "weekends": 2}


def _days_per_week(days: str) -> int:
    if days in _DAYS_PER_WEEK:
        return _DAYS_PER_WEEK[days]
    a, _, b = days.partition("-")
    return (_DAY_NAMES.index(b) - _DAY_NAMES.index(a)) % 7 + 1


def _hours(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    days = _days_of(text)
    for m in _HOURS_247.finditer(text):
        d = m.group("d1") or m.group("d2")
        n = 7 if d is None else int(parse_number(d) or 7)
        out.append(
            Quantity("hours", 24.0 * n, f"24/{n}", None, text=m.group(0), start=m.start(), end=m.end())
        )
    for m in _HOURS_BUSINESS.finditer(text):
        tz = _tz(m.group("tz"))
        unit = "business" + (f" {tz}" if tz else "")
        out.append(Quantity("hours", None, unit, days, text=m.group(0), start=m.start(), end=m.end()))
    for m in _HOURS_WINDOW.finditer(text):
        t1, t2 = _hour_of(m.group("t1")), _hour_of(m.group("t2"))
        if t1 is None or t2 is None or _WINDOW_AFTER_SKIP.match(text, m.end("t2")):
            continue
        (h1, ap1), (h2, ap2) = t1, t2
        marked = bool(ap1 or ap2)
        words = not re.search(r"\d", m.group("t1") + m.group("t2"))
        if words and not re.search(
            r"\b(?:to|till|until|through|thru)\b", text[m.end("t1") : m.start("t2")], re.I
        ):
            continue  # "two-ten a seat" is a price read aloud, not a window
        tz = _tz(m.group("tz"))
        if not (marked or tz or words or _WINDOW_CONTEXT.search(text)):
            continue
        if h1 > 12 or h2 > 12:  # 24-hour clock, "08:00-18:00"
            a, b = h1, h2
        else:
            b = _apply_ampm(h2, ap2)
            if ap1:
                a = _apply_ampm(h1, ap1)
            elif ap2 == "pm" and h1 + 12 < b and h1 < 12:
                a = h1 + 12 if h1 < 7 else h1
            else:
                a = h1
            if not ap2 and b <= a:
                b += 12
            elif not (ap1 or ap2) and b - a < 4 and 5 <= a <= 11 and _WINDOW_CONTEXT.search(text):
                b += 12  # "staffed seven to eight": 7am to 8pm
        length = b - a
        if length < 4 or length > 24:
            continue  # a meeting slot ("2-3pm"), not opening hours
        if _SCHEDULING.search(text) and not _WINDOW_CONTEXT.search(text):
            continue
        unit = f"{_fmt_hour(a)}-{_fmt_hour(b)}" + (f" {tz}" if tz else "")
        value = length * _days_per_week(days) if days else None
        start = m.start("t1")
        out.append(Quantity("hours", value, unit, days, text=text[start : m.end()], start=start, end=m.end()))
    return out


def _money(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    spoken: list[tuple[str, float, float | None]] = []  # per item: adverb said after it, raw value, raw high
    matches = list(_matches(_MONEY, text))
    for i, m in enumerate(matches):
        gd = m.groupdict()
        scale, bare = 1.0, False
        if gd["sym"]:
            cur, raw, raw2 = _CURRENCY_SYM[gd["sym"]], gd["num"], gd["num2"]
        elif gd["sym2"]:
            cur, raw, raw2 = _CURRENCY_SYM[gd["sym2"]], gd["num_s"], None
        elif gd["code"] or gd["code2"]:
            cur, raw, raw2 = (gd["code"] or gd["code2"]).upper(), gd["num_c"] or gd["num_c2"], None
        elif gd["word"]:
            cur, raw, raw2 = _CURRENCY_WORD[gd["word"].lower()], gd["num_w"], gd["num_w2"]
            if gd["word"].lower() == "grand":
                raw, raw2 = f"{raw} thousand", raw2 and f"{raw2} thousand"
            elif gd["word"].lower().startswith("cent"):
                scale = 0.01
        else:
            cur, raw, raw2, bare = "", gd["num_b"], gd["num_b2"], True
        value = parse_number(raw)
        if value is None:
            continue
        value *= scale
        high = _num(raw2)
        bound = _bound(m)
        if gd["frompre"]:
            bound = "min"
        start = m.start()
        # the period, the head and "one-time" after the amount
        pos, period, per, once = m.end(), None, None, False
        while True:
            t = _TAIL.match(text, pos)
            if not t:
                break
            word = (t.group("unit") or t.group("adv") or "").lower()
            word = re.sub(r"\s+", " ", word)
            if t.group("once"):
                once = True
            elif t.group("fy"):
                if period is not None:
                    break
                period = "year"
                once = False
            elif word == "per annum":
                period = "year"
            elif word in _PERIOD_WORDS:
                if period is not None:
                    break
                period = _PERIOD_WORDS[word]
            elif word in _HEADS or t.group("anyhead") or t.group("anyhead2"):
                if per is not None:
                    break
                head = (t.group("anyhead") or t.group("anyhead2") or word).lower()
                per = _HEADS.get(head) or re.sub(r"(?<=[^s])s$", "", head)
            pos = t.end()
        end = pos
        if bare and not (per or out or _PRICE_CUE.search(text) or any(not x.group("num_b") for x in matches)):
            continue  # "we release two a month": a bare number needs a sign that it is a price
        adverb = _TAIL_ADVERB.search(text, m.end(), end)
        upfront = bool(re.search(r"up[- ]?front\s+for\s+the", text[m.end() : end], re.I))
        raw_value, raw_high = value, high
        if _ONE_TIME_AFTER.match(text, end):
            once = True
        c_left, c_right = _clause_bounds(text, m.start(), end)
        prev_end = out[-1].end if out else 0
        before = text[max(c_left, prev_end, m.start() - 60) : m.start()]
        if period is None and _ONE_TIME_BEFORE.search(before):
            once = True
        # billing: after the amount (up to the next amount), else before it
        next_start = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        billing = None
        b = _BILLING_AFTER.search(text, end, min(c_right, next_start))
        if b is None:
            b = _BILLING_AFTER.search(text, max(c_left, prev_end), m.start())
        if b is not None:
            word = (b.group("b1") or b.group("b2") or b.group("b3")).lower()
            if "month" in word:
                billing = "monthly"
            elif "quarter" in word:
                billing = "quarterly"
            else:
                billing = "annual"
            if b.start() >= end and re.fullmatch(r"[\s,]*(?:(?:when|if|and)\s+)?", text[end : b.start()]):
                end = b.end()
        if upfront and billing is None:
            billing = "annual"
        if once and period is None:
            period, billing = "one-time", None
        elif period in _PER_MONTH:
            f = _PER_MONTH[period]
            value = value * f
            high = None if high is None else high * f
            period = "month"
        bound, end2 = _post_bound(text, end, bound)
        if end2 != end and end == pos:
            end = end2
        out.append(
            Quantity(
                "money",
                value,
                cur,
                period,
                per,
                bound,  # type: ignore[arg-type]
                billing,
                text[start:end],
                start,
                end,
                high,
            )
        )
        spoken.append((adverb.group(0).lower() if adverb else "", raw_value, raw_high))
    return _billing_adverbs(out, spoken)


def _billing_adverbs(out: list[Quantity], spoken: list[tuple[str, float, float | None]]) -> list[Quantity]:
    """ "sixty-five per tech monthly, or fifty-two annually": when the "annually" amount is a
    discounted per-month price (50-100% of a monthly one in the same sentence), the adverbs name
    the billing, not the period."""
    for k, (adv, raw, raw_high) in enumerate(spoken):
        if adv not in ("annually", "yearly"):
            continue
        monthly = [
            j
            for j, q in enumerate(out)
            if j != k and q.period == "month" and spoken[j][0] not in ("annually", "yearly") and q.value
        ]
        if any(0.5 * out[j].value <= raw < out[j].value for j in monthly):  # type: ignore[operator]
            out[k] = replace(out[k], value=raw, high=raw_high, period="month", billing="annual")
            for j in monthly:
                if spoken[j][0] == "monthly" and out[j].billing is None:
                    out[j] = replace(out[j], billing="monthly")
    return out


def _percent(text: str) -> list[Quantity]:
    out = []
    for m in _matches(_PERCENT, text):
        if m.group("num_u") or m.group("num_p"):  # "99.9 uptime", "ninety-nine point nine five"
            value = float(m.group("num_u")) if m.group("num_u") else parse_number(m.group("num_p")) or 0.0
            out.append(Quantity("percent", value, "%", text=m.group(0), start=m.start(), end=m.end()))
            continue
        if m.group("num") is None:
            out.append(Quantity("percent", 50.0, "%", text=m.group(0), start=m.start(), end=m.end()))
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        bound, end = _post_bound(text, m.end(), _bound(m))
        high = _num(m.group("num2"))
        out.append(
            Quantity(
                "percent",
                value,
                "%",
                bound=bound,
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                high=high,
            )
        )  # type: ignore[arg-type]
    return out


def _multipliers(text: str) -> list[Quantity]:
    out = []
    for m in _MULTIPLIER.finditer(text):
        if m.group("num"):
            value = float(m.group("num"))
        elif m.group("numw"):
            value = parse_number(m.group("numw"))
        elif m.group("dbl"):
            value = 2.0
        elif m.group("tpl"):
            value = 3.0
        else:
            value = 4.0
        if value is None:
            continue
        span = m.group(0).rstrip()
        out.append(Quantity("count", value, "x", text=span, start=m.start(), end=m.start() + len(span)))
    return out


_SPECIAL_DURATION = re.compile(
    rf"(?:{_BOUND_PRE})?(?:(?P<q>(?:a\s+)?quarter\s+of\s+an\s+hour)|"
    r"(?P<hh>half\s+an\s+hour|a\s+half[- ]hour)|(?P<hd>half\s+a\s+day|a\s+half[- ]day)|"
    r"(?P<h15>an?\s+hour\s+and\s+a\s+half))\b",
    re.I,
)
_SPECIAL_DAYS = {"q": 15 / 1440, "hh": 30 / 1440, "hd": 0.5, "h15": 1.5 / 24}


def _durations(text: str) -> list[Quantity]:
    out = []
    for m in _SPECIAL_DURATION.finditer(text):
        key = next(k for k in _SPECIAL_DAYS if m.group(k))
        bound = _bound(m)
        out.append(
            Quantity(
                "duration",
                _SPECIAL_DAYS[key],
                "day",
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
        if unit.startswith(("min", "hour", "hr")) and _HAVE_TIME.search(
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
                "day",
                bound=bound,  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                high=None if high is None else high * factor,
            )
        )
    return out


def _storage(text: str) -> list[Quantity]:
    out = []
    for m in _STORAGE.finditer(text):
        if m.group("unl"):
            out.append(Quantity("count", None, "gb", text=m.group(0), start=m.start(), end=m.end()))
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit, factor0 = _STORAGE_UNITS[re.sub(r"\s+", " ", m.group("unit").lower())]
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


def _rate(text: str, end: int) -> tuple[float, str | None, str | None, int]:
    """A count's "per month" / "per user" tail: (factor to per month, period, per head, new end)."""
    factor, period, per = 1.0, None, None
    while True:
        r = _RATE_TAIL.match(text, end)
        if r and period is None:
            factor, period, end = _RATE_PER_MONTH[r.group("rate").lower()], "month", r.end()
            continue
        t = _TAIL.match(text, end)
        word = (t.group("unit") or "").lower() if t else ""
        if t and per is None and word in _HEADS:
            per, end = _HEADS[word], t.end()
            continue
        return factor, period, per, end


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
        if value is None:
            continue
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


_GATE_NUM = re.compile(rf"\d|\b(?:{_ONES_RE}|{_TENS_RE}|hundred|thousand|million|dozen|couple)\b", re.I)
_FINDERS = (
    (_hours, None),
    (_money, re.compile(r"[$€£]|\bgrand\b", re.I)),
    (_percent, re.compile(r"\bhalf\b", re.I)),
    (_multipliers, re.compile(r"\b(?:double|doubl|triple|tripl|twice|thrice|quadrupl)", re.I)),
    (_storage, re.compile(r"\bunlimited\b", re.I)),
    (
        _counts,
        re.compile(r"\b(?:unlimited|limitless|infinite|no\s+(?:limits?|caps?)|as\s+many|cap|limit)\b", re.I),
    ),
    (_durations, re.compile(rf"\ban?\s+(?:{_DUR_UNIT_RE}|quarter|half|hour)\b|\bhalf\b", re.I)),
)


def extract_quantities(text: str) -> list[Quantity]:
    """Every value in `text`, normalised (see the module docstring), in order of appearance.

    Bare numbers with no unit (dates, years, phone numbers, versions, ordinals, times of day) are
    not quantities. Offsets index `text` as given.
    """
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
    return sorted(taken, key=lambda q: q.start)


# --------------------------------------------------------------------------------------------
# Comparison

_TOLERANCE = {"money": 0.005, "duration": 0.03}


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
    # a single value inside the other's range is compatible with it
    if a.high is None and b.high is not None and lo_b * (1 - rel) <= lo_a <= hi_b * (1 + rel):
        return "same"
    if b.high is None and a.high is not None and lo_a * (1 - rel) <= lo_b <= hi_a * (1 + rel):
        return "same"
    return "different"


def _window(key: str) -> tuple[float, float] | None:
    m = re.match(r"(\d\d)(?::(\d\d))?-(\d\d)(?::(\d\d))?$", key)
    if not m:
        return None
    return int(m.group(1)) + int(m.group(2) or 0) / 60, int(m.group(3)) + int(m.group(4) or 0) / 60


_TZ_OFFSET = {
    "ET": -5,
    "CT": -6,
    "MT": -7,
    "PT": -8,
    "UTC": 0,
    "UK": 0,
    "CET": 1,
    "IST": 5.5,
    "SGT": 8,
    "AET": 10,
}


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
    durations 3% (12 months == 1 year), rates and storage 3%, percentages and counts exact.
    """
    if a.kind != b.kind:
        return "incomparable"
    kind = a.kind
    if kind == "hours":
        return _compare_hours(a, b)
    if kind == "count" and _HEAD_CLASS.get(a.unit, a.unit) != _HEAD_CLASS.get(b.unit, b.unit):
        return "incomparable"
    rel = _TOLERANCE.get(kind, 0.0)
    if kind == "count" and (a.period or b.period or a.unit == "gb"):
        rel = 0.03  # rates converted to per month, 1 TB vs 1024 GB
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
    return _values(a, b, rel)
