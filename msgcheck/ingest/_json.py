"""JSON transcripts: msgcheck's own shape and Gong's.

msgcheck (times in seconds, ``participants`` and times optional; a bare list of utterances works)::

    {"participants": [{"name": "Jane", "role": "rep"}],
     "utterances": [{"speaker": "Jane", "start": 1.5, "end": 4.0, "text": "..."}]}

Gong (times in milliseconds; affiliation Internal -> rep, External -> prospect; the API's wrapper
``{"callTranscripts": [...]}`` is read too, taking its first call)::

    {"callId": "...", "parties": [{"speakerId": "s1", "name": "Jane", "affiliation": "Internal"}],
     "transcript": [{"speakerId": "s1", "topic": "...",
                     "sentences": [{"start": 1200, "end": 3400, "text": "..."}]}]}

Each utterance or sentence is one utterance. A time may be a number or an "hh:mm:ss" string.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np

from ..errors import InputError
from ..safetext import shorten_list
from ..types import Transcript
from ._speech import TranscriptBuilder, parse_timestamp
from .limits import Limits, over_limit

_EXPECTED = (
    'expected {"utterances": [{"speaker", "text", "start", "end"}], "participants": [{"name", "role"}]} '
    'or Gong\'s {"parties": [...], "transcript": [{"speakerId", "sentences": [...]}]} '
    '(or {"callTranscripts": [...]})'
)
_HINT = "see the transcript formats in corpora/WRITING.md"


def parse_json(text: str, path: str, limits: Limits | None = None) -> Transcript:
    limits = limits or Limits.from_env()
    depth = json_depth(text)
    if depth > limits.max_json_depth:
        raise over_limit(
            "the JSON nesting depth",
            f"{depth:,}",
            f"{limits.max_json_depth}",
            "max_json_depth",
            path,
            "a transcript nests 3 or 4 levels; is this a transcript?",
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            path=path,
            hint="fix the JSON, or export the transcript again",
        ) from exc
    except RecursionError as exc:  # json_depth counts what the parser sees; this is a second guard
        raise InputError("JSON nested too deeply to read", path=path, hint="is this a transcript?") from exc
    if isinstance(data, dict) and "callTranscripts" in data:
        calls = data["callTranscripts"]
        if not isinstance(calls, list) or not calls or not isinstance(calls[0], dict):
            raise InputError('"callTranscripts" holds no call', path=path, hint=_HINT)
        call = dict(calls[0])
        if "parties" not in call and "parties" in data:
            call["parties"] = data["parties"]
        return _gong(call, path, limits)
    if isinstance(data, dict) and "transcript" in data and isinstance(data["transcript"], list):
        return _gong(data, path, limits)
    if isinstance(data, dict) and "utterances" in data:
        return _plain(data.get("participants"), data["utterances"], path, limits)
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        return _plain(None, data, path, limits)
    if isinstance(data, dict):
        found = "keys " + (shorten_list([json.dumps(key, ensure_ascii=False) for key in data]) or "none")
    else:
        found = f"a JSON {type(data).__name__}"
    raise InputError(f"unrecognised JSON transcript: found {found}; {_EXPECTED}", path=path, hint=_HINT)


def _plain(participants: Any, utterances: Any, path: str, limits: Limits) -> Transcript:
    builder = TranscriptBuilder(path, "json", limits)
    if not isinstance(utterances, list):
        raise InputError('"utterances" is not a list', path=path, hint=_HINT)
    for i, item in enumerate(utterances):
        where = f"utterances[{i}]"
        if not isinstance(item, dict):
            raise InputError(f"{where} is not an object", path=path, hint=_HINT)
        speaker = _string(item, ("speaker", "speaker_name", "name"), where, path)
        text = _string(item, ("text", "content"), where, path)
        start = _seconds(item.get("start"), f"{where}.start", path)
        end = _seconds(item.get("end"), f"{where}.end", path)
        builder.add(speaker, text, start, end)
        if item.get("role") is not None:
            builder.title(speaker, str(item["role"]))
    for i, person in enumerate(_list(participants, "participants", path)):
        where = f"participants[{i}]"
        if not isinstance(person, dict):
            raise InputError(f"{where} is not an object", path=path, hint=_HINT)
        name = _string(person, ("name", "speaker"), where, path)
        builder.title(name, None if person.get("role") is None else str(person["role"]))
    return builder.build(hint="give each utterance some text")


def _gong(call: dict, path: str, limits: Limits) -> Transcript:
    builder = TranscriptBuilder(path, "gong-json", limits)
    names: dict[str, str] = {}
    for i, party in enumerate(_list(call.get("parties"), "parties", path)):
        where = f"parties[{i}]"
        if not isinstance(party, dict) or party.get("speakerId") is None:
            raise InputError(f'{where} has no "speakerId"', path=path, hint=_HINT)
        name = str(party.get("name") or party.get("emailAddress") or f"Speaker {party['speakerId']}")
        names[str(party["speakerId"])] = name
        affiliation = party.get("affiliation")
        builder.title(name, None if affiliation is None else str(affiliation))
    blocks = call.get("transcript")
    if not isinstance(blocks, list):
        raise InputError('the call has no "transcript" list', path=path, hint=_HINT)
    for i, block in enumerate(blocks):
        where = f"transcript[{i}]"
        if not isinstance(block, dict) or not isinstance(block.get("sentences"), list):
            raise InputError(f'{where} has no "sentences" list', path=path, hint=_HINT)
        speaker_id = str(block.get("speakerId", "?"))
        speaker = names.get(speaker_id, f"Speaker {speaker_id}")
        for j, sentence in enumerate(block["sentences"]):
            at = f"{where}.sentences[{j}]"
            if not isinstance(sentence, dict):
                raise InputError(f"{at} is not an object", path=path, hint=_HINT)
            text = _string(sentence, ("text",), at, path)
            start = _seconds(sentence.get("start"), f"{at}.start", path, scale=1000)
            end = _seconds(sentence.get("end"), f"{at}.end", path, scale=1000)
            builder.add(speaker, text, start, end)
    return builder.build(hint="give each sentence some text")


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def json_depth(text: str) -> int:
    """How deeply ``text`` nests arrays and objects, counted without parsing it (strings skipped), so
    that a file nested 100,000 deep is refused before the parser recurses into it. Linear time."""
    brackets = _STRING.sub("", text).encode("utf-8", "replace")
    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = ((codes == ord("[")) | (codes == ord("{"))).view(np.int8) - (
        (codes == ord("]")) | (codes == ord("}"))
    ).view(np.int8)
    return int(np.cumsum(steps[steps != 0], dtype=np.int32).max(initial=0))


def _list(value: Any, key: str, path: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f'"{key}" is not a list', path=path, hint=_HINT)
    return value


def _string(item: dict, keys: tuple[str, ...], where: str, path: str) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str):
            return value
        if value is not None and not isinstance(value, (dict, list, bool)):
            return str(value)
    raise InputError(f'{where} has no "{keys[0]}" string', path=path, hint=_HINT)


def _seconds(value: Any, where: str, path: str, *, scale: float = 1.0) -> float | None:
    """A time in seconds (``scale`` 1000 for milliseconds); InputError when it is not a valid time."""
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a time")
        if isinstance(value, str) and ":" in value:
            return parse_timestamp(value)
        seconds = float(value) / scale
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"{value!r} is not a time")
        return seconds
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"{where}: malformed timestamp {value!r} ({exc})",
            path=path,
            hint="give times as numbers (seconds; milliseconds in Gong files)",
        ) from exc
