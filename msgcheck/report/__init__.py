"""Report serialisation and rendering: JSON, CSV, HTML and rich tables.

The JSON layout is a stable, documented contract (docs/report-schema.md, ``schema_version`` 1);
every other format is a view of the same dict. Nothing here loads a model, so it is cheap to import.
"""

from __future__ import annotations

from .csvfile import CSV_COLUMNS, to_csv
from .htmlpage import to_html
from .schema import (
    COVERAGE_STATUSES,
    SCHEMA_VERSION,
    finding_to_dict,
    from_json,
    report_from_dict,
    report_to_dict,
    to_json,
)
from .score import FINDING_KINDS, KIND_WEIGHTS, drift_score
from .table import render_table
from .words import format_time
from .write import write_report

__all__ = [
    "COVERAGE_STATUSES",
    "CSV_COLUMNS",
    "FINDING_KINDS",
    "KIND_WEIGHTS",
    "SCHEMA_VERSION",
    "drift_score",
    "finding_to_dict",
    "format_time",
    "from_json",
    "render_table",
    "report_from_dict",
    "report_to_dict",
    "to_csv",
    "to_html",
    "to_json",
    "write_report",
]
