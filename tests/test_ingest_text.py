"""read_text: bytes -> text whatever the encoding, and an InputError naming the file otherwise."""

from __future__ import annotations

import codecs
import os

import pytest

from msgcheck.errors import InputError
from msgcheck.ingest import read_text

CURLY = "We don’t lock you in — cancel “any time”."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CURLY.encode("utf-8"), CURLY),
        (codecs.BOM_UTF8 + CURLY.encode("utf-8"), CURLY),
        (CURLY.encode("cp1252"), CURLY),
        ("Café crème, naïve résumé – très bien.".encode("cp1252"), "Café crème, naïve résumé – très bien."),
        ("Prix : 49 € par mois".encode("cp1252"), "Prix : 49 € par mois"),
        ("Crème brûlée für Größe".encode("latin-1"), "Crème brûlée für Größe"),
        (codecs.BOM_UTF16_LE + CURLY.encode("utf-16-le"), CURLY),
        (codecs.BOM_UTF16_BE + CURLY.encode("utf-16-be"), CURLY),
        (b"line one\r\nline two\rline three\n", "line one\nline two\nline three\n"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "cp1252-curly",
        "cp1252-accents",
        "cp1252-euro",
        "latin1",
        "utf16le",
        "utf16be",
        "crlf",
    ],
)
def test_decodes(tmp_path, data, expected):
    path = tmp_path / "copy.txt"
    path.write_bytes(data)
    assert read_text(path) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b" \n\t\r\n  ", "only whitespace"),
        (codecs.BOM_UTF8 + b"\n\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30, "binary"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "all-bytes", "zip"],
)
def test_unreadable_content(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_text(path)
    assert "bad.txt" in str(info.value)
    assert info.value.path == str(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found") as info:
        read_text(tmp_path / "nowhere.txt")
    assert "nowhere.txt" in str(info.value)


def test_folder(tmp_path):
    with pytest.raises(InputError, match="folder") as info:
        read_text(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Jane: hi\n")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied") as info:
            read_text(path)
        assert "locked.txt" in str(info.value)
    finally:
        path.chmod(0o644)
