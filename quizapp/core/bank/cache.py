"""A cache of the validated bank, so a warm start skips YAML parsing and validation.

The full load (parse 58 YAML files, validate them, read the study guides) costs
about 100 ms plus the ``yaml`` import, all on the start-up path. The bank only
changes when its files (or the code and libraries that build it) change, so the
cache is keyed on a fingerprint built from ``stat()`` alone: no file is read.
The file holds the fingerprint, then the bank's plain-data summary, then the
bank: the app draws its home screen from the summary (``read_cached_summary``)
before importing pydantic, which unpickling the bank needs.

Safety rules: the cache is only an accelerator. Anything wrong with it (missing,
torn, foreign, stale, unreadable, unwritable) means a normal full load, never an
error and never a bank that differs from what the loader would build now.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp import __version__
from quizapp.core.bank.layout import (
    OUTLINE_FILE,
    QUESTION_SUFFIXES,
    STUDY_GUIDE_DIR,
    bundled_bank_dir,
    question_folder,
)
from quizapp.core.bank.summary import BankSummary
from quizapp.core.progress.atomic import atomic_write_bytes
from quizapp.core.progress.gc_pause import paused_gc

if TYPE_CHECKING:
    from quizapp.core.bank.bank import Bank

CACHE_FILE = "bank-cache.pickle"
# Bump when the layout of the cache file or of the fingerprint changes.
FORMAT = "quizapp-bank-cache/2"
# Files modified this recently are not trusted for caching: a second edit within
# the file system's timestamp granularity could leave size and mtime unchanged.
RACY_WINDOW_NS = 2_000_000_000
# The modules whose code decides what the loader builds; editing one (a
# development checkout keeps its version number) must invalidate the cache.
_BUILDER_MODULES = (
    "bank.py",
    "bank_cache.py",
    "bank_layout.py",
    "errors.py",
    "loader.py",
    "models.py",
    "study_guide.py",
    "yaml_source.py",
)

# (path, mode, size, mtime_ns, ctime_ns, inode, device); mode -1 marks "cannot stat".
Entry = tuple[str, int, int, int, int, int, int]
# (environment, bank directories, bank files): equal fingerprints mean an equal bank.
Fingerprint = tuple[tuple[object, ...], tuple[str, ...], tuple[Entry, ...]]


def load_bank_cached(
    cache_dir: Path, root: Path | None = None, extra_banks: Sequence[Path] = ()
) -> Bank:
    """Same contract as ``load_bank_or_raise``; a valid, fresh cache skips the full load."""
    root = root or bundled_bank_dir()
    cache_file = cache_dir / CACHE_FILE
    cached = read_cached_summary(cache_dir, root, extra_banks)
    bank = cached.bank() if cached is not None else None
    if bank is not None:
        return bank
    return _load_and_store(cache_file, root, extra_banks)


@dataclass(frozen=True)
class CachedBank:
    """A fresh cache: the summary now, the bank (which imports pydantic) when asked."""

    summary: BankSummary
    payload: bytes
    bank_offset: int

    def bank(self) -> Bank | None:
        """The cached bank, from the same bytes the summary came from; None if damaged."""
        from quizapp.core.bank.bank import Bank

        try:
            stream = io.BytesIO(self.payload)
            stream.seek(self.bank_offset)
            with paused_gc():
                bank = pickle.load(stream)
        except Exception:  # any damage at all means "no cache"
            return None
        return bank if isinstance(bank, Bank) else None


def read_cached_summary(
    cache_dir: Path, root: Path | None = None, extra_banks: Sequence[Path] = ()
) -> CachedBank | None:
    """The cache if it is intact and its fingerprint is current, else None (no pydantic)."""
    root = root or bundled_bank_dir()
    try:
        with open(cache_dir / CACHE_FILE, "rb") as handle:
            payload = handle.read()
        stream = io.BytesIO(payload)
        if pickle.load(stream) != _fingerprint(root, extra_banks):
            return None
        summary = pickle.load(stream)
    except Exception:  # any damage at all means "no cache"
        return None
    if not isinstance(summary, BankSummary):
        return None
    return CachedBank(summary, payload, stream.tell())


# --- fingerprint -------------------------------------------------------------


def _entry(path: str, st: os.stat_result | None) -> Entry:
    if st is None:
        return (path, -1, 0, 0, 0, 0, 0)
    return (path, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _stat_entry(path: str) -> Entry:
    """Stat one file; a missing or unreadable file is recorded, never raised."""
    try:
        return _entry(path, os.stat(path))
    except OSError:
        return _entry(path, None)


def _walk(folder: str, wanted: Callable[[str], bool], out: list[Entry]) -> None:
    """Record every wanted file under ``folder`` (sorted, recursive, cycle-safe).

    It lists a superset of what ``Path.rglob`` yields (it also enters symlinked
    folders), so a file added, removed or edited anywhere the loader looks
    changes the fingerprint.
    """
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                items = sorted(scan, key=lambda item: item.name)
        except OSError:
            out.append(_entry(current, None))
            continue
        for item in items:
            try:
                st = item.stat()
            except OSError:
                out.append(_entry(item.path, None))
                continue
            if stat.S_ISDIR(st.st_mode):
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    pending.append(item.path)
            elif wanted(item.name):
                out.append(_entry(item.path, st))


def _is_question_file(name: str) -> bool:
    return name.lower().endswith(tuple(QUESTION_SUFFIXES))


def _any_file(name: str) -> bool:
    return True


def _bank_entries(root: Path, extra_banks: Sequence[Path]) -> list[Entry]:
    """Every file the loader may read for this bank, with its stat."""
    entries = [_stat_entry(str(root / OUTLINE_FILE))]
    _walk(str(root / STUDY_GUIDE_DIR), _any_file, entries)
    for bank_dir in (root, *extra_banks):
        folder = str(question_folder(bank_dir))
        entries.append((f"questions-from:{bank_dir}:{folder}", 0, 0, 0, 0, 0, 0))
        _walk(folder, _is_question_file, entries)
    return entries


def _environment() -> tuple[object, ...]:
    """What else shapes the loaded bank: versions, builder code, working directory."""
    core = Path(__file__).parent
    yaml_spec = find_spec("yaml")
    yaml_origin = (yaml_spec.origin if yaml_spec else None) or "<no yaml>"
    return (
        FORMAT,
        __version__,
        sys.version,
        sys.implementation.cache_tag,
        # Files an upgrade replaces, found without importing pydantic (a warm start never does).
        _package_entry("pydantic", "version.py"),
        _package_entry("pydantic_core", "__init__.py"),
        os.getcwd(),  # sources and study-guide files are shown relative to it
        _stat_entry(yaml_origin),
        *(_stat_entry(str(core / name)) for name in _BUILDER_MODULES),
    )


def _package_entry(package: str, file: str) -> Entry:
    spec = find_spec(package)  # a top-level name: finds it without importing it
    folders = (spec.submodule_search_locations if spec else None) or [f"<no {package}>"]
    return _stat_entry(os.path.join(folders[0], file))


def _fingerprint(root: Path, extra_banks: Sequence[Path]) -> Fingerprint:
    directories = (str(root), *map(str, extra_banks))
    return (_environment(), directories, tuple(_bank_entries(root, extra_banks)))


# --- reading -----------------------------------------------------------------


# --- writing -----------------------------------------------------------------


def _load_and_store(cache_file: Path, root: Path, extra_banks: Sequence[Path]) -> Bank:
    """Full load (raises ``BankError``); cache the bank when nothing changed meanwhile."""
    from quizapp.core.bank import loader  # imports yaml: only on the slow path

    started_ns = time.time_ns()
    before = _try_fingerprint(root, extra_banks)
    bank = loader.load_bank_or_raise(root, extra_banks)
    after = _try_fingerprint(root, extra_banks)
    if after is not None and before == after and _cacheable(bank, root, after[2], started_ns):
        _write_cache(cache_file, after, bank)
    return bank


def _try_fingerprint(root: Path, extra_banks: Sequence[Path]) -> Fingerprint | None:
    """The fingerprint, or None when it cannot be taken (e.g. the working directory is gone)."""
    try:
        return _fingerprint(root, extra_banks)
    except Exception:
        return None


def _cacheable(bank: Bank, root: Path, entries: tuple[Entry, ...], started_ns: int) -> bool:
    """Whether the fingerprint covers every file the bank came from, none freshly edited."""
    present = [entry for entry in entries if entry[1] != -1]
    guides = {str(root / STUDY_GUIDE_DIR / t.study_guide) for t in bank.outline.topics.values()}
    if not guides <= {entry[0] for entry in present}:
        return False  # a guide outside study_guide/: its edits would go unseen
    return all(entry[3] < started_ns - RACY_WINDOW_NS for entry in present)


def _write_cache(cache_file: Path, fingerprint: Fingerprint, bank: Bank) -> None:
    """Store the fingerprint then the bank; failing to write only costs the next start."""
    try:
        payload = b"".join(
            pickle.dumps(part, protocol=5) for part in (fingerprint, bank.summary(), bank)
        )
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache_file, payload)
    except Exception:  # read-only or full disk, unpicklable value: run uncached
        return
