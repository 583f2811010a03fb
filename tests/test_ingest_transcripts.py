"""Transcript ingestion: every format, roles only where the file states them, and every refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msgcheck.errors import InputError, UnsupportedFormatError
from msgcheck.ingest import TRANSCRIPT_EXTENSIONS, load_transcript, role_for_title

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "calls"


def turns(path: Path | str) -> list[tuple]:
    return [(u.index, u.speaker, u.text, u.start, u.end) for u in load_transcript(path).utterances]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- the fixtures, one a format ------------------------------------------------------------------


def test_plain_txt():
    t = load_transcript(FIXTURES / "call_plain.txt")
    assert (t.name, t.format) == ("call_plain.txt", "txt")
    assert turns(FIXTURES / "call_plain.txt") == [
        (0, "Dana Reyes", "Thanks for making time today, Omar.", None, None),
        (1, "Omar Haddad", "Sure. We are closing the books in about two weeks right now.", None, None),
        (
            2,
            "Dana Reyes",
            "That is what we hear a lot. Quillmoss gets most teams to three days. "
            "Pricing depends on seats, but it starts at twenty-nine dollars a user.",
            None,
            None,
        ),
        (3, "Omar Haddad", "Okay, and is there a setup fee?", None, None),
        (4, "Dana Reyes", "No setup fee at all.", None, None),
    ]
    assert t.roles == {}
    assert t.role_source == {}
    assert all(u.role == "unknown" for u in t.utterances)


def test_bracketed_txt_with_roles():
    t = load_transcript(FIXTURES / "call_roles.txt")
    assert t.format == "txt"
    assert [(u.speaker, u.start) for u in t.utterances] == [
        ("Dana Reyes", 2.0),
        ("Omar Haddad", 6.0),
        ("Priya Nair", 11.0),
        ("Omar Haddad", 75.5),
        ("Priya Nair", 80.0),
    ]
    assert t.utterances[3].text == "Can you see the bank feeds from here?"
    assert t.roles == {"Dana Reyes": "rep", "Omar Haddad": "prospect", "Priya Nair": "rep"}
    assert t.role_source == dict.fromkeys(t.roles, "file")
    assert t.titles["Priya Nair"] == "Solutions Engineer"
    assert t.speakers_with("rep") == ["Dana Reyes", "Priya Nair"]
    assert [u.role for u in t.utterances] == ["rep", "prospect", "rep", "prospect", "rep"]


def test_zoom_saved_txt():
    t = load_transcript(FIXTURES / "call_zoom_saved.txt")
    assert t.format == "zoom-txt"
    assert turns(FIXTURES / "call_zoom_saved.txt") == [
        (0, "Dana Reyes", "Hi Omar, can you hear me?", 3.0, None),
        (1, "Omar Haddad", "Loud and clear. Give me one second to close a tab.", 7.0, None),
        (2, "Dana Reyes", "No rush at all.", 15.0, None),
    ]


def test_vtt_voice_tags():
    t = load_transcript(FIXTURES / "call.vtt")
    assert t.format == "vtt"
    assert turns(FIXTURES / "call.vtt") == [
        (0, "Dana Reyes", "Thanks for joining & welcome.", 1.0, 4.25),
        (1, "Omar Haddad", "Happy to finally see a demo.", 4.5, 7.0),
        (2, "Dana Reyes", "Let me share my screen.", 7.2, 10.0),
    ]
    assert t.roles == {}


def test_zoom_vtt():
    t = load_transcript(FIXTURES / "call.zoom.vtt")
    assert t.format == "zoom-vtt"
    assert turns(FIXTURES / "call.zoom.vtt") == [
        (0, "Dana Reyes", "Can everyone see my screen?", 1.0, 3.5),
        (1, "Omar Haddad", "Yes, we can.", 3.8, 5.0),
        (2, "Dana Reyes", "Great. This is the close checklist that most teams start from.", 5.1, 9.9),
    ]


def test_srt():
    t = load_transcript(FIXTURES / "call.srt")
    assert t.format == "srt"
    assert turns(FIXTURES / "call.srt") == [
        (0, "Dana Reyes", "Thanks for the time today.", 1.0, 3.5),
        (1, "Omar Haddad", "Of course. What does it cost?", 3.8, 6.25),
        (2, "Dana Reyes", "Twenty-nine dollars a user, billed annually.", 6.5, 9.0),
    ]


def test_json():
    t = load_transcript(FIXTURES / "call.json")
    assert t.format == "json"
    assert turns(FIXTURES / "call.json") == [
        (0, "Dana Reyes", "Thanks for joining.", 1.5, 4.0),
        (1, "Omar Haddad", "Happy to.", 4.2, 6.0),
        (2, "Dana Reyes", "Quillmoss has no setup fee.", None, None),  # the blank utterance is dropped
    ]
    assert t.roles == {"Dana Reyes": "rep", "Omar Haddad": "prospect"}
    assert t.role_source == {"Dana Reyes": "file", "Omar Haddad": "file"}


def test_gong_json():
    t = load_transcript(FIXTURES / "call.gong.json")
    assert t.format == "gong-json"
    assert turns(FIXTURES / "call.gong.json") == [
        (0, "Dana Reyes", "Thanks for the time, Omar.", 1.2, 3.4),
        (1, "Dana Reyes", "I'll keep this short.", 3.5, 6.1),
        (2, "Omar Haddad", "What does it cost per user?", 6.3, 8.0),
    ]
    assert t.roles == {"Dana Reyes": "rep", "Omar Haddad": "prospect"}
    assert t.titles == {"Dana Reyes": "Internal", "Omar Haddad": "External"}


def test_gong_api_wrapper(tmp_path):
    call = json.loads((FIXTURES / "call.gong.json").read_text())
    other = {
        **call,
        "transcript": [{"speakerId": "s-100", "sentences": [{"start": 0, "text": "Second call"}]}],
    }
    path = write(tmp_path, "api.json", json.dumps({"requestId": "r1", "callTranscripts": [call, other]}))
    t = load_transcript(path)
    assert t.format == "gong-json"
    assert [u.text for u in t.utterances][-1] == "What does it cost per user?"


def test_gong_parties_beside_the_wrapper(tmp_path):
    call = json.loads((FIXTURES / "call.gong.json").read_text())
    parties = call.pop("parties")
    path = write(tmp_path, "api.json", json.dumps({"callTranscripts": [call], "parties": parties}))
    assert load_transcript(path).roles == {"Dana Reyes": "rep", "Omar Haddad": "prospect"}


def test_gong_unknown_speaker_id(tmp_path):
    data = {
        "parties": [],
        "transcript": [{"speakerId": "42", "sentences": [{"start": 0, "end": 900, "text": "Hi"}]}],
    }
    t = load_transcript(write(tmp_path, "call.json", json.dumps(data)))
    assert turns(t.path) == [(0, "Speaker 42", "Hi", 0.0, 0.9)]
    assert t.roles == {}


# --- line shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Jane: Hi\nBob: Hello", [("Jane", "Hi", None), ("Bob", "Hello", None)]),
        ("00:01:02 Jane: Hi\n00:01:05 Bob: Yo", [("Jane", "Hi", 62.0), ("Bob", "Yo", 65.0)]),
        ("[00:01:02] Jane: Hi\n[1:02:03.250] Bob: Yo", [("Jane", "Hi", 62.0), ("Bob", "Yo", 3723.25)]),
        ("(00:05) Jane: Hi", [("Jane", "Hi", 5.0)]),
        ("[00:00:05] - Jane: Hi", [("Jane", "Hi", 5.0)]),
        ("Jane [00:00:07]: Hi", [("Jane", "Hi", 7.0)]),
        (
            "Jane:\nHi there\nstill Jane\nBob: Yo",
            [("Jane", "Hi there still Jane", None), ("Bob", "Yo", None)],
        ),
        ("Title of the call\nJane: Hi", [("Jane", "Hi", None)]),
        (
            "Jane: See https://example.com\nNote: not a speaker",
            [("Jane", "See https://example.com Note: not a speaker", None)],
        ),
        ("Jane: Two options\nOption one: we do it", [("Jane", "Two options Option one: we do it", None)]),
        ("Jane: Agenda\nStep 1: intro", [("Jane", "Agenda Step 1: intro", None)]),
        ("李 伟: 你好\nJane: Hi", [("李 伟", "你好", None), ("Jane", "Hi", None)]),
        (
            "Maria de la Cruz: Hola\nSpeaker 2: Hi",
            [("Maria de la Cruz", "Hola", None), ("Speaker 2", "Hi", None)],
        ),
        (
            "rep: lower-case label\nprospect: ok",
            [("rep", "lower-case label", None), ("prospect", "ok", None)],
        ),
        ("Jane: Hi\nBob:\nJane: Still here", [("Jane", "Hi", None), ("Jane", "Still here", None)]),
    ],
)
def test_txt_line_shapes(tmp_path, source, expected):
    t = load_transcript(write(tmp_path, "call.txt", source))
    assert [(u.speaker, u.text, u.start) for u in t.utterances] == expected
    assert [u.index for u in t.utterances] == list(range(len(expected)))


def test_otter_style_headers(tmp_path):
    path = write(tmp_path, "otter.txt", "Jane Doe  0:00\nHello there.\n\nBob Smith  1:05\nHi.\n")
    t = load_transcript(path)
    assert t.format == "zoom-txt"
    assert [(u.speaker, u.text, u.start) for u in t.utterances] == [
        ("Jane Doe", "Hello there.", 0.0),
        ("Bob Smith", "Hi.", 65.0),
    ]


@pytest.mark.parametrize(
    ("source", "fmt", "expected"),
    [
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jane>One</v> <v Bob>Two</v>\n",
            "vtt",
            [("Jane", "One", 1.0, 2.0), ("Bob", "Two", 1.0, 2.0)],
        ),
        (
            "WEBVTT\n\n00:01.500 --> 00:02.000\n<v.loud Jane Doe>Hi <c.yellow>there</c> &lt;3</v>\n",
            "vtt",
            [("Jane Doe", "Hi there <3", 1.5, 2.0)],
        ),
        (
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nJane: Hi\n\n"
            "2\n00:00:02.000 --> 00:00:03.000\nand more\n",
            "zoom-vtt",
            [("Jane", "Hi", 1.0, 2.0), ("Jane", "and more", 2.0, 3.0)],
        ),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNo speaker yet\n\n"
            "00:00:02.000 --> 00:00:03.000\nJane: Hi\n",
            "zoom-vtt",
            [("Unknown", "No speaker yet", 1.0, 2.0), ("Jane", "Hi", 2.0, 3.0)],
        ),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jane></v>\n\n"
            "00:00:02.000 --> 00:00:03.000\n<v Bob>Hi</v>\n",
            "vtt",
            [("Bob", "Hi", 2.0, 3.0)],
        ),
        ("00:00:01.000 --> 00:00:02.000\n<v Jane>No header</v>\n", "vtt", [("Jane", "No header", 1.0, 2.0)]),
    ],
    ids=[
        "two-voices",
        "classes-and-entities",
        "unlabelled-continues",
        "leading-unlabelled",
        "empty-cue",
        "no-header",
    ],
)
def test_vtt_cues(tmp_path, source, fmt, expected):
    t = load_transcript(write(tmp_path, "call.vtt", source))
    assert t.format == fmt
    assert [(u.speaker, u.text, u.start, u.end) for u in t.utterances] == expected
    assert [u.index for u in t.utterances] == list(range(len(expected)))


def test_srt_tags_and_roles(tmp_path):
    source = (
        "1\n00:00:01,000 --> 00:00:02,000\n<font color='red'>Jane (SDR):</font> Hi\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nBob (Customer): Yo\n"
    )
    t = load_transcript(write(tmp_path, "call.srt", source))
    assert [(u.speaker, u.text) for u in t.utterances] == [("Jane", "Hi"), ("Bob", "Yo")]
    assert t.roles == {"Jane": "rep", "Bob": "prospect"}


@pytest.mark.parametrize(
    ("name", "source", "fmt"),
    [
        ("call.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jane>Hi</v>\n", "vtt"),
        ("call.txt", "1\n00:00:01,000 --> 00:00:02,000\nJane: Hi\n", "srt"),
        ("call.txt", '{"utterances": [{"speaker": "Jane", "text": "Hi"}]}', "json"),
        ("call.vtt", "1\n00:00:01,000 --> 00:00:02,000\nJane: Hi\n", "srt"),
        ("call.srt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nJane: Hi\n", "zoom-vtt"),
        ("call.vtt", "Jane: Hi\nBob: Yo\n", "txt"),
    ],
)
def test_content_sniffing(tmp_path, name, source, fmt):
    assert load_transcript(write(tmp_path, name, source)).format == fmt


def test_json_variants(tmp_path):
    data = [
        {"speaker": "Jane", "text": "Hi", "start": "00:00:01.5", "end": 2, "role": "Account Executive"},
        {"speaker_name": "Bob", "content": "Yo", "start": 3},
    ]
    t = load_transcript(write(tmp_path, "call.json", json.dumps(data)))
    assert [(u.speaker, u.text, u.start, u.end) for u in t.utterances] == [
        ("Jane", "Hi", 1.5, 2.0),
        ("Bob", "Yo", 3.0, None),
    ]
    assert t.roles == {"Jane": "rep"}


def test_json_participant_without_role(tmp_path):
    data = {
        "participants": [{"name": "Jane"}, {"name": "Bob", "role": "unknown"}],
        "utterances": [{"speaker": "Jane", "text": "Hi"}],
    }
    t = load_transcript(write(tmp_path, "call.json", json.dumps(data)))
    assert t.roles == {}
    assert t.role_source == {}


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "utf-16"])
def test_transcript_encodings(tmp_path, encoding):
    text = "Dana: Ça coûte 29 € par mois.\nOmar: Très bien."
    if encoding in ("cp1252", "utf-8-sig", "utf-16"):
        text += " We don’t need “more”."
    if encoding == "latin-1":
        text = text.replace("€", "EUR")
    t = load_transcript(write(tmp_path, "call.txt", text, encoding))
    assert [u.speaker for u in t.utterances] == ["Dana", "Omar"]
    assert t.utterances[0].text == text.split("\n")[0].removeprefix("Dana: ")
    assert t.utterances[1].text == text.split("\n")[1].removeprefix("Omar: ")


# --- roles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Rep", "rep"),
        ("Sales Rep", "rep"),
        ("sales representative", "rep"),
        ("Sales", "rep"),
        ("Sales Manager", "rep"),
        ("Account Executive", "rep"),
        ("Senior AE", "rep"),
        ("Enterprise Account Executive, Quillmoss", "rep"),
        ("SDR", "rep"),
        ("BDR", "rep"),
        ("Sales Development Representative", "rep"),
        ("Solutions Engineer", "rep"),
        ("Solution Consultant", "rep"),
        ("SE", "rep"),
        ("Sales Engineer", "rep"),
        ("Pre-sales Architect", "rep"),
        ("CSM", "rep"),
        ("Customer Success Manager", "rep"),
        ("Account Manager", "rep"),
        ("seller", "rep"),
        ("Internal", "rep"),
        ("prospect", "prospect"),
        ("Customer", "prospect"),
        ("Client", "prospect"),
        ("Buyer", "prospect"),
        ("Lead", "prospect"),
        ("External", "prospect"),
        ("VP Marketing", "prospect"),
        ("Head of Ops", "prospect"),
        ("Head of Sales", "prospect"),
        ("VP Sales", "prospect"),
        ("Sales Operations Manager", "prospect"),
        ("Founder", "prospect"),
        ("CFO", "prospect"),
        ("Unknown", "unknown"),
        ("", "unknown"),
        ("?", "unknown"),
    ],
)
def test_role_for_title(title, role):
    assert role_for_title(title) == role


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.vtt", b"\n \n", "only whitespace"),
        ("binary.json", b"\x00\x01{}", "binary"),
        ("bad.json", b'{"utterances": [\n  {"speaker": "Jane",}\n]}', "invalid JSON at line 2, column"),
        ("shape.json", b'{"calls": [], "meta": {}}', 'expected \\{"utterances"'),
        ("shape2.json", b'{"calls": [], "meta": {}}', 'found keys "calls", "meta"'),
        ("scalar.json", b"42", "found a JSON int"),
        ("nospeaker.json", b'{"utterances": [{"text": "Hi"}]}', 'utterances\\[0\\] has no "speaker"'),
        ("notext.json", b'{"utterances": [{"speaker": "Jane"}]}', 'utterances\\[0\\] has no "text"'),
        ("notlist.json", b'{"utterances": "Jane: hi"}', "is not a list"),
        ("allblank.json", b'{"utterances": [{"speaker": "Jane", "text": " "}]}', "no utterance with text"),
        (
            "start.json",
            b'{"utterances": [{"speaker": "J", "text": "Hi", "start": "soon"}]}',
            "utterances\\[0\\].start: malformed timestamp",
        ),
        (
            "negative.json",
            b'{"utterances": [{"speaker": "J", "text": "Hi", "end": -3}]}',
            "malformed timestamp",
        ),
        (
            "gong.json",
            b'{"transcript": [{"speakerId": "1", "sentences": [{"start": "x", "text": "Hi"}]}]}',
            "malformed timestamp",
        ),
        ("gong2.json", b'{"transcript": [{"speakerId": "1"}]}', 'has no "sentences"'),
        ("gong3.json", b'{"callTranscripts": []}', "holds no call"),
        ("prose.txt", b"We talked about pricing.\nThey liked it.\n", "no speaker turns found"),
        ("tried.txt", b"We talked about pricing.\n", "tried: 'Name: text' lines"),
        ("ts.txt", b"[00:00:01] Jane: Hi\n[00:61:00] Bob: Yo\n", "line 2: malformed timestamp '00:61:00'"),
        ("ts2.txt", b"[00:00:01] Jane: Hi\n[00:0x:12] Bob: Yo\n", "line 2: malformed timestamp"),
        ("ts3.txt", b"[Jane] 00:00:01\nHi\n[Bob] 00:99:01\nYo\n", "line 3: malformed timestamp"),
        (
            "bad.vtt",
            b"WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\n<v Jane>Hi</v>\n",
            "line 3: malformed timestamp",
        ),
        ("bad2.vtt", b"WEBVTT\n\n00:00:01.000 -> 00:00:02.000\n<v Jane>Hi</v>\n", "no cues found"),
        (
            "bad3.vtt",
            b"WEBVTT\n\n00:00:01.000 --> soon\n<v Jane>Hi</v>\n",
            "line 3: malformed timestamp 'soon'",
        ),
        ("nospk.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there\n", "no cue names its speaker"),
        ("nocues.vtt", b"WEBVTT\n\nNOTE just a note\n", "no cues found"),
        ("bad.srt", b"1\n00:00:01,000 --> 00:00:0x,000\nJane: Hi\n", "line 2: malformed timestamp"),
        ("nospk.srt", b"1\n00:00:01,000 --> 00:00:02,000\nHello there\n", "no cue names its speaker"),
        (
            "garbage.srt",
            b"Exported by a tool\n\n1\n00:00:01,000 --> 00:00:02,000\nJane: Hi\n",
            "not a readable SRT",
        ),
    ],
)
def test_transcript_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        load_transcript(path)
    assert name in str(info.value)
    assert info.value.hint  # every error says what to do


def test_missing_transcript(tmp_path):
    with pytest.raises(InputError, match="not found") as info:
        load_transcript(tmp_path / "gone.vtt")
    assert "gone.vtt" in str(info.value)


@pytest.mark.parametrize("name", ["call.docx", "call.mp3", "transcript"])
def test_unsupported_transcript_extension(tmp_path, name):
    path = write(tmp_path, name, "Jane: Hi")
    with pytest.raises(UnsupportedFormatError) as info:
        load_transcript(path)
    assert name in str(info.value)
    assert ".vtt" in str(info.value)


def test_extensions():
    assert set(TRANSCRIPT_EXTENSIONS) == {".txt", ".vtt", ".srt", ".json"}


def test_device_and_phone_number_labels_are_speakers(tmp_path):
    """Zoom labels a dial-in by its device ("iPhone (3)", "Tyler's iPhone") or its number: those are speakers,
    and a bracketed number is part of the name, not a role title."""
    vtt = write(
        tmp_path,
        "zoom.vtt",
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nOlivia Grant: Derek is on his phone.\n\n"
        "2\n00:00:03.000 --> 00:00:04.000\niPhone (3): Hey, Derek here.\n\n"
        "3\n00:00:05.000 --> 00:00:06.000\nTyler's iPhone: This is Tyler with Repcount.\n",
    )
    t = load_transcript(vtt)
    assert t.speakers == ["Olivia Grant", "iPhone (3)", "Tyler's iPhone"]
    assert t.roles == {}
    txt = write(tmp_path, "cold.txt", "Cody: Hi, is this the owner?\n+1 614 555 0182: Who's asking?\n")
    assert load_transcript(txt).speakers == ["Cody", "+1 614 555 0182"]


def test_an_srt_call_may_say_its_account_and_date_on_a_comment_line_first(tmp_path):
    """docs/journey-format.md: a first line "# account: X; date: Y" in a text transcript, SRT included."""
    from msgcheck.journey.meta import read_meta

    data = (
        "# account: Quillby & Marsh CPAs; date: 2026-05-12\n\n"
        "1\n00:00:01,000 --> 00:00:03,000\nErin Vale: Morning, thanks for making time.\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\nTom Marsh: Sure thing.\n"
    )
    path = tmp_path / "rec_0512.srt"
    path.write_text(data, encoding="utf-8")
    t = load_transcript(path)
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Erin Vale", "Morning, thanks for making time."),
        ("Tom Marsh", "Sure thing."),
    ]
    meta = read_meta(path.name, data.encode())
    assert (meta.account, meta.date) == ("Quillby & Marsh CPAs", "2026-05-12")
