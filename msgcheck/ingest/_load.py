"""Pick the reader for a file by its extension (and, for transcripts, by a look at its content)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError, MsgcheckError, UnsupportedFormatError
from ..safetext import strip_controls
from ..types import Block, Document, FileError, Transcript
from ._captions import parse_srt, parse_vtt
from ._csv import parse_csv
from ._docx import parse_docx
from ._html import parse_html
from ._json import parse_json
from ._lines import parse_lines
from ._markdown import parse_markup
from ._pdf import parse_pdf
from ._text import decode, read_bytes
from .limits import Limits, check_file_size, over_limit, split_long
from .markers import headline_markers

ASSET_EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".txt", ".html", ".htm", ".csv", ".pdf", ".docx")
TRANSCRIPT_EXTENSIONS: tuple[str, ...] = (".txt", ".vtt", ".srt", ".json")

_ASSET_FORMAT = {".markdown": "md", ".htm": "html"}
_SRT_START = re.compile(r"\A\s*\d+\s*\n[^\n]*-->")
_OLD_FORMATS = {".doc": "save it as .docx", ".rtf": "save it as .docx", ".pptx": "export it as .pdf"}


def load_asset(path: str | Path) -> Document:
    """Read one marketing asset (.md .txt .html .htm .csv .pdf .docx) into a Document of blocks."""
    p = Path(path)
    if p.suffix.lower() not in ASSET_EXTENSIONS and p.is_dir():
        raise InputError("is a folder, not a file", path=str(p), hint="load_assets reads folders")
    _check_asset_name(p.name, str(p))
    limits = Limits.from_env()
    doc = parse_asset(p.name, read_bytes(p, limits), where=str(p), limits=limits)
    doc.path = str(p)
    return doc


def hidden_file_error(name: str, where: str) -> InputError | None:
    """The one rule for hidden files, wherever an asset comes from (a folder, a path, an upload, an
    export): a file whose name starts with "." is never an asset, and is left out with this error."""
    if not Path(name).name.startswith("."):
        return None
    return InputError(
        "a hidden file (its name starts with '.'); msgcheck never reads hidden files as assets",
        path=where,
        hint="rename it without the leading '.' to check it",
    )


def _check_asset_name(name: str, where: str) -> None:
    if (hidden := hidden_file_error(name, where)) is not None:
        raise hidden
    ext = Path(name).suffix.lower()
    if ext not in ASSET_EXTENSIONS:
        raise UnsupportedFormatError(
            f"msgcheck does not read {ext or 'files without an extension'} assets",
            path=where,
            hint=_OLD_FORMATS.get(ext, f"supported: {' '.join(ASSET_EXTENSIONS)}"),
        )


def parse_asset(name: str, data: bytes, where: str | None = None, limits: Limits | None = None) -> Document:
    """An asset from its bytes and file name (the extension picks the reader): uploads are parsed as they
    arrive, never written to a temporary file first. ``where`` names it in errors (default: ``name``).
    ``limits`` (default: from the environment) are checked before parsing (msgcheck.ingest.limits)."""
    where = where or name
    limits = limits or Limits.from_env()
    _check_asset_name(name, where)
    if not data:
        raise InputError("file is empty", path=where, hint="export the file again, with its content")
    check_file_size(len(data), where, limits)
    ext = Path(name).suffix.lower()
    readers: dict[str, Callable[[], list[Block]]] = {
        ".md": lambda: parse_markup(decode(data, where), plain=False),
        ".markdown": lambda: parse_markup(decode(data, where), plain=False),
        ".txt": lambda: parse_markup(decode(data, where), plain=True),
        ".html": lambda: parse_html(decode(data, where)),
        ".htm": lambda: parse_html(decode(data, where)),
        ".csv": lambda: parse_csv(decode(data, where), where),
        ".pdf": lambda: parse_pdf(data, where, limits),
        ".docx": lambda: parse_docx(data, where, limits),
    }
    blocks = _within_limits(headline_markers(readers[ext]()), where, limits)
    if not blocks:
        raise InputError("no visible text found", path=where, hint="check that the file holds the copy")
    return Document(path=where, name=Path(name).name, format=_ASSET_FORMAT.get(ext, ext[1:]), blocks=blocks)


def _within_limits(blocks: list[Block], where: str, limits: Limits) -> list[Block]:
    """The blocks, text made safe (msgcheck.safetext) and long ones split by sentence; InputError when
    the asset's text is over ``max_asset_chars``."""
    total = sum(len(b.text) for b in blocks)
    if total > limits.max_asset_chars:
        raise over_limit(
            "the asset's text",
            f"{total:,} characters",
            f"{limits.max_asset_chars:,}",
            "max_asset_chars",
            where,
            "split the asset into several files",
        )
    out = []
    for b in blocks:
        text, cell = strip_controls(b.text).strip(), strip_controls(b.cell).strip()
        out += [
            Block(text=piece, kind=b.kind, cell=cell, marked=b.marked)
            for piece in split_long(text, limits.max_turn_chars)
            if text
        ]
    return out


def load_assets(paths: Iterable[str | Path]) -> list[Document]:
    """Read every asset named: files, and folders searched recursively in sorted order.

    In folders, hidden files and folders, Office lock files and files of other types are skipped; a
    file named explicitly must be an asset (UnsupportedFormatError, or InputError for a hidden file).
    InputError when none is found. For checking, ``read_assets`` also says which files it left out.
    """
    return [load_asset(p) for p in _asset_files(paths)]


def read_assets(paths: Iterable[str | Path]) -> tuple[list[Document], list[FileError]]:
    """Like ``load_assets``, but a file that cannot be read is set aside with its reason and the others
    are still read: one bad asset does not stop a run. A hidden file of an asset type in a folder
    (``.offer.md``) is left out with its reason too. InputError only when no asset is found at all."""
    docs: list[Document] = []
    errors: list[FileError] = []
    files, hidden = asset_files(paths, errors)
    errors += hidden
    for p in files:
        try:
            docs.append(load_asset(p))
        except MsgcheckError as exc:
            errors.append(FileError(str(p), str(exc)))
    return docs, errors


def asset_files(
    paths: Iterable[str | Path], missing: list[FileError] | None = None
) -> tuple[list[Path], list[FileError]]:
    """The asset files named, folders expanded (the CLI, workspace imports and checks all walk folders
    with this), and the hidden files of an asset type found in those folders, each with why it is left
    out. Inside hidden folders nothing is looked at; Office lock files (``~$x.docx``) and macOS resource
    forks (``._x.md``) are nobody's asset and skipped without a word. A missing path raises, or is noted
    in ``missing``; InputError when nothing at all is found."""
    hidden: list[Path] = []
    files = _asset_files(paths, missing, hidden)
    return files, [FileError(str(p), str(hidden_file_error(p.name, str(p)))) for p in hidden]


def _asset_files(
    paths: Iterable[str | Path], missing: list[FileError] | None = None, hidden: list[Path] | None = None
) -> list[Path]:
    """The asset files named, folders expanded; a missing path raises, or is noted in ``missing``;
    hidden asset files in folders are skipped, or noted in ``hidden``."""
    named = [Path(p) for p in paths]
    files: list[Path] = []
    for p in named:
        if p.is_dir():
            files.extend(_folder_assets(p, hidden))
        elif p.exists():
            files.append(p)
        else:
            error = InputError("file or folder not found", path=str(p), hint="check the path")
            if missing is None:
                raise error
            missing.append(FileError(str(p), str(error)))
    unique = list(dict.fromkeys(files))
    if not unique and not missing and not hidden:
        where = ", ".join(str(p) for p in named) or "(no paths given)"
        raise InputError(
            f"no assets found in {where}",
            hint=f"msgcheck reads assets with these extensions: {' '.join(ASSET_EXTENSIONS)}",
        )
    return unique


def _folder_assets(folder: Path, hidden: list[Path] | None = None) -> list[Path]:
    found = []
    for p in sorted(folder.rglob("*")):
        *folders, name = p.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in folders) or name.startswith(("~$", "._")):
            continue
        if not (p.is_file() and p.suffix.lower() in ASSET_EXTENSIONS):
            continue
        if name.startswith("."):
            if hidden is not None:
                hidden.append(p)
            continue
        found.append(p)
    return found


def load_transcript(path: str | Path) -> Transcript:
    """Read one sales-call transcript (.txt .vtt .srt .json; formats in the module docstrings)."""
    p = Path(path)
    _check_transcript_name(p.name, str(p))
    limits = Limits.from_env()
    return parse_transcript(p.name, read_bytes(p, limits), where=str(p), limits=limits)


def _check_transcript_name(name: str, where: str) -> None:
    ext = Path(name).suffix.lower()
    if ext not in TRANSCRIPT_EXTENSIONS:
        raise UnsupportedFormatError(
            f"msgcheck does not read {ext or 'files without an extension'} transcripts",
            path=where,
            hint=f"supported: {' '.join(TRANSCRIPT_EXTENSIONS)}",
        )


def parse_transcript(
    name: str, data: bytes, where: str | None = None, limits: Limits | None = None
) -> Transcript:
    """A transcript from its bytes and file name (the extension and the content pick the reader).
    ``limits`` (default: from the environment) are checked before and while parsing."""
    where = where or name
    limits = limits or Limits.from_env()
    _check_transcript_name(name, where)
    if not data:
        raise InputError("file is empty", path=where, hint="export the file again, with its content")
    check_file_size(len(data), where, limits)
    ext = Path(name).suffix.lower()
    text = decode(data, where)
    head = text.lstrip()
    if ext == ".json" or head.startswith("{") or re.match(r"\[\s*[{\]]", head):
        return parse_json(text, where, limits)
    if head.startswith("WEBVTT"):
        return parse_vtt(text, where, limits)
    if _SRT_START.match(text):
        return parse_srt(text, where, limits)
    if ext == ".vtt" and "-->" in text:
        return parse_vtt(text, where, limits)  # a WebVTT file that lost its header
    if ext == ".srt" and "-->" in text:
        return parse_srt(text, where, limits)
    return parse_lines(text, where, limits)
