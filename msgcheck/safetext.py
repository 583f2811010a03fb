"""Text from files made safe to show: one helper for the terminal, CSV cells and one-line messages.

Transcripts and assets are untrusted. They may hold terminal escape sequences (clear the screen, set
the window title, OSC-8 links), bidi overrides that reorder what a reader sees, and other control
characters. ``strip_controls`` removes them all (tabs and line breaks stay); ``one_line`` also folds
whitespace and shortens, for error messages. Rich markup is a separate matter: msgcheck prints user
text as ``rich.text.Text`` or with ``markup=False``, never as markup (docs/security.md).
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (ESC ] ... BEL or ST), and
# two-byte escapes; the 8-bit CSI (0x9b) and OSC (0x9d) forms too.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI
    | \x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC, DCS, SOS, PM, APC strings
    | \x1b[ -/]*[0-~]?                    # two-byte escapes (and a lone ESC)
    | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
    | [\x9d\x90\x98\x9e\x9f][^\x07\x9c]*(?:\x07|\x9c)?   # 8-bit OSC, DCS, SOS, PM, APC
    """,
    re.X,
)
# C0 and C1 controls except tab and line feed; bidi embeddings, overrides and isolates; zero-width
# joiners stay (emoji and Indic scripts need them).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROLS_CR = re.compile(_CONTROLS.pattern.replace("\\x0b-\\x1f", "\\x0b\\x0c\\x0e-\\x1f"))
_SPACE = re.compile(r"\s+")

MESSAGE_LIMIT = 600  # characters of a one-line message (an error, a table cell header)


def strip_controls(text: object, *, keep_cr: bool = False) -> str:
    """``text`` without terminal escape sequences, control characters or bidi controls. Tabs and line
    feeds stay; a carriage return becomes a line feed (it could overwrite a terminal line) unless
    ``keep_cr`` (a CSV cell keeps its line ends)."""
    s = "" if text is None else str(text)
    if s.isprintable():  # fast path: most text has nothing to strip
        return s
    if not keep_cr:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _ESCAPES.sub("", s)
    return _CONTROLS_CR.sub("", s) if keep_cr else _CONTROLS.sub("", s)


def strip_escapes(text: str) -> str:
    """``text`` without terminal escape sequences (their parameters included); other characters stay."""
    return _ESCAPES.sub("", text) if ("\x1b" in text or "\x9b" in text or "\x9d" in text) else text


def one_line(text: object, limit: int = MESSAGE_LIMIT) -> str:
    """``strip_controls``, whitespace folded to single spaces, and cut to ``limit`` characters with "…"."""
    s = _SPACE.sub(" ", strip_controls(text)).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def shorten_list(items: list[str], keep: int = 10) -> str:
    """``'a', 'b', ... and 990 more``: a list that error messages can name without listing all of it."""
    shown = ", ".join(items[:keep])
    return shown + (f" and {len(items) - keep} more" if len(items) > keep else "")
