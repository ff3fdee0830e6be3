"""`course check` and `course list`: a student's offline self-check, and what every unit holds."""
from __future__ import annotations

import json
import re
from pathlib import Path

from autograder.grading import grade, hidden_tests
from autograder.inventory import read_tests
from autograder.units import all_units, find_unit


class UserError(Exception):
    """A mistake in how a command was called: reported in one line, without a traceback."""


CAUSE = re.compile(r"\b((?!AssertionError)[A-Z]\w*(?:Error|Exception|Exit|Interrupt)): (.*)")


def cause_of(output: str) -> str | None:
    """The error a failed test's message reports from the submission (the last one named on its first line)."""
    found = CAUSE.findall(output.splitlines()[0]) if output else []
    while found and CAUSE.match(found[-1][1]):
        found[-1] = CAUSE.match(found[-1][1]).groups()
    return f"{found[-1][0]}: {found[-1][1]}" if found else None


def check(name: str, *, solution: bool = False, submission: str | None = None, json_path: str | None = None) -> int:
    """Grade the student's working copy (or the reference, or a submitted folder or notebook) offline.
    Someone else's submission is untrusted code: it runs in the sandbox whenever bubblewrap can run here."""
    unit = find_unit(name)
    if solution and not unit.solution.is_dir():
        raise UserError(f"the reference solution of {unit.name} is not in this copy (no {unit.solution.name}/ under "
                        f"{unit.solution.parent.name}/): the student edition leaves the labs' solutions out; "
                        f"check your own work with `course check {unit.name}`")
    if submission and not Path(submission).exists():
        raise UserError(f"no such file or folder: {submission}")
    if submission and submission.endswith(".ipynb"):
        from autograder.submission import SubmissionError, notebook_code
        try:
            notebook_code(Path(submission))
        except SubmissionError as exc:
            raise UserError(f"{exc} (open it in JupyterLab and save it again, or restore it from your last copy)")
    target = "solution" if solution else str(Path(submission).absolute()) if submission else "starter"
    if target == "starter" and not (unit.starter / unit.package).exists():
        raise UserError(f"{unit.name} has no starter yet: run `make setup` (or `course starters {unit.name}`) to make it")
    if submission:
        from autograder.runner import sandbox_available
    results = grade(unit, target, sandbox=bool(submission) and sandbox_available())
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2) + "\n")
    print(f"{unit.name}: {unit.title}  (grading {target}, offline)\n")
    print_results(results["tests"])
    if not results["tests"]:
        print(results["output"])
    print(f"\nScore: {results['score']:g} / {results['max_score']:g}")
    return 0 if results["tests"] and results["score"] == results["max_score"] else 1


def print_results(tests: list[dict]) -> None:
    """Each test once; a 'start here' line naming the first failing cause; a cause already shown is not repeated."""
    failed = [t for t in tests if t["status"] != "passed"]
    causes = [cause_of(t["output"]) for t in failed]
    first = next((c for c in causes if c), None)
    if first:
        sharing = causes.count(first)
        print(f"Start here: {first}\n    ({sharing} of {len(failed)} failing tests report it; fix it first)\n")
    elif failed:
        print(f"Start here: {failed[0]['name']}, the first failing test\n")
    first_with: dict[str, str] = {}  # a failure's whole text -> the first test that showed it
    causes_shown: set[str] = set()
    for test in tests:
        mark = "PASS" if test["status"] == "passed" else "FAIL"
        print(f"  {mark}  {test['score']:g}/{test['max_score']:g}  {test['name']}")
        if test["status"] == "passed" or not test["output"]:
            continue
        if test["output"] in first_with:
            print(f"        same failure as {first_with[test['output']]}")
            continue
        first_with[test["output"]] = test["name"]
        body, _, hint = test["output"].partition("\nHint: ")
        cause = cause_of(body)
        lines = [body.splitlines()[0][:200]] if cause in causes_shown else body.splitlines()[:8]
        causes_shown.add(cause)
        lines += [f"Hint: {hint}"] if hint else []
        print("\n".join("        " + line for line in lines))


def describe(unit) -> dict:
    """A unit's parts and points, read from its files (no test is run)."""
    visible = read_tests(unit.tests)
    hidden = read_tests(hidden_tests(unit))
    return {
        "name": unit.name, "title": unit.title, "path": str(unit.path),
        "parts": {
            "lesson": next((str(p) for p in (unit.path / "README.md", unit.path / "index.md") if p.exists()), None),
            "notebooks": [str(n) for n in unit.notebooks],
            "starter": str(unit.starter) if unit.starter.exists() else None,
            "solution": str(unit.solution) if unit.solution.exists() else None,
            "tests": visible.tests,
            "hidden_tests": hidden.tests,
            "fixtures": len([p for p in unit.fixtures.glob("**/*") if p.is_file()]) if unit.fixtures.exists() else 0,
        },
        "points": {"visible": visible.points, "total": visible.points + hidden.points},
        **placement(unit),
    }


def placement(unit) -> dict:
    """The unit's day, level, minutes and prerequisites from its unit.toml (None where it gives none)."""
    meta = unit.metadata
    return {"day": meta and meta.day, "level": meta and meta.level,
            "minutes_in_class": meta and meta.minutes_in_class,
            "minutes_self_study": meta and meta.minutes_self_study,
            "prerequisites": list(meta.prerequisites) if meta else []}


def placement_line(listed: dict) -> str:
    if listed["level"] is None:
        return "not placed in the week (no day or level in unit.toml)"
    after = f", after {', '.join(listed['prerequisites'])}" if listed["prerequisites"] else ""
    if listed["level"] == "capstone":  # its class time is Day 5's capstone sessions, not a core time box
        return (f"day {listed['day']}, capstone: {listed['minutes_in_class']} min of building in the capstone "
                f"sessions, at least {listed['minutes_self_study']} min after class{after}")
    return (f"day {listed['day']}, {listed['level']}: {listed['minutes_in_class']} min in class, "
            f"{listed['minutes_self_study']} min self-study{after}")


def list_units(as_json: bool = False) -> int:
    units = [describe(u) for u in all_units()]
    if as_json:
        print(json.dumps(units, indent=2))
        return 0
    for u in units:
        p = u["parts"]
        print(f"{u['name']:<12} {u['title']}")
        print(f"{'':<12} {placement_line(u)}")
        print(f"{'':<12} tests {p['tests']} (+{p['hidden_tests']} hidden), points {u['points']['visible']:g} "
              f"visible / {u['points']['total']:g} total, notebooks {len(p['notebooks'])}, fixtures {p['fixtures']}")
    return 0
