"""`course export classroom UNIT OUT_DIR`: a GitHub Classroom assignment repository template for one unit.

The template keeps the course's layout, so the lesson's paths and `course check` work unchanged in it:

- `README.md`: how to work and check, then the unit's lesson (student edition: no instructor notes or answers);
- the unit's folder: unit.toml, driver, checks, visible tests, fixtures, given/ code and the starter (generated
  from the solution) in `starter/`, the one folder the student edits. No hidden tests, no solution, no notebooks;
- a minimal course runtime: `agentkit/`, `autograder/`, `pyproject.toml` and the lock files;
- `.github/workflows/classroom.yml`: on each push it installs the runtime, runs `course check UNIT --json
  results.json`, and reports one GitHub Classroom test per graded test, worth that test's points.

`python -m autograder.export_classroom passed results.json NAME` is the command each of those tests runs.
"""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograder.units import Unit
# The course's modules are imported where they are used: `passed` runs once per graded test, so it stays light.

WORKFLOW = ".github/workflows/classroom.yml"
PYTHON_VERSION = "3.11"  # the version requirements.lock was compiled for
COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"
WORKFLOW_HEADER = """\
# Autograding for GitHub Classroom, written by `course export classroom {unit}`.
#
# The course grades with its own tests: `course check {unit} --json results.json` runs them offline (model calls
# are replayed from recorded fixtures; no key and no network needed) and writes each test's result. GitHub
# Classroom's autograding counts points only through its grader actions, so each graded test becomes one step of
# the official command grader (classroom-resources/autograding-command-grader, pinned to its v1 tag), worth that
# test's points, whose command only reads its line of results.json. The official reporter
# (classroom-resources/autograding-grading-reporter@v1) then sends the points to GitHub Classroom. The
# instructor's hidden tests are not in this repository: grade them with `course grade` or Gradescope.
"""
README_HEAD = """# {title}

You write the package `{package}` in [`{starter}/`]({starter}/): it is the only folder you edit. Check your work
the way the autograder does, offline:

```bash
python3.11 -m venv .venv && .venv/bin/pip install -r requirements.lock -e .
.venv/bin/pip install --no-deps -r requirements-nodeps.txt
.venv/bin/course check {unit}
```

Every push runs the same check on GitHub (the Actions tab shows each test, its points and a hint) and reports your
points to GitHub Classroom. The lesson follows.

---

"""
GITIGNORE = ".venv/\n__pycache__/\n*.egg-info/\n.cache/\nresults.json\n"


def starter_files(unit: Unit) -> dict[str, bytes]:
    """The unit's starter: generated from the solution, or the committed starter of a unit without markers."""
    from autograder.check import UserError
    from autograder.starters import generate, is_generated

    if is_generated(unit):
        return generate(unit)
    if not unit.starter.is_dir():
        raise UserError(f"{unit.name} has no starter to hand out (no markers in its solution, no starter/ folder)")
    return {p.relative_to(unit.starter).as_posix(): p.read_bytes() for p in sorted(unit.starter.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def graded_tests(unit: Unit) -> list[dict]:
    """The visible tests' names and points, as pytest collects them (nothing is run)."""
    from autograder.check import UserError
    from autograder.grading import grade

    collected = grade(unit, "starter", collect_only=True)
    if not collected["tests"]:
        raise UserError(f"{unit.name}: no graded tests were collected: {collected['output'][:500]}")
    for test in collected["tests"]:
        if test["max_score"] != int(test["max_score"]):  # the command grader's max-score is a whole number
            raise UserError(f"{unit.name}: {test['name']} is worth {test['max_score']} points; GitHub Classroom "
                            "counts whole points only")
    names = [t["name"] for t in collected["tests"]]
    if len(set(names)) < len(names):  # each step finds its test in results.json by name
        raise UserError(f"{unit.name}: two graded tests share a name: {sorted({n for n in names if names.count(n) > 1})}")
    return [{"name": t["name"], "points": int(t["max_score"])} for t in collected["tests"] if t["max_score"]]


def workflow(unit: Unit, tests: list[dict]) -> str:
    import yaml

    steps = [
        {"name": "Check out the repository", "uses": "actions/checkout@v4"},
        {"name": f"Set up Python {PYTHON_VERSION}", "uses": "actions/setup-python@v5",
         "with": {"python-version": PYTHON_VERSION}},
        {"name": "Install the course runtime", "run": "\n".join([
            "python -m pip install --quiet --disable-pip-version-check uv",
            "uv pip install --system --quiet -r requirements.lock -e .",
            "uv pip install --system --quiet --no-deps -r requirements-nodeps.txt"])},
        {"name": f"Run the course's tests for {unit.name}", "run": f"course check {unit.name} --json results.json",
         # short of full marks the check exits 1; the points are still reported below
         "continue-on-error": True, "timeout-minutes": 15},
    ]
    ids = []
    for number, test in enumerate(tests, start=1):
        ids.append(f"test-{number:02d}")
        steps.append({"name": test["name"], "id": ids[-1], "uses": COMMAND_GRADER, "with": {
            "test-name": test["name"],
            "command": f"python -m autograder.export_classroom passed results.json {shlex.quote(test['name'])}",
            "timeout": 1, "max-score": test["points"]}})
    steps.append({"name": "Report the points to GitHub Classroom", "uses": REPORTER,
                  "env": {f"{i.upper()}_RESULTS": f"${{{{steps.{i}.outputs.result}}}}" for i in ids},
                  "with": {"runners": ",".join(ids)}})
    document = {
        "name": f"Autograding: {unit.name}",
        "on": ["push", "repository_dispatch", "workflow_dispatch"],
        "permissions": {"checks": "write", "actions": "read", "contents": "read"},
        "jobs": {"autograding": {"runs-on": "ubuntu-latest", "if": "github.actor != 'github-classroom[bot]'",
                                 "steps": steps}},
    }
    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):  # a multi-line `run:` as a literal block, as people write it
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    return WORKFLOW_HEADER.format(unit=unit.name) + yaml.dump(document, Dumper=Dumper, sort_keys=False, width=120)


def export(unit_name: str, out: str | Path) -> Path:
    from autograder.check import UserError
    from autograder.export_gradescope import runtime_files, unit_files
    from autograder.release import student_page
    from autograder.units import ROOT, find_unit

    unit = find_unit(unit_name)
    out = Path(out).absolute()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(f"{out} is not an empty folder; give a new or empty one")
    if not unit.tests.is_dir():
        raise UserError(f"{unit.name} has no tests/ folder: there is nothing to grade with")
    files: dict[str, bytes] = {f: (ROOT / f).read_bytes() for f in runtime_files() + unit_files(unit)}
    unit_dir = unit.path.relative_to(ROOT).as_posix()
    files.update({f"{unit_dir}/starter/{name}": data for name, data in starter_files(unit).items()})
    lesson = next((p for p in (unit.path / "README.md", unit.path / "index.md") if p.is_file()), None)
    page = student_page(lesson.read_text(encoding="utf-8"), f"{unit_dir}/{lesson.name}") if lesson else ""
    if lesson:
        files[f"{unit_dir}/{lesson.name}"] = page.encode()
    head = README_HEAD.format(title=unit.title, package=unit.package, starter=f"{unit_dir}/starter", unit=unit.name)
    files["README.md"] = (head + page).encode()
    files[".gitignore"] = GITIGNORE.encode()
    files[WORKFLOW] = workflow(unit, graded_tests(unit)).encode()
    assert not [f for f in files if f.startswith("solutions/") or "hidden_tests" in f]
    for relative, data in sorted(files.items()):
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(data)
    return out


def passed(results: str, name: str) -> int:
    """0 if the test `name` passed in `results` (course check's --json file); otherwise 1, with its output."""
    path = Path(results)
    if not path.is_file():
        print(f"{results} is missing: the course check did not run (see its step above)")
        return 1
    found = [t for t in json.loads(path.read_text())["tests"] if t["name"] == name]
    if not found:
        print(f"{name} is not in {results}: the tests did not run (see the course check step above)")
        return 1
    test = found[0]
    print(f"{test['status'].upper()}  {test['score']:g}/{test['max_score']:g}  {name}")
    if test["status"] != "passed":
        print(test["output"])
    return 0 if test["status"] == "passed" else 1


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "passed":
        print("usage: python -m autograder.export_classroom passed RESULTS.json TEST_NAME", file=sys.stderr)
        return 2
    return passed(argv[1], argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
