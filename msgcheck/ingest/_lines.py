"""Plain-text transcripts: one speaker turn a line, or a header line per turn.

Line shapes (one utterance each; a line with no speaker prefix continues the previous utterance,
and lines before the first speaker, such as a title or "Date: ...", are skipped):

    Jane Doe: text
    00:01:02 Jane Doe: text          [00:01:02] Jane Doe: text
    [00:01:02] Jane Doe (Account Executive): text

Header shape ("zoom-txt": Zoom's saved transcript, Otter's export), the text on the lines below:

    [Jane Doe] 00:01:02              Jane Doe  0:05
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..types import Transcript
from ._speech import TIMESTAMP, TranscriptBuilder, device_label, is_speaker_label, parse_timestamp
from .limits import Limits

_LOOSE_TS = r"[^\]\s]*\d[^\]\s]*:[^\]\s]*"  # bracketed, checked strictly by parse_timestamp
_LINE = re.compile(
    rf"""^\s*
    (?:\[\s*(?P<bracketed>{_LOOSE_TS})\s*\]\s*|\(\s*(?P<paren>{TIMESTAMP})\s*\)\s*|(?P<bare>{TIMESTAMP})\s+)?
    (?:[-–|]\s*)?
    (?P<name>[^\W\d_][^:()\[\]]{{0,59}}?|\+?\d[\d\ .-]{{6,20}}\d)\s*
    (?:[(\[]\s*(?P<role>[^()\[\]]{{1,60}}?)\s*[)\]]\s*)?
    :(?:\s+(?P<text>.*)|\s*)$""",
    re.X,
)
_HEADER = re.compile(
    rf"""^\s*\[?(?P<name>[^\W\d_][^:()\[\]]{{0,59}}?)\s*
    (?:\(\s*(?P<role>[^()]{{1,60}}?)\s*\)\s*)?\]?
    (?:\s+|\s*[-–|]\s*)\[?(?P<ts>{_LOOSE_TS})\]?\s*$""",
    re.X,
)
_TS_ONLY = re.compile(TIMESTAMP)
_BRACKETED_TS = re.compile(rf"^\s*\[\s*(?P<ts>{_LOOSE_TS})\s*\]")
FORMATS_TRIED = (
    "'Name: text' lines; '[hh:mm:ss] Name (Role): text' lines; "
    "'[Name] hh:mm:ss' headers (Zoom, Otter); WebVTT cues; SRT cues; JSON"
)


def parse_lines(text: str, path: str, limits: Limits | None = None) -> Transcript:
    limits = limits or Limits.from_env()
    lines = text.split("\n")
    headers = sum(1 for line in lines if _header(line, path))
    speaker_lines = sum(1 for line in lines if _speaker_line(line, path))
    if headers and headers >= speaker_lines:
        builder = _parse_headers(lines, path, limits)
    else:
        builder = _parse_speaker_lines(lines, path, limits)
    if not len(builder):
        raise InputError(
            f"no speaker turns found (tried: {FORMATS_TRIED})",
            path=path,
            hint="start each line with the speaker's name and a colon, for example 'Jane: Hello'",
        )
    return builder.build(hint="each speaker turn needs some text after the speaker's name")


def _parse_speaker_lines(lines: list[str], path: str, limits: Limits) -> TranscriptBuilder:
    builder = TranscriptBuilder(path, "txt", limits)
    for number, line in enumerate(lines, 1):
        turn = _speaker_line(line, path, number)
        if turn is None:
            _check_bracketed_timestamp(line, path, number)
            if line.strip():
                builder.extend(line)
            continue
        name, role, start, text = turn
        builder.add(name, text, start)
        builder.title(name, role)
    return builder


def _parse_headers(lines: list[str], path: str, limits: Limits) -> TranscriptBuilder:
    builder = TranscriptBuilder(path, "zoom-txt", limits)
    for number, line in enumerate(lines, 1):
        header = _header(line, path, number)
        if header is None:
            if line.strip():
                builder.extend(line)
            continue
        name, role, start = header
        builder.add(name, "", start)
        builder.title(name, role)
    return builder


def _speaker_line(
    line: str, path: str, number: int | None = None
) -> tuple[str, str | None, float | None, str] | None:
    m = _LINE.match(line)
    if not m:
        return None
    stamp = m.group("bracketed") or m.group("paren") or m.group("bare")
    role = m.group("role")
    if role and _TS_ONLY.fullmatch(role):  # "Jane [00:01:02]: text"
        stamp, role = stamp or role, None
    if not is_speaker_label(m.group("name"), strict=stamp is None):
        return None
    start = _timestamp(stamp, path, number) if stamp else None
    name, role = device_label(m.group("name").strip(), role)
    return name, role, start, m.group("text") or ""


def _header(line: str, path: str, number: int | None = None) -> tuple[str, str | None, float] | None:
    m = _HEADER.match(line)
    if not m or not is_speaker_label(m.group("name")):
        return None
    if number is None:  # counting, not reading: a malformed time is reported when read
        try:
            start = parse_timestamp(m.group("ts"))
        except ValueError:
            start = 0.0
    else:
        start = _timestamp(m.group("ts"), path, number)
    return m.group("name").strip(), m.group("role"), start


def _timestamp(value: str, path: str, number: int | None) -> float:
    try:
        return parse_timestamp(value)
    except ValueError as exc:
        if number is None:
            return 0.0
        raise InputError(
            f"line {number}: {exc}", path=path, hint="write times as hh:mm:ss, for example [00:01:05]"
        ) from exc


def _check_bracketed_timestamp(line: str, path: str, number: int) -> None:
    """A line that opens with a bracketed time that is not a valid one is a malformed timestamp."""
    if m := _BRACKETED_TS.match(line):
        _timestamp(m.group("ts"), path, number)
