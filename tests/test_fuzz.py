"""Property-based fuzzing (Hypothesis) of every parser and of the value normalisers: whatever the bytes,
text or JSON shape, the only exceptions are msgcheck's own (msgcheck.errors), and what parses is sound.

Examples are few and derandomised, so the suite stays fast and a failure reproduces; raise
``FUZZ_EXAMPLES`` (and set ``FUZZ_RANDOM=1``) locally to search harder.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from msgcheck.errors import MsgcheckError
from msgcheck.extract.values import extract_quantities
from msgcheck.ingest import parse_asset, parse_transcript
from msgcheck.types import Document, Transcript

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_RANDOM" not in os.environ,  # FUZZ_RANDOM=1: a new search each run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# the pieces transcript formats are made of, so that random text often looks almost right
TOKENS = st.sampled_from(
    [
        "WEBVTT", "\n", "\n\n", "-->", " --> ", "00:00:01.000", "00:00:02,500", "1", "12", "99:99:99", ":", ": ",
        "Dana", "Lee Park", "[00:01:02]", "(Account Executive)", "<v Dana>", "</v>", "<b>", "&amp;", "{", "}",
        "[", "]", '"', "\x00", "\x1b[2J", "\u202e", "é", "中文", "$49", "14-day", "trial", "no contract", " ",
        "\t", "\r\n", "#", "-", "*", "|", ",", ";", "NOTE", "Speaker 1", "0:05",
    ]
)  # fmt: skip
TEXTISH = st.one_of(st.text(max_size=300), st.lists(TOKENS, max_size=60).map("".join))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30,
)
KEYS = st.sampled_from(
    ["utterances", "participants", "speaker", "text", "start", "end", "role", "name", "transcript", "parties",
     "speakerId", "sentences", "affiliation", "callTranscripts", "content", "speaker_name"]
)  # fmt: skip
NEAR_SCHEMA = st.recursive(
    st.none() | st.integers() | st.floats() | st.text(max_size=20) | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=40,
)


def _sound_transcript(t: Transcript) -> None:
    assert t.utterances and [u.index for u in t.utterances] == list(range(len(t.utterances)))
    assert all(u.text.strip() for u in t.utterances)
    assert not any("\x1b" in u.text or "\x00" in u.text for u in t.utterances)


def _sound_document(d: Document) -> None:
    assert d.blocks and all(b.text.strip() for b in d.blocks)


def _transcript(name: str, data: bytes) -> None:
    try:
        t = parse_transcript(name, data)
    except MsgcheckError as exc:
        assert name in str(exc) and "\n" not in str(exc)
        return
    _sound_transcript(t)


def _asset(name: str, data: bytes) -> None:
    try:
        d = parse_asset(name, data)
    except MsgcheckError as exc:
        assert name in str(exc) and "\n" not in str(exc)
        return
    _sound_document(d)


@FUZZ
@given(ext=st.sampled_from([".txt", ".vtt", ".srt", ".json"]), data=st.binary(max_size=400))
def test_transcripts_from_random_bytes(ext, data):
    _transcript(f"call{ext}", data)


@FUZZ
@given(
    ext=st.sampled_from([".txt", ".vtt", ".srt"]),
    text=TEXTISH,
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_transcripts_from_almost_right_text(ext, text, encoding):
    _transcript(f"call{ext}", text.encode(encoding, "replace"))


@FUZZ
@given(value=st.one_of(JSON_VALUES, NEAR_SCHEMA))
@example(
    value={"callTranscripts": [{}]}
)  # found by this test: a Gong wrapper with no "transcript" (KeyError)
def test_json_transcripts_of_any_shape(value):
    _transcript("call.json", json.dumps(value).encode())


@FUZZ
@given(ext=st.sampled_from([".md", ".txt", ".html", ".csv"]), text=TEXTISH)
def test_text_assets_from_almost_right_text(ext, text):
    _asset(f"asset{ext}", text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    ext=st.sampled_from([".md", ".html", ".csv", ".pdf", ".docx"]),
    head=st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"<html>"]),
    data=st.binary(max_size=400),
)
def test_assets_from_random_bytes(ext, head, data):
    _asset(f"asset{ext}", head + data)


NUMBERISH = st.lists(
    st.sampled_from(
        ["$", "€", "49", "1,000", "0.5", "%", "per", "month", "a", "year", "two", "weeks", "14-day", "-", "/",
         "mo", "k", "hours", "24/7", "up to", "at least", "no", "free", "half", "1e309", "99999999999999999999",
         " ", ".", "x", "½", "٣", "thirty", "first", "seats", "users", "9am-5pm", "Mon-Fri"]
    ),
    max_size=25,
).map(" ".join)  # fmt: skip


@FUZZ
@given(text=st.one_of(st.text(max_size=200), NUMBERISH))
def test_value_normalisers_never_raise(text):
    quantities = extract_quantities(text)
    assert isinstance(quantities, list)
