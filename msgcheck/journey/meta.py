"""Where a call says which account (the prospect's company) it belongs to and when it happened.

Read from the file before any inference (docs/journey-format.md): a JSON call's top-level ``account`` and
``date``; a Gong export's ``metaData`` (``started``, and a ``title`` "<account> - <what the call is>");
a first line ``# account: X; date: Y`` in a text transcript or a WebVTT ``NOTE account: X; date: Y``; a
date in the file name (``...-2026-03-14.txt``). What the file does not say stays None, for
``msgcheck.journey.accounts`` to infer from the calls themselves.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass

__all__ = ["CallMeta", "normalise_date", "read_meta"]

_ISO = re.compile(r"(?<!\d)(\d{4})[-/._]?(\d{2})[-/._]?(\d{2})(?!\d)")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WORDY = (
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I),  # March 3, 2026
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I),  # 3 March 2026
)
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")  # 03/14/2026, 14.03.2026
_HEADER = re.compile(r"^\s*(?:#|NOTE\b)\s*(.+)$", re.I)
_FIELD = re.compile(
    r"\b(account|company|customer|client|prospect|date)\s*[:=]\s*([^;|\n]+?)\s*(?=[;|\n]|,\s*date\b|$)", re.I
)
_TITLE_SPLIT = re.compile(r"\s+[-\u2013\u2014|:]\s+")


@dataclass(frozen=True)
class CallMeta:
    """A call's account and date as far as the file itself says; the source of each, in words."""

    account: str | None = None
    date: str | None = None  # YYYY-MM-DD
    account_source: str = ""  # "file" | "cli" | "inferred" | "reviewer"; "" when unknown
    date_source: str = ""


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from a string that holds a date: ISO (``2026-03-14``, ``20260314``, ``2026/03/14``), in
    words (``March 14, 2026``, ``14 March 2026``) or slashed (``03/14/2026``; day first when the first number
    cannot be a month); None otherwise."""
    if not value:
        return None
    text = str(value)
    for m in _ISO.finditer(text):
        year, month, day = (int(g) for g in m.groups())
        if 1900 < year < 2200 and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    for n, pattern in enumerate(_WORDY):
        m = pattern.search(text)
        if m:
            mon, day = (m.group(1), m.group(2)) if n == 0 else (m.group(2), m.group(1))
            return _ymd(int(m.group(3)), _MONTHS.index(mon[:3].lower()) + 1, int(day))
    m = _SLASHED.search(text)
    if m:
        a, b, year = (int(g) for g in m.groups())
        return _ymd(year, b, a) if a > 12 else _ymd(year, a, b)
    return None


def _ymd(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_meta(name: str, data: bytes) -> CallMeta:
    """The account and date a call's file states (module docstring); None for what it does not."""
    text = data[:200_000].decode("utf-8-sig", errors="replace")
    account, date = None, None
    head = text.lstrip()
    if head.startswith("{"):
        account, date = _json_meta(text)
    else:
        account, date = _header_meta(text)
    if date is None:
        date = normalise_date(name)
    clean = _clean_account(account)
    return CallMeta(
        account=clean,
        date=date,
        account_source="file" if clean else "",
        date_source="file" if date else "",
    )


_ACCOUNT_KEYS = ("account", "account_name", "company", "customer", "client", "prospect_company")


def _json_meta(text: str) -> tuple[str | None, str | None]:
    with contextlib.suppress(ValueError):
        doc = json.loads(text)
        if not isinstance(doc, dict):
            return None, None
        meta = doc.get("metaData") if isinstance(doc.get("metaData"), dict) else {}
        account = next(
            (src.get(k) for src in (doc, meta) for k in _ACCOUNT_KEYS if isinstance(src.get(k), str)), None
        )
        date = None
        for source in (doc, meta):
            for key in (
                "date",
                "call_date",
                "meeting_date",
                "started",
                "start_time",
                "startTime",
                "scheduled",
            ):
                date = date or normalise_date(source.get(key) if isinstance(source.get(key), str) else None)
        if not account and isinstance(meta.get("title"), str):
            parts = _TITLE_SPLIT.split(meta["title"].strip(), maxsplit=1)
            account = parts[0] if len(parts) == 2 else None
        return (account if isinstance(account, str) else None), date
    return None, None


def _header_meta(text: str) -> tuple[str | None, str | None]:
    """``# account: X; date: Y`` on one of the first lines (a WebVTT file: a NOTE block)."""
    for line in text.splitlines()[:6]:
        m = _HEADER.match(line)
        if not m:
            continue
        fields = {k.lower(): v.strip() for k, v in _FIELD.findall(m.group(1))}
        if fields:
            account = next(
                (fields[k] for k in ("account", "company", "customer", "client", "prospect") if k in fields),
                None,
            )
            return account, normalise_date(fields.get("date"))
    return None, None


# a company name may end in an abbreviation whose full stop is part of it ("Marston Parcel Co.")
_ABBREVIATION = re.compile(r"\b(?:co|corp|inc|ltd|llc|plc|bros|intl|assn|dept|mfg|svcs)\.$", re.I)


def _clean_account(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(str(value).split()).strip(" ,;:-")
    if not _ABBREVIATION.search(value):
        value = value.rstrip(" .")
    return value[:120] or None
