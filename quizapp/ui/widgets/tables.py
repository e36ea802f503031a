"""Put a core ``Table`` into a DataTable, or into lines of text, at the width there is."""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import DataTable

from quizapp.core.analytics.tables import Table
from quizapp.core.text import fit_columns, fit_table, pad

SCROLLBAR = 2


def fill_data_table(table: DataTable[str], spec: Table, width: int) -> None:
    """Columns that fit ``width`` cells (the table's own padding and scrollbar included)."""
    cursor = table.cursor_coordinate
    fitted = fit_columns(spec.columns, spec.rows, width - 2 - SCROLLBAR, gap=2)
    table.clear(columns=True)
    for column in fitted:
        table.add_column(column.title, width=column.width, key=str(column.index))
    for key, row in zip(spec.keys, spec.rows, strict=True):
        cells = []
        for column in fitted:
            text = escape(pad(row[column.index], column.width, spec.columns[column.index].align))
            cells.append(f"[b]{text}[/b]" if key in spec.strong else text)
        table.add_row(*cells, key=key)
    if table.row_count:
        table.cursor_coordinate = cursor._replace(row=min(cursor.row, table.row_count - 1))


def table_lines(spec: Table, width: int) -> list[Content]:
    """The table as lines of text, the header bold, each line at most ``width`` cells."""
    header, *rows = fit_table(spec.columns, spec.rows, width)
    return [Content.styled(header, "bold"), *(Content(row) for row in rows)]


def line_width(widget: Widget, fallback: int) -> int:
    """Cells one line of ``widget`` has (a scrollbar's room kept), or ``fallback`` before
    the widget is laid out."""
    width = widget.scrollable_content_region.width
    return (width - SCROLLBAR) if width > SCROLLBAR else max(1, fallback)
