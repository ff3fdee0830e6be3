"""Mutation testing of the reference solutions against their graded tests: how many small faults the tests catch.

For each unit the script grades the unmutated reference package once (it must pass every test, hidden ones
included, or the unit is skipped), then makes every single-point mutant of the selected source files, writes
each into a fresh copy of the package and grades that copy with `autograder.grading.grade(..., hidden=True)`.
A mutant is killed when any graded test fails, when the tests do not run (an import error, a collection
error, fewer tests than the unmutated run) or when grading times out; it survives when every test passes.

Mutants come from mutmut's own generator (its libcst visitor and mutation operators), not from its runner:
mutmut switches mutants with trampolines and an environment variable inside the test process, but these tests
run the submission in a separate worker process (sandboxed with a cleared environment when grading), so each
mutant is written out as a plain source file instead. What gets mutated is what mutmut's visitor reaches:
functions, methods and the statements of class bodies (module-level code, decorator expressions, type
annotations and docstrings are left alone). Two differences from a mutmut run, both because no trampolines
are involved: decorated functions (`@property`, `@lru_cache`, ...) are mutated, and so are class-body
statements such as a dataclass's field defaults, which mutmut generates but cannot switch on. As mutmut does
when it is given coverage data, lines marked `# pragma: no cover` are not mutated (`# pragma: no mutate` works
too).

Usage: python benchmarks/mutation.py UNIT [UNIT ...] [--files core.py ...] [--jobs 2] [--limit N]
                                     [--skip-lines REGEX ...] [--json OUT]
The last line printed is `mutation: UNIT RATE (KILLED/MUTANTS), ...`.
Needs mutmut: .venv/bin/uv pip install --python .venv/bin/python -r benchmarks/requirements-mutation.txt
"""
from __future__ import annotations

import argparse
import ast
import datetime
import difflib
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import grading  # noqa: E402
from autograder.units import Unit, find_unit  # noqa: E402

try:
    import libcst as cst
    import mutmut
    from libcst.metadata import MetadataWrapper, PositionProvider
    from mutmut.mutation.file_mutation import NEVER_MUTATE_FUNCTION_NAMES, MutationVisitor, deep_replace
    from mutmut.mutation.mutators import mutation_operators
    from mutmut.mutation.pragma_handling import IgnoredCode, PragmaVisitor, expand_to_full_statements
except ImportError as missing:
    sys.exit(f"{missing}: install mutmut first:\n"
             "  .venv/bin/uv pip install --python .venv/bin/python -r benchmarks/requirements-mutation.txt")

TEST_TIMEOUT = 10       # seconds one test's worker job may take (COURSE_JOB_TIMEOUT) while grading a mutant
MIN_MUTANT_TIMEOUT = 60  # seconds; a mutant's whole grading run is capped at 5x the unmutated run, at least this
SAMPLE_SEED = 0
NO_COVER = re.compile(r"#\s*pragma[:\s]?\s*no\s*cover", re.IGNORECASE)  # coverage.py's default exclusion


@dataclass
class Mutant:
    file: str   # path inside the package, e.g. "core.py"
    line: int
    diff: str   # the changed line(s), "old -> new"
    source: str  # the whole mutated file


@dataclass
class Outcome:
    mutant: Mutant
    verdict: str  # "killed", "timeout" (killed by a time limit), "error" (tests did not run) or "survived"
    seconds: float


@dataclass
class UnitReport:
    unit: str
    files: list[str]
    mutants_total: int
    mutants_run: int = 0
    sampled: bool = False
    killed: int = 0
    survived: int = 0
    timeouts: int = 0
    errors: int = 0
    seconds: float = 0.0
    aborted: str = ""
    survivors: list[dict] = field(default_factory=list)

    @property
    def kill_rate(self) -> float:
        return 100.0 * self.killed / self.mutants_run if self.mutants_run else 0.0


# --- making mutants -------------------------------------------------------------------------------------------

class DecoratedToo(MutationVisitor):
    """mutmut's visitor, also descending into decorated functions (see the module docstring)."""

    def _skip_node_and_children(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FunctionDef) and node.decorators and node.name.value not in NEVER_MUTATE_FUNCTION_NAMES:
            position = self.get_metadata(PositionProvider, node, None)
            return bool(position and position.start.line in self._ignored_node_lines)  # `# pragma: no mutate`
        return super()._skip_node_and_children(node)


def mutated_sources(filename: str, code: str, skip_lines: list[str]) -> list[str]:
    """Each single-point mutant of `code`, as a whole file, in source order, without duplicates."""
    wrapper = MetadataWrapper(cst.parse_module(code))
    visitor = DecoratedToo(mutation_operators, ignored_code(filename, code, wrapper, skip_lines))
    module = wrapper.visit(visitor)
    sources = (deep_replace(module, m.original_node, m.mutated_node).code
               for m in visitor.mutations if m.contained_by_top_level_function is not None)
    return [s for s in dict.fromkeys(sources) if s != code and compiles(s)]


def ignored_code(filename: str, code: str, wrapper: MetadataWrapper, skip_lines: list[str]) -> IgnoredCode:
    """Lines under `# pragma: no mutate`, whole statements under `# pragma: no cover`, and expressions that
    start on a line matching a `skip_lines` pattern (mutmut's `do_not_mutate_patterns`), as mutmut reads them
    (its own reader, `get_ignored_lines`, needs a mutmut project configuration, which this is not)."""
    pragmas = PragmaVisitor(filename)
    wrapper.visit(pragmas)
    lines = code.splitlines()
    no_cover = {n for n, line in enumerate(lines, 1) if NO_COVER.search(line)}
    skipped = pragmas.ignore_node_lines | expand_to_full_statements(wrapper, no_cover)
    matched = {n for n, line in enumerate(lines, 1) if any(re.search(p, line) for p in skip_lines)}
    return IgnoredCode(pragmas.no_mutate_lines, skipped, matched)


def compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec")
        return True
    except SyntaxError:
        return False


def changed_line(original: str, mutated: str) -> tuple[int, str]:
    """Line number of the first change and a one-line `old -> new` of the changed lines."""
    old, new = original.splitlines(), mutated.splitlines()
    tag, i1, i2, j1, j2 = next(op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
                               if op[0] != "equal")
    before = " ".join(line.strip() for line in old[i1:i2]) or "(nothing)"
    after = " ".join(line.strip() for line in new[j1:j2]) or "(removed)"
    return i1 + 1, f"{before} -> {after}"


def mutants_of(package_dir: Path, files: list[str], skip_lines: list[str]) -> list[Mutant]:
    found = []
    for name in files:
        code = (package_dir / name).read_text()
        for source in mutated_sources(name, code, skip_lines):
            line, diff = changed_line(code, source)
            found.append(Mutant(name, line, diff, source))
    return found


def sample(mutants: list[Mutant], limit: int | None, unit: str) -> list[Mutant]:
    """A deterministic sample (same seed, same unit, same code: same mutants), kept in source order."""
    if limit is None or len(mutants) <= limit:
        return mutants
    chosen = sorted(random.Random(f"{SAMPLE_SEED}:{unit}").sample(range(len(mutants)), limit))
    return [mutants[i] for i in chosen]


def default_files(package_dir: Path) -> list[str]:
    """Every module of the package except __init__.py and those that define no function (data, prompts)."""
    return [str(p.relative_to(package_dir)) for p in sorted(package_dir.rglob("*.py"))
            if p.name != "__init__.py" and "__pycache__" not in p.parts and defines_function(p)]


def defines_function(path: Path) -> bool:
    tree = ast.parse(path.read_text())
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) for node in ast.walk(tree))


# --- grading ----------------------------------------------------------------------------------------------------

def fresh_copy(unit: Unit, scratch: Path) -> Path:
    """A submission folder holding a clean copy of the reference package; returns the folder."""
    folder = Path(tempfile.mkdtemp(prefix="mutant-", dir=scratch))
    shutil.copytree(unit.solution / unit.package, folder / unit.package, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def stop_strays(folder: Path) -> None:
    """Kill worker processes still running code from `folder`: when grading hits its wall-clock cap the grader
    stops pytest's session, but each worker runs in a session of its own and may be stuck in a mutant's loop."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if str(folder) in proc.joinpath("cmdline").read_bytes().decode(errors="replace"):
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def verdict(results: dict, expected_tests: int, seconds: float, cap: float) -> str:
    tests = results.get("tests", [])
    if seconds >= cap:
        return "timeout"
    if len(tests) < expected_tests:
        return "error"
    failed = [t for t in tests if t.get("status") != "passed"]
    if any("timed out" in (t.get("output") or "") for t in failed):
        return "timeout"
    return "killed" if failed else "survived"


def grade_copy(unit: Unit, folder: Path, cap: float | None = None) -> tuple[dict, float]:
    """Results and seconds of grading `folder`; `cap` bounds the whole run (None: the grader's own limit)."""
    start = time.perf_counter()
    try:
        results = grading.grade(unit, str(folder), hidden=True, timeout=cap)
    finally:
        stop_strays(folder)
    return results, time.perf_counter() - start


def run_mutant(unit: Unit, mutant: Mutant, scratch: Path, expected_tests: int, cap: float) -> Outcome:
    folder = fresh_copy(unit, scratch)
    try:
        (folder / unit.package / mutant.file).write_text(mutant.source)
        results, seconds = grade_copy(unit, folder, cap)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Outcome(mutant, verdict(results, expected_tests, seconds, cap), seconds)


def baseline(unit: Unit, scratch: Path) -> tuple[int, float, str]:
    """Number of tests and seconds of the unmutated run, and why it cannot be used ("" when it can)."""
    folder = fresh_copy(unit, scratch)
    try:
        results, seconds = grade_copy(unit, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    tests = results.get("tests", [])
    failing = [t["name"] for t in tests if t.get("status") != "passed"]
    if not tests:
        return 0, seconds, "the unmutated solution's tests did not run: " + results.get("output", "")[-500:]
    if failing:
        return len(tests), seconds, f"the unmutated solution fails {len(failing)} test(s): {', '.join(failing)}"
    return len(tests), seconds, ""


# --- one unit -----------------------------------------------------------------------------------------------------

def select_mutants(unit: Unit, args: argparse.Namespace) -> tuple[list[str], list[Mutant], list[Mutant]]:
    """The files to mutate, every mutant of them, and the ones to grade."""
    package_dir = unit.solution / unit.package
    files = args.files or default_files(package_dir)
    missing = [f for f in files if not (package_dir / f).is_file()]
    if missing:
        sys.exit(f"{unit.name}: no {', '.join(missing)} in {package_dir}")
    every = mutants_of(package_dir, files, args.skip_lines)
    return files, every, sample(every, args.limit, unit.name)


def mutate_unit(unit: Unit, args: argparse.Namespace) -> UnitReport:
    files, every, chosen = select_mutants(unit, args)
    report = UnitReport(unit.name, files, len(every), len(chosen), sampled=len(chosen) < len(every))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"mutation-{unit.name}-") as scratch:
        expected, base_seconds, problem = baseline(unit, Path(scratch))
        if problem:
            report.aborted = problem
            return report
        cap = max(MIN_MUTANT_TIMEOUT, 5 * base_seconds)
        print(f"{unit.name}: {len(chosen)} of {len(every)} mutants in {', '.join(files)}; unmutated run "
              f"{base_seconds:.1f}s, {expected} tests; cap {cap:.0f}s per mutant", file=sys.stderr, flush=True)
        outcomes = run_all(unit, chosen, Path(scratch), expected, cap, args.jobs)
    report.seconds = time.perf_counter() - start
    tally(report, outcomes)
    return report


def run_all(unit: Unit, mutants: list[Mutant], scratch: Path, expected: int, cap: float, jobs: int) -> list[Outcome]:
    outcomes = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_mutant, unit, m, scratch, expected, cap) for m in mutants]
        for done, future in enumerate(futures, 1):
            outcome = future.result()
            outcomes.append(outcome)
            print(f"  [{done}/{len(mutants)}] {outcome.verdict:8} {outcome.seconds:5.1f}s "
                  f"{outcome.mutant.file}:{outcome.mutant.line}", file=sys.stderr, flush=True)
    return outcomes


def tally(report: UnitReport, outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.verdict == "survived":
            report.survived += 1
            report.survivors.append({"file": outcome.mutant.file, "line": outcome.mutant.line,
                                     "diff": outcome.mutant.diff})
        else:
            report.killed += 1
            report.timeouts += outcome.verdict == "timeout"
            report.errors += outcome.verdict == "error"


# --- output -------------------------------------------------------------------------------------------------------

def describe(report: UnitReport) -> str:
    if report.aborted:
        return f"{report.unit}: not measured: {report.aborted}"
    sampled = f" (sampled, seed {SAMPLE_SEED}, from {report.mutants_total})" if report.sampled else ""
    lines = [f"{report.unit}: {', '.join(report.files)}",
             f"  mutants {report.mutants_run}{sampled}, killed {report.killed} (timeouts {report.timeouts}, "
             f"tests not run {report.errors}), survived {report.survived}, kill rate {report.kill_rate:.1f}%, "
             f"{report.seconds / 60:.1f} min"]
    lines += [f"  survived {s['file']}:{s['line']}  {s['diff']}" for s in report.survivors]
    return "\n".join(lines)


def summary_line(reports: list[UnitReport]) -> str:
    parts = [f"{r.unit} not measured" if r.aborted else f"{r.unit} {r.kill_rate:.1f}% ({r.killed}/{r.mutants_run})"
             for r in reports]
    return "mutation: " + ", ".join(parts)


def write_json(path: Path, reports: list[UnitReport], skip_lines: list[str]) -> None:
    data = {"date": datetime.date.today().isoformat(), "mutmut": mutmut.__version__, "sample_seed": SAMPLE_SEED,
            "test_timeout": TEST_TIMEOUT, "skip_lines": skip_lines,
            "units": [{**asdict(r), "kill_rate": round(r.kill_rate, 1)} for r in reports]}
    path.write_text(json.dumps(data, indent=2) + "\n")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("units", nargs="+", help="unit names, e.g. lab05 d5-circuit-breaker")
    parser.add_argument("--files", nargs="+", help="modules to mutate, relative to the package (default: all "
                                                   "but __init__.py and modules that define no function)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants graded at once (default 2)")
    parser.add_argument("--limit", type=int, help="grade at most N mutants per unit, a deterministic sample")
    parser.add_argument("--skip-lines", nargs="+", default=[], metavar="REGEX",
                        help="do not mutate expressions that start on a line matching REGEX (mutmut's "
                             r"do_not_mutate_patterns), e.g. '^\s*log\.' for logging calls")
    parser.add_argument("--json", type=Path, help="write per-unit figures and survivors to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # Runner reads this when the pytest process imports it: a mutant's endless loop costs 10 s, not 20.
    os.environ["COURSE_JOB_TIMEOUT"] = str(TEST_TIMEOUT)
    # pytest and its workers import autograder and agentkit from this script's checkout, not the editable install.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    units = [find_unit(name) for name in args.units]
    reports = []
    for unit in units:
        reports.append(mutate_unit(unit, args))
        print(describe(reports[-1]), flush=True)
    if args.json:
        write_json(args.json, reports, args.skip_lines)
    print(summary_line(reports))


if __name__ == "__main__":
    main()
