"""CSV files of ad variants -> blocks, one ad (row) after another.

The delimiter is sniffed (comma, semicolon, tab or pipe). Columns are recognised by their header
name, case-insensitively and forgiving numbering and typos that keep the first letter ("Headline 1",
"headline_2", "Headine"):

- headline: headline, title, heading, h1, subject;
- body: description, body, text, copy, primary text, ad copy, message, content, caption, tagline;
- cta: cta, call to action, button.

Columns naming ids, URLs, campaigns, dates or metrics are ignored even when they also contain one
of those words ("Headline ID", "Display URL"), and so is every column not recognised. The header row
is the first of the first ten rows that has a recognised column (ad-platform exports often start
with a report title). Within a row, blocks follow the column order.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import re
from pathlib import Path

from ..errors import InputError
from ..safetext import shorten_list
from ..types import Block
from ._text import collapse

_IGNORE = frozenset(
    {
        "id", "ids", "url", "urls", "link", "links", "campaign", "campaigns", "date", "time", "day",
        "status", "utm", "path", "domain", "impressions", "clicks", "ctr", "spend", "cost", "budget",
        "conversions", "platform", "channel", "audience", "image", "video", "language", "type",
    }
)  # fmt: skip
_VOCAB: dict[str, str] = {
    "cta": "cta",
    "button": "cta",
    "action": "cta",
    "headline": "headline",
    "headlines": "headline",
    "title": "headline",
    "heading": "headline",
    "h1": "headline",
    "h2": "headline",
    "subject": "headline",
    "description": "body",
    "descriptions": "body",
    "desc": "body",
    "body": "body",
    "text": "body",
    "copy": "body",
    "primary": "body",
    "message": "body",
    "content": "body",
    "caption": "body",
    "tagline": "body",
    "subheadline": "body",
}
_PRECEDENCE = ("cta", "headline", "body")
_HEADER_SEARCH_ROWS = 10


def column_kind(name: str) -> str | None:
    """The block kind a column holds ("headline", "body", "cta"), or None when it holds no ad copy."""
    tokens = [t for t in re.split(r"[^a-z0-9]+", name.lower()) if t]
    tokens = [t if t in ("h1", "h2") else t.rstrip("0123456789") for t in tokens]
    tokens = [t for t in tokens if t]
    if not tokens or any(t in _IGNORE for t in tokens):
        return None
    kinds = set()
    for token in tokens:
        if token in _VOCAB:
            kinds.add(_VOCAB[token])
        elif len(token) >= 5 and (close := _typo_of(token)):
            kinds.add(_VOCAB[close])
    return next((k for k in _PRECEDENCE if k in kinds), None)


def _typo_of(token: str) -> str | None:
    """The ad word ``token`` misspells ("headine", "descriptoin"), or None. A typo keeps its first letter:
    "location" is no misspelt "caption", so a cell like "$189 per location per month" names no column."""
    words = [w for w in _VOCAB if w[0] == token[0]]
    return next(iter(difflib.get_close_matches(token, words, n=1, cutoff=0.8)), None)


def parse_csv(text: str, path: str | Path) -> list[Block]:
    where = str(path)
    first: list[list[str]] | None = None
    error: csv.Error | None = None
    for dialect in _dialects(text):
        try:
            rows = [r for r in csv.reader(io.StringIO(text, newline=""), dialect) if any(map(str.strip, r))]
        except csv.Error as exc:
            error = error or exc
            continue
        first = rows if first is None else first
        header_at = next(
            (i for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]) if any(column_kind(c) for c in row)),
            None,
        )
        if header_at is not None:
            return _blocks(rows[header_at:], where)
    if first is None:
        raise InputError(
            f"not a readable CSV file: {error}", path=where, hint="export the sheet as CSV again"
        )
    header = max(first[:_HEADER_SEARCH_ROWS], key=len, default=[])  # the likeliest header row
    found = shorten_list([repr(c.strip()) for c in header if c.strip()]) or "none"
    raise InputError(
        f"no column of ad text found (columns: {found})",
        path=where,
        hint="name the text columns headline/title, description/body/primary_text, and cta",
    )


def _blocks(rows: list[list[str]], where: str) -> list[Block]:
    kinds = [column_kind(c) for c in rows[0]]
    blocks: list[Block] = []
    for row in rows[1:]:
        for cell, kind in zip(row, kinds, strict=False):
            if kind and (value := collapse(cell)):
                blocks.append(Block(text=value, kind=kind))  # type: ignore[arg-type]
    if not blocks:
        raise InputError(
            "CSV file has a header row but no ad text under it",
            path=where,
            hint="fill in at least one ad row",
        )
    return blocks


def _dialects(text: str) -> list[type[csv.Dialect] | csv.Dialect]:
    """The sniffed dialect first, then each common delimiter in turn."""
    dialects: list[type[csv.Dialect] | csv.Dialect] = []
    with contextlib.suppress(csv.Error):
        dialects.append(csv.Sniffer().sniff(text[:8192], delimiters=",;\t|"))
    dialects.append(csv.excel)
    for delimiter in ";\t|":
        dialects.append(type(f"_Delimited{ord(delimiter)}", (csv.excel,), {"delimiter": delimiter}))
    return dialects
