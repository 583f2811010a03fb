"""Percentages and multipliers ("20%", "in half", "3x")."""

from __future__ import annotations

import re

from ...types import Quantity
from .bounds import _BOUND_PRE, _BTW, _RANGE_SEP, _bound, _matches, _post_bound
from .numbers import _ONES_RE, NUM, _num, parse_number

_PERCENT = re.compile(
    rf"(?:{_BOUND_PRE})?{_BTW}(?P<num>{NUM})(?:\s?%?{_RANGE_SEP}(?P<num2>{NUM}))?\s?"
    r"(?:%|percent\b|per\s?cent\b|pct\b|APR\b)"
    r"|\b(?P<num_u>(?:9\d|100)(?:\.\d+)?)(?=\s+(?:uptime|availability|SLA)\b)"
    rf"|\b(?P<num_p>ninety[\s-](?:{_ONES_RE})[\s-]+point(?:[\s-]+(?:{_ONES_RE}))+)\b(?!\s*(?:%|percent))"
    rf"|\b(?P<num_pt>point(?:[\s-]+(?:{_ONES_RE}))+)\s?(?:%|percent\b|per\s?cent\b)"  # "point six percent"
    r"|\b(?P<frac>half|(?:a\s+)?quarter|three[\s-]quarters)(?:\s+of)?(?:\s+an?)?\s+(?:percent|per\s?cent)\b"
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


# "half a percent", "a quarter percent", "three quarters of a percent": a fraction of one point
_OF_A_PERCENT = {"half": 0.5, "quarter": 0.25, "quarters": 0.75}
_CERTAINTY = re.compile(r"\s+(?:sure|certain|confident|positive|honest|committed|behind)\b", re.I)


def _percent(text: str) -> list[Quantity]:
    out = []
    for m in _matches(_PERCENT, text):
        if m.group("num_u") or m.group("num_p"):  # "99.9 uptime", "ninety-nine point nine five"
            value = float(m.group("num_u")) if m.group("num_u") else parse_number(m.group("num_p")) or 0.0
            out.append(Quantity("percent", value, "%", text=m.group(0), start=m.start(), end=m.end()))
            continue
        if m.group("num_pt") or m.group("frac"):  # "point six percent", "half a percent"
            frac = (m.group("frac") or "").lower()
            value = (
                _OF_A_PERCENT[re.split(r"[\s-]+", frac)[-1]]
                if frac
                else parse_number(m.group("num_pt")) or 0.0
            )
            bound, end = _post_bound(text, m.end(), _bound(m))
            span = text[m.start() : end]
            out.append(Quantity("percent", value, "%", bound=bound, text=span, start=m.start(), end=end))  # type: ignore[arg-type]
            continue
        if m.group("num") is None:
            out.append(Quantity("percent", 50.0, "%", text=m.group(0), start=m.start(), end=m.end()))
            continue
        value = parse_number(m.group("num"))
        if value is None or _CERTAINTY.match(text, m.end()):
            continue  # "I'm a hundred percent sure": a manner of speaking
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


_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
_SHARE = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:out\s+)?of\s+(?:every\s+)?(?P<d>{NUM})\b"
    r"|\b(?P<fn>a|one|two|three)\s+(?P<frac>half|third|quarter|fifth|tenth)s?\s+"
    r"(?:of(?!\s+an?\s+(?:hour|minute|day|week|month|year|mile|percent|per\s?cent)\b)|goes|go|up\s?front|down|off)\b"
    r"|\bhalf\s+(?:of\b|up\s?front\b|down\b)"
    r"|\b(?P<split>(?:seventy|sixty|eighty|fifty|ninety|forty)[\s-](?:thirty|forty|twenty|fifty|ten|sixty))\s+split\b"
    r"|\b(?P<split2>(?:seventy|sixty|eighty|fifty|ninety|forty))[\s-](?:thirty|forty|twenty|fifty|ten|sixty)\b"
    r"(?=[^.;!?]{0,20}\bsplit\b|[^.;!?]{0,30}\bin\s+your\s+favou?r)",
    re.I,
)
_SPLIT_WORDS = {"seventy": 70.0, "sixty": 60.0, "eighty": 80.0, "fifty": 50.0, "ninety": 90.0, "forty": 40.0}
# a rate said without "percent": on a swipe, per transaction, an APR, a tax, a royalty, basis points
_RATE_CUE_BEFORE = re.compile(
    r"\b(?:rate|apr|interest|tax|royalty|commission|markup|interchange|processing|surcharge|amex|visa|"
    r"mastercard|discover|card|taps?|swipes?|keyed|online|in-person|ach)\b[^.;!?$]{0,40}$",
    re.I,
)
_RATE_CUE_AFTER = re.compile(
    r"\s*(?:on\s+(?:every|each|all|the)\s+(?:swipe|tap|transaction|sale|card|charge)s?\b|plus\s+\w+(?:[\s-]\w+)?\s+cents?\b"
    r"|\+\s*\d+\s*[¢c]\b|(?:of|on)\s+(?:gross|net|sales|revenue)\b)",
    re.I,
)
_BASIS = re.compile(rf"\b(?P<n>{NUM})\s+(?:basis\s+points|bps|bips)\b", re.I)


def shares(text: str) -> list[Quantity]:
    """Shares said as fractions or counts ("nine out of ten", "a third", "half up front", "seventy-thirty
    split") and rates said without "percent" where the context makes them one ("two point nine on every
    swipe plus thirty cents", "the APR is twenty-four point nine nine", "thirty basis points")."""
    out: list[Quantity] = []
    for m in _SHARE.finditer(text):
        gd = m.groupdict()
        if gd["n"]:
            n, d = parse_number(gd["n"]), parse_number(gd["d"])
            if not n or not d or n >= d:
                continue  # "ten out of ten" is praise, not a share
            value = round(100 * n / d, 2)
        elif gd["frac"]:
            k = {"a": 1, "one": 1, "two": 2, "three": 3}[gd["fn"].lower()]
            value = round(k * _FRACTIONS[gd["frac"].lower()], 2)
        elif gd["split"] or gd["split2"]:
            value = _SPLIT_WORDS[(gd["split"] or gd["split2"]).split()[0].split("-")[0].lower()]
        else:
            value = 50.0
        end = m.end() if not gd["n"] else m.end("d")
        out.append(Quantity("percent", value, "%", text=text[m.start() : end], start=m.start(), end=end))
    for m in _BASIS.finditer(text):
        n = parse_number(m.group("n"))
        if n is not None:
            out.append(Quantity("percent", n / 100, "%", text=m.group(0), start=m.start(), end=m.end()))
    for m in re.finditer(rf"(?P<n>{NUM})(?:\s+and\s+a\s+(?P<q>quarter|half))?", text, re.I):
        raw = m.group("n")
        value = parse_number(raw)
        if value is None or value >= 100 or any(q.start < m.end() and m.start() < q.end for q in out):
            continue
        said_as_rate = "point" in raw.lower() or "." in raw or m.group("q") or value < 10
        before = text[max(0, m.start() - 50) : m.start()]
        if not said_as_rate or not (_RATE_CUE_BEFORE.search(before) or _RATE_CUE_AFTER.match(text, m.end())):
            continue
        if re.match(
            r"\s*(?:%|percent|cents?|dollars?|bucks?|days?|weeks?|months?|years?|hours?|minutes?)\b",
            text[m.end() :],
            re.I,
        ):
            continue
        if m.group("q"):
            value += 0.25 if m.group("q").lower() == "quarter" else 0.5
        out.append(Quantity("percent", value, "%", text=m.group(0), start=m.start(), end=m.end()))
    return sorted(out, key=lambda q: q.start)
