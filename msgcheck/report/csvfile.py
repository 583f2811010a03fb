"""The CSV report: one row per finding, with spreadsheet formula injection defused."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..safetext import strip_controls
from ..types import Report
from .schema import _num

CSV_COLUMNS: tuple[str, ...] = (
    "call",
    "kind",
    "score",
    "slot",
    "speaker",
    "start",
    "index",
    "transcript_text",
    "asset_file",
    "asset_text",
    "explanation",
)


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: text starting with = + - @ (or tab/CR) gets a leading quote;
    control characters and terminal escape sequences are dropped."""
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, str):
        formula = value.startswith(_FORMULA_PREFIXES)
        value = strip_controls(value, keep_cr=True)  # no terminal escapes or stray control characters
        if formula or value.startswith(_FORMULA_PREFIXES):
            return "'" + value
    return value


def to_csv(report: Report) -> str:
    """One row per finding, columns CSV_COLUMNS; ``start`` in seconds, empty cells for nulls.

    Calls that failed (``error``) or have no findings add no rows; the JSON and HTML show them.
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for call in report.calls:
        for f in call.findings:
            t = f.transcript or {}
            a = f.asset or {}
            row = (
                call.call,
                f.kind,
                float(f.score),
                f.slot,
                t.get("speaker"),
                _num(t.get("start")),
                t.get("index"),
                t.get("text"),
                a.get("file"),
                a.get("text"),
                f.explanation,
            )
            writer.writerow([_cell(v) for v in row])
    return buf.getvalue()
