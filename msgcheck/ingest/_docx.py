"""Word (.docx) assets -> blocks, in document order, tables included.

Paragraph styles give the kind: Title and Heading* -> headline; List* (and any paragraph with Word
numbering or bullets) -> list_item; everything else -> body. Each table cell gives its own blocks
(merged cells once). Page headers and footers are boilerplate and are left out.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..errors import InputError
from ..types import Block
from ._text import collapse
from .limits import Limits, over_limit


def parse_docx(data: bytes, path: str | Path, limits: Limits | None = None) -> list[Block]:
    where = str(path)
    check_zip(data, where, limits or Limits.from_env())
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [block for item in document.iter_inner_content() for block in _item_blocks(item)]
    except Exception as exc:  # python-docx raises zip, XML and key errors on damaged files
        raise InputError(
            f"not a readable .docx file ({_reason(exc)})",
            path=where,
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from exc
    return blocks


def _reason(exc: Exception) -> str:
    """A damaged file's reason in words, not the XML or zip library's internals."""
    if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile | zlib.error | EOFError):
        return "its zip container is damaged"
    if isinstance(exc, KeyError):
        return "a part Word needs is missing"
    if type(exc).__module__.startswith("lxml"):
        return "its XML is damaged"
    return f"{type(exc).__name__}: {exc}"


def check_zip(data: bytes, where: str, limits: Limits) -> None:
    """Refuse a .docx whose zip would inflate past the limits, from its directory alone, before any
    member is decompressed (zipfile never inflates a member past its declared size)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        hint = "open it in Word or LibreOffice and save it again as .docx"
        if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an old .doc, or an encrypted .docx
            raise InputError(
                "an old .doc or a password-protected .docx, not a .docx", path=where, hint=hint
            ) from exc
        raise InputError("not a readable .docx file (not a zip archive)", path=where, hint=hint) from exc
    hint = "this looks like a zip bomb; if it is a real document, save it again without embedded files"
    if len(members) > limits.max_zip_members:
        raise over_limit(
            "the number of files inside", f"{len(members):,}", f"{limits.max_zip_members:,}",
            "max_zip_members", where, hint,
        )  # fmt: skip
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise over_limit(
            "the document, uncompressed,", f"{total / 1024 / 1024:,.0f} MB", f"{limits.max_unzipped_mb:g} MB",
            "max_unzipped_mb", where, hint,
        )  # fmt: skip
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
            raise over_limit(
                f"the compression ratio of {m.filename!r}", f"{ratio:,.0f}", f"{limits.max_zip_ratio:g}",
                "max_zip_ratio", where, hint,
            )  # fmt: skip


_RATIO_FLOOR = 1024 * 1024  # members smaller than this may compress as well as they like


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
