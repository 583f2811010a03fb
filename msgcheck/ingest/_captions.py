"""Caption transcripts: WebVTT (webvtt-py) and SRT (srt). One cue is one utterance, never merged.

The speaker is the cue's voice tag (``<v Jane Doe>text</v>``; a cue with two voices gives two
utterances) or a ``Name: text`` prefix (Zoom's cloud-recording VTT, SRT). A cue with neither
continues with the previous cue's speaker. Tags are stripped and entities decoded. Every timing line
is checked first, so a malformed time is reported with its line number rather than the cue
silently skipped (which is what webvtt-py does).
"""

from __future__ import annotations

import html
import re

import srt
import webvtt

from ..errors import InputError
from ..types import Transcript
from ._speech import TranscriptBuilder, device_label, is_speaker_label, parse_timestamp
from ._text import collapse
from .limits import Limits

_TIMING = re.compile(r"^\s*(?P<start>\S+)\s+-->\s+(?P<end>\S+)(?P<settings>\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>(?P<text>.*?)(?=<v[\s.]|$)", re.S)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_LABEL = re.compile(
    r"^(?:-\s*)?(?P<name>[^\W\d_][^:()\[\]]{0,59}?|\+?\d[\d .-]{6,20}\d)\s*(?:\(\s*(?P<role>[^()]{1,60}?)\s*\)\s*)?:\s+(?P<text>.+)$",
    re.S,
)
_NO_SPEAKER_HINT = "label each cue with a voice tag <v Name> or a 'Name: text' prefix"


def parse_vtt(text: str, path: str, limits: Limits | None = None) -> Transcript:
    times = _check_timings(text, path, sep=".")
    body = text.lstrip()
    if not body.startswith("WEBVTT"):
        body = "WEBVTT\n\n" + body
    try:
        captions = list(webvtt.from_string(_canonical_timings(body, times)))
    except Exception as exc:  # webvtt-py's MalformedFileError and friends
        raise InputError(
            f"not a readable WebVTT file: {exc}", path=path, hint="check the WEBVTT header and cue layout"
        ) from exc
    voiced = any(_VOICE.search(c.raw_text) for c in captions)
    builder = TranscriptBuilder(path, "vtt" if voiced else "zoom-vtt", limits or Limits.from_env())
    last: str | None = None
    for caption in captions:
        start, end = parse_timestamp(caption.start), parse_timestamp(caption.end)
        last = _add_cue(builder, caption.raw_text, start, end, last)
    return _finish(builder, path, len(captions))


_SRT_HEADER = re.compile(r"\A(?:[ \t]*#[^\n]*\n)+\s*")


def parse_srt(text: str, path: str, limits: Limits | None = None) -> Transcript:
    """SRT cues; comment lines before the first cue (``# account: X; date: Y``, docs/journey-format.md)
    are the call's metadata, not a cue."""
    text = _SRT_HEADER.sub("", text.lstrip("\ufeff"), count=1)
    _check_timings(text, path, sep=",")
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        raise InputError(
            f"not a readable SRT file: {_srt_problem(text)}",
            path=path,
            hint="each cue is a number, a line 'hh:mm:ss,mmm --> hh:mm:ss,mmm', the text, and a blank line",
        ) from exc
    builder = TranscriptBuilder(path, "srt", limits or Limits.from_env())
    last: str | None = None
    for sub in subtitles:
        start, end = sub.start.total_seconds(), sub.end.total_seconds()
        last = _add_cue(builder, sub.content, start, end, last)
    return _finish(builder, path, len(subtitles))


def _srt_problem(text: str) -> str:
    """What is wrong with an SRT file, in words: the first cue that does not start with its number."""
    at_start = True
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            at_start = True
            continue
        if at_start and not line.strip().isdigit():
            return f"line {number}: a cue starts with its number, not {line.strip()[:40]!r}"
        at_start = False
    return "its cues are not laid out as number, timing line, text and a blank line"


def _add_cue(builder: TranscriptBuilder, raw: str, start: float, end: float, last: str | None) -> str | None:
    """Add the utterance(s) of one cue; returns the speaker the next unlabelled cue continues with."""
    voices = list(_VOICE.finditer(raw))
    if voices:
        for m in voices:
            last = collapse(m.group("name"))
            builder.add(last, _clean(m.group("text")), start, end)
        return last
    text = _clean(raw)
    m = _LABEL.match(text)
    if m and is_speaker_label(m.group("name")):
        last, role = device_label(m.group("name").strip(), m.group("role"))
        builder.add(last, m.group("text"), start, end)
        builder.title(last, role)
    elif text:
        builder.add(last or "", text, start, end)
    return last


def _finish(builder: TranscriptBuilder, path: str, cues: int) -> Transcript:
    if not cues:
        raise InputError(
            "no cues found",
            path=path,
            hint="each cue starts with a timing line such as 00:00:01.000 --> 00:00:04.500",
        )
    transcript = builder.build(hint="the cues hold no text")
    if all(not u.speaker for u in transcript.utterances):
        raise InputError("no cue names its speaker", path=path, hint=_NO_SPEAKER_HINT)
    for u in transcript.utterances:
        u.speaker = u.speaker or "Unknown"
    return transcript


def _clean(text: str) -> str:
    return collapse(html.unescape(_TAG.sub("", text)))


def _check_timings(text: str, path: str, *, sep: str) -> list[tuple[float, float]]:
    """Each cue timing line -> (start, end); InputError naming the line when a time is malformed."""
    times = []
    for number, line in enumerate(text.split("\n"), 1):
        if "-->" not in line:
            continue
        m = _TIMING.match(line)
        try:
            if not m:
                raise ValueError(f"malformed cue timing {line.strip()!r}")
            times.append((parse_timestamp(m.group("start")), parse_timestamp(m.group("end"))))
        except ValueError as exc:
            raise InputError(
                f"line {number}: {exc}",
                path=path,
                hint=f"cue timings look like 00:00:01{sep}000 --> 00:00:04{sep}500",
            ) from exc
    return times


def _canonical_timings(text: str, times: list[tuple[float, float]]) -> str:
    """Rewrite each timing line as hh:mm:ss.mmm, the only shape webvtt-py never skips."""
    out, pending = [], iter(times)
    for line in text.split("\n"):
        m = _TIMING.match(line) if "-->" in line else None
        if m:
            start, end = next(pending)
            line = f"{_vtt_time(start)} --> {_vtt_time(end)}{m.group('settings') or ''}"
        out.append(line)
    return "\n".join(out)


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
