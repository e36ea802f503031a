"""Random input to every importer: only the project's own error escapes, every problem names
a line of the file, and whatever is written reads back with the loader."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.interchange import FORMATS
from quizapp.core.bank.interchange.importer import import_questions
from quizapp.core.bank.loader import load_bank, load_question_file, question_files
from quizapp.core.errors import InterchangeError, QuizappError


@functools.cache
def bundled() -> Bank:
    result = load_bank()
    assert result.bank is not None
    return result.bank


# Pieces of every format, so random input often comes close to a real file.
PIECES = [
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\t",
    "A. ",
    "B) ",
    "C. ",
    "ANSWER: ",
    "ANSWER: B",
    "::",
    "::t::",
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "\\",
    "\\n",
    ":",
    "%50%",
    "%100%",
    "->",
    "TRUE",
    "[html]",
    "[markdown]",
    "<p>",
    "&amp;",
    "// [tag:difficulty-2] [tag:x]",
    "$CATEGORY: ",
    "F.2",
    "DICOM services",
    "Z.9",
    "topic,stem,choice_a,choice_b,choice_c,answer,explanation,references,difficulty\n",
    "stem;choice_a;choice_b;choice_c;answer\n",
    ",",
    ";",
    '"',
    "|",
    "\x00",
    "\x1b",
    "\ufeff",
    "\u2028",
    "é",
]
# Whole questions of each format, which the pieces around them may break.
WHOLE = {
    "aiken": "Which one?\nA. one\nB. two\nC. three\nANSWER: B\n\n",
    "gift": "::q:: Which one? {=one ~two ~three ####Why.\\n\\nReferences\\:\\n- Ref}\n\n",
    "csv": "F.2,Which one?,one,two,three,A,Why.,Ref | Other,2\n",
}


def raw_input(fmt: str) -> st.SearchStrategy[bytes]:
    """Random bytes, or text made of the format's pieces (and whole questions) and noise."""
    piece = st.sampled_from(PIECES) | st.text(max_size=8) | st.just(WHOLE[fmt])
    text = st.lists(piece, max_size=60).map("".join)
    return st.binary(max_size=200) | text.map(lambda value: value.encode("utf-8"))


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(
    fmt_and_raw=st.sampled_from(FORMATS).flatmap(lambda f: st.tuples(st.just(f), raw_input(f))),
    topic=st.sampled_from([None, "F.2", "networking", "f3", "Q.7"]),
    skip_bad=st.booleans(),
)
def test_random_input_raises_only_the_projects_error(
    fmt_and_raw: tuple[str, bytes], topic: str | None, skip_bad: bool
) -> None:
    fmt, raw = fmt_and_raw
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "input.txt"
        source.write_bytes(raw)
        out = Path(folder) / "bank"
        try:
            report = import_questions(source, fmt, out, bundled(), topic, skip_bad)
        except QuizappError as exc:  # the only kind of error that may escape
            if isinstance(exc, InterchangeError):
                assert exc.problems
                for problem in exc.problems:
                    assert problem.file.endswith("input.txt") and problem.line >= 1
            assert not out.exists()  # nothing written
            event(type(exc).__name__)
            return
        for problem in report.left_out + report.skipped + report.conflicts:
            assert problem.file.endswith("input.txt") and problem.line >= 1
        read = []
        for path in question_files(out) if out.exists() else []:
            loaded, problems = load_question_file(path, user_bank=True)
            assert problems == []
            read.extend(item.question for item in loaded)
        assert sorted(q.id for q in read) == sorted(q.id for q in report.added)
        event("written" if report.added else "nothing to write")
