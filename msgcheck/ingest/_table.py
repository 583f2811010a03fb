"""Tables of values -> blocks, one a cell, each naming its row and column (HTML pricing tables, CSV price
sheets).

A bare "$15" or "Included" says nothing until it is "Chargeback fee on Growth: $15": the row label (first
column) "on" the column header, a colon, then the cell; either name is left out when empty. The row labels
and column headers are context, not blocks of their own. A cell of more than ``PROSE_WORDS`` words is prose,
not a value: a body block of its own text, which the claim extractor splits into sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..types import Block

PROSE_WORDS = 25


def cell_block(label: str, column: str, cell: str) -> Block:
    """The block of one cell: "Chargeback fee on Growth: $15" (``label`` on ``column``), a body block when
    the cell is prose."""
    if len(cell.split()) > PROSE_WORDS:
        return Block(text=cell, kind="body")
    where = " on ".join(x for x in (label, column) if x)
    return Block(text=f"{where}: {cell}" if where else cell, kind="table_cell", cell=cell)


def grid_blocks(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[Block]:
    """A block for every non-empty cell of ``rows`` but the row label (the first of two or more cells),
    named by that label and by the cell's column in ``header``. A row of one cell has no label: its cell
    stands alone."""
    blocks = []
    for row in rows:
        label = row[0] if len(row) > 1 else ""
        for j, cell in enumerate(row[1:] if label else row, start=1 if label else 0):
            if cell:
                column = header[j] if 0 < j < len(header) else ""
                blocks.append(cell_block(label, column, cell))
    return blocks
