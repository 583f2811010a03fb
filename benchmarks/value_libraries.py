"""Number/quantity-extraction libraries against msgcheck's spoken-value table.

Scores each candidate library (and msgcheck's own extractor) on every row of
``tests/data/spoken_values.tsv`` and reports, per library: rows passed per kind, the total, how many
of those also had the right unit, the ``none`` rows with no false value, time per 1,000 sentences
(after a warm-up pass), import time (fresh interpreter), install size and licence. It also checks
whether pint can normalise the units the table uses (pint extracts nothing from text).

The libraries are not msgcheck dependencies: they live in a scratch virtualenv, never in .venv.
msgcheck's row runs in the project's .venv; the library rows in the scratch venv; a third call
merges the two JSON files and prints the Markdown tables used in docs/value-libraries.md.

Reproduce (from the repository root)::

    python3 -m venv /tmp/libvenv
    for p in pyduckling-native-phihos quantulum3 number-parser \\
             recognizers-text-number-with-unit price-parser pint text2num; do
        /tmp/libvenv/bin/pip install -q "$p"
    done
    # recognizers-text 1.0.2a2 imports emoji.UNICODE_EMOJI, gone since emoji 2.0:
    /tmp/libvenv/bin/pip install -q "emoji<1"

    .venv/bin/python benchmarks/value_libraries.py --only msgcheck --json /tmp/vl_msgcheck.json
    /tmp/libvenv/bin/python benchmarks/value_libraries.py --only libs --json /tmp/vl_libs.json
    python3 benchmarks/value_libraries.py --report /tmp/vl_msgcheck.json /tmp/vl_libs.json

To score msgcheck as of a given commit rather than the checked-out tree (the msgcheck rows in
docs/value-libraries.md were made this way)::

    mkdir -p /tmp/mc_d471376 && git archive d471376 msgcheck | tar -x -C /tmp/mc_d471376
    .venv/bin/python benchmarks/value_libraries.py --only msgcheck --msgcheck-src /tmp/mc_d471376 \
        --label "msgcheck, HEAD (issue 10 part 1)" --msgcheck-version d471376 --json /tmp/vl_mc_new.json

``--rows`` prints, for every library, what it reported on each row and whether it passed (long).

Scoring (one row at a time; a library that raises on a row misses that row):

- value found: the library reports a number equal to the row's ``value`` (0.5% relative
  tolerance; for a range row either end may equal ``value`` or ``high``) in the row's meaning:
  money - the amount, in the row's currency, either as said or converted to per month the way
  msgcheck normalises ("$588 a year" -> 49); cents reported as cents are divided by 100.
  percent - the percentage, or the same share as a fraction ("nine out of ten" -> 0.9).
  duration - the count of the unit said, or the same span in days or seconds (month 30 / 30.42 /
  30.44 days, year 365 / 365.25, quarter 90 / 91.25 / 91.31; a business day is accepted as 1 or
  7/5 calendar days). count - the number, or for a count said per week/quarter/year the same rate
  per month (msgcheck's canonical form). size/speed - the number in the unit said, or a reported
  data unit converted to it. frequency - the times per period, or a reported rate converted to the
  same rate (any of the month/quarter/year lengths above; msgcheck's 52-week year is within 0.5%).
  schedule - the set of weekdays equals the row's (from Duckling's time values: a day counts
  when the value's weekday is it or the interval covers part of its 06:00-18:00). hours - the
  window equals the row's (HH:MM-HH:MM; an interval end one grain late, Duckling's inclusive
  style, is accepted).
- unit right (only counted when the value is found): money - typed as money with a currency that
  does not contradict the row (a reported "unknown"/unstated currency counts on USD rows, whose
  dollars are mostly implied); percent - typed as a percentage; duration - typed as a duration whose
  span equals the row's (5 plain days for "5 business days" is a unit miss); count - the
  counted noun is named (msgcheck's unit lemma; prefix match, so "tech" ~ "technician");
  size - a byte unit converted to the row's amount; speed - a bit or bit-rate unit (bytes are
  storage, not speed); frequency - a times-per-period rate; schedule - same as the value; hours -
  the time zone as well (none / local / ET / CT / MT / PT / UTC). Number-only libraries
  (number-parser, text2num) have no units: "n/a".
- "in the row's meaning": a bare number, or a value the library typed as the row's kind (a data
  size or speed for size/speed rows, a count or rate for frequency rows); a value typed as something
  else (Duckling's "a year" = 1 year on a frequency row, "twelve k" = 12 km on a money row) is not it.
- none rows (no value of interest): "no false value" when the library returns no number at all
  (times of day and weekdays - Duckling's time dimension, msgcheck's hours/schedules - are not
  numbers and do not count here). Number-only libraries: "n/a (reports
  every number)". A second figure ignores bare numerals from libraries that also type values
  (Duckling's number dimension, Recognizers' number model, quantulum's dimensionless).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "spoken_values.tsv"
KINDS = ["money", "percent", "duration", "count", "size", "speed", "frequency", "schedule", "hours", "none"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
TOL = 0.005


# ----------------------------------------------------------------------------------------------
# What a library reports, normalised just enough to score it


@dataclass
class Item:
    """One value a library reported.

    type: "number" (bare number), "money", "percent", "duration", "size", "speed", "rate",
    "count", "quantity" (some other unit), "hours", "schedule".
    """

    type: str
    value: float | None = None
    high: float | None = None
    unit: str = ""  # currency code / unit name as the library gave it (normalised a little)
    period: str | None = None  # money/rate: per what time unit
    days: list[str] | None = None  # schedule
    window: str | None = None  # hours "HH:MM-HH:MM"
    windows: list[str] = field(default_factory=list)  # alternative readings (Duckling)
    zone: str | None = None
    text: str = ""

    def short(self) -> str:
        bits = [self.type]
        if self.value is not None:
            bits.append(f"{self.value:g}")
        if self.high is not None:
            bits.append(f"-{self.high:g}")
        if self.unit:
            bits.append(self.unit)
        if self.period:
            bits.append("/" + self.period)
        if self.days:
            bits.append(",".join(self.days))
        if self.window:
            bits.append(self.window)
        if self.zone:
            bits.append(self.zone)
        return " ".join(bits) + (f" [{self.text}]" if self.text else "")


def _f(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


_NUM_RE = re.compile(r"(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    return [float(m.group().replace(",", "")) for m in _NUM_RE.finditer(text)]


# ----------------------------------------------------------------------------------------------
# Unit tables used by the scorer

DAYS_PER = {
    "second": [1 / 86400],
    "minute": [1 / 1440],
    "hour": [1 / 24],
    "day": [1.0],
    "business_day": [1.4],
    "week": [7.0],
    "fortnight": [14.0],
    "month": [30.0, 365 / 12, 365.25 / 12],
    "quarter": [90.0, 91.25, 365.25 / 4],
    "year": [365.0, 365.25],
}
_UNIT_ALIASES = {
    "seconds": "second",
    "sec": "second",
    "s": "second",
    "minutes": "minute",
    "min": "minute",
    "hours": "hour",
    "h": "hour",
    "days": "day",
    "weeks": "week",
    "months": "month",
    "quarters": "quarter",
    "years": "year",
    "yr": "year",
    "business day": "business_day",
    "business_days": "business_day",
    "fortnights": "fortnight",
}
GB_PER = {
    "B": 1e-9,
    "KB": 1e-6,
    "MB": 1e-3,
    "GB": 1.0,
    "TB": 1e3,
    "PB": 1e6,
    "KIB": 1024 / 1e9,
    "MIB": 1024**2 / 1e9,
    "GIB": 1024**3 / 1e9,
    "TIB": 1024**4 / 1e9,
}
MBPS_PER = {"KBPS": 1e-3, "MBPS": 1.0, "GBPS": 1e3, "TBPS": 1e6}
CURRENCY_WORDS = {
    "usd": "USD",
    "$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "cent": "USD",
    "cents": "USD",
    "buck": "USD",
    "bucks": "USD",
    "eur": "EUR",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "£": "GBP",
    "â£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pound sterling": "GBP",
    "quid": "GBP",
    "unknown": "",
    "": "",
}


def norm_unit(u: str) -> str:
    u = (u or "").strip().lower()
    return _UNIT_ALIASES.get(u, u)


def currency(u: str) -> str | None:
    """ISO code, "" for unstated/unknown, None when the string is not a currency we know."""
    u = (u or "").strip().lower()
    if u in CURRENCY_WORDS:
        return CURRENCY_WORDS[u]
    for k, v in CURRENCY_WORDS.items():
        if k and len(k) > 1 and u.startswith(k):
            return v
    return None


def data_unit(u: str) -> tuple[str, float] | None:
    """("bytes", GB) or ("bits", Mbps) for a data unit name or symbol, else None."""
    s = (u or "").strip().lower().replace(" ", "")
    words = {
        "kilobyte": ("bytes", 1e-6),
        "megabyte": ("bytes", 1e-3),
        "gigabyte": ("bytes", 1.0),
        "terabyte": ("bytes", 1e3),
        "petabyte": ("bytes", 1e6),
        "gibibyte": ("bytes", 1024**3 / 1e9),
        "mebibyte": ("bytes", 1024**2 / 1e9),
        "tebibyte": ("bytes", 1024**4 / 1e9),
        "kilobit": ("bits", 1e-3),
        "megabit": ("bits", 1.0),
        "gigabit": ("bits", 1e3),
        "terabit": ("bits", 1e6),
    }
    for w, r in words.items():
        if s.startswith(w):
            return r
    up = (u or "").strip()
    if up.upper() in GB_PER and (up.endswith("B") or up.upper().endswith("IB")):
        return ("bytes", GB_PER[up.upper()])
    if up.upper() in MBPS_PER:
        return ("bits", MBPS_PER[up.upper()])
    if s in ("gb", "gig", "gigs"):
        return ("bytes", 1.0)
    return None


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    if b == 0:
        return abs(a) < 1e-9
    return abs(a - b) <= TOL * abs(b)


def any_close(vals, targets) -> bool:
    return any(close(v, t) for v in vals if v is not None for t in targets if t is not None)


def item_numbers(it: Item) -> list[float]:
    return [v for v in (it.value, it.high) if v is not None]


# ----------------------------------------------------------------------------------------------
# Scoring one row


def _row_targets(row) -> list[float]:
    return [v for v in (_f(row["value"]), _f(row["high"])) if v is not None]


def _parse_window(s: str) -> str | None:
    """ "9-17", "09:00-17:00", "08:30-17:30" -> "HH:MM-HH:MM"."""
    m = re.fullmatch(r"\s*(\d{1,2})(?::(\d\d))?\s*-\s*(\d{1,2})(?::(\d\d))?\s*", s or "")
    if not m:
        return None
    return f"{int(m[1]):02d}:{m[2] or '00'}-{int(m[3]):02d}:{m[4] or '00'}"


# Item types that can carry a row's meaning: a bare number, or a value typed as that kind. A value
# the library typed as something else (a duration's 1 in "a year" on a frequency row, "twelve k" as
# 12 kilometres on a money row) is not the row's value.
MEANING = {
    "money": {"number", "money"},
    "percent": {"number", "percent"},
    "duration": {"number", "duration"},
    "count": {"number", "count"},
    "size": {"number", "size", "speed", "count", "quantity"},
    "speed": {"number", "size", "speed", "count", "quantity"},
    "frequency": {"number", "rate", "count"},
    "schedule": {"schedule"},
    "hours": {"hours"},
}
# On none rows a time of day or a weekday is not a number; every other item is.
NOT_A_NUMBER = {"schedule", "hours"}


def score_row(row, items: list[Item], *, number_only: bool) -> tuple[bool, bool | None]:
    """(value found, unit right) for one row; unit right is None where the library has no units."""
    kind = row["kind"]
    if kind == "none":
        items = [i for i in items if i.type not in NOT_A_NUMBER]
    else:
        items = [i for i in items if i.type in MEANING[kind]]
    unit = row["unit"]
    per = row["period"]
    targets = _row_targets(row)

    if kind == "money":
        tg = list(targets)
        if per in ("year", "quarter", "week", "day"):
            f = {"year": 1 / 12, "quarter": 1 / 3, "week": 52 / 12, "day": 365 / 12}[per]
            tg += [t * f for t in targets]
        found = unit_ok = False
        for it in items:
            vals = item_numbers(it)
            if it.type == "money" and norm_unit(it.unit) in ("cent", "cents"):
                vals = [v / 100 for v in vals]
            if any_close(vals, tg):
                found = True
                if it.type == "money":
                    c = currency(it.unit)
                    if c == unit or (c == "" and unit == "USD"):
                        unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind == "percent":
        tg = targets + [t / 100 for t in targets]
        found = unit_ok = False
        for it in items:
            if any_close(item_numbers(it), tg):
                found = True
                if it.type == "percent" and any_close(item_numbers(it), targets):
                    unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind == "duration":
        u = norm_unit(unit)
        days = [t * d for t in targets for d in DAYS_PER.get(u, [])]
        if u == "business_day":
            days = [t * 1.4 for t in targets]
        count_tg = targets + [t * 1.0 for t in targets]
        day_alts = days + ([t for t in targets] if u == "day" else [])
        secs = [d * 86400 for d in days]
        found = unit_ok = False
        for it in items:
            nums = item_numbers(it)
            if any_close(nums, count_tg + day_alts + secs):
                found = True
            if it.type == "duration":
                iu = norm_unit(it.unit)
                conv = [n * d for n in nums for d in DAYS_PER.get(iu, [])]
                if iu == "business_day":
                    conv = [n * 1.4 for n in nums]
                if any_close(conv, day_alts) or (iu == u and any_close(nums, targets)):
                    found = unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind == "count":
        found = unit_ok = False
        want = unit.lower()
        tg = list(targets)
        if per in ("year", "quarter", "week", "day"):  # msgcheck states count rates per month too
            f = {"year": 1 / 12, "quarter": 1 / 3, "week": 52 / 12, "day": 365 / 12}[per]
            tg += [t * f for t in targets]
        for it in items:
            if any_close(item_numbers(it), tg):
                found = True
                iu = (it.unit or "").lower().rstrip("s")
                if it.type in ("count", "quantity") and iu and (want.startswith(iu) or iu.startswith(want)):
                    unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind in ("size", "speed"):
        if kind == "size":
            row_gb = [t * GB_PER[unit.upper()] for t in targets]
        else:
            row_mbps = [t * MBPS_PER[unit.upper()] for t in targets]
        found = unit_ok = False
        for it in items:
            nums = item_numbers(it)
            if any_close(nums, targets):
                found = True
            du = data_unit(it.unit) if it.type in ("size", "speed", "quantity", "count") else None
            if du:
                family, f = du
                conv = [n * f for n in nums]
                if kind == "size" and family == "bytes" and any_close(conv, row_gb):
                    found = unit_ok = True
                if kind == "speed" and family == "bits" and any_close(conv, row_mbps):
                    found = unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind == "frequency":
        rate = [t / pd for t in targets for pd in DAYS_PER[per]]  # times per day, each month/year length
        found = unit_ok = False
        for it in items:
            nums = item_numbers(it)
            if any_close(nums, targets):
                found = True
            if it.type in ("rate", "number") and it.period:  # a rate, or quantulum's "2 per month"
                ip = DAYS_PER.get(norm_unit(it.period))
                if ip and any_close([n / d for n in nums for d in ip[:1]], rate):
                    found = unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind == "schedule":
        want = set(row["value"].split(","))
        got: set[str] = set()
        for it in items:
            if it.type == "schedule" and it.days:
                got |= set(it.days)
        ok = got == want
        return ok, (ok if not number_only else None)

    if kind == "hours":
        want = row["value"]
        zone = row["unit"]
        found = unit_ok = False
        for it in items:
            if it.type != "hours":
                continue
            if want in ([it.window] if it.window else []) + it.windows:
                found = True
                if (it.zone or "none") == zone:
                    unit_ok = True
        return found, (unit_ok if not number_only else None)

    if kind == "none":
        if number_only:
            return (not items), None
        return (not items), (not [i for i in items if i.type != "number"])

    raise ValueError(kind)


# ----------------------------------------------------------------------------------------------
# Adapters: each returns a callable text -> list[Item]

WEEKDAY_ABBR = DAYS


def adapter_msgcheck():
    from msgcheck.extract.values import extract_quantities

    day_sets = {
        "weekdays": DAYS[:5],
        "daily": DAYS,
        "weekends": ["sat", "sun"],
        "weekend": ["sat", "sun"],
        "everyday": DAYS,
        "every day": DAYS,
    }

    def period_days(p: str | None) -> list[str] | None:
        if not p:
            return None
        p = p.lower()
        if p in day_sets:
            return list(day_sets[p])
        m = re.fullmatch(r"([a-z]{3})-([a-z]{3})", p)
        if m and m[1] in DAYS and m[2] in DAYS:
            i, j = DAYS.index(m[1]), DAYS.index(m[2])
            return DAYS[i : j + 1] if i <= j else DAYS[i:] + DAYS[: j + 1]
        parts = [x.strip() for x in p.split(",")]
        if all(x in DAYS for x in parts):
            return parts
        return None

    def run(text: str) -> list[Item]:
        out = []
        for q in extract_quantities(text):
            alt = getattr(q, "alt", None)  # a second reading; shown, not scored
            note = q.text + (f"; alt {alt:g}" if alt is not None else "")
            if q.kind == "money":
                out.append(Item("money", q.value, q.high, q.unit or "", q.period, text=note))
            elif q.kind == "percent":
                out.append(Item("percent", q.value, q.high, "%", text=q.text))
            elif q.kind == "duration":
                out.append(Item("duration", q.value, q.high, "day", text=q.text))
            elif q.kind == "count":
                u = q.unit or ""
                t = "count"
                if u in ("gb",):
                    t, u = "size", "GB"
                elif u in ("mbps", "gbps"):
                    t, u = "speed", u.upper()
                out.append(Item(t, q.value, q.high, u, q.period, text=q.text))
            elif q.kind == "frequency":  # times per week (unit "per_week"), newer msgcheck trees
                per = str(q.unit or "").removeprefix("per_") or "week"
                out.append(Item("rate", q.value, q.high, "times", per, text=q.text))
            elif q.kind == "schedule":  # unit "mon,tue,...", newer msgcheck trees
                out.append(Item("schedule", days=[d for d in str(q.unit).split(",") if d], text=q.text))
            elif q.kind == "hours":
                key = q.unit or ""
                zone = None
                if key in ("24/7",):
                    win = "00:00-24:00"
                else:
                    k, _, z = key.partition(" ")
                    win = _parse_window(k)
                    zone = z or None
                out.append(Item("hours", q.value, None, key, window=win, zone=zone, text=q.text))
                days = period_days(q.period)
                if days:
                    out.append(Item("schedule", days=days, text=q.text))
            else:
                out.append(Item("quantity", q.value, q.high, q.unit or "", text=q.text))
        return out

    return run


def adapter_duckling():
    import duckling

    duckling.init()
    tzdb = duckling.load_time_zones("/usr/share/zoneinfo")
    # A fixed reference in January (no daylight time), in UTC so that a zone Duckling itself
    # parses shows as a non-zero offset.
    ref = duckling.parse_ref_time(tzdb, "UTC", int(dt.datetime(2026, 1, 7, 12, tzinfo=dt.UTC).timestamp()))
    ctx = duckling.Context(ref, duckling.default_locale_lang(duckling.parse_lang("EN")))
    dims = duckling.parse_dimensions(
        ["number", "amount-of-money", "duration", "quantity", "distance", "volume", "temperature", "time"]
    )
    offsets = {"-05:00": "ET", "-06:00": "CT", "-07:00": "MT", "-08:00": "PT"}

    def ts(s: str) -> dt.datetime:
        return dt.datetime.fromisoformat(s)

    def hhmm(start: dt.datetime, t: dt.datetime) -> str:
        mins = int((t - start.replace(hour=0, minute=0, second=0, microsecond=0)).total_seconds() // 60)
        return f"{mins // 60:02d}:{mins % 60:02d}"

    def days_of(frm: dt.datetime, to: dt.datetime) -> set[str]:
        out = set()
        d = frm.replace(hour=0, minute=0, second=0, microsecond=0)
        while d < to:
            lo, hi = d + dt.timedelta(hours=6), d + dt.timedelta(hours=18)
            if frm < hi and to > lo:
                out.add(DAYS[d.weekday()])
            d += dt.timedelta(days=1)
        return out

    grain_delta = {
        "hour": dt.timedelta(hours=1),
        "minute": dt.timedelta(minutes=1),
        "second": dt.timedelta(seconds=1),
    }

    def time_items(e) -> list[Item]:
        v = e["value"]
        alts = v.get("values") or [v]
        windows, days, zone = [], set(), None
        for i, a in enumerate(alts):
            if a.get("type") == "interval" and "from" in a and "to" in a:
                f, t = ts(a["from"]["value"]), ts(a["to"]["value"])
                g = a["from"].get("grain", "")
                if g in grain_delta:
                    windows.append(f"{hhmm(f, f)}-{hhmm(f, t)}")
                    windows.append(f"{hhmm(f, f)}-{hhmm(f, t - grain_delta[g])}")
                    off = a["from"]["value"][-6:]
                    if i == 0:
                        zone = offsets.get(off)
                        if off == "+00:00" and re.search(r"\b(UTC|GMT)\b", e["body"]):
                            zone = "UTC"
                if i == 0:
                    days |= days_of(f, t)
            elif "value" in a and i == 0:
                t = ts(a["value"])
                if a.get("grain") == "day":
                    days.add(DAYS[t.weekday()])
        out = []
        if windows:
            out.append(Item("hours", window=windows[0], windows=windows, zone=zone, text=e["body"]))
        if days:
            out.append(Item("schedule", days=sorted(days, key=DAYS.index), text=e["body"]))
        return out

    def vu(x):
        return _f(x.get("value")), x.get("unit") or ""

    def run(text: str) -> list[Item]:
        out = []
        for e in duckling.parse(text, ctx, dims, False):
            d, v = e["dim"], e["value"]
            if d == "time":
                out += time_items(e)
                continue
            if v.get("type") == "interval":
                lo, u1 = vu(v.get("from", {}))
                hi, u2 = vu(v.get("to", {}))
                val, high, unit = lo, hi, u1 or u2
            else:
                val, unit = _f(v.get("value")), v.get("unit") or ""
                high = None
            typ = {"number": "number", "amount-of-money": "money", "duration": "duration"}.get(d, "quantity")
            if d == "quantity" and data_unit(unit):
                typ = "size"
            out.append(Item(typ, val, high, unit, text=e["body"]))
        return out

    return run


def adapter_quantulum():
    import warnings

    warnings.filterwarnings("ignore", module="quantulum3")
    from quantulum3 import parser as qp

    def run(text: str) -> list[Item]:
        out = []
        for q in qp.parse(text):
            u = q.unit
            name, ent = u.name, u.entity.name
            val = _f(q.value)
            lo = hi = None
            unc = _f(getattr(q, "uncertainty", None))
            if unc:
                lo, hi = val - unc, val + unc
            dims = u.dimensions or []
            pos = [d for d in dims if d.get("power", 1) > 0]
            base = pos[0]["base"] if pos else ("dimensionless" if dims else name)
            per_time = next((d["base"] for d in dims if d.get("power") == -1 and d["base"] in DAYS_PER), None)
            if not pos and dims and len(dims) == 1:
                # "forty-nine a month" -> 49 "per month": a bare number said per some unit. Kept as
                # a number (with its period when that is a time unit), not as a made-up compound.
                for a, b in [(val, None)] + ([(lo, hi)] if lo is not None else []):
                    out.append(Item("number", a, b, "", per_time or f"per {dims[0]['base']}", text=q.surface))
                continue
            vals = [(val, None)] + ([(lo, hi)] if lo is not None else [])
            for a, b in vals:
                if ent == "currency" or currency(base) not in (None, "") or u.currency_code:
                    cur = u.currency_code or currency(base) or base
                    if base in ("cent", "cents"):
                        cur = "cent"
                    out.append(Item("money", a, b, cur, per_time, text=q.surface))
                elif base == "percentage":
                    out.append(Item("percent", a, b, "%", text=q.surface))
                elif ent == "time" and len(dims) == 1:
                    out.append(Item("duration", a, b, norm_unit(base), text=q.surface))
                elif ent in ("data storage",):
                    out.append(Item("size", a, b, name, text=q.surface))
                elif ent in ("data transfer rate",):
                    out.append(Item("speed", a, b, name, text=q.surface))
                elif per_time and base in ("count", "dimensionless"):
                    out.append(Item("rate", a, b, "times", per_time, text=q.surface))
                elif ent == "dimensionless" and base == "dimensionless":
                    out.append(Item("number", a, b, "", text=q.surface))
                elif base == "count":
                    out.append(Item("count", a, b, "", text=q.surface))
                else:
                    out.append(Item("quantity", a, b, name, per_time, text=q.surface))
        return out

    return run


def adapter_recognizers():
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    nwu = NumberWithUnitRecognizer(Culture.English)
    nr = NumberRecognizer(Culture.English)
    models = [
        ("money", nwu.get_currency_model()),
        ("quantity", nwu.get_dimension_model()),
        ("duration", nwu.get_age_model()),
        ("quantity", nwu.get_temperature_model()),
        ("percent", nr.get_percentage_model()),
        ("number", nr.get_number_model()),
    ]

    def run(text: str) -> list[Item]:
        out = []
        for typ, m in models:
            for r in m.parse(text):
                res = r.resolution or {}
                v = _f(str(res.get("value", "")).rstrip("%"))
                unit = res.get("isoCurrency") or res.get("unit") or ""
                t = typ
                if typ == "quantity" and data_unit(unit):
                    t = "size"
                if typ == "money" and unit == "Cent":
                    unit = "cent"
                out.append(Item(t, v, None, unit, text=r.text))
        return out

    return run


def adapter_price_parser():
    from price_parser import Price

    def run(text: str) -> list[Item]:
        p = Price.fromstring(text)
        if p.amount is None:
            return []
        return [Item("money", float(p.amount), None, p.currency or "", text=p.amount_text or "")]

    return run


def adapter_number_parser():
    import number_parser

    def run(text: str) -> list[Item]:
        return [Item("number", v) for v in numbers_in(number_parser.parse(text))]

    return run


def adapter_text2num():
    from text_to_num import alpha2digit

    def run(text: str) -> list[Item]:
        # threshold=0: convert every spelled number, including "one"/"two"/"three" on their own.
        return [Item("number", v) for v in numbers_in(alpha2digit(text, "en", threshold=0))]

    return run


def adapter_t2n_quantulum():
    from text_to_num import alpha2digit

    q = adapter_quantulum()

    def run(text: str) -> list[Item]:
        return q(alpha2digit(text, "en", threshold=0))

    return run


def adapter_t2n_price_parser():
    from text_to_num import alpha2digit

    p = adapter_price_parser()

    def run(text: str) -> list[Item]:
        return p(alpha2digit(text, "en", threshold=0))

    return run


# name -> (distribution, import statement for timing, adapter, number_only)
LIBS = {
    "msgcheck (hand-written)": (
        "msgcheck",
        "from msgcheck.extract.values import extract_quantities",
        adapter_msgcheck,
        False,
    ),
    "Duckling (pyduckling-native-phihos)": (
        "pyduckling-native-phihos",
        "import duckling",
        adapter_duckling,
        False,
    ),
    "quantulum3": ("quantulum3", "from quantulum3 import parser", adapter_quantulum, False),
    "Microsoft Recognizers (number-with-unit)": (
        "recognizers-text-number-with-unit",
        "from recognizers_number_with_unit import NumberWithUnitRecognizer; from recognizers_number import NumberRecognizer",
        adapter_recognizers,
        False,
    ),
    "price-parser": ("price-parser", "from price_parser import Price", adapter_price_parser, False),
    "number-parser": ("number-parser", "import number_parser", adapter_number_parser, True),
    "text2num (alpha2digit)": ("text2num", "from text_to_num import alpha2digit", adapter_text2num, True),
    "text2num alpha2digit -> quantulum3 (combination)": (
        "quantulum3+text2num",
        "from text_to_num import alpha2digit; from quantulum3 import parser",
        adapter_t2n_quantulum,
        False,
    ),
    "text2num alpha2digit -> price-parser (combination)": (
        "price-parser+text2num",
        "from text_to_num import alpha2digit; from price_parser import Price",
        adapter_t2n_price_parser,
        False,
    ),
}


# ----------------------------------------------------------------------------------------------
# Package metadata: version, licence, install size (distribution + requirement closure, from RECORD)


def _dist_meta(dist: str) -> dict:
    from importlib import metadata as md

    names = dist.split("+")
    try:
        versions = [md.version(n) for n in names]
    except md.PackageNotFoundError:
        return {"version": "not installed", "licence": "", "install_kb": None, "closure": []}
    lic = []
    for n in names:
        m = md.metadata(n)
        lic_s = m.get("License-Expression") or ""
        if not lic_s or len(lic_s) > 40:
            cls = [
                c.split("::")[-1].strip() for c in m.get_all("Classifier") or [] if c.startswith("License ::")
            ]
            lic_s = ", ".join(cls) or (m.get("License") or "")[:40] or "?"
        lic.append(lic_s)

    def req_names(n: str) -> list[str]:
        out = []
        for r in md.requires(n) or []:
            if "extra ==" in r:
                continue
            out.append(re.split(r"[ ;<>=!~\[(]", r, maxsplit=1)[0])
        return out

    seen: set[str] = set()
    todo = list(names)
    while todo:
        n = todo.pop()
        key = n.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            md.distribution(n)
        except md.PackageNotFoundError:
            continue
        seen.add(key)
        todo += req_names(n)
    size = 0
    for n in seen:
        for f in md.distribution(n).files or []:
            with contextlib.suppress(OSError):
                size += os.path.getsize(f.locate())
    return {
        "version": "+".join(versions),
        "licence": " / ".join(lic),
        "install_kb": round(size / 1024),
        "closure": sorted(seen),
    }


def _import_time(stmt: str, reps: int = 3) -> float:
    code = f"import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"
    times = []
    for _ in range(reps):
        r = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, cwd=ROOT
        )
        if r.returncode != 0:
            return float("nan")
        times.append(float(r.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _ready_time(name: str, reps: int = 3) -> float:
    """Fresh interpreter: import the library, build what it needs, parse one sentence."""
    times = []
    for _ in range(reps):
        r = subprocess.run(
            [sys.executable, "-W", "ignore", __file__, "--ready", name],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=os.environ.copy(),
        )
        if r.returncode != 0:
            return float("nan")
        times.append(float(r.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


# ----------------------------------------------------------------------------------------------
# pint: can it normalise the units the table says?


PINT_CHECKS = [
    # (spoken or written unit, target the table uses)
    ("GB", "GB"),
    ("MB", "GB"),
    ("TB", "GB"),
    ("gigabyte", "GB"),
    ("terabyte", "GB"),
    ("megabyte", "GB"),
    ("gig", "GB"),
    ("gigs", "GB"),
    ("meg", "MB"),
    ("megs", "MB"),
    ("Mbps", "Mbps"),
    ("Gbps", "Mbps"),
    ("megabit / second", "Mbps"),
    ("gigabit / second", "Mbps"),
    ("megabits", "Mbps"),
    ("day", "day"),
    ("days", "day"),
    ("week", "day"),
    ("weeks", "day"),
    ("fortnight", "day"),
    ("month", "day"),
    ("quarter", "day"),
    ("year", "day"),
    ("hour", "day"),
    ("minute", "day"),
    ("business day", "day"),
    ("percent", "dimensionless"),
    ("basis point", "percent"),
    ("1 / week", "1 / day"),
    ("USD", "USD"),
    ("Mbps", "megabit / second"),
    ("Mb/s", "megabit / second"),
    ("GiB", "GB"),
    ("bp", "percent"),
]


def pint_report() -> dict:
    t = time.perf_counter()
    import logging

    import pint

    # pint logs "Parsing Mbps yield multiple results" (megabaud vs mega-point) on every parse.
    logging.getLogger("pint").setLevel(logging.ERROR)
    t_import = time.perf_counter() - t
    t = time.perf_counter()
    ureg = pint.UnitRegistry()
    t_reg = time.perf_counter() - t
    t = time.perf_counter()
    ureg.Quantity(1, "GB").to("MB")
    t_first = time.perf_counter() - t
    rows = []
    for src, dst in PINT_CHECKS:
        try:
            q = ureg.Quantity(1, src).to(dst)
            res = f"1 {src} = {q.magnitude:g} {dst}"
            ok = True
        except Exception as e:
            res = f"{type(e).__name__}: {str(e)[:70]}"
            ok = False
        rows.append({"unit": src, "target": dst, "ok": ok, "result": res})
    return {
        "version": pint.__version__,
        "import_s": t_import,
        "registry_s": t_reg,
        "first_conversion_s": t_first,
        "import_fresh_s": _import_time("import pint; pint.UnitRegistry()"),
        "checks": rows,
        **{k: v for k, v in _dist_meta("pint").items() if k in ("licence", "install_kb", "closure")},
    }


# ----------------------------------------------------------------------------------------------
# Running


def load_rows() -> list[dict]:
    with TABLE.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def bench(name: str, rows: list[dict]) -> dict:
    dist, stmt, make, number_only = LIBS[name]
    meta = (
        _dist_meta(dist)
        if dist != "msgcheck"
        else {
            "version": _msgcheck_version(),
            "licence": "project code",
            "install_kb": None,  # filled in by main() from the tree actually imported
            "closure": [],
        }
    )
    result = {"name": name, "dist": dist, "number_only": number_only, **meta}
    if meta["version"] == "not installed":
        result["error"] = "not installed"
        return result
    try:
        t = time.perf_counter()
        run = make()
        result["setup_s"] = time.perf_counter() - t
    except Exception as e:
        result["error"] = f"{type(e).__name__}: {e}"
        return result
    result["import_s"] = _import_time(stmt)
    result["ready_s"] = _ready_time(name)

    def safe(text):
        try:
            return run(text), None
        except Exception as e:
            return [], f"{type(e).__name__}: {str(e)[:80]}"

    t = time.perf_counter()
    safe(rows[0]["text"])
    result["first_call_s"] = time.perf_counter() - t
    for r in rows:  # warm-up pass
        safe(r["text"])
    passes = []
    for _ in range(3):  # the fastest of three timed passes (the machine is shared; noise is upward)
        t = time.perf_counter()
        outs = [safe(r["text"]) for r in rows]
        passes.append((time.perf_counter() - t) / len(rows) * 1000)
    result["per_1000_s"] = min(passes)
    result["per_1000_passes_s"] = passes

    per_kind = {k: {"n": 0, "value": 0, "unit": 0} for k in KINDS}
    detail = {}
    raised = 0
    for r, (items, err) in zip(rows, outs, strict=True):
        if err:
            raised += 1
        found, unit_ok = score_row(r, items, number_only=number_only)
        pk = per_kind[r["kind"]]
        pk["n"] += 1
        pk["value"] += int(found)
        pk["unit"] += int(bool(unit_ok)) if unit_ok is not None else 0
        detail[r["id"]] = {
            "value": found,
            "unit": unit_ok,
            "got": [i.short() for i in items],
            "error": err,
        }
    result["raised"] = raised
    result["per_kind"] = per_kind
    scored = [k for k in KINDS if k != "none"]
    result["total_value"] = sum(per_kind[k]["value"] for k in scored)
    result["total_unit"] = None if number_only else sum(per_kind[k]["unit"] for k in scored)
    result["total_n"] = sum(per_kind[k]["n"] for k in scored)
    result["rows"] = detail
    return result


def _msgcheck_version() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        )
        return "tree @ " + out.stdout.strip()
    except OSError:
        return "tree"


# ----------------------------------------------------------------------------------------------
# Report


def _fmt_s(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def _fmt_kb(kb):
    if kb is None:
        return "-"
    return f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{kb} kB"


def report(results: list[dict], pint: dict | None) -> str:
    out = []
    n_none = next((r["per_kind"]["none"]["n"] for r in results if "per_kind" in r), 0)
    head = (
        ["library", "version"]
        + [k for k in KINDS if k != "none"]
        + [
            "total (value)",
            "+unit right",
            f"none: no false value (/{n_none})",
            "per 1,000 sent.",
            "import / ready",
            "install",
            "licence",
        ]
    )
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    ns = next(r["per_kind"] for r in results if "per_kind" in r)
    out.append(
        "| *rows* | | "
        + " | ".join(str(ns[k]["n"]) for k in KINDS if k != "none")
        + f" | {sum(ns[k]['n'] for k in KINDS if k != 'none')} | | | | | | |"
    )
    for r in results:
        if "per_kind" not in r:
            out.append(
                f"| {r['name']} | {r.get('version', '')} | "
                + " | ".join(["-"] * (len(head) - 3))
                + f" | {r.get('error', '')} |"
            )
            continue
        pk = r["per_kind"]
        cells = [r["name"], r["version"]]
        cells += [str(pk[k]["value"]) for k in KINDS if k != "none"]
        cells.append(f"**{r['total_value']}**/{r['total_n']}")
        cells.append("n/a" if r["number_only"] else str(r["total_unit"]))
        if r["number_only"]:
            cells.append("n/a (reports every number)")
        else:
            strict = pk["none"]["value"]
            typed = pk["none"]["unit"]
            cells.append(f"{strict}" + (f" ({typed} ignoring bare numbers)" if typed != strict else ""))
        cells.append(_fmt_s(r["per_1000_s"]))
        cells.append(f"{_fmt_s(r['import_s'])} / {_fmt_s(r.get('ready_s'))}")
        cells.append(_fmt_kb(r["install_kb"]))
        cells.append(r["licence"])
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("Unit right, by kind (value found and the unit/currency/zone right):")
    out.append("")
    h2 = ["library"] + [k for k in KINDS if k != "none"] + ["total"]
    out.append("| " + " | ".join(h2) + " |")
    out.append("|" + "---|" * len(h2))
    for r in results:
        if "per_kind" not in r or r["number_only"]:
            continue
        pk = r["per_kind"]
        out.append(
            "| "
            + " | ".join(
                [r["name"]] + [str(pk[k]["unit"]) for k in KINDS if k != "none"] + [str(r["total_unit"])]
            )
            + " |"
        )
    if pint:
        out.append("")
        out.append(
            f"pint {pint['version']} ({pint['licence']}, {_fmt_kb(pint['install_kb'])}): import {_fmt_s(pint['import_s'])}, "
            f"UnitRegistry() {_fmt_s(pint['registry_s'])}, first conversion {_fmt_s(pint['first_conversion_s'])}; "
            f"import + registry in a fresh interpreter {_fmt_s(pint['import_fresh_s'])}."
        )
        out.append("")
        out.append("| unit | to | result |")
        out.append("|---|---|---|")
        for c in pint["checks"]:
            out.append(
                f"| `{c['unit']}` | `{c['target']}` | {'ok: ' if c['ok'] else 'fails: '}{c['result']} |"
            )
    return "\n".join(out)


# Spoken idioms, picked out of the table by its text (a row can be in several).
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_W99 = rf"(?:(?:{_TENS})(?:-(?:{_ONES}))?|{_TEENS}|{_ONES})"
_W10 = rf"(?:(?:{_TENS})(?:-(?:{_ONES}))?|{_TEENS})"
IDIOMS = {
    'price idiom ("two nineteen", "nineteen ninety-five")': lambda r: (
        r["kind"] == "money"
        and re.search(rf"\b{_W99}[ -]{_W10}\b", r["text"], re.I)
        and "buck" not in r["text"]
        and "dollar" not in r["text"]
    ),
    'N hundred ("fifty-four hundred")': lambda r: (
        r["kind"] == "money" and re.search(rf"\b(?:{_W10})[ -]hundred\b", r["text"], re.I)
    ),
    "grand": lambda r: "grand" in r["text"],
    "k / K": lambda r: re.search(r"\b[a-z]+ [kK]\b", r["text"]),
    "buck(s)": lambda r: "buck" in r["text"],
    "cents": lambda r: "cents" in r["text"] and r["kind"] == "money",
    '"point" decimals': lambda r: " point " in r["text"] and r["kind"] != "none",
    "fractions (half, a third, a quarter, N and a half)": lambda r: (
        r["kind"] not in ("none", "frequency")
        and re.search(r"\b(half|third|thirds|quarter)\b", r["text"])
        and not (r["kind"] == "duration" and r["unit"] == "quarter")
    ),
    "ranges (value and high)": lambda r: r["high"] != "",
    'implied percent (no "percent" said)': lambda r: r["kind"] == "percent" and "percent" not in r["text"],
    "frequencies": lambda r: r["kind"] == "frequency",
    "schedules": lambda r: r["kind"] == "schedule",
    "hours windows": lambda r: r["kind"] == "hours",
    "hours with a time zone said": lambda r: r["kind"] == "hours" and r["unit"] != "none",
}


def idiom_report(results: list[dict], rows: list[dict]) -> str:
    res = [r for r in results if "rows" in r]
    out = ["| idiom | rows | " + " | ".join(r["name"] for r in res) + " |", "|---|---|" + "---|" * len(res)]
    for name, pick in IDIOMS.items():
        ids = [row["id"] for row in rows if pick(row)]
        cells = []
        for r in res:
            v = sum(r["rows"][i]["value"] for i in ids)
            u = sum(bool(r["rows"][i]["unit"]) for i in ids)
            cells.append(f"{v}" if r["number_only"] else f"{v} ({u})")
        out.append(f"| {name} | {len(ids)} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def print_rows(results: list[dict], rows: list[dict]) -> None:
    for r in results:
        if "rows" not in r:
            continue
        print(f"\n=== {r['name']}")
        for row in rows:
            d = r["rows"][row["id"]]
            mark = "PASS" if d["value"] else "miss"
            u = "" if d["unit"] is None else (" unit-ok" if d["unit"] else " unit-WRONG")
            print(
                f"{row['id']:>5} {row['kind']:<9} {mark}{u:<11} want {row['value']} {row['unit']} | {row['text']}"
            )
            print(
                f"      got: {'; '.join(d['got']) or '-'}" + (f"  RAISED {d['error']}" if d["error"] else "")
            )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=["msgcheck", "libs", "all"], default="all")
    ap.add_argument("--lib", action="append", help="run just these library names (substring match)")
    ap.add_argument("--json", type=Path, help="write results here")
    ap.add_argument(
        "--report", nargs="+", type=Path, metavar="JSON", help="merge result files and print Markdown"
    )
    ap.add_argument("--rows", action="store_true", help="print every row's result")
    ap.add_argument(
        "--msgcheck-src",
        type=Path,
        help="import msgcheck from this folder (one holding msgcheck/) instead of the installed tree",
    )
    ap.add_argument("--label", help="name for the msgcheck row (default: msgcheck (hand-written))")
    ap.add_argument("--msgcheck-version", help="version text for the msgcheck row (default: git HEAD)")
    ap.add_argument("--ready", metavar="NAME", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.ready:
        if args.msgcheck_src:
            sys.path.insert(0, str(args.msgcheck_src.resolve()))
        t = time.perf_counter()
        LIBS[args.ready][2]()("It's forty-nine a month for up to ten users.")
        print(time.perf_counter() - t)
        return 0
    rows = load_rows()

    if args.report:
        results, pint = [], None
        for p in args.report:
            d = json.loads(p.read_text())
            results += d["results"]
            pint = d.get("pint") or pint
        order = list(LIBS)
        results.sort(
            key=lambda r: (
                order.index(r["name"])
                if r["name"] in order
                else (0 if r["name"].startswith("msgcheck") else 99)
            )
        )
        print(report(results, pint))
        print("\nSpoken idioms: value found (and unit right) per library:\n")
        print(idiom_report(results, rows))
        if args.rows:
            print_rows(results, rows)
        return 0

    if args.msgcheck_src:
        sys.path.insert(0, str(args.msgcheck_src.resolve()))
        os.environ["PYTHONPATH"] = (
            str(args.msgcheck_src.resolve()) + os.pathsep + os.environ.get("PYTHONPATH", "")
        )
    names = [
        n for n in LIBS if (args.only == "all") or ((n.startswith("msgcheck")) == (args.only == "msgcheck"))
    ]
    if args.lib:
        names = [n for n in names if any(s.lower() in n.lower() for s in args.lib)]
    results = []
    for n in names:
        print(f"... {n}", file=sys.stderr)
        res = bench(n, rows)
        if n.startswith("msgcheck"):
            import msgcheck

            src = Path(msgcheck.__file__).resolve().parent
            res["source"] = str(src)
            res["install_kb"] = round(
                sum(p.stat().st_size for p in (src / "extract/values").glob("*.py")) / 1024
            )
            if args.label:
                res["name"] = args.label
            if args.msgcheck_version:
                res["version"] = args.msgcheck_version
        results.append(res)
    pint = None
    if args.only in ("libs", "all") and not args.lib:
        try:
            pint = pint_report()
        except ImportError as e:
            pint = None
            print(f"pint not available: {e}", file=sys.stderr)
    data = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "table": str(TABLE.relative_to(ROOT)),
        "results": results,
        "pint": pint,
    }
    if args.json:
        args.json.write_text(json.dumps(data, indent=1, default=str))
    print(report(results, pint))
    if args.rows:
        print_rows(results, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
