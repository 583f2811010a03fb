"""CSV files -> blocks: an ad export one ad (row) after another, any other sheet as a table of values.

The delimiter is sniffed (comma, semicolon, tab or pipe). Ad columns are recognised by their header
name, case-insensitively and forgiving numbering and typos that keep the first letter ("Headline 1",
"headline_2", "Headine"):

- headline: headline, title, heading, h1, subject;
- body: description, body, text, copy, primary text, ad copy, message, content, caption, tagline;
- cta: cta, call to action, button.

Columns naming ids, URLs, campaigns, dates or metrics are ad-platform fields, not copy, even when they
also contain one of those words ("Headline ID", "Display URL"); so are the names of ads, ad groups and
accounts ("Ad name", "Ad group").

An ad export or a table: the header of an ad export is the first of the first ten rows that names an ad
column (ad-platform exports often start with a report title) and either has a headline or cta column, or
has nothing beside its body columns but ad-platform fields ("Ad name,Primary text,Final URL"). A row below a
row at least as wide (of two or more cells) is a row of a table, never the header of an ad export,
whatever its cells say ("Subject lines,Yes,Unlimited" under "feature,Starter,Growth"). An ad export is
read column by column, its other columns ignored; within a row, blocks follow the column order.

Every other sheet is a table of values (a price sheet, a plan comparison), read as msgcheck reads an HTML
pricing table (msgcheck.ingest._table): a body column beside columns of other things
("program,item,description") is a table, its neighbours naming what each description is about. Rows of one
cell above the table are titles, body blocks. The first row after them is the header; every other
non-empty cell is a table_cell block naming its row label (first column) and its column header: "Price on
Restaurant Program: $189 per location per month". A sheet of three columns whose first column names the
same thing on several rows is a long sheet of (thing, attribute, value) rows: each value names its
attribute on its thing ("program,item,description" / "Restaurant Program,Price,$189 per location per
month" -> "Price on Restaurant Program: $189 per location per month"); a blank thing is the one above, and
an attribute without a value is itself what the thing offers ("Starter: Email support"). A cell of more
than 25 words is prose, a body block of its own.

Errors: an unreadable file, a header of ad-platform fields only ("no column of ad text found"), a sheet of
more than 50 columns (a data dump, not a table a buyer reads), a header with no rows under it.
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
from ._table import cell_block, grid_blocks
from ._text import collapse

_IGNORE = frozenset(
    {
        "id", "ids", "url", "urls", "link", "links", "campaign", "campaigns", "date", "time", "day",
        "status", "utm", "path", "domain", "impressions", "clicks", "ctr", "spend", "cost", "budget",
        "conversions", "platform", "channel", "audience", "image", "video", "language", "type",
    }
)  # fmt: skip
_AD_FIELDS = frozenset(
    {
        "ad", "ads", "name", "group", "account", "keyword", "keywords", "creative", "variant", "version",
        "placement", "objective", "network",
    }
)  # fmt: skip  # beside a body column, still an ad export ("Ad name,Primary text"); not ignored: "Ad copy"
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
_MAX_TABLE_COLUMNS = 50


def column_kind(name: str) -> str | None:
    """The block kind a column holds ("headline", "body", "cta"), or None when it holds no ad copy."""
    tokens = _tokens(name)
    if not tokens or any(t in _IGNORE for t in tokens):
        return None
    kinds = set()
    for token in tokens:
        if token in _VOCAB:
            kinds.add(_VOCAB[token])
        elif len(token) >= 5 and (close := _typo_of(token)):
            kinds.add(_VOCAB[close])
    return next((k for k in _PRECEDENCE if k in kinds), None)


def _tokens(name: str) -> list[str]:
    tokens = [t for t in re.split(r"[^a-z0-9]+", name.lower()) if t]
    tokens = [t if t in ("h1", "h2") else t.rstrip("0123456789") for t in tokens]
    return [t for t in tokens if t]


def _typo_of(token: str) -> str | None:
    """The ad word ``token`` misspells ("headine", "descriptoin"), or None. A typo keeps its first letter:
    "location" is no misspelt "caption", so a cell like "$189 per location per month" names no column."""
    words = [w for w in _VOCAB if w[0] == token[0]]
    return next(iter(difflib.get_close_matches(token, words, n=1, cutoff=0.8)), None)


def _is_ad_field(name: str) -> bool:
    """An ad platform's column that holds no copy: an id, URL, campaign, date or metric ("Ad ID", "Clicks"), or
    the name of an ad, ad group or account ("Ad name", "Ad group")."""
    return any(t in _IGNORE or t in _AD_FIELDS for t in _tokens(name))


def parse_csv(text: str, path: str | Path) -> list[Block]:
    where = str(path)
    parses: list[list[list[str]]] = []
    error: csv.Error | None = None
    for dialect in _dialects(text):
        try:
            rows = [r for r in csv.reader(io.StringIO(text, newline=""), dialect) if any(map(str.strip, r))]
        except csv.Error as exc:
            error = error or exc
            continue
        header_at = _ad_header(rows, fallback=bool(parses))
        if header_at is not None:
            return _ad_blocks(rows[header_at:], where)
        parses.append(rows)
    if not parses:
        raise InputError(
            f"not a readable CSV file: {error}", path=where, hint="export the sheet as CSV again"
        )
    # a table: read with the first delimiter (the sniffed one first) that splits its rows into columns
    rows = next((r for r in parses if any(_width(row) > 1 for row in r[:_HEADER_SEARCH_ROWS])), parses[0])
    return _table(rows, where)


def _width(row: list[str]) -> int:
    """The row's cells up to its last non-empty one (a spreadsheet pads short rows with empty cells)."""
    return next((i + 1 for i in range(len(row) - 1, -1, -1) if row[i].strip()), 0)


def _ad_header(rows: list[list[str]], fallback: bool) -> int | None:
    """The index of an ad export's header row, or None when the rows are no ad export (module docstring)."""
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        kinds = [column_kind(c) for c in row]
        if not any(kinds):
            continue
        width = _width(row)
        if fallback and width < 2:
            continue  # a line of a file with another delimiter, not a one-column header
        if any(2 <= _width(above) >= width for above in rows[:i]):
            return None  # below a table's header: a row of the table, whatever its cells say
        copy_only = all(kind or not c.strip() or _is_ad_field(c) for c, kind in zip(row, kinds, strict=True))
        if "headline" in kinds or "cta" in kinds or copy_only:
            return i
        return None  # a body column beside columns of other things: a table's header
    return None


def _ad_blocks(rows: list[list[str]], where: str) -> list[Block]:
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


def _table(rows: list[list[str]], where: str) -> list[Block]:
    """A sheet of values (not an ad export) as table cells naming their row and column (module docstring)."""
    rows = [[collapse(c) for c in row[: _width(row)]] for row in rows]
    wide = any(len(row) > 1 for row in rows[:_HEADER_SEARCH_ROWS])
    titles = 0
    while wide and titles < len(rows) - 1 and len(rows[titles]) == 1:
        titles += 1  # a title above the table ("Price sheet, spring 2027")
    header, body = rows[titles], rows[titles + 1 :]
    too_wide = len(header) > _MAX_TABLE_COLUMNS
    if too_wide or all(not c or _is_ad_field(c) for c in header):
        found = shorten_list([repr(c) for c in header if c]) or "none"
        note = f", and {len(header):,} columns are too many for a table" if too_wide else ""
        raise InputError(
            f"no column of ad text found{note} (columns: {found})",
            path=where,
            hint="name the text columns headline/title, description/body/primary_text, and cta",
        )
    if not body:
        raise InputError(
            "CSV file has a header row but no rows under it",
            path=where,
            hint="fill in at least one row under the header",
        )
    blocks = [Block(text=title[0], kind="body") for title in rows[:titles]]
    if _keyed(header, body):
        return blocks + _keyed_blocks(body)
    return blocks + grid_blocks(header, body)


def _keyed(header: list[str], rows: list[list[str]]) -> bool:
    """A long sheet of (thing, attribute, value) rows: three columns, the first naming one thing on several rows
    ("Restaurant Program" for its price, then for its setup fee)."""
    if len(header) != 3 or any(len(row) > 3 for row in rows):
        return False
    things = [row[0] for row in rows if row[0]]
    return len(set(things)) < len(things)


def _keyed_blocks(rows: list[list[str]]) -> list[Block]:
    """Each value named by its attribute on its thing, as if the sheet were pivoted to a table of attribute rows
    and thing columns: "Price on Restaurant Program: $189 per location per month". A blank thing is the one
    above (a merged cell); an attribute without a value is itself what the thing offers."""
    blocks = []
    thing = ""
    for row in rows:
        first, attribute, value = [*row, "", ""][:3]
        thing = first or thing
        if value:
            blocks.append(cell_block(attribute, thing, value))
        elif attribute:
            blocks.append(cell_block("", thing, attribute))
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
