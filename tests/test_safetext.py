"""Text from files is data wherever it is shown: no terminal escapes, no control characters, no markup."""

from __future__ import annotations

import csv
import io

import pytest
from rich.console import Console

from msgcheck.errors import InputError
from msgcheck.report.csvfile import to_csv
from msgcheck.report.table import render_table
from msgcheck.safetext import one_line, shorten_list, strip_controls
from msgcheck.types import CallReport, Finding, Report

ESCAPES = [
    ("\x1b[2J\x1b[Hcleared", "cleared"),  # clear screen, cursor home
    ("\x1b]0;window title\x07text", "text"),  # set the window title
    ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC-8 hyperlink
    ("\x1b[31mred\x1b[0m", "red"),
    ("\x9b31mred", "red"),  # 8-bit CSI
    ("a\u202eevil\u202c b", "aevil b"),  # bidi override
    ("nul\x00bell\x07del\x7f", "nulbelldel"),
    ("tab\tand\nline", "tab\tand\nline"),  # kept
    ("a\r\nb\rc", "a\nb\nc"),  # a carriage return cannot overwrite a line
    ("é 中文 👍 ‍family", "é 中文 👍 ‍family"),  # printable unicode untouched
]


@pytest.mark.parametrize(("raw", "clean"), ESCAPES)
def test_strip_controls(raw, clean):
    assert strip_controls(raw) == clean


def test_one_line_folds_and_shortens():
    assert one_line("a\n\n b\t c") == "a b c"
    assert one_line("x" * 1000, limit=20) == "x" * 19 + "…"
    assert shorten_list([str(i) for i in range(25)], keep=3) == "0, 1, 2 and 22 more"


def test_error_messages_are_one_clean_line():
    exc = InputError("bad key \x1b[2J'[/red]'\nsecond line", path="call\x1b]0;t\x07.json")
    assert str(exc) == "call.json: bad key '[/red]' second line"


def _report(payload: str) -> Report:
    f = Finding(
        kind="contradiction",
        score=0.5,
        slot="price",
        explanation=payload,
        transcript={"speaker": payload, "text": payload, "start": 1.0, "index": 0},
        asset={"file": payload, "text": payload},
    )
    return Report(
        calls=[CallReport(call=payload, reps=[payload], prospects=[], drift_score=0.5, findings=[f])]
    )


PAYLOAD = "\x1b]8;;https://evil.example\x1b\\$49\x1b]8;;\x1b\\ \x1b[2J\x1b]0;title\x07[/red][bold]x"


def test_table_output_has_no_control_sequences_and_keeps_markup_literal():
    buf = io.StringIO()
    render_table(_report(PAYLOAD), Console(file=buf, width=200, color_system=None, force_terminal=False))
    out = buf.getvalue()
    assert "\x1b" not in out and "\x07" not in out
    assert "[/red][bold]x" in out and "$49" in out


def test_csv_cells_have_no_control_sequences():
    row = next(csv.DictReader(io.StringIO(to_csv(_report(PAYLOAD)))))
    for column in ("call", "speaker", "transcript_text", "asset_file", "asset_text", "explanation"):
        assert row[column] == "$49 [/red][bold]x", column
