"""An author's own marks in an asset: ``Headline:`` names a headline promise.

A line that starts with ``Headline:`` (any case) is a headline promise of the campaign, whatever the
checker would have guessed: its block becomes a headline block with ``marked`` set, the marker taken
off. A plain line of text survives every asset format (Markdown, plain text, HTML, a CSV cell, a DOCX
paragraph, a PDF line), where a Markdown or HTML comment would vanish from a PDF or DOCX export. Put it
on a line of its own: ``Headline: Try Routewick free for 30 days.``
"""

from __future__ import annotations

import re

from ..types import Block

MARKER = "Headline:"
_MARKED = re.compile(r"^\s*headline\s*:\s*(\S.*)$", re.IGNORECASE)


def headline_markers(blocks: list[Block]) -> list[Block]:
    """The blocks with each ``Headline:`` line as a marked headline block of its own (the rest unchanged)."""
    out: list[Block] = []
    for b in blocks:
        lines = b.text.splitlines() or [b.text]
        if not any(_MARKED.match(line) for line in lines):
            out.append(b)
            continue
        rest: list[str] = []
        for line in lines:
            m = _MARKED.match(line)
            if m is None:
                rest.append(line)
                continue
            if rest:
                out.append(Block(text="\n".join(rest), kind=b.kind, cell=b.cell))
                rest = []
            out.append(Block(text=m.group(1).strip(), kind="headline", marked=True))
        if rest:
            out.append(Block(text="\n".join(rest), kind=b.kind, cell=b.cell))
    return out
