"""Word (.docx) assets -> blocks, in document order, tables included.

Paragraph styles give the kind: Title and Heading* -> headline; List* (and any paragraph with Word
numbering or bullets) -> list_item; everything else -> body. Each table cell gives its own blocks
(merged cells once). Page headers and footers are boilerplate and are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..errors import InputError
from ..types import Block
from ._text import collapse


def parse_docx(data: bytes, path: str | Path) -> list[Block]:
    where = str(path)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [block for item in document.iter_inner_content() for block in _item_blocks(item)]
    except Exception as exc:  # python-docx raises zip, XML and key errors on damaged files
        raise InputError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})",
            path=where,
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from exc
    return blocks


def _item_blocks(item: Paragraph | Table) -> Iterator[Block]:
    if isinstance(item, Paragraph):
        if block := _paragraph_block(item):
            yield block
        return
    seen: set[object] = set()  # cell elements (held, so that identity is stable)
    for row in item.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(cell._tc)
            yield from _cell_blocks(cell)


def _cell_blocks(cell: _Cell) -> Iterator[Block]:
    for item in cell.iter_inner_content():
        yield from _item_blocks(item)


def _paragraph_block(paragraph: Paragraph) -> Block | None:
    text = collapse(paragraph.text)
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title" or style.startswith("Heading"):
        return Block(text=text, kind="headline")
    p_pr = paragraph._p.pPr
    if style.startswith("List") or (p_pr is not None and p_pr.numPr is not None):
        return Block(text=text, kind="list_item")
    return Block(text=text, kind="body")
