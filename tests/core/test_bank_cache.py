"""Bank cache: a warm start returns the same bank without YAML; anything odd falls back."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.core.bank import cache as bank_cache
from quizapp.core.bank import loader
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.cache import CACHE_FILE, load_bank_cached, read_cached_summary
from quizapp.core.bank.loader import bundled_bank_dir, load_bank_or_raise
from quizapp.core.errors import BankError
from tests.conftest import modules_imported_by, question_yaml, write_questions

OLD_NS = 1_700_000_000 * 10**9  # a fixed past mtime: far outside the "just edited" window
NEWER_NS = OLD_NS + 60 * 10**9


def set_mtime(path: Path, ns: int = OLD_NS) -> None:
    os.utime(path, ns=(ns, ns))


@pytest.fixture
def bank_root(tmp_path: Path) -> Path:
    """A copy of the bundled bank with every file's mtime fixed in the past."""
    root = tmp_path / "bank"
    shutil.copytree(bundled_bank_dir(), root)
    for path in root.rglob("*"):
        set_mtime(path)
    return root


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def no_full_load(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make any further full load fail the test."""

    def arm() -> None:
        def refuse(*args: object, **kwargs: object) -> Bank:
            raise AssertionError("the full loader ran on a warm start")

        monkeypatch.setattr(loader, "load_bank_or_raise", refuse)

    return arm


def assert_same_bank(actual: Bank, expected: Bank) -> None:
    assert list(actual.questions) == list(expected.questions)
    some_id = next(iter(expected.questions))
    assert actual.questions[some_id].model_dump() == expected.questions[some_id].model_dump()
    assert actual.study_guides == expected.study_guides
    assert actual.sources == expected.sources
    assert actual.outline == expected.outline
    assert actual == expected


def test_cold_load_writes_the_cache_and_matches_the_loader(
    bank_root: Path, cache_dir: Path
) -> None:
    bank = load_bank_cached(cache_dir, bank_root)
    assert (cache_dir / CACHE_FILE).is_file()
    assert_same_bank(bank, load_bank_or_raise(bank_root))


def test_bundled_bank_is_the_default_root(cache_dir: Path) -> None:
    assert_same_bank(load_bank_cached(cache_dir), load_bank_or_raise())


def test_warm_load_skips_the_full_loader(
    bank_root: Path, cache_dir: Path, no_full_load: Callable[[], None]
) -> None:
    expected = load_bank_cached(cache_dir, bank_root)
    no_full_load()
    assert_same_bank(load_bank_cached(cache_dir, bank_root), expected)


def test_warm_start_does_not_import_yaml(bank_root: Path, cache_dir: Path) -> None:
    load_bank_cached(cache_dir, bank_root)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from quizapp.core.bank.cache import load_bank_cached\n"
        f"bank = load_bank_cached(Path({str(cache_dir)!r}), Path({str(bank_root)!r}))\n"
        "print(len(bank.questions), 'yaml' in sys.modules, 'quizapp.core.bank.loader' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    count = len(load_bank_or_raise(bank_root).questions)
    assert result.stdout.split() == [str(count), "False", "False"]


def _edit_question(root: Path) -> None:
    path = root / "questions" / "a1_needs_assessment.yaml"
    text = path.read_text(encoding="utf-8")
    # Same length, so only the mtime tells the change.
    path.write_text(text.replace("difficulty: 1", "difficulty: 3", 1), encoding="utf-8")
    set_mtime(path, NEWER_NS)


def _add_question_file(root: Path) -> None:
    set_mtime(write_questions(root / "questions" / "new" / "zz.yaml", question_yaml("zz-new")))


def _remove_question_file(root: Path) -> None:
    (root / "questions" / "j8_enterprise_imaging.yaml").unlink()


def _edit_study_guide(root: Path) -> None:
    path = root / "study_guide" / "a1_needs_assessment.md"
    path.write_text("# A.1 Rewritten\n\n## Only section\n", encoding="utf-8")
    set_mtime(path)


def _edit_outline(root: Path) -> None:
    path = root / "outline.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"Needs assessment"', '"Needs analysis"'),
        encoding="utf-8",
    )
    set_mtime(path, NEWER_NS)


@pytest.mark.parametrize(
    "change",
    [_edit_question, _add_question_file, _remove_question_file, _edit_study_guide, _edit_outline],
)
def test_a_changed_bank_file_invalidates_the_cache(
    bank_root: Path, cache_dir: Path, change: Callable[[Path], None]
) -> None:
    before = load_bank_cached(cache_dir, bank_root)
    assert (cache_dir / CACHE_FILE).is_file()
    change(bank_root)
    after = load_bank_cached(cache_dir, bank_root)
    expected = load_bank_or_raise(bank_root)
    assert after != before
    assert_same_bank(after, expected)


def test_a_removed_study_guide_is_a_bank_error_not_a_cached_bank(
    bank_root: Path, cache_dir: Path
) -> None:
    load_bank_cached(cache_dir, bank_root)
    (bank_root / "study_guide" / "a1_needs_assessment.md").unlink()
    with pytest.raises(BankError, match=r"a1_needs_assessment\.md not found"):
        load_bank_cached(cache_dir, bank_root)


def _real_cache(bank_root: Path, cache_dir: Path) -> bytes:
    load_bank_cached(cache_dir, bank_root)
    return (cache_dir / CACHE_FILE).read_bytes()


@pytest.mark.parametrize(
    "damage",
    [
        lambda real: b"",
        lambda real: real[: len(real) // 2],
        lambda real: real[:-1],
        lambda real: b"\x00garbage\xff" * 100,
        lambda real: b"cno_such_module\nthing\n.",  # unpickling imports a missing module
        lambda real: pickle.dumps(pickle.loads(real)) + pickle.dumps({"not": "a bank"}),
        lambda real: pickle.dumps(("stale", "key")) + real,
    ],
    ids=["empty", "truncated", "last-byte-cut", "garbage", "bad-import", "not-a-bank", "wrong-key"],
)
def test_a_damaged_cache_falls_back_and_is_rewritten(
    bank_root: Path,
    cache_dir: Path,
    no_full_load: Callable[[], None],
    damage: Callable[[bytes], bytes],
) -> None:
    real = _real_cache(bank_root, cache_dir)
    (cache_dir / CACHE_FILE).write_bytes(damage(real))
    assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))
    no_full_load()
    load_bank_cached(cache_dir, bank_root)  # the fallback wrote a good cache again


def test_a_cache_dir_that_is_a_file_still_gives_the_bank(bank_root: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", encoding="utf-8")
    for cache_dir in (blocker, blocker / "data"):
        assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_an_unwritable_or_unreadable_cache_still_gives_the_bank(
    bank_root: Path, cache_dir: Path
) -> None:
    expected = load_bank_or_raise(bank_root)
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        assert_same_bank(load_bank_cached(cache_dir, bank_root), expected)
        assert not (cache_dir / CACHE_FILE).exists()
    finally:
        cache_dir.chmod(0o700)
    load_bank_cached(cache_dir, bank_root)
    (cache_dir / CACHE_FILE).chmod(0)
    assert_same_bank(load_bank_cached(cache_dir, bank_root), expected)


def test_a_full_disk_on_write_still_gives_the_bank(
    bank_root: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, payload: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bank_cache, "atomic_write_bytes", disk_full)
    assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_bad_bank_raises_and_writes_no_cache(bank_root: Path, cache_dir: Path) -> None:
    (bank_root / "questions" / "a1_needs_assessment.yaml").write_text(
        "questions: [", encoding="utf-8"
    )
    with pytest.raises(BankError) as raised:
        load_bank_cached(cache_dir, bank_root)
    with pytest.raises(BankError) as expected:
        load_bank_or_raise(bank_root)
    assert raised.value.problems == expected.value.problems
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_bank_broken_after_caching_raises(bank_root: Path, cache_dir: Path) -> None:
    load_bank_cached(cache_dir, bank_root)
    path = bank_root / "questions" / "a1_needs_assessment.yaml"
    path.write_text("questions: [", encoding="utf-8")
    set_mtime(path, NEWER_NS)
    with pytest.raises(BankError):
        load_bank_cached(cache_dir, bank_root)


def test_extra_banks_are_part_of_the_key(
    bank_root: Path, cache_dir: Path, tmp_path: Path, no_full_load: Callable[[], None]
) -> None:
    extra = tmp_path / "extra"
    extra_file = write_questions(extra / "mine.yaml", question_yaml("zz-extra", "A.1"))
    set_mtime(extra_file)
    plain = load_bank_cached(cache_dir, bank_root)
    with_extra = load_bank_cached(cache_dir, bank_root, [extra])
    assert "zz-extra" not in plain.questions
    assert_same_bank(with_extra, load_bank_or_raise(bank_root, [extra]))

    write_questions(extra_file, question_yaml("zz-extra", "A.1"), question_yaml("zz-more", "A.2"))
    set_mtime(extra_file, NEWER_NS)
    edited = load_bank_cached(cache_dir, bank_root, [extra])
    assert {"zz-extra", "zz-more"} <= set(edited.questions)

    no_full_load()
    assert load_bank_cached(cache_dir, bank_root, [extra]) == edited


def test_a_missing_extra_bank_is_a_bank_error(
    bank_root: Path, cache_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(BankError, match="extra bank is not a directory"):
        load_bank_cached(cache_dir, bank_root, [tmp_path / "nowhere"])


def test_the_working_directory_is_part_of_the_key(
    bank_root: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sources are shown relative to the working directory, so it shapes the bank."""
    monkeypatch.chdir(tmp_path)
    inside = load_bank_cached(cache_dir, bank_root)
    assert next(iter(inside.sources.values())).file.startswith("bank")
    monkeypatch.chdir(bank_root / "study_guide")
    assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))


def test_a_new_version_invalidates_the_cache(
    bank_root: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank_cached(cache_dir, bank_root)
    calls: list[Path | None] = []
    real = loader.load_bank_or_raise

    def counting(root: Path | None = None, extra_banks: tuple[Path, ...] = ()) -> Bank:
        calls.append(root)
        return real(root, extra_banks)

    monkeypatch.setattr(loader, "load_bank_or_raise", counting)
    monkeypatch.setattr(bank_cache, "__version__", "999.0")
    load_bank_cached(cache_dir, bank_root)
    upgraded: bank_cache.Entry = ("pydantic/version.py", 0o644, 1, 2, 3, 4, 5)
    monkeypatch.setattr(bank_cache, "_package_entry", lambda package, file: upgraded)
    load_bank_cached(cache_dir, bank_root)
    assert calls == [bank_root, bank_root]


def test_files_edited_just_now_are_not_cached(bank_root: Path, cache_dir: Path) -> None:
    """A second edit within the clock's granularity could keep size and mtime: wait."""
    (bank_root / "outline.yaml").touch()
    assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))
    assert not (cache_dir / CACHE_FILE).exists()


def test_an_edit_during_the_full_load_is_not_cached(
    bank_root: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = loader.load_bank_or_raise

    def load_then_edit(root: Path | None = None, extra_banks: tuple[Path, ...] = ()) -> Bank:
        bank = real(root, extra_banks)
        _edit_question(bank_root)
        return bank

    monkeypatch.setattr(loader, "load_bank_or_raise", load_then_edit)
    load_bank_cached(cache_dir, bank_root)
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_study_guide_outside_its_folder_is_not_cached(bank_root: Path, cache_dir: Path) -> None:
    outline = bank_root / "outline.yaml"
    outline.write_text(
        outline.read_text(encoding="utf-8").replace(
            "study_guide: a1_needs_assessment.md", "study_guide: ../a1.md"
        ),
        encoding="utf-8",
    )
    set_mtime(outline)
    shutil.copy(bank_root / "study_guide" / "a1_needs_assessment.md", bank_root / "a1.md")
    set_mtime(bank_root / "a1.md")
    assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_fingerprint_that_cannot_be_taken_means_an_uncached_load(
    bank_root: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_cwd() -> tuple[object, ...]:
        raise FileNotFoundError("the working directory was removed")

    monkeypatch.setattr(bank_cache, "_environment", no_cwd)
    assert list(load_bank_cached(cache_dir, bank_root).questions)
    assert not (cache_dir / CACHE_FILE).exists()


def test_the_summary_is_read_without_pydantic_and_matches_the_bank(
    bank_root: Path, cache_dir: Path
) -> None:
    bank = load_bank_cached(cache_dir, bank_root)
    cached = read_cached_summary(cache_dir, bank_root)
    assert cached is not None and cached.summary == bank.summary()
    assert_same_bank(cached.bank() or Bank(bank.outline), bank)  # the same bytes give the bank
    code = (
        "from pathlib import Path\n"
        "from quizapp.core.bank.cache import read_cached_summary\n"
        f"cached = read_cached_summary(Path({str(cache_dir)!r}), Path({str(bank_root)!r}))\n"
        f"assert cached.summary.question_count == {len(bank.questions)}"
    )
    assert modules_imported_by(code, ["pydantic", "yaml"]) == []


def test_a_stale_cache_gives_no_summary(bank_root: Path, cache_dir: Path) -> None:
    load_bank_cached(cache_dir, bank_root)
    _edit_question(bank_root)
    assert read_cached_summary(cache_dir, bank_root) is None
    assert read_cached_summary(cache_dir / "elsewhere", bank_root) is None


def test_a_damaged_bank_after_the_summary_falls_back_to_a_full_load(
    bank_root: Path, cache_dir: Path
) -> None:
    load_bank_cached(cache_dir, bank_root)
    cached = read_cached_summary(cache_dir, bank_root)
    assert cached is not None
    torn = bank_cache.CachedBank(cached.summary, cached.payload[:-100], cached.bank_offset)
    assert torn.bank() is None
    (cache_dir / CACHE_FILE).write_bytes(torn.payload)
    assert_same_bank(load_bank_cached(cache_dir, bank_root), load_bank_or_raise(bank_root))
