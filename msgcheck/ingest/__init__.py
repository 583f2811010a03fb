"""Ingestion: marketing assets -> Documents, sales-call transcripts -> Transcripts.

Every reader turns a file it cannot read into an InputError that names the file, says what is
wrong and what to do; none returns None. Assets: .md .txt .html .htm .csv .pdf .docx.
Transcripts: .txt (speaker lines, Zoom/Otter headers), .vtt, .srt, .json (msgcheck's shape, Gong's).
"""

from __future__ import annotations

from ._load import (
    ASSET_EXTENSIONS,
    TRANSCRIPT_EXTENSIONS,
    asset_files,
    hidden_file_error,
    load_asset,
    load_assets,
    load_transcript,
    parse_asset,
    parse_transcript,
    read_assets,
)
from ._speech import role_for_title
from ._text import read_text

__all__ = [
    "ASSET_EXTENSIONS",
    "TRANSCRIPT_EXTENSIONS",
    "asset_files",
    "hidden_file_error",
    "load_asset",
    "load_assets",
    "load_transcript",
    "parse_asset",
    "parse_transcript",
    "read_assets",
    "read_text",
    "role_for_title",
]
