"""Availability hours: 24/7, business hours, time windows with time zones, the days they cover."""

from __future__ import annotations

import re

from ...types import Quantity
from ..daynames import DAY_KEYS
from .numbers import _ONES, _alt, parse_number
from .units import _WINDOW_AFTER_SKIP

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
_MINUTE_WORDS = r"(?:[\s-]+(?:thirty|fifteen|forty[\s-]five|oh[\s-]five))"
# a 24-hour clock read aloud: "oh-eight-hundred", "fourteen hundred (hours)"; a bare "five hundred" is an amount
# ("four to five hundred a month"), a clock only with its "oh" or "hours"
_MILITARY = (
    r"(?:oh[\s-](?:one|two|three|four|five|six|seven|eight|nine)[\s-]hundred(?:\s+hours)?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine)[\s-]hundred\s+hours"
    r"|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty(?:[\s-](?:one|two|three))?)[\s-]hundred(?:\s+hours)?)"
)
_TIME = (
    rf"(?:\d{{1,2}}(?::[0-5]\d)?(?:{_AMPM})?|{_MILITARY}|(?:{_HOUR_WORDS})\b{_MINUTE_WORDS}?(?:{_AMPM}|\s*o'clock)?"
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
    rf"(?<![\w$€£.:/-])(?:from\s+|between\s+)?(?P<t1>{_TIME})\s*(?:-|–|—|to|until|till|through|thru|and)\s*(?P<t2>{_TIME})"
    rf"(?![\w/%:-])(?:\s*,?\s*(?P<tz>{_TZ}))?",
    re.I,
)
_WINDOW_CONTEXT = re.compile(
    r"\b(?:support|available|availability|hours|open|staffed|weekdays?|mon(?:day)?s?|business|coverage|"
    r"live\s+chat|phone|reach|answer|online|team\s+is|desk|M-F|office|counter|line|help|dispatch|showroom|"
    r"drop-?off|pick-?up|covers?|runs?|take\s+calls|there)\b",
    re.I,
)
# a time only a clock reads: minutes after a colon, or a.m./p.m. ("5:30", "5pm"), never a count of days
_CLOCK_TIME = re.compile(
    rf":[0-5]\d|\d\s*[ap]\.?\s?m\b|[ap]\.?m\.?$|o'clock|\b(?:{_HOUR_WORDS}){_MINUTE_WORDS}\b", re.I
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


def _hour_of(t: str) -> tuple[float, str | None] | None:
    t = t.strip().lower()
    t = re.sub(r"\s+in\s+the\s+morning$", " am", t)
    t = re.sub(r"\s+(?:in\s+the\s+(?:afternoon|evening)|at\s+night)$", " pm", t)
    if t == "noon":
        return 12.0, "pm"
    if t == "midnight":
        return 24.0, None  # the end of the day, as a window's close
    m = re.match(r"(?:oh[\s-])?([a-z]+(?:[\s-](?:one|two|three))?)[\s-]hundred(?:\s+hours)?$", t)
    if m:  # "oh-eight-hundred", "twenty-hundred": a 24-hour clock read aloud
        h = parse_number(m.group(1))
        return (float(h), "24") if h is not None and 0 <= h <= 24 else None
    m = re.match(r"([a-z]+)[\s-]+(thirty|fifteen|forty[\s-]five|oh[\s-]five)(\s*[ap]\.?\s?m\.?)?$", t)
    if m and m.group(1) in _ONES:  # "eight thirty", "four thirty"
        minutes = {"thirty": 30, "fifteen": 15, "oh five": 5, "oh-five": 5}.get(
            m.group(2).replace("-", " "), 45
        )
        ap = (m.group(3).strip()[0] + "m") if m.group(3) else None
        return _ONES[m.group(1)] + minutes / 60, ap
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


_DAY_RANGE = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*(?:-|–|to|through|thru)\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.I,
)


def _days_of(text: str) -> str | None:
    """The days a window covers: "weekdays", "daily", "weekends", or a range key like "mon-sat"."""
    m = _DAY_RANGE.search(text)
    if m:
        a, b = DAY_KEYS.index(m.group(1).lower()), DAY_KEYS.index(m.group(2).lower())
        n = (b - a) % 7 + 1
        if (a, b) == (0, 4):
            return "weekdays"
        return "daily" if n == 7 else f"{DAY_KEYS[a]}-{DAY_KEYS[b]}"
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
    return (DAY_KEYS.index(b) - DAY_KEYS.index(a)) % 7 + 1


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
        if t1 is None or t2 is None:
            continue
        if _WINDOW_AFTER_SKIP.match(text, m.end("t2")) and not _CLOCK_TIME.search(
            m.group("t1") + " " + m.group("t2")
        ):
            continue  # "3 to 5 business days" is a duration; "8:30am to 5pm weekdays" a window
        (h1, ap1), (h2, ap2) = t1, t2
        marked = bool(ap1 or ap2)
        words = not re.search(r"\d", m.group("t1") + m.group("t2"))
        between = m.group(0).lower().startswith("between")
        if (
            words
            and not between
            and not re.search(r"\b(?:to|till|until|through|thru)\b", text[m.end("t1") : m.start("t2")], re.I)
        ):
            continue  # "two-ten a seat" is a price read aloud, not a window
        tz = _tz(m.group("tz"))
        if not (marked or tz or _WINDOW_CONTEXT.search(text)):
            continue
        if re.search(r"\band\b", text[m.end("t1") : m.start("t2")], re.I) and not between:
            continue  # "seven and nine" is a window only as "between seven and nine"
        if "24" in (ap1, ap2) or h1 > 12 or h2 > 12:  # 24-hour clock, "08:00-18:00", "midnight"
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
        if between and (ap1 or ap2) and 0 < length < 4:
            length = 4  # "between seven and nine in the morning": a drop-off window, said as a range
            continue  # a meeting slot ("2-3pm"), not opening hours
        if _SCHEDULING.search(text) and not _WINDOW_CONTEXT.search(text):
            continue
        unit = f"{_fmt_hour(a)}-{_fmt_hour(b)}" + (f" {tz}" if tz else "")
        value = length * _days_per_week(days) if days else None
        start = m.start("t1")
        out.append(Quantity("hours", value, unit, days, text=text[start : m.end()], start=start, end=m.end()))
    return out


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
