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
