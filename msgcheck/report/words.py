"""How reports say times, counts, kinds and coverage statuses."""

from __future__ import annotations

import math

from ..kinds import KINDS

_KIND_STYLE = {k.name: k.style for k in KINDS}
_STATUS_LABEL = {
    "upheld": "upheld",
    "contradicted": "contradicted",
    "weakened": "weakened",
    "not_mentioned": "not mentioned",
    "changed": "changed",
}


def promise_line(p) -> str:
    """One checklist line in words: 'upheld: "30-day free trial" (Dana @ 01:12: "the trial's thirty days")'."""
    said = ""
    if p.rep:
        when = format_time(p.rep.get("start"))
        who = f"{p.rep.get('speaker') or 'rep'}{' @ ' + when if when else ''}"
        said = f' ({who}: "{p.rep.get("text", "")}")'
    if p.status == "changed" and p.finding is not None:
        said += f", finding {p.finding + 1}"
    return f'{_STATUS_LABEL.get(p.status, p.status)}: "{p.promise}"{said}'


def format_time(seconds: float | None) -> str:
    """Seconds from call start as ``mm:ss`` (``h:mm:ss`` from one hour); ``""`` when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    total = int(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def noun_form(n: int, word: str) -> str:
    """The noun in the form its count needs: "1 call", "2 calls" (the nouns msgcheck counts take an s)."""
    return word if n == 1 else f"{word}s"


def counted(n: int, word: str) -> str:
    return f"{n} {noun_form(n, word)}"


_KIND_PLURAL = {k.name: k.plural for k in KINDS}
