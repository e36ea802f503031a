"""Mutation testing of quizapp/core with mutmut, and its score per package.

    python bench/mutation.py                      # every package of quizapp/core (slow)
    python bench/mutation.py sessions analytics   # some packages only
    python bench/mutation.py --survivors progress # run again only what was not killed
    python bench/mutation.py --report             # the score of the last runs, run nothing

Needs ``pip install -e '.[test,mutation]'``. The configuration (what is mutated, which
tests run: the plain ones, never the screenshots) is ``[tool.mutmut]`` in pyproject.toml;
the results stay in ``mutants/`` between runs, so packages can be run one at a time.

The score is the share of mutants killed (a failing test, or a timeout: a mutant that
makes a rule loop forever is caught) among those that are not listed as equivalent or
harmless in TESTING.md, where every surviving mutant is named with the reason. A
survivor not listed there, or a listed one that is now killed, is printed; the exit
status is 1 when the score is below ``--min-score`` or a survivor is not listed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
TESTING = ROOT / "TESTING.md"
SURVIVORS = MUTANTS / "survivors.txt"
CORE = ROOT / "quizapp" / "core"
PACKAGES = tuple(
    sorted(
        path.stem
        for path in CORE.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists())
        or (path.suffix == ".py" and path.name != "__init__.py")
    )
)
"""The packages of quizapp/core and its top-level modules, read from the directory so that
a module added later is counted too."""

KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout"}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}
"""mutmut's exit codes per mutant (mutmut/stats.py); anything else is counted as 'other'."""
LISTED = re.compile(r"`(quizapp\.core\.[\w.ǁ]+__mutmut_\d+)`")


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    survivors: list[str] = field(default_factory=list)

    def add(self, name: str, code: int | None) -> None:
        if code is None:
            self.statuses["not run"] += 1
            return
        status = KILLED.get(code) or SURVIVED.get(code) or "other"
        self.statuses[status] += 1
        if status not in ("killed", "timeout"):
            self.survivors.append(name)

    @property
    def run(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != "not run")

    @property
    def killed(self) -> int:
        return self.statuses["killed"] + self.statuses["timeout"]

    def score(self, equivalent: set[str]) -> tuple[int, float]:
        """(mutants not listed as equivalent, share of them killed)."""
        counted = self.run - sum(name in equivalent for name in self.survivors)
        return counted, (self.killed / counted if counted else 1.0)


def package_of(mutant: str) -> str:
    """'quizapp.core.sessions.exam.x_new_exam__mutmut_3' -> 'sessions'."""
    return mutant.split(".")[2]


def pattern_of(package: str) -> str:
    return f"quizapp.core.{package}.*"


def read_results() -> dict[str, int | None]:
    """Every mutant mutmut generated so far and its exit code (None: not run yet)."""
    results: dict[str, int | None] = {}
    for meta in sorted((MUTANTS / "quizapp" / "core").rglob("*.py.meta")):
        results.update(json.loads(meta.read_text())["exit_code_by_key"])
    return results


def listed_equivalents() -> set[str]:
    """Mutant names written in backticks in TESTING.md (the reviewed survivors)."""
    return set(LISTED.findall(TESTING.read_text())) if TESTING.exists() else set()


def run_mutmut(names: Iterable[str], jobs: int, log: Path) -> float:
    """``mutmut run`` for the given names or patterns; seconds taken."""
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut), "run", "--max-children", str(jobs), *names]
    started = time.monotonic()
    with log.open("w") as out:
        code = subprocess.call(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - started
    if code != 0:
        print(f"mutmut failed (exit {code}); see {log}", file=sys.stderr)
        sys.exit(code)
    return elapsed


def report(packages: Iterable[str], min_score: float) -> int:
    results = read_results()
    equivalent = listed_equivalents()
    tallies: dict[str, Tally] = {package: Tally() for package in packages}
    for name, code in results.items():
        tally = tallies.get(package_of(name))
        if tally is not None:
            tally.add(name, code)
    total = Tally()
    print(
        f"{'package':<10} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} "
        f"{'no tests':>8} {'other':>5} {'listed':>6} {'score':>7}"
    )
    for package, tally in tallies.items():
        total.statuses.update(tally.statuses)
        total.survivors.extend(tally.survivors)
        if not tally.run:
            print(f"{package:<10} (not run)")
            continue
        print(row(package, tally, equivalent))
    print(row("total", total, equivalent))
    counted, score = total.score(equivalent)
    unlisted = sorted(name for name in total.survivors if name not in equivalent)
    ran = {name for name, code in results.items() if code is not None}
    stale = sorted(
        name
        for name in equivalent
        if name in ran and package_of(name) in tallies and name not in total.survivors
    )
    unknown = sorted(name for name in equivalent if name not in results)
    SURVIVORS.write_text("".join(f"{name}\n" for name in sorted(total.survivors)))
    for title, names in (
        (
            "Survivors not listed in TESTING.md (add a test, or list them with the reason):",
            unlisted,
        ),
        ("Listed in TESTING.md but now killed (remove them from the list):", stale),
        ("Listed in TESTING.md but no longer generated (the code changed):", unknown),
    ):
        if names:
            print(f"\n{title}")
            per_function = Counter(name.rsplit("__mutmut_", 1)[0] for name in names)
            for function, count in sorted(per_function.items()):
                print(f"  {count:>3}  {function}")
    print(f"\nEvery survivor: {SURVIVORS.relative_to(ROOT)}; one of them: mutmut show NAME")
    print(f"\nscore: {total.killed} of {counted} non-equivalent mutants killed = {score:.1%}")
    return 1 if score * 100 < min_score or unlisted else 0


def row(label: str, tally: Tally, equivalent: set[str]) -> str:
    s = tally.statuses
    listed = sum(name in equivalent for name in tally.survivors)
    _, score = tally.score(equivalent)
    return (
        f"{label:<10} {tally.run:>7} {s['killed']:>7} {s['timeout']:>7} {s['survived']:>8} "
        f"{s['no tests']:>8} {s['other']:>5} {listed:>6} {score:>7.1%}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "packages",
        nargs="*",
        metavar="PACKAGE",
        help=f"packages of quizapp/core ({', '.join(PACKAGES)}); default: all",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=int(os.environ.get("MUTATION_JOBS", "2")),
        help="mutants run at once (default 2, or $MUTATION_JOBS)",
    )
    parser.add_argument(
        "--survivors", action="store_true", help="run again only the mutants not killed last time"
    )
    parser.add_argument("--fresh", action="store_true", help="forget every earlier result first")
    parser.add_argument("--report", action="store_true", help="print the score, run nothing")
    parser.add_argument("--min-score", type=float, default=90.0, help="percent (default 90)")
    args = parser.parse_args(argv)
    packages = args.packages or list(PACKAGES)
    unknown = sorted(set(packages) - set(PACKAGES))
    if unknown:
        parser.error(f"not a package of quizapp/core: {', '.join(unknown)}")
    if not args.report:
        if args.fresh:
            shutil.rmtree(MUTANTS, ignore_errors=True)
        if args.survivors:
            results = read_results()
            names = [
                n for n, code in results.items() if package_of(n) in packages and code not in KILLED
            ]
            if not names:
                print("nothing left to run")
                return report(packages, args.min_score)
        else:
            names = [pattern_of(package) for package in packages]
        MUTANTS.mkdir(exist_ok=True)
        # Trace which tests reach which function afresh (about a minute): mutmut keeps the
        # old map otherwise, and a test changed since would not be run against its mutants.
        (MUTANTS / "mutmut-stats.json").unlink(missing_ok=True)
        log = MUTANTS / "mutation.log"
        seconds = run_mutmut(names, args.jobs, log)
        print(
            f"mutmut ran {len(names)} name(s)/pattern(s) with {args.jobs} job(s) "
            f"in {seconds / 60:.1f} min (log: {log.relative_to(ROOT)})\n"
        )
    return report(packages, args.min_score)


if __name__ == "__main__":
    sys.exit(main())
