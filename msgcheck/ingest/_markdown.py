"""Markdown and plain-text assets -> blocks of visible text.

Headings (``#`` lines, setext underlines) are headlines; bullet and numbered items are list items;
other runs of lines are joined into body paragraphs. Inline syntax is stripped so that each block's
text is what a reader sees: emphasis markers, link targets, images, code fences, HTML tags and
comments, front matter. Table cells are blocks of their own (a quote never crosses a cell).

In .txt files a short first line with no final period (a title or an email subject) is a headline,
and so is a first line ``Subject: ...`` (the prefix is dropped) in either format.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..types import Block
from ._text import collapse, join_lines

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^\s{0,3}(?:={3,}|-{3,})[ \t]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣·]|\d{1,3}[.)])[ \t]+(.*)$")
_TASK = re.compile(r"^\[[ xX]\][ \t]+")
_QUOTE = re.compile(r"^\s{0,3}>[ \t]?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SUBJECT = re.compile(r"^(?:subject(?: line)?|headline|title)\s*:\s*(\S.*)$", re.I)

# Inline syntax, in the order it is removed.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_CODE = re.compile(r"(`+)\s?(.+?)\s?\1")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+\.[a-zA-Z]+)>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_EM_STAR = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_EM_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_STASH = "\ue000"  # a private-use character holds escaped characters while emphasis is removed


@dataclass
class _Para:
    kind: str = "body"
    lines: list[str] = field(default_factory=list)


def parse_markup(text: str, *, plain: bool) -> list[Block]:
    """Blocks of a Markdown file, or of a plain-text file when ``plain`` (adds the title rule)."""
    if not plain:
        text = _FRONT_MATTER.sub("", text, count=1)
    text = _COMMENT.sub("", text)
    blocks: list[Block] = []
    para = _Para()
    fence: str | None = None
    code: list[str] = []
    in_table = False

    def flush(kind: str | None = None) -> None:
        nonlocal para
        if para.lines:
            _emit(para, kind or para.kind, blocks, plain=plain)
            para = _Para()
        else:
            para.kind = "body"

    for raw in text.split("\n"):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
                _add(blocks, " ".join(code), "body", inline=False)
                code = []
            else:
                code.append(raw)
            continue
        line = raw
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        stripped = line.strip()
        if m := _FENCE.match(line):
            flush()
            fence = m.group(1)[0] * 3
            continue
        if not stripped:
            flush()
            in_table = False
            continue
        if para.lines and para.kind == "body" and _SETEXT.match(line) and not in_table:
            flush("headline")
            continue
        if _RULE.match(line) or _LINK_DEF.match(line):
            flush()
            continue
        if _TABLE_RULE.match(line) and "|" in line:
            if len(para.lines) == 1 and "|" in para.lines[0]:
                header = para.lines[0]
                para = _Para()
                _add_row(blocks, header)
            in_table = True
            continue
        in_table = in_table and "|" in line
        if in_table or (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
            flush()
            _add_row(blocks, stripped)
            continue
        if m := _ATX.match(line):
            flush()
            _add(blocks, m.group(1) or "", "headline")
            continue
        if m := _ITEM.match(line):
            flush()
            para.kind = "list_item"
            para.lines.append(_TASK.sub("", m.group(1)))
            continue
        para.lines.append(stripped)
    if fence is not None and code:
        _add(blocks, " ".join(code), "body", inline=False)
    flush()
    return blocks


def _emit(para: _Para, kind: str, blocks: list[Block], *, plain: bool) -> None:
    lines = para.lines
    if not blocks and kind == "body":
        if m := _SUBJECT.match(lines[0]):
            _add(blocks, m.group(1), "headline")
            lines = lines[1:]
        elif plain and _is_title(lines[0]) and _stands_alone(lines):
            _add(blocks, lines[0], "headline")
            lines = lines[1:]
    if kind == "body" and len(lines) == 1 and _is_bold_title(lines[0]):
        kind = "headline"
    _add(blocks, join_lines(lines), kind)


def _is_title(line: str) -> bool:
    visible = strip_inline(line)
    return 0 < len(visible.split()) <= 12 and len(visible) <= 90 and visible[-1] not in ".,;:"


def _stands_alone(lines: list[str]) -> bool:
    """The first line is a line of its own, not the start of a hard-wrapped paragraph."""
    if len(lines) == 1:
        return True
    following = lines[1].strip()
    return not following[:1].islower() and len(lines[0]) < 0.8 * len(following)


def _is_bold_title(line: str) -> bool:
    """A paragraph that is one short bold span and no sentence, which Markdown writers use as a heading."""
    m = re.fullmatch(r"(\*\*|__)(.+)\1", line.strip())
    if not m or "**" in m.group(2):
        return False
    return _is_title(m.group(2)) and not m.group(2).endswith(("!", "?"))


def _add_row(blocks: list[Block], row: str) -> None:
    row = row.strip()
    row = row.removeprefix("|").removesuffix("|")
    for cell in re.split(r"(?<!\\)\|", row):
        _add(blocks, cell, "body")


def _add(blocks: list[Block], text: str, kind: str, *, inline: bool = True) -> None:
    text = strip_inline(text) if inline else collapse(text)
    if text:
        blocks.append(Block(text=text, kind=kind))  # type: ignore[arg-type]


def strip_inline(text: str) -> str:
    """Markdown inline syntax -> the text a reader sees."""
    hidden: list[str] = []

    def hide(value: str) -> str:  # escaped characters and code spans are shown as written
        hidden.append(value)
        return f"{_STASH}{len(hidden) - 1}{_STASH}"

    text = _ESCAPE.sub(lambda m: hide(m.group(1)), text)
    text = _CODE.sub(lambda m: hide(m.group(2)), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    text = _BREAK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    for pattern in (_STRONG, _STRIKE, _EM_STAR, _EM_UNDERSCORE):
        previous = None
        while previous != text:
            previous = text
            text = pattern.sub(lambda m: m.group(m.lastindex or 1), text)
    text = html.unescape(text)
    text = re.sub(f"{_STASH}(\\d+){_STASH}", lambda m: hidden[int(m.group(1))], text)
    return collapse(text)
