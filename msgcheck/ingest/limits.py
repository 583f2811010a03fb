"""Input limits, checked before a file is parsed, so that no file can exhaust memory or time.

Each limit is a setting with a default sized well above any real call or asset, and an environment
variable that changes it (docs/security.md lists them). A file over a limit gets an InputError that
names the file, the limit and the variable; a turn that is merely long is split into sentences instead.
The time budget per call (``max_call_seconds``) is kept while checking, between steps (msgcheck.deadline).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields

from ..errors import InputError


@dataclass(frozen=True)
class Limits:
    """Every input limit, with its default. ``Limits.from_env()`` applies the MSGCHECK_* variables."""

    max_file_mb: float = 25.0  # MSGCHECK_MAX_FILE_MB: a file's size on disk or as uploaded
    max_unzipped_mb: float = 100.0  # MSGCHECK_MAX_UNZIPPED_MB: a .docx's members, uncompressed, together
    max_zip_ratio: float = 100.0  # MSGCHECK_MAX_ZIP_RATIO: a .docx member's uncompressed / compressed size
    max_zip_members: int = 5_000  # MSGCHECK_MAX_ZIP_MEMBERS: files inside a .docx
    max_pdf_pages: int = 300  # MSGCHECK_MAX_PDF_PAGES (pypdf caps each stream at 75 MB decompressed)
    max_json_depth: int = 64  # MSGCHECK_MAX_JSON_DEPTH: nesting of a JSON transcript
    max_utterances: int = 50_000  # MSGCHECK_MAX_UTTERANCES: turns (or Gong sentences) in one call
    max_call_chars: int = 2_000_000  # MSGCHECK_MAX_CALL_CHARS: a transcript's text, all turns together
    max_asset_chars: int = 2_000_000  # MSGCHECK_MAX_ASSET_CHARS: an asset's visible text
    max_turn_chars: int = 5_000  # MSGCHECK_MAX_TURN_CHARS: a longer turn or block is split into sentences
    max_call_seconds: float = 120.0  # MSGCHECK_MAX_CALL_SECONDS: reading and checking one call

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, each overridden by its MSGCHECK_<NAME> variable when set."""
        values: dict[str, float | int] = {}
        for f in fields(cls):
            var = env_var(f.name)
            raw = os.environ.get(var)
            if raw is None or not raw.strip():
                continue
            kind = int if f.type in ("int", int) else float
            try:
                value = kind(raw)
            except ValueError:
                raise InputError(
                    f"{var}={raw!r} is not a number", hint=f"unset it or give a {kind.__name__}"
                ) from None
            if value <= 0:
                raise InputError(f"{var}={raw!r} must be positive", hint="unset it to use the default")
            values[f.name] = value
        return cls(**values)  # type: ignore[arg-type]

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * 1024 * 1024)


def env_var(name: str) -> str:
    """The environment variable of a limit: ``max_file_mb`` -> ``MSGCHECK_MAX_FILE_MB``."""
    return f"MSGCHECK_{name.upper()}"


def over_limit(what: str, value: str, limit: str, name: str, where: str, hint: str) -> InputError:
    """The error for a file over a limit: what, by how much, and the variable that raises it."""
    return InputError(f"{what} is {value}; the limit is {limit} ({env_var(name)})", path=where, hint=hint)


def check_file_size(size: int, where: str, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise over_limit(
            "the file",
            f"{size / 1024 / 1024:.1f} MB",
            f"{limits.max_file_mb:g} MB",
            "max_file_mb",
            where,
            "split it, or export only the text",
        )


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def split_long(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut between sentences where it can, else
    between words, else anywhere; a text within the limit is returned whole. Linear in ``len(text)``."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:  # one sentence longer than the limit: cut at a space near it
            cut = sentence.rfind(" ", limit // 2, limit)
            cut = cut if cut > 0 else limit
            head, sentence = sentence[:cut].strip(), sentence[cut:].strip()
            if current:
                pieces.append(current)
                current = ""
            if head:
                pieces.append(head)
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p]
