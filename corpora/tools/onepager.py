"""The one-page PDF layout the corpus asset scripts share (fpdf2, core Helvetica: latin-1 text only).

Title, subtitle, sections of bullets, an italic footer; fixed creation date so re-runs give the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fpdf import FPDF


def write_onepager(
    path: Path,
    *,
    title: str,
    subtitle: str,
    sections: list[tuple[str, list[str]]],
    footer: str,
    created: datetime,
    author: str | None = None,
    subtitle_size: int = 12,
    gap: float = 4,
    footer_size: int = 9,
    footer_wraps: bool = False,
) -> None:
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(created)
    if author:
        pdf.set_title(title)
        pdf.set_author(author)
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", subtitle_size)
    pdf.cell(0, 8, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)
    for heading, bullets in sections:
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for bullet in bullets:
            pdf.multi_cell(0, 5.5, "- " + bullet, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
        pdf.ln(2)
    pdf.set_font("Helvetica", "I", footer_size)
    if footer_wraps:
        pdf.multi_cell(0, 4.5, footer, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.cell(0, 6, footer, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
