"""Input limits (msgcheck.ingest.limits): checked before parsing, each with a clear message and a setting."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from msgcheck.errors import InputError
from msgcheck.ingest import parse_asset, parse_transcript
from msgcheck.ingest._json import json_depth
from msgcheck.ingest.limits import Limits, split_long

SMALL = Limits(
    max_file_mb=0.01,
    max_unzipped_mb=1,
    max_zip_ratio=10,
    max_pdf_pages=1,
    max_json_depth=5,
    max_utterances=3,
    max_call_chars=200,
    max_asset_chars=200,
    max_turn_chars=40,
)


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("Short.", 40, ["Short."]),
        ("One two. Three four. Five six.", 12, ["One two.", "Three four.", "Five six."]),
        ("One two. Three four.", 25, ["One two. Three four."]),
        ("aaaa bbbb cccc dddd", 10, ["aaaa bbbb", "cccc dddd"]),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ],
)
def test_split_long(text, limit, pieces):
    assert split_long(text, limit) == pieces
    assert all(len(p) <= limit for p in split_long(text, limit))


def test_json_depth_skips_strings():
    assert json_depth('{"a": [1, {"b": "[[[{{"}]}') == 3
    assert json_depth("[" * 100_000 + "]" * 100_000) == 100_000
    assert json_depth('"just a string"') == 0


def test_limits_from_env(monkeypatch):
    monkeypatch.setenv("MSGCHECK_MAX_FILE_MB", "3.5")
    monkeypatch.setenv("MSGCHECK_MAX_UTTERANCES", "10")
    limits = Limits.from_env()
    assert (limits.max_file_mb, limits.max_utterances, limits.max_pdf_pages) == (
        3.5,
        10,
        Limits().max_pdf_pages,
    )
    monkeypatch.setenv("MSGCHECK_MAX_PDF_PAGES", "many")
    with pytest.raises(InputError, match="MSGCHECK_MAX_PDF_PAGES='many' is not a number"):
        Limits.from_env()


def _error(call, *args) -> str:
    with pytest.raises(InputError) as info:
        call(*args)
    return str(info.value)


def test_each_call_limit_names_the_file_and_its_setting():
    big = b"Dana: hi\n" * 2000
    assert "MSGCHECK_MAX_FILE_MB" in _error(parse_transcript, "big.txt", big, None, SMALL)
    deep = b'{"utterances": [[[[[[[1]]]]]]]}'
    assert "nesting depth is 8; the limit is 5" in _error(parse_transcript, "deep.json", deep, None, SMALL)
    many = json.dumps([{"speaker": "A", "text": "hi"}] * 4).encode()
    message = _error(parse_transcript, "many.json", many, None, SMALL)
    assert message.startswith("many.json: the number of utterances") and "MSGCHECK_MAX_UTTERANCES" in message
    wordy = ("Dana: " + "word " * 50 + "\n").encode()
    assert "MSGCHECK_MAX_CALL_CHARS" in _error(parse_transcript, "wordy.txt", wordy, None, SMALL)


def test_a_long_turn_is_split_into_sentences_not_refused():
    text = "Dana: " + " ".join(f"Sentence number {i} is here." for i in range(5))
    t = parse_transcript("long.txt", text.encode(), None, SMALL)
    assert len(t.utterances) > 1 and all(len(u.text) <= 40 for u in t.utterances)
    assert {u.speaker for u in t.utterances} == {"Dana"}
    assert [u.index for u in t.utterances] == list(range(len(t.utterances)))


def _docx_like(member_bytes: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * member_bytes)
    return buf.getvalue()


def test_docx_bombs_are_refused_from_the_zip_directory():
    message = _error(parse_asset, "bomb.docx", _docx_like(2 * 1024 * 1024), None, Limits(max_zip_ratio=10))
    assert "compression ratio of 'word/document.xml'" in message and "MSGCHECK_MAX_ZIP_RATIO" in message
    message = _error(parse_asset, "bomb.docx", _docx_like(2 * 1024 * 1024), None, Limits(max_unzipped_mb=1))
    assert "uncompressed, is 2 MB; the limit is 1 MB" in message
    assert "not a zip archive" in _error(parse_asset, "x.docx", b"PK\x03\x04junk", None, Limits())
    assert "password-protected" in _error(
        parse_asset, "x.docx", b"\xd0\xcf\x11\xe0" + b"\0" * 600, None, Limits()
    )


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", b""), ("utf-16", None), ("utf-32", None)],
)
def test_wide_encodings_with_or_without_bom_are_text(encoding, bom):
    text = "Dana: Our plan costs €49 a month, café included.\nLee: Gut, danke.\n"
    data = (bom or b"") + text.encode(encoding)
    t = parse_transcript("call.txt", data)
    assert [u.speaker for u in t.utterances] == ["Dana", "Lee"]
    assert "€49" in t.utterances[0].text and "café" in t.utterances[0].text


class _RecordingNlp:
    """A spaCy stand-in that records the batch size it is asked for and finds no sentences."""

    def __init__(self):
        self.batch_sizes: list[int] = []

    def pipe(self, texts, batch_size):
        self.batch_sizes.append(batch_size)
        return (type("Doc", (), {"sents": ()})() for _ in texts)


@pytest.mark.parametrize(("turn_chars", "batch"), [(120, 256), (1_000, 50), (5_000, 10)])
def test_spacy_batches_shrink_as_turns_grow(turn_chars, batch):
    """spaCy's memory grows with a whole batch's tokens (about 18 MB a 5,000-character turn): 256 turns
    near MSGCHECK_MAX_TURN_CHARS took a check past 5 GB; batches of 50,000 characters keep it near 1 GB."""
    from msgcheck.extract.claims import ClaimExtractor

    turn = ("We offer a thirty day trial. " * (turn_chars // 29 + 1))[:turn_chars]
    text = "".join(f"Dana: {turn}\n" for _ in range(300)).encode()
    transcript = parse_transcript("long.txt", text)
    for u in transcript.utterances:
        transcript.roles[u.speaker] = u.role = "rep"
    nlp = _RecordingNlp()
    ClaimExtractor(nlp=nlp).extract(transcript)
    assert nlp.batch_sizes == [batch]
