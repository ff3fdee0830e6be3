"""`course check` and `course list`: a student's offline self-check, and what every unit holds."""
from __future__ import annotations

import json
from pathlib import Path

from autograder.grading import grade, hidden_tests
from autograder.inventory import read_tests
from autograder.units import all_units, find_unit


def check(name: str, *, solution: bool = False, submission: str | None = None, json_path: str | None = None) -> int:
    """Grade the student's working copy (or the reference, or a submitted folder or notebook) offline.
    Someone else's submission is untrusted code: it runs in the sandbox whenever bubblewrap can run here."""
    unit = find_unit(name)
    target = "solution" if solution else str(Path(submission).absolute()) if submission else "starter"
    if submission:
        from autograder.runner import sandbox_available
    results = grade(unit, target, sandbox=bool(submission) and sandbox_available())
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2) + "\n")
    print(f"{unit.name}: {unit.title}  (grading {target}, offline)\n")
    for test in results["tests"]:
        mark = "PASS" if test["status"] == "passed" else "FAIL"
        print(f"  {mark}  {test['score']:g}/{test['max_score']:g}  {test['name']}")
        if test["status"] != "passed" and test["output"]:
            print("\n".join("        " + line for line in test["output"].splitlines()[:8]))
    if not results["tests"]:
        print(results["output"])
    print(f"\nScore: {results['score']:g} / {results['max_score']:g}")
    return 0 if results["tests"] and results["score"] == results["max_score"] else 1


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
    }


def list_units(as_json: bool = False) -> int:
    units = [describe(u) for u in all_units()]
    if as_json:
        print(json.dumps(units, indent=2))
        return 0
    for u in units:
        p = u["parts"]
        print(f"{u['name']:<12} {u['title']}")
        print(f"{'':<12} tests {p['tests']} (+{p['hidden_tests']} hidden), points {u['points']['visible']:g} "
              f"visible / {u['points']['total']:g} total, notebooks {len(p['notebooks'])}, fixtures {p['fixtures']}")
    return 0
