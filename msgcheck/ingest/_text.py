"""Read a file's bytes or text, turning every way it can fail into an InputError that names it.

Text is decoded as UTF-8 when it is valid UTF-8 (with or without a BOM), as UTF-16 or UTF-32 when it has their
BOM or, without one, their pattern of zero bytes, else with charset-normalizer.
Short Western texts fool charset-normalizer (it reads a cp1252 "don’t" as cp1250), so cp1252 wins
whenever it decodes the bytes at least as cleanly as charset-normalizer's own best guess.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError
from ..safetext import strip_escapes
from .limits import Limits, check_file_size

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Collapse runs of whitespace (newlines and no-break spaces included) to one space, and strip."""
    return _SPACE.sub(" ", text).strip()


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into one paragraph; a line broken after a hyphen ("14-" / "day") keeps it."""
    out = ""
    for raw in lines:
        line = collapse(raw.rstrip("\\"))  # a trailing backslash is a Markdown hard break
        if out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out += line
        elif line:
            out = f"{out} {line}" if out else line
    return out


def read_bytes(path: str | Path, limits: Limits | None = None) -> bytes:
    """The file's bytes; InputError when it is missing, a folder, unreadable, empty or over the size
    limit (checked before reading)."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", path=str(p), hint="check the path and the file name")
    if p.is_dir():
        raise InputError("is a folder, not a file", path=str(p), hint="name a file inside it")
    if not p.is_file():
        raise InputError("is not a regular file", path=str(p), hint="copy its content to a file")
    try:
        check_file_size(p.stat().st_size, str(p), limits or Limits.from_env())
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError(
            "cannot read the file: permission denied", path=str(p), hint="check the file's permissions"
        ) from exc
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}", path=str(p), hint="copy it to a local folder"
        ) from exc
    if not data:
        raise InputError("file is empty", path=str(p), hint="export the file again, with its content")
    return data


def decode(data: bytes, path: str | Path) -> str:
    """Bytes -> text, without a BOM and with "\\n" line ends; InputError for binary or undecodable data."""
    where = str(path)
    text = _decode(data, where)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = strip_escapes(text)  # terminal escape sequences are not text, and must never be shown
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise _binary(where)
    if not text.strip():
        raise InputError("file has no text (only whitespace)", path=where, hint="export the file again")
    return text


def read_text(path: str | Path) -> str:
    """The file's text, decoded whatever its encoding (see the module docstring)."""
    return decode(read_bytes(path), path)


def _decode(data: bytes, where: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {encoding} text although it starts with a {encoding} byte-order mark",
                    path=where,
                    hint="save the file again as UTF-8",
                ) from exc
    if b"\x00" in data:
        wide = _wide_encoding(data)
        if wide is None:
            raise _binary(where)
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            raise _binary(where) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        best = western
    if best is None:
        raise _binary(where)
    return str(best)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes fall: text in Latin,
    Greek, Cyrillic and most scripts has a zero in every high byte (the NULs a binary file has are
    scattered). None when the zeros follow no such pattern."""
    sample = data[:4096]
    n = len(sample)
    if n < 4:
        return None
    zeros = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if n % 4 == 0 and zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.5:
        return "utf-32-le"
    if n % 4 == 0 and zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] < 0.5:
        return "utf-32-be"
    even, odd = sample[0::2].count(0) / len(sample[0::2]), sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _binary(where: str) -> InputError:
    return InputError(
        "looks like a binary file, not text",
        path=where,
        hint="pass the text export of the file (for example .txt, .vtt or .json)",
    )
