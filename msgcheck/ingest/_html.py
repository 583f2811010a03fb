"""HTML assets -> blocks of the text a visitor sees.

Dropped, with everything inside: script, style, noscript, template, svg, iframe and other embeds, the
<head> (so <title> and meta tags), nav, footer, form controls that show no copy, hidden elements
(``hidden``, ``aria-hidden``, ``display:none``, screen-reader-only classes), navigation menus
(ARIA navigation/menu roles, nav/menu classes), cookie and consent banners (id, class or aria-label
matching cookie|consent|gdpr, or "banner" on an element that holds no h1-h3: a hero "banner" carries
the page's headline, a cookie or promo strip does not), and site headers that hold no heading.

Kinds: h1-h3 -> headline; li -> list_item; <button>, button-like inputs and links styled as calls to
action (class btn|button|cta, or role=button) -> cta; everything else -> body. A paragraph inside a
list item stays a list item. Each block-level element gives its own blocks, so the text of nested
elements is never repeated; whitespace is collapsed and entities are decoded.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..types import Block
from ._table import grid_blocks
from ._text import collapse

_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "head", "title", "meta", "link",
        "nav", "footer", "iframe", "object", "embed", "canvas", "audio", "video", "picture", "map",
        "select", "option", "datalist", "textarea", "img",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol",
        "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
_BODY_TAGS = frozenset({"h4", "h5", "h6", "td", "th", "caption"})
_CONSENT = re.compile(r"cookie|consent|gdpr", re.I)
_BANNER = re.compile(r"banner", re.I)
_MENU = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar|breadcrumbs?|skip-link)(?:$|[\s_-])", re.I
)
_MENU_ROLES = frozenset({"navigation", "menu", "menubar", "contentinfo"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text)(?:$|\s)", re.I)
_CTA_CLASS = re.compile(r"btn|button|cta", re.I)
_BUTTON_INPUTS = frozenset({"submit", "button"})


def parse_html(text: str) -> list[Block]:
    tree = LexborHTMLParser(text)
    root = tree.body or tree.root
    blocks: list[Block] = []
    if root is not None:
        buffer: list[str] = []
        _walk(root, "body", buffer, blocks)
        _flush(buffer, "body", blocks)
    return blocks


def _walk(node: LexborNode, kind: str, buffer: list[str], blocks: list[Block]) -> None:
    """Append the inline text under ``node`` to ``buffer``; each block-level child flushes it first."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            buffer.append(child.text_content or "")
        elif tag == "br":
            buffer.append(" ")
        elif not tag or tag.startswith("-") or _dropped(child):
            continue
        elif tag == "table" and _is_data_table(child):
            _flush(buffer, kind, blocks)
            blocks.extend(_table_blocks(child))
        elif tag == "input":
            if _is_cta(child):
                _flush(buffer, kind, blocks)
                _add(blocks, child.attributes.get("value") or "", "cta")
        elif _is_cta(child) or tag in _BLOCK_TAGS:
            _flush(buffer, kind, blocks)
            own = _kind(child, kind)
            inner: list[str] = []
            _walk(child, own, inner, blocks)
            _flush(inner, own, blocks)
        else:
            _walk(child, kind, buffer, blocks)


def _kind(node: LexborNode, inherited: str) -> str:
    tag = node.tag
    if _is_cta(node):
        return "cta"
    if tag in _HEADLINE_TAGS:
        return "headline"
    if tag == "li":
        return "list_item"
    if tag in _BODY_TAGS:
        return "body"
    return inherited


def _is_cta(node: LexborNode) -> bool:
    attrs = node.attributes
    if node.tag == "button":
        return True
    if node.tag == "input":
        return (attrs.get("type") or "").lower() in _BUTTON_INPUTS
    if node.tag == "a":
        return bool(_CTA_CLASS.search(attrs.get("class") or "")) or (attrs.get("role") or "") == "button"
    return False


def _dropped(node: LexborNode) -> bool:
    tag = node.tag
    if tag in _DROP_TAGS:
        return True
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if tag == "input" and (attrs.get("type") or "").lower() == "hidden":
        return True
    if _HIDDEN_STYLE.search(attrs.get("style") or "") or _HIDDEN_CLASS.search(attrs.get("class") or ""):
        return True
    names = " ".join(attrs.get(key) or "" for key in ("id", "class", "aria-label"))
    role = (attrs.get("role") or "").lower()
    if _CONSENT.search(names):
        return True
    if _BANNER.search(names) and node.css_first("h1, h2, h3") is None:
        return True
    if role in _MENU_ROLES or (_MENU.search(names) and tag not in _HEADLINE_TAGS):
        return True
    if tag == "header" or role == "banner":
        return node.css_first("h1, h2, h3, p") is None  # a bar of logo and links
    if tag in ("ul", "ol") and _inside_header(node):
        return _is_link_list(node)  # a menu that is not wrapped in <nav>
    return False


def _inside_header(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag == "header" or (parent.attributes.get("role") or "").lower() == "banner":
            return True
        parent = parent.parent
    return False


def _is_link_list(node: LexborNode) -> bool:
    items = node.css("li")
    return bool(items) and all(
        (link := item.css_first("a")) is not None
        and not _is_cta(link)
        and collapse(link.text()) == collapse(item.text())
        for item in items
    )


def _flush(buffer: list[str], kind: str, blocks: list[Block]) -> None:
    if buffer:
        _add(blocks, "".join(buffer), kind)
        buffer.clear()


def _add(blocks: list[Block], text: str, kind: str) -> None:
    text = collapse(text)
    if text:
        blocks.append(Block(text=text, kind=kind))  # type: ignore[arg-type]


def _is_data_table(table: LexborNode) -> bool:
    """A table of values (rows and columns of short cells), not a layout table: an HTML email lays its
    whole body out in table cells full of headings and paragraphs."""
    # (css() matches the table itself too, hence "more than one table")
    if table.css_first("p, h1, h2, h3, h4, ul, ol, div, img, a") is not None or len(table.css("table")) > 1:
        return False
    rows = table.css("tr")
    return len(rows) >= 2 and all(len(collapse(c.text(deep=True)).split()) <= 12 for c in table.css("td, th"))


def _table_blocks(table: LexborNode) -> list[Block]:
    """A pricing or comparison table as one block per cell, each naming its row and column
    (msgcheck.ingest._table): the first row is the header when it has a <th> or other rows follow it."""
    rows = [
        [collapse(cell.text(deep=True)) for cell in row.iter() if cell.tag in ("td", "th")]
        for row in table.css("tr")
        if not _dropped(row)
    ]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    header: list[str] = []
    first = table.css_first("tr")
    if first is not None and (first.css_first("th") is not None or len(rows) > 1):
        header, rows = rows[0], rows[1:]
    return grid_blocks(header, rows)
