"""Text rules for what the screens show: widths, ellipses, reflow, tables that fit, plurals.

Plain functions on strings, so every rule a screen relies on (a row fits on one
line, a stem is cut with an ellipsis, a hard-wrapped paragraph from YAML reads as
one paragraph) is tested without a terminal. Widths are terminal cells.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ELLIPSIS = "…"
NO_EXPLANATION = "No explanation in this bank."
"""Said where the explanation would be when a user bank has none."""

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: wide (East Asian) characters take two, combining none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def one_line(text: str) -> str:
    """Every run of whitespace (line breaks too) as one space, ends stripped."""
    return " ".join(text.split())


def truncate(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` cells with an ellipsis when it is longer."""
    flat = one_line(text)
    if width <= 0:
        return ""
    if cell_len(flat) <= width:
        return flat
    kept: list[str] = []
    used = 0
    for char in flat:
        size = cell_len(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + ELLIPSIS


def list_line(prefix: str, text: str, width: int) -> str:
    """One line of a list: ``prefix`` then ``text`` cut to what is left of ``width``."""
    return prefix + truncate(text, width - cell_len(prefix))


def pad(text: str, width: int, align: Literal["<", ">"] = "<") -> str:
    """``text`` cut to ``width`` (with an ellipsis) and padded to exactly ``width`` cells."""
    indent = text[: len(text) - len(text.lstrip(" "))]  # a topic under its domain stays under
    cut = indent + truncate(text, width - len(indent)) if cell_len(text) > width else text
    space = " " * max(0, width - cell_len(cut))
    return cut + space if align == "<" else space + cut


def reflow(text: str) -> str:
    """Join the hard line breaks of a paragraph (as YAML block text keeps them).

    Blank lines still separate paragraphs, and a list item (``- ``, ``* ``, ``1. ``...)
    still starts its own line; a line that continues a list item joins that item.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if not lines or _LIST_ITEM.match(raw):
                lines.append(line)
            else:
                lines[-1] = f"{lines[-1]} {line}"
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def hanging_wrap(prefix: str, text: str, width: int) -> list[str]:
    """``prefix`` then ``text`` wrapped to ``width``; later lines indented under the text."""
    indent = " " * cell_len(prefix)
    room = max(8, width - len(indent))
    lines = textwrap.wrap(one_line(text), room, break_long_words=True) or [""]
    return [prefix + lines[0], *(indent + line for line in lines[1:])]


_IRREGULAR = {"was": "were", "is": "are", "this": "these"}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 answer``, ``0 answers``, ``2 reviews``: the count and the word that fits it."""
    if count == 1:
        return f"{count} {singular}"
    word = plural_form or _IRREGULAR.get(singular) or f"{singular}s"
    return f"{count} {word}"


# -- tables that fit a width ----------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column: its title, alignment, and how it gives way to a narrow width."""

    title: str
    align: Literal["<", ">"] = ">"
    drop: int = 0
    """0: always kept; otherwise the highest number is dropped first when space runs out."""
    flex: bool = False
    """The one column that shrinks (with an ellipsis) before any column is dropped."""
    min_width: int = 10
    short: str | None = None
    """A shorter title used when the full one is wider than the column's values."""


@dataclass(frozen=True)
class FittedColumn:
    index: int
    """Position of the column in the table's definition."""
    width: int
    title: str


def fit_columns(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, gap: int = 2
) -> list[FittedColumn]:
    """Which columns to show at ``width`` cells and how wide each is.

    Each column is as wide as its widest value or its title. When they do not
    fit, the short titles are used, then the flex column shrinks (down to its
    minimum), then columns are dropped, highest ``drop`` first.
    """

    def sizes(short: bool) -> list[tuple[int, str]]:
        out = []
        for i, column in enumerate(columns):
            values = max((cell_len(row[i]) for row in rows), default=0)
            title = column.short if short and column.short is not None else column.title
            out.append((max(values, cell_len(title)), title))
        return out

    def needed(indexes: list[int], natural: list[tuple[int, str]], shrink: bool) -> int:
        total = gap * max(0, len(indexes) - 1)
        for i in indexes:
            size = natural[i][0]
            total += min(size, columns[i].min_width) if shrink and columns[i].flex else size
        return total

    kept = list(range(len(columns)))
    natural = sizes(short=False)
    if needed(kept, natural, shrink=False) > width:
        natural = sizes(short=True)
    while needed(kept, natural, shrink=True) > width:
        droppable = [i for i in kept if columns[i].drop > 0]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    spare = width - needed(kept, natural, shrink=True)
    fitted = []
    for i in kept:
        size, title = natural[i]
        if columns[i].flex:
            least = min(size, columns[i].min_width)
            size = min(size, least + max(0, spare))
        fitted.append(FittedColumn(i, max(1, size), title))
    return fitted


def format_row(
    values: Sequence[str], columns: Sequence[Column], fitted: Sequence[FittedColumn], gap: int = 2
) -> str:
    """One line of the table: the kept columns, each padded or cut to its width."""
    cells = [pad(values[f.index], f.width, columns[f.index].align) for f in fitted]
    return (" " * gap).join(cells).rstrip()


def fit_table(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, gap: int = 2
) -> list[str]:
    """The header and every row, each at most ``width`` cells (when the kept columns allow)."""
    fitted = fit_columns(columns, rows, width, gap)
    header = (" " * gap).join(pad(f.title, f.width, columns[f.index].align) for f in fitted)
    return [header.rstrip(), *(format_row(row, columns, fitted, gap) for row in rows)]


# -- rows of keys and cells -----------------------------------------------------------


def fit_count(widths: Sequence[int], room: int, more_width: int) -> int:
    """How many items of ``widths`` fit in ``room`` cells, keeping ``more_width`` for a
    "more" marker when not all of them fit."""
    if sum(widths) <= room:
        return len(widths)
    used = 0
    for count, size in enumerate(widths):
        if used + size > room - more_width:
            return count
        used += size
    return len(widths)


def grid_columns(width: int, cell_width: int, most: int = 10) -> int:
    """Cells per row of a grid ``width`` cells wide: as many as fit, at least one."""
    return max(1, min(most, width // max(1, cell_width)))


# -- numbers as the screens write them ----------------------------------------------
def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def seconds(value: float | None) -> str:
    """``42s`` under a minute, ``2m 05s`` from a minute on, whole seconds (rounded)."""
    if value is None:
        return "-"
    whole = round(value)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    return f"{minutes}m {secs:02d}s"


def clock_text(value: float) -> str:
    """Remaining time as H:MM:SS (or M:SS under an hour)."""
    total = max(0, int(value + 0.999))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def bar(fraction: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


SPARK_LEVELS = "▁▂▃▄▅▆▇█"


def spark_bars(values: list[float], low: float, high: float) -> str:
    """One block character per value, its height on the fixed scale low..high.

    A fixed scale (0-100 for scores) keeps a flat run of 70s looking flat, where
    scaling to the values' own range would turn a 1-point wobble into a cliff.
    """
    span = high - low
    top = len(SPARK_LEVELS) - 1
    bars = []
    for value in values:
        share = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        bars.append(SPARK_LEVELS[round(share * top)])
    return "".join(bars)
