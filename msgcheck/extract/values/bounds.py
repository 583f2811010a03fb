"""Bounds and ranges around a value: "up to", "at least", "between X and Y", "X or more"."""

from __future__ import annotations

import re

from .numbers import parse_number

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
    r"\s*(?:\+(?!\s*(?:[$€£]?\d|\.\d))|or\s+(?:more|higher|larger|above|over)\b|and\s+(?:up|larger|above|over|higher|more)\b|minimum\b|min\b)",
    re.I,
)
_POST_MAX = re.compile(r"\s*(?:max(?:imum)?\b|tops\b|or\s+(?:less|fewer)\b|at\s+most\b)", re.I)
# "2-3", "two to three", and "between 2 and 3" (the "and" form only after "between").
_BTW = r"(?:(?P<btw>between)\s+)?"
_RANGE_SEP = r"(?(btw)\s+and\s+|\s*(?:-|–|—|to\b|or\b|,)\s*)"

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
