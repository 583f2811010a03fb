"""Money: currencies, recurring prices normalised per month, billing terms, one-time fees, per-head prices."""

from __future__ import annotations

import re
from dataclasses import replace

from ...types import Quantity
from .bounds import _BOUND_PRE, _BTW, _RANGE_SEP, _bound, _clause_bounds, _matches, _post_bound
from .numbers import _DIGITNUM, _ONES_NZ_RE, _TENS_RE, NUM, _alt, _num, parse_number
from .units import (
    _BARE_PERIODS,
    _COUNT_NOUN_RE,
    _DUR_UNIT_RE,
    _HEAD_ADJ,
    _HEADS,
    _PER_MONTH,
    _PERIOD_WORDS,
    _RATE_PER_MONTH,
)

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
    "k": "USD",
    "cent": "USD",
    "cents": "USD",
}
_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|INR|JPY|SGD|SEK|NOK|DKK"

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

_MONEY_HEAD = (
    rf"(?P<sym>[$€£])\s?(?P<num>{_DIGITNUM})(?:{_RANGE_SEP}[$€£]?\s?(?P<num2>{_DIGITNUM}))?"
    rf"|(?P<num_s>{_DIGITNUM})\s?(?P<sym2>[$€£])(?!\s?\d)"
)
_MONEY_CODE = rf"\b(?P<code>{_CODES})\s?(?P<num_c>{_DIGITNUM})|(?P<num_c2>{NUM})\s?(?P<code2>{_CODES})\b"
_MONEY_WORD = (
    rf"(?P<num_w>{NUM}|\ban?(?=\s+(?:grand|bucks?|dollars?)\b))(?:{_RANGE_SEP}(?P<num_w2>{NUM}))?[\s-]*"
    rf"(?P<word>dollars?|bucks?|euros?|pounds?|quid|grand|cents?|(?<=\s)k(?=\s|[,.;!?]|$))\b"
)
_TAIL_SEP = r"\s*,?\s*(?:/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b|\bfor\s+each\b)\s*"
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
    r"\b(?:pric\w*|costs?|pay|paying|plan|charge[sd]?|fees?|billed|bill|starts?\s+at|starting\s+at|runs?|quoted?|"
    r"premium|deductible|co-?pays?|deposit|tuition|membership|rent|retainer|invoice[sd]?|lease|tier|credit|"
    r"out-of-pocket|coverage|covers?|rebate|surcharge|"
    r"budget|spend|license|subscription|seat|works?\s+out|comes?\s+(?:out\s+)?to|all\s+in|in\s+total|adds?\s+up|"
    r"(?:you're|you\s+are|you'd\s+be)\s+(?:at|looking\s+at)|minimum|flat)\b",
    re.I,
)
_TAIL = re.compile(
    rf"{_TAIL_SEP}(?P<unit>{_alt(_PERIOD_WORDS)}|{_alt(_HEADS)})\b(?![-–]to)"
    rf"|\s*,?\s*(?P<adv>monthly|annually|yearly|weekly|quarterly|per\s+annum|annual(?=\s+(?:deductible|fee|cost|price|premium|rate|plan|contract|license|subscription|membership|retainer|maximum|max|limit)))\b"
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
_RATE_TAIL = re.compile(rf"{_TAIL_SEP}(?P<rate>{_alt(_RATE_PER_MONTH)})\b(?![-–]to)", re.I)


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
            if gd["word"].lower() in ("grand", "k"):
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
        if bare and not (
            per
            or out
            or _PRICE_CUE.search(text)
            or any(not x.group("num_b") for x in matches)
            or (period is not None and _said_as_price(raw, value))
        ):
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
        alt = _cents_reading(raw)
        if alt is not None and period == "month" and raw_value != value:
            alt *= value / raw_value  # the same period factor as the main reading
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
                alt=alt,
            )
        )
        spoken.append((adverb.group(0).lower() if adverb else "", raw_value, raw_high))
    return _spoken_small_change(text, _cued_money(text, _billing_adverbs(out, spoken)))


_IDIOM = re.compile(
    rf"^(?P<a>(?:{_TENS_RE})(?:[\s-](?:{_ONES_NZ_RE}))?|{_ONES_NZ_RE})[\s-]+(?P<b>(?:{_TENS_RE})(?:[\s-](?:{_ONES_NZ_RE}))?|"
    rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)$",
    re.I,
)


def _said_as_price(raw: str, value: float) -> bool:
    """A bare number before a period reads as a price when it is said like one: "two nineteen a month",
    "forty-nine a month", "two point nine nine"; not "we release two a month"."""
    return value >= 10 or "point" in raw.lower() or "." in raw or bool(_IDIOM.match(raw.strip()))


def _cents_reading(raw: str) -> float | None:
    """The other reading of a price said in two parts: "four ninety-nine" is 499, or 4.99; "twelve
    ninety-nine" is 1,299 or 12.99. The asset it is compared with decides (compare_quantities)."""
    m = _IDIOM.match(raw.strip())
    if not m:
        return None
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or b is None or not (1 <= a <= 99 and 10 <= b <= 99):
        return None
    return round(a + b / 100, 2)


_BUCK_CENTS = re.compile(
    rf"\b(?P<d>a|one|{NUM})\s+(?:bucks?|dollars?)\s+(?P<c>(?:{_TENS_RE})(?:[\s-](?:{_ONES_NZ_RE}))?|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|\d{2})\b"
    # "two dollars ten per robe" is $2.10; "five dollars ten percent off", "ten dollars twenty users" are not
    rf"(?![\s-]*(?:%|percent|hundred|thousand|million|k\b|(?:{_COUNT_NOUN_RE})\b|(?:{_DUR_UNIT_RE})\b))",
    re.I,
)
_CENTS_SIGN = re.compile(r"(?<![\w.])(?P<n>\d{1,2})\s?¢", re.I)
_DOLLARS_AND_CENTS = re.compile(r"\s+and\s+$", re.I)


def _spoken_small_change(text: str, out: list[Quantity]) -> list[Quantity]:
    """ "a buck fifty" = 1.50, "two dollars ten" = 2.10; "nine dollars and ninety-nine cents" = 9.99."""
    extra = []
    for m in _BUCK_CENTS.finditer(text):
        cents = parse_number(m.group("c"))
        dollars = 1.0 if m.group("d").lower() in ("a", "one") else parse_number(m.group("d"))
        if cents is None or dollars is None:
            continue
        out = [
            q for q in out if not (q.start < m.end() and m.start() < q.end)
        ]  # "fifty a box" was half of it
        pos, per, period = m.end(), None, None
        t = _TAIL.match(text, pos)
        if t:
            word = (t.group("unit") or t.group("anyhead") or t.group("anyhead2") or "").lower()
            if word in _PERIOD_WORDS:
                period = _PERIOD_WORDS[word]
            elif word:
                per = _HEADS.get(word) or re.sub(r"(?<=[^s])s$", "", word)
            pos = t.end()
        value = dollars + cents / 100
        if period in _PER_MONTH:
            value, period = value * _PER_MONTH[period], "month"
        extra.append(
            Quantity(
                "money",
                round(value, 4),
                "USD",
                period,
                per,
                text=text[m.start() : pos],
                start=m.start(),
                end=pos,
            )
        )
    for m in _CENTS_SIGN.finditer(text):
        if not any(q.start < m.end() and m.start() < q.end for q in out + extra):
            extra.append(
                Quantity(
                    "money", int(m.group("n")) / 100, "USD", text=m.group(0), start=m.start(), end=m.end()
                )
            )
    merged: list[Quantity] = []
    for q in sorted(out + extra, key=lambda q: q.start):
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == q.kind == "money"
            and re.search(r"dollars?$", text[prev.start : prev.end], re.I)
            and re.search(r"cents?\b", q.text, re.I)
            and _DOLLARS_AND_CENTS.match(text[prev.end : q.start] + " ")
            and q.value is not None
            and prev.value is not None
        ):
            cents = q.value if q.period is None else q.value / _PER_MONTH.get(q.period, 1.0)
            merged[-1] = replace(
                prev,
                value=round(prev.value + cents, 4),
                period=q.period,
                end=q.end,
                text=text[prev.start : q.end],
            )
            continue
        merged.append(q)
    return merged


# a price word before a bare amount in the same clause: "the copay is forty", "premium's three forty-two"
_CUE_BEFORE = re.compile(
    r"\b(?:pric(?:e|es|ed|ing)|costs?|fees?|charge[sd]?|co-?pays?|deductibles?|premiums?|deposits?|tuition|"
    r"membership|rent|retainer|bill|billed|invoice[sd]?|lease|quoted?|minimum|max(?:imum)?|limit|coverage|covers|covered|"
    r"set[- ]?up|free\s+(?:shipping\s+)?(?:on\s+orders?\s+)?over|orders?\s+over|pay|paying|paid|shipping|labor|"
    r"hosting|per\s+\w+|each\s+(?:additional\s+|extra\s+)?\w+|"
    r"out-of-pocket|starts?\s+at|starting\s+at|comes?\s+(?:out\s+)?to|came\s+to|works?\s+out\s+to|all\s+in|"
    r"looking\s+at|runs?|license|ebook|kit|special|tasting|package|build|rebrand|install)\b[^.;!?]{0,45}$",
    re.I,
)
_NOT_MONEY_AFTER = re.compile(
    r"[\s-]*(?:%|percent|per\s*cent|basis|bps|x\b|times|o'clock|am\b|pm\b|a\.m|p\.m|"
    r"(?:mega|giga|tera)?(?:bytes?|bits?)|gigs?|megs?|mb|gb|tb|mbps|gbps|"
    r"(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?)\b)",
    re.I,
)
_AMOUNT_END = re.compile(
    r"(?=\s*(?:[,.;!?)]|$|\b(?:for\s+(?:the|a|each|every)|per|a|an|each|apiece|flat|even|plus|on|one[- ]time|"
    r"up\s?front|total|all\s+in|off|credited|aggregate)\b))",
    re.I,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# a price noun right after the amount: "a two-fifty copay", "a hundred and fifty thousand in coverage"
_CUE_AFTER = re.compile(
    r"[\s-]*(?:in\s+)?(?:co-?pays?|deductibles?|fees?|deposits?|credits?|charges?|premiums?|coverage|rebates?|"
    r"flat\b|even\b|apiece\b|a\s+pop\b)",
    re.I,
)
_TIME_TALK = re.compile(
    r"\b(?:at|o'clock|a\.?m|p\.?m|tomorrow|today|tonight|morning|afternoon|evening|call|meet)\b", re.I
)
_IS_BEFORE = re.compile(
    r"(?:\b(?:is|it's|that's|its|are|runs?|was|be)|'s)\s+(?:just\s+|only\s+|about\s+|like\s+)?$", re.I
)
_YEAR_CONTEXT = re.compile(
    r"\b(?:annual\s+plan|for\s+the\s+(?:whole\s+|full\s+)?year|a\s+year|per\s+year|annually|yearly)\b", re.I
)


_CUED_NUM = re.compile(
    rf"(?:{_BOUND_PRE})?(?:(?P<btw>between)\s+)?(?P<n>{NUM})"
    rf"(?:(?(btw)\s+and\s+|\s*(?:-|–|—|\bto\b|\bor\b)\s*)(?P<n2>{NUM}))?",
    re.I,
)


# the only price word is a coverage verb (the last cue before the amount)
_COVER_CUE = re.compile(
    r"\bcover(?:s|ed|age)?\b(?![^.;!?]*\b(?:pric|cost|fee|charge|premium|deductible|limit))[^.;!?]*$", re.I
)


def _cued_money(text: str, out: list[Quantity]) -> list[Quantity]:
    """Bare amounts said after a price word in the same clause ("the specialist copay is forty", "the
    franchise fee is thirty-five thousand"), with no currency: money, since the clause says so."""
    found = list(out)
    for m in _CUED_NUM.finditer(text):
        start, end = m.start("n"), m.end()
        if any(q.start < end and start < q.end for q in found):
            continue
        raw = m.group("n")
        if _YEAR.match(raw) or _NOT_MONEY_AFTER.match(text, end):
            continue
        nxt = re.match(rf"\s*,?\s*(?:or\s+)?(?:{NUM})", text[end:], re.I)
        if nxt and _NOT_MONEY_AFTER.match(text, end + nxt.end()):
            continue  # "three, four weeks": a spoken range of a duration
        if not (_AMOUNT_END.match(text, end) or _CUE_AFTER.match(text, end)):
            continue
        c_left, _ = _clause_bounds(text, start, end)
        lead = text[max(c_left, start - 60) : start]  # where a price word before the amount may stand
        cued_after = bool(_CUE_AFTER.match(text, end))
        cued = bool(_CUE_BEFORE.search(lead)) or cued_after
        # the price idiom said as the answer ("the bootcamp is four ninety-nine") is a price, not a time
        idiom = bool(_IDIOM.match(raw.strip())) and bool(
            _IS_BEFORE.search(text[max(c_left, start - 20) : start])
        )
        if not cued and not (idiom and not _TIME_TALK.search(text[c_left:])):
            continue
        value = parse_number(raw)
        if value is None or value <= 0:
            continue
        if value < 100 and not cued_after and _COVER_CUE.search(lead):
            continue  # "that covers up to eight": a count of what is covered; coverage limits are larger sums
        alt = _cents_reading(raw)
        once = bool(_ONE_TIME_AFTER.match(text, end)) or bool(_ONE_TIME_BEFORE.search(text[c_left:start]))
        period = "one-time" if once else None
        tail = re.match(r"\s+for\s+the\s+month\b", text[end:], re.I)
        if tail:
            period, end = "month", end + tail.end()
        elif period is None and _YEAR_CONTEXT.search(text[c_left:start]):
            value, alt = (
                value / 12,
                (alt / 12 if alt is not None else None),
            )  # "for the year it's fifty-four hundred"
            period = "month"
        found.append(
            Quantity(
                "money",
                value,
                "",
                period,
                bound=_bound(m),  # type: ignore[arg-type]
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                high=_num(m.group("n2")),
                alt=alt,
            )
        )
    return sorted(found, key=lambda q: q.start)


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
