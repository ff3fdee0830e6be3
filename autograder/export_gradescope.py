"""`course export gradescope UNIT OUT.zip`: a Gradescope autograder for one unit, and the grading it runs there.

Gradescope unpacks the zip into /autograder/source, runs `setup.sh` once when it builds the image, and
`run_autograder` for every submission, which it puts in /autograder/submission; the results go to
/autograder/results/results.json. The zip holds:

- `setup.sh` and `run_autograder`;
- the course runtime (`agentkit/`, `autograder/`, `pyproject.toml`, the lock files), installed by setup.sh;
- the unit's folder but its lesson and notebooks: unit.toml, driver, checks, visible tests, fixtures and given/ code (no notebooks);
- the unit's hidden tests in `grader/<unit folder>/hidden_tests/`, with unit.toml's `solution` pointing at
  `grader/<unit folder>`, so the engine finds them where it always does. The reference solution itself is
  never copied: there is no `solutions/` in the zip.

`python -m autograder.export_gradescope run UNIT` is what run_autograder calls: it copies the submission
into a work folder, finds the unit's package (or notebook) in it, grades it with the visible and hidden tests
(in bubblewrap when the container lets it run) and writes results.json. The root (/autograder) can be moved
with COURSE_AUTOGRADER_ROOT, which is how the course's tests run a whole autograder in a temporary folder.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path, PurePosixPath

from autograder.check import UserError
from autograder.units import ROOT, Unit, find_unit

ROOT_ENV = "COURSE_AUTOGRADER_ROOT"
PYTHON_ENV = "COURSE_AUTOGRADER_PYTHON"  # the interpreter run_autograder uses (default: setup.sh's venv)
RUNTIME = ("agentkit", "autograder")
RUNTIME_FILES = ("pyproject.toml", "requirements.lock", "requirements-nodeps.txt")
GRADER_DIR = "grader"  # holds the hidden tests, in place of the solution folder unit.toml names
SKIPPED_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", "starter", ".venv", "venv",
                "node_modules", "site-packages", ".git"}
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # a fixed date in every entry: the same course makes the same zip

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image. It installs Python 3.11+, the
# course's pinned dependencies (requirements.lock) into a venv, the course runtime shipped in this zip
# (pip install -e), and bubblewrap, which sandboxes each submission where the container allows it.
set -euo pipefail
ROOT="${COURSE_AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
export DEBIAN_FRONTEND=noninteractive
if command -v apt-get >/dev/null; then
  apt-get update -qq || true
  apt-get install -y -qq bubblewrap >/dev/null || echo "note: no bubblewrap; submissions run as separate processes only"
fi
PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    PYTHON="$candidate"; break
  fi
done
if [ -z "$PYTHON" ]; then  # e.g. Ubuntu 22.04, whose python3 is 3.10
  apt-get install -y -qq python3.11 python3.11-venv >/dev/null
  PYTHON=python3.11
fi
"$PYTHON" -m venv "$ROOT/venv" 2>/dev/null || {
  apt-get install -y -qq "$(basename "$PYTHON")-venv" >/dev/null || apt-get install -y -qq python3-venv >/dev/null
  "$PYTHON" -m venv "$ROOT/venv"
}
"$ROOT/venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
"$ROOT/venv/bin/uv" pip install --quiet --python "$ROOT/venv/bin/python" -r "$SOURCE/requirements.lock" -e "$SOURCE"
"$ROOT/venv/bin/uv" pip install --quiet --python "$ROOT/venv/bin/python" --no-deps -r "$SOURCE/requirements-nodeps.txt"
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission: grade /autograder/submission with {unit}'s visible and hidden
# tests and write /autograder/results/results.json. What it prints is for instructors only (it shows the
# hidden tests' failures); students see results.json.
set -uo pipefail
ROOT="${{COURSE_AUTOGRADER_ROOT:-/autograder}}"
export COURSE_AUTOGRADER_ROOT="$ROOT"
export PYTHONPATH="$ROOT/source${{PYTHONPATH:+:$PYTHONPATH}}"
exec "${{COURSE_AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}}" -m autograder.export_gradescope run {unit}
"""

README = """# {name} autograder

Made by `course export gradescope {name}` from the course repository. Upload the zip as a Gradescope
programming assignment's autograder (Ubuntu base image). Submissions: the `{package}` package folder, its
modules, a copy of the course repository, or the lab's notebook.
"""


class SubmissionMissing(Exception):
    """Nothing in the submission is the unit's package or notebook."""


def course_files(folder: Path) -> list[str]:
    """Repo-relative paths of the files under `folder`, without caches, compiled files or a starter."""
    found = []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info"))
        found += [(Path(parent) / f).relative_to(ROOT).as_posix() for f in sorted(files)
                  if not f.endswith((".pyc", ".pyo")) and f != ".DS_Store"]
    return found


def unit_files(unit: Unit) -> list[str]:
    """The unit's files a grader needs: not its lesson or notebooks (the submission brings its own code)."""
    return [f for f in course_files(unit.path) if not f.endswith((".ipynb", ".md"))]


def runtime_files() -> list[str]:
    return [f for name in RUNTIME for f in course_files(ROOT / name)] + [f for f in RUNTIME_FILES if (ROOT / f).is_file()]


def grader_unit_toml(unit: Unit) -> str:
    """unit.toml with `solution` pointing at the grader folder, which holds only the hidden tests."""
    text = (unit.path / "unit.toml").read_text()
    line = f'solution = "{GRADER_DIR}/{unit.path.name}"'
    text, found = re.subn(r"(?m)^solution\s*=.*$", line, text)
    return text if found else re.sub(r"(?m)^(package\s*=.*)$", rf"\1\n{line}", text, count=1)


def hidden_files(unit: Unit) -> dict[str, Path]:
    """Zip path -> source file of each hidden test file (and its fixtures)."""
    folder = unit.solution / "hidden_tests"
    if not folder.is_dir():
        return {}
    return {f"{GRADER_DIR}/{unit.path.name}/hidden_tests/{p.relative_to(folder).as_posix()}": p
            for p in sorted(folder.rglob("*")) if p.is_file() and not SKIPPED_DIRS & set(p.relative_to(folder).parts)}


def export(unit_name: str, out: str | Path) -> Path:
    unit = find_unit(unit_name)
    out = Path(out).absolute()
    if out.suffix != ".zip":
        raise UserError(f"{out.name}: the autograder is a .zip file; give a name ending in .zip")
    if not unit.tests.is_dir():
        raise UserError(f"{unit.name} has no tests/ folder: there is nothing to grade with")
    unit_dir = unit.path.relative_to(ROOT).as_posix()
    entries: dict[str, bytes] = {
        "setup.sh": SETUP_SH.encode(),
        "run_autograder": RUN_AUTOGRADER.format(unit=unit.name).encode(),
        "README.md": README.format(name=unit.name, package=unit.package).encode(),
    }
    for relative in runtime_files() + unit_files(unit):
        entries[relative] = (ROOT / relative).read_bytes()
    entries[f"{unit_dir}/unit.toml"] = grader_unit_toml(unit).encode()
    hidden = hidden_files(unit)
    if not hidden:
        print(f"note: {unit.name} has no hidden tests in this copy; the autograder runs its visible tests only")
    entries.update({name: path.read_bytes() for name, path in hidden.items()})
    if any(name.split("/")[0] == "solutions" for name in entries):  # never the reference, whatever the layout
        raise UserError(f"{unit.name}: refusing to put a solutions/ file in the autograder")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = (0o755 if name in ("setup.sh", "run_autograder") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    return out


def locate(unit: Unit, folder: Path) -> Path:
    """What in a submitted folder to grade: the folder holding the unit's package (the shallowest, a
    `starter/` copy first, never given/ code), the package's modules uploaded loose (moved into a package
    folder here), or the unit's notebook."""
    package = unit.package
    if (folder / package / "__init__.py").is_file() or (folder / f"{package}.py").is_file():
        return folder
    inits, notebooks = [], []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS - {"starter"} and not d.startswith("."))
        here = Path(parent)
        if here.name == package and "__init__.py" in files and here.parent.name != "given":
            inits.append(here)
        notebooks += [here / f for f in files if f.endswith(".ipynb")]
    if inits:
        best = min(inits, key=lambda p: (p.parent.name != "starter", len(p.parts), str(p)))
        return best.parent
    loose = sorted(p for p in folder.glob("*.py") if p.is_file())
    if loose:
        (folder / package).mkdir()
        for module in loose:
            module.rename(folder / package / module.name)
        return folder
    wanted = {n.name for n in unit.notebooks}
    named = sorted((n for n in notebooks if n.name in wanted), key=lambda p: (len(p.parts), str(p)))
    if named or len(notebooks) == 1:
        return (named or notebooks)[0]
    looked_for = f"a `{package}/` package folder, {package}'s modules" + (f" or {' or '.join(sorted(wanted))}" if wanted else "")
    found = ", ".join(sorted(p.name for p in folder.iterdir())[:10]) or "nothing"
    raise SubmissionMissing(f"The submission holds none of what is graded: {looked_for}. It holds: {found}.")


def run(unit_name: str, root: Path) -> dict:
    """Grade root/submission and write root/results/results.json (Gradescope's format)."""
    from autograder.grading import grade
    from autograder.runner import sandbox_available

    unit = find_unit(unit_name)
    work, results_dir = root / "work", root / "results"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    results_dir.mkdir(parents=True, exist_ok=True)
    submission = work / "submission"
    shutil.copytree(root / "submission", submission, symlinks=True)  # links stay links: the grader refuses those leading out
    print(f"grading {unit.name} with the course at {ROOT}")
    try:
        target = locate(unit, submission)
    except SubmissionMissing as exc:
        results = {"score": 0.0, "max_score": 0.0, "output": str(exc), "tests": []}
    else:
        print(f"graded: {target.relative_to(submission) if target != submission else 'the submission folder'}")
        log = work / "pytest.log"
        results = grade(unit, str(target), hidden=True, sandbox=sandbox_available(), log=log)
        print(log.read_text() if log.exists() else "")
    results["stdout_visibility"] = "hidden"  # this script's output shows hidden tests: instructors only
    (results_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"score {results['score']:g} / {results['max_score']:g} -> {results_dir / 'results.json'}")
    return results


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "run":
        print("usage: python -m autograder.export_gradescope run UNIT   (what run_autograder calls)", file=sys.stderr)
        return 2
    run(argv[1], Path(os.environ.get(ROOT_ENV, "/autograder")))
    return 0  # a score is a result, not a failure: Gradescope reads it from results.json


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
