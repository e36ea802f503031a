"""GIFT's text: backslash escapes both ways, and the ``[format]`` a text may start with.

``Text`` keeps, beside each character, whether a backslash escaped it, so the
reader finds the ``{ } = ~ # ::`` that carry meaning with string searches and
never mistakes an escaped one for them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

SPECIAL = "~=#{}:"
_ESCAPE = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "", **{c: "\\" + c for c in SPECIAL}})
FORMAT_PREFIX = re.compile(r"^\[(moodle|html|plain|markdown)\]", re.IGNORECASE)


def escape(text: str) -> str:
    """GIFT text: ``~ = # { } :`` and ``\\`` escaped with a backslash, line breaks as ``\\n``."""
    return text.translate(_ESCAPE)


_ESCAPED = re.compile(r"\\([~=#{}:\\n])")


class Text:
    """A question's characters with escapes resolved, which of them were escaped, and lines.

    ``marks[i]`` is ``"1"`` where a backslash escaped ``chars[i]`` (so it means
    itself) and ``"0"`` where it may carry GIFT meaning; ``lines[i]`` is its line.
    """

    __slots__ = ("chars", "lines", "marks")

    def __init__(self, chars: str, marks: str, lines: list[int]) -> None:
        self.chars = chars
        self.marks = marks
        self.lines = lines

    @classmethod
    def read(cls, lines: Sequence[tuple[int, str]]) -> Text:
        """The characters of some lines, escapes resolved (``\\n`` is a line break)."""
        chars: list[str] = []
        marks: list[str] = []
        numbers: list[int] = []

        def add(text: str, mark: str, number: int) -> None:
            chars.append(text)
            marks.append(mark * len(text))
            numbers.extend([number] * len(text))

        for index, (number, line) in enumerate(lines):
            if index:
                add("\n", "0", number)
            position = 0
            for match in _ESCAPED.finditer(line):
                add(line[position : match.start()], "0", number)
                escaped = match.group(1)
                add("\n" if escaped == "n" else escaped, "1", number)
                position = match.end()
            add(line[position:], "0", number)
        return cls("".join(chars), "".join(marks), numbers)

    def __len__(self) -> int:
        return len(self.chars)

    def __getitem__(self, key: slice) -> Text:
        return Text(self.chars[key], self.marks[key], self.lines[key])

    def line(self, index: int) -> int:
        return self.lines[min(index, len(self.lines) - 1)] if self.lines else 1

    def meaning(self, index: int, target: str) -> bool:
        """True if the unescaped ``target`` starts at ``index``."""
        return self.chars.startswith(target, index) and self.marks.startswith(
            "0" * len(target), index
        )

    def find(self, target: str, start: int = 0) -> int:
        """Index of the first unescaped ``target`` at or after ``start``, or -1."""
        index = self.chars.find(target, start)
        while index >= 0 and not self.meaning(index, target):
            index = self.chars.find(target, index + 1)
        return index

    def rfind(self, target: str) -> int:
        """Index of the last unescaped ``target``, or -1."""
        index = self.chars.rfind(target)
        while index >= 0 and not self.meaning(index, target):
            # the next candidate starts before ``index``, so it ends before index + len - 1
            index = self.chars.rfind(target, 0, index + len(target) - 1)
        return index

    def every(self, target: str) -> list[int]:
        """Every index of an unescaped ``target``."""
        found: list[int] = []
        index = self.find(target)
        while index >= 0:
            found.append(index)
            index = self.find(target, index + 1)
        return found

    def split(self, target: str) -> tuple[Text, Text | None]:
        """The text before the first unescaped ``target`` and after it (None: no ``target``)."""
        index = self.find(target)
        if index < 0:
            return self, None
        return self[:index], self[index + len(target) :]


def html_to_text(markup: str) -> str:
    """Moodle's HTML as plain text: paragraphs and line breaks kept, tags dropped."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", markup)
    text = re.sub(r"(?i)</p\s*>", "\n\n", text)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return re.sub(r"\n{3,}", "\n\n", text)


def formatted(text: str, default: str = "moodle") -> tuple[str, str]:
    """A text without its ``[format]`` prefix, as plain text, and that format."""
    text = text.strip()
    match = FORMAT_PREFIX.match(text)
    fmt = match.group(1).lower() if match else default
    if match:
        text = text[match.end() :]
    return (html_to_text(text).strip() if fmt == "html" else text), fmt
