"""Control characters: text read from a file is data, not terminal output.

A bank (``--bank DIR``), a study guide or a hand-edited progress file could
otherwise smuggle escape sequences to the terminal: set the window title,
write the clipboard (OSC 52), wipe the screen, plant hyperlinks. Every text a
file gives quizapp is checked here on the way in; ``printable`` is the
last-resort filter for anything shown that was not checked.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and bidirectional overrides."""
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\x00": "NUL", "\x7f": "DEL", "\x9b": "CSI", "\r": "CR"}


def control_character(text: str) -> tuple[int, str] | None:
    """The offset and a readable name of the first forbidden character, or None."""
    match = _CONTROLS.search(text)
    return None if match is None else _described(match)


def _described(match: re.Match[str]) -> tuple[int, str]:
    char = match.group()
    name = _NAMES.get(char)
    return match.start(), f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def check_text(text: str) -> str:
    """``text`` unchanged, or ValueError naming the control character it contains."""
    match = _CONTROLS.search(text)  # every answer read at start comes through here: no calls
    if match is None:
        return text
    offset, label = _described(match)
    line = text.count("\n", 0, offset) + 1
    where = f" on its line {line}" if "\n" in text else ""
    raise ValueError(f"contains the control character {label}{where}; remove it")


def printable(text: str) -> str:
    """``text`` with every control character (but tab and newline) shown as U+FFFD."""
    return _CONTROLS.sub("\ufffd", text)


def comparable(text: str) -> str:
    """The form two choices are compared in: what a reader would see as the same words.

    Unicode compatibility forms folded (fullwidth letters, non-breaking spaces),
    zero-width characters removed, spaces collapsed, case ignored.
    """
    folded = unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", text))
    return " ".join(folded.split()).casefold()
