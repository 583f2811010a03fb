"""PDF assets -> blocks, from the text layer that pypdf extracts.

pypdf gives the text line by line, with each fragment's font and position. Lines are joined into
paragraphs; a new paragraph starts at a bullet, at a change of font size or weight, at a vertical
gap clearly wider than the page's usual line spacing, and on a new page. A paragraph of short lines
set larger than the body text (or bold, at body size, with no final period) is a headline; without
font information, a short first line with no final period is.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PageObject, PdfReader

from ..errors import InputError
from ..types import Block
from ._text import join_lines
from .limits import Limits, over_limit

_BULLET = re.compile(r"^\s*(?:[-*•◦▪‣·–]|\d{1,3}[.)])\s+")
_MAX_HEADLINE_WORDS = 15


@dataclass
class _Line:
    text: str = ""
    size: float = 0.0  # effective font size, points
    bold_chars: int = 0
    x: float | None = None
    y: float | None = None
    page: int = 0

    @property
    def bold(self) -> bool:
        return self.bold_chars >= len(self.text.strip())


@dataclass
class _Para:
    lines: list[_Line] = field(default_factory=list)
    bullet: bool = False


def parse_pdf(data: bytes, path: str | Path, limits: Limits | None = None) -> list[Block]:
    where = str(path)
    lines = _extract_lines(data, where, limits or Limits.from_env())
    if not any(line.text.strip() for line in lines):
        raise InputError(
            "no text layer; scanned PDFs are not supported",
            path=where,
            hint="export the PDF from the original document, or save its copy as .docx or .txt",
        )
    return _blocks(_paragraphs(lines), lines)


def _extract_lines(data: bytes, where: str, limits: Limits) -> list[_Line]:
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # damage is reported by exceptions, not log lines
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt(reader):
            raise InputError(
                "PDF is password-protected",
                path=where,
                hint="save an unprotected copy of the PDF, or export its copy as .docx or .txt",
            )
        pages = len(reader.pages)
        if pages > limits.max_pdf_pages:
            raise over_limit(
                "the PDF", f"{pages:,} pages", f"{limits.max_pdf_pages:,}", "max_pdf_pages", where,
                "export only the pages with the marketing copy",
            )  # fmt: skip
        lines: list[_Line] = []
        chars = 0
        for number, page in enumerate(reader.pages):
            lines.extend(page_lines := _page_lines(page, number))
            chars += sum(len(line.text) for line in page_lines)
            if chars > limits.max_asset_chars:
                raise over_limit(
                    "the PDF's text", f"over {limits.max_asset_chars:,} characters",
                    f"{limits.max_asset_chars:,}", "max_asset_chars", where, "split it into several files",
                )  # fmt: skip
        return lines
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; each means "cannot read"
        raise InputError(
            f"not a readable PDF ({_reason(exc)})",
            path=where,
            hint="open it in a PDF viewer and save or export it again",
        ) from exc
    finally:
        pypdf_log.setLevel(level)


def _reason(exc: Exception) -> str:
    """A damaged PDF's reason in words, not pypdf's internals."""
    name = type(exc).__name__
    if name in ("PdfStreamError", "EmptyFileError") or isinstance(exc, EOFError):
        return "the file is truncated or damaged"
    if name in ("PdfReadError", "ParseError", "PdfReadWarning"):
        return "its structure is damaged"
    if isinstance(exc, MemoryError | RecursionError):
        return "it is built to exhaust a reader"
    return f"{name}: {exc}"


def _decrypt(reader: PdfReader) -> bool:
    """Open a PDF that has an owner password only (no password to view it)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a missing crypto backend or an unknown scheme: treat as locked
        return False


def _page_lines(page: PageObject, number: int) -> list[_Line]:
    lines: list[_Line] = [_Line(page=number)]

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append(_Line(page=number))
            if not piece.strip():
                continue
            line = lines[-1]
            line.text += piece
            matrix = _multiply(tm, cm)
            line.size = max(line.size, size * math.hypot(matrix[2], matrix[3]))
            name = str((font or {}).get("/BaseFont", ""))
            if re.search(r"bold|black|heavy|semibold", name, re.I):
                line.bold_chars += len(piece.strip())
            if line.y is None:
                line.x, line.y = matrix[4], matrix[5]

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text.strip()]


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _paragraphs(lines: list[_Line]) -> list[_Para]:
    gaps = [
        prev.y - line.y
        for prev, line in itertools.pairwise(lines)
        if prev.page == line.page and prev.y is not None and line.y is not None and prev.y > line.y
    ]
    usual = statistics.median(gaps) if gaps else 0.0
    longest = max(len(line.text.strip()) for line in lines)
    paras: list[_Para] = []
    prev: _Line | None = None
    for line in lines:
        bullet = bool(_BULLET.match(line.text))
        if prev is None or bullet or _breaks(prev, line, usual, longest, paras[-1]):
            paras.append(_Para(bullet=bullet))
        paras[-1].lines.append(line)
        prev = line
    return paras


def _breaks(prev: _Line, line: _Line, usual: float, longest: int, para: _Para) -> bool:
    if prev.page != line.page or prev.bold != line.bold:
        return True
    short = len(prev.text.strip()) < 0.7 * longest  # the line did not run to the margin
    first = para.lines[0]
    if para.bullet and short and first.x is not None and line.x is not None and line.x <= first.x + 1:
        return True  # a list item's wrapped lines run on, or hang right of its bullet
    if short and prev.text.rstrip().endswith((".", "!", "?")):
        return True  # a short line that ends a sentence ends its paragraph
    if prev.size and line.size and abs(prev.size - line.size) > 0.1 * max(prev.size, line.size):
        return True
    if prev.y is None or line.y is None:
        return False
    gap = prev.y - line.y
    return gap <= 0 or (usual > 0 and gap > 1.3 * usual and gap > 1.6 * line.size)


def _blocks(paras: list[_Para], lines: list[_Line]) -> list[Block]:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    plain = len(sizes) <= 1 and not any(line.bold for line in lines)  # no font cues at all
    blocks: list[Block] = []
    for para in paras:
        text = join_lines(line.text for line in para.lines)
        if para.bullet:
            blocks.append(Block(text=_BULLET.sub("", text, count=1), kind="list_item"))
        elif _is_headline(para, text, body_size, first=plain and not blocks):
            blocks.append(Block(text=text, kind="headline"))
        else:
            blocks.append(Block(text=text, kind="body"))
    return [b for b in blocks if b.text]


def _is_headline(para: _Para, text: str, body_size: float, *, first: bool) -> bool:
    if len(text.split()) > _MAX_HEADLINE_WORDS or len(para.lines) > 3:
        return False
    size = min(line.size for line in para.lines)
    if body_size and size >= 1.15 * body_size:
        return True
    untitled = text[-1] not in ".,;:"
    if all(line.bold for line in para.lines) and untitled:
        return True
    return first and untitled and len(para.lines) == 1
