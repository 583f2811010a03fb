"""Damaged files: every reader either returns a full result or raises InputError, never anything else."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from msgcheck.errors import InputError
from msgcheck.ingest import load_asset, load_transcript
from msgcheck.types import Document, Transcript

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
INSERTS = (b":", b"-->", b"[", b"]", b"<v ", b"\n\n", b"{", b'"', b"\x00", b"#", b"|", b"\xff", b"\xe2\x80")


def _sources(tmp_path: Path) -> list[tuple[str, bytes]]:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, "Close the books in three days", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Quillmoss reconciles your ledgers overnight. " * 4)
    document = docx.Document()
    document.add_heading("Close the books", level=1)
    document.add_paragraph("Reconciled overnight.", style="List Bullet")
    document.save(str(tmp_path / "seed.docx"))
    files = sorted((FIXTURES / "assets").iterdir()) + sorted((FIXTURES / "calls").iterdir())
    return [
        *((p.name, p.read_bytes()) for p in files),
        ("seed.pdf", bytes(pdf.output())),
        ("seed.docx", (tmp_path / "seed.docx").read_bytes()),
    ]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    roll = rng.random()
    if roll < 0.3:
        for _ in range(rng.randint(1, 10)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif roll < 0.55:
        at = rng.randrange(len(out))
        del out[at : at + rng.randint(1, 60)]
    elif roll < 0.75:
        del out[rng.randrange(len(out) + 1) :]
    else:
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice(INSERTS)
    return bytes(out)


@pytest.mark.parametrize("seed", range(4))
def test_damaged_files_raise_input_error_or_read_fully(tmp_path, seed):
    rng = random.Random(seed)
    sources = _sources(tmp_path)
    for i in range(120):
        name, data = rng.choice(sources)
        path = tmp_path / f"m{i}-{name}"
        path.write_bytes(_mutate(data, rng))
        is_call = path.suffix in (".vtt", ".srt", ".json") or name.startswith("call")
        try:
            result = load_transcript(path) if is_call else load_asset(path)
        except InputError as exc:
            assert path.name in str(exc)
            continue
        if isinstance(result, Document):
            assert result.blocks and all(b.text.strip() for b in result.blocks)
        else:
            assert isinstance(result, Transcript)
            assert [u.index for u in result.utterances] == list(range(len(result.utterances)))
            assert all(u.text.strip() and u.speaker for u in result.utterances)
