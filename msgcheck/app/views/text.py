"""User text made safe and readable: values labelled and marked, HTML escaped, markdown defused."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...extract.daynames import DAY_KEYS
from ...extract.qualifiers import find_qualifiers
from ...extract.values import compare_quantities, extract_quantities
from ...kinds import KINDS
from ...safetext import strip_controls
from ...types import Quantity

KIND_COLORS: dict[str, str] = {k.name: k.color for k in KINDS}
KIND_LABELS: dict[str, str] = {k.name: k.label for k in KINDS}
STATUS_COLORS: dict[str, str] = {
    "upheld": "#067647",
    "weakened": "#dc6803",
    "contradicted": "#b42318",
    "not_mentioned": "#98a2b3",
}
NO_SLOT = "no topic"  # a finding no slot rule claims (the dashboard lists it last)

# --------------------------------------------------------------------------- text and highlighting

_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def quantity_label(q: Quantity) -> str:
    """A value as msgcheck normalised it: ``$49/month per user``, ``14 days``, ``20%``, ``up to 25 users``."""
    bound = {"max": "up to ", "min": "at least "}.get(q.bound, "")
    high = f"–{_num(q.high)}" if q.high is not None else ""
    if q.kind == "money":
        symbol = _CURRENCY.get(q.unit, f"{q.unit} " if q.unit else "$")
        text = f"{symbol}{_money(q.value or 0)}{high}"
        if q.period and q.period != "one-time":
            text += f"/{q.period}"
        elif q.period == "one-time":
            text += " one-time"
        if q.per:
            text += f" per {q.per}"
        if q.billing:
            text += f", billed {'annually' if q.billing == 'annual' else q.billing}"
        return bound + text
    if q.kind == "duration" and q.unit == "business_day":  # compared as calendar days, said as business days
        return f"{bound}{_num(round((q.value or 0) * 5 / 7, 1))} business days"
    if q.kind == "duration":
        return f"{bound}{_num(q.value or 0)}{high} days"
    if q.kind == "percent":
        return f"{bound}{_num(q.value or 0)}{high}%"
    if q.kind == "hours":
        return _hours(q.unit, q.period) if q.unit else q.text
    if q.kind == "schedule" and q.unit:
        return _days(q.unit)
    if q.kind == "frequency" and q.unit == "per_week" and q.value:
        return bound + _frequency(q.value)
    unit = q.unit or ""
    if q.value is None:
        return f"unlimited {unit}".strip()
    period = f"/{q.period}" if q.period else ""
    return f"{bound}{_num(q.value)}{high} {unit}{period}".strip()


def _money(value: float) -> str:
    """Cents shown as cents: "$0.30", "$2.50", "$49"."""
    return f"{value:,.2f}" if value % 1 else f"{value:,.0f}"


_CLOCK = re.compile(r"^(\d{1,2})(?::?(\d{2}))?-(\d{1,2})(?::?(\d{2}))?(?:\s+(.+))?$")


def _clock(hour: str, minute: str | None) -> str:
    h = int(hour) % 24
    suffix = "a.m." if h < 12 else "p.m."
    shown = h % 12 or 12
    return f"{shown}:{minute} {suffix}" if minute and minute != "00" else f"{shown} {suffix}"


def _hours(unit: str, period: str | None) -> str:
    """Opening hours as msgcheck stores them ("07-20 ET", days "mon-sat") in words: "7 a.m. to 8 p.m. ET,
    Mon-Sat"; "24/7" as it is."""
    m = _CLOCK.match(unit)
    text = unit
    if m:
        text = f"{_clock(m.group(1), m.group(2))} to {_clock(m.group(3), m.group(4))}"
        text += f" {m.group(5)}" if m.group(5) else ""
    if period:
        text += ", " + "-".join(p.capitalize() for p in period.split("-"))
    return text


def _days(unit: str) -> str:
    """Days as msgcheck stores them ("mon,tue,wed,thu,fri") in words: "Mon-Fri", "Tue, Thu", "every day"."""
    days = [d for d in unit.split(",") if d in DAY_KEYS]
    if len(days) == 7:
        return "every day"
    idx = [DAY_KEYS.index(d) for d in days]
    if len(idx) >= 3 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{days[0].capitalize()}-{days[-1].capitalize()}"
    return ", ".join(d.capitalize() for d in days) or unit


_FREQUENCIES = {7.0: "daily", 1.0: "weekly", 0.5: "every other week", round(12 / 52, 6): "monthly"}


def _frequency(per_week: float) -> str:
    """A frequency (times a week, as msgcheck compares them) in words: "daily", "3 times a week"."""
    if round(per_week, 6) in _FREQUENCIES:
        return _FREQUENCIES[round(per_week, 6)]
    if per_week > 1:
        return f"{_num(per_week)} times a week"
    weeks = 1 / per_week
    if abs(weeks - round(weeks)) < 0.01 and weeks <= 8:
        return f"every {round(weeks)} weeks"
    per_month = per_week * 52 / 12
    if per_month >= 1:
        return f"{_num(round(per_month, 1))} times a month"
    months = round(1 / per_month, 1)
    return "yearly" if months == 12 else f"every {_num(months)} months"


@dataclass(frozen=True)
class Mark:
    """A span of a text to highlight: ``css`` is ``value``, ``differs``, ``same``, ``qualifier`` or a kind."""

    start: int
    end: int
    css: str
    title: str = ""


def value_marks(text: str, other: str | None = None) -> list[Mark]:
    """The values in ``text``, each labelled with its normalised form.

    With ``other`` (the text it is compared with), a value is ``differs`` when it is comparable with a
    value of ``other`` and never the same, ``same`` when it matches one, else plain ``value``.
    """

    theirs = extract_quantities(other) if other else []
    out = []
    for q in extract_quantities(text):
        css = "value"
        outcomes = {compare_quantities(q, t) for t in theirs}
        if "same" in outcomes:
            css = "same"
        elif "different" in outcomes:
            css = "differs"
        out.append(Mark(q.start, q.end, css, quantity_label(q)))
    return out


def qualifier_marks(text: str) -> list[Mark]:
    """Conditions and hedges that narrow a claim ("only if you sign for a year")."""

    return [Mark(q.start, q.end, "qualifier", q.kind) for q in find_qualifiers(text)]


def highlight(text: str, marks: Sequence[Mark] = ()) -> str:
    """``text`` as HTML: every piece escaped, each mark wrapped in ``<mark class="m-CSS">``.

    Overlapping marks: the earlier (then longer) one wins; marks outside the text are ignored.
    """
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if 0 <= m.start < m.end <= len(text) and all(m.start >= c.end or m.end <= c.start for c in chosen):
            chosen.append(m)
    out, pos = [], 0
    for m in sorted(chosen, key=lambda m: m.start):
        out.append(html.escape(text[pos : m.start]))
        title = f' title="{html.escape(m.title)}"' if m.title else ""
        out.append(f'<mark class="m-{html.escape(m.css)}"{title}>{html.escape(text[m.start : m.end])}</mark>')
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


# where GFM would turn plain text into a link (it does so after escapes are read): "://", "www.", "@"
_AUTOLINK = re.compile(r"\\:(?=/)|(?i:www)(?=\\\.)|(?=@)")


def md_escape(text: str) -> str:
    """User text made literal for Streamlit's markdown (labels of radios, captions, markdown).

    Every markdown and HTML special is backslash-escaped (links, images, emphasis, headings, HTML tags,
    ``:color[...]`` directives, ``$`` maths), a word joiner (U+2060) keeps bare URLs, ``www.`` and e-mail
    addresses from becoming links, control characters are dropped and line breaks become spaces. Every user-derived string the app shows as markdown (st.error, st.info, st.success,
    st.warning, st.caption, st.markdown, radio labels) goes through here; HTML goes through ``highlight``
    or ``html.escape`` (docs/security.md).
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(strip_controls(text).split()))
    return _AUTOLINK.sub(
        lambda m: m.group(0) + "\u2060", escaped
    )  # a word joiner: no bare URL, www. or e-mail becomes a link


def _sentence_span(utterance: str, sentence: str) -> tuple[int, int] | None:
    i = utterance.find(sentence)
    if i < 0:
        i = utterance.lower().find(sentence.lower())
    return (i, i + len(sentence)) if i >= 0 else None


_PLURAL = {
    "contradiction": "contradictions",
    "weakened": "weakened claims",
    "unsupported": "unsupported claims",
}
