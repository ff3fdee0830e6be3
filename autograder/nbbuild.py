"""Build a lab's nbgrader notebooks from one authored notebook that includes the solution's .py files."""
from __future__ import annotations

import argparse
import ast
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from io import StringIO
from pathlib import Path

import nbformat

from agentkit import given as given_code
from autograder.grading import grade
from autograder.units import ROOT, Unit, find_unit

HEADER = "<header>"                       # `select` name for a file's docstring and imports
VOLATILE = ("language_info", "widgets")  # notebook metadata that Jupyter rewrites when it saves
FIXTURE = re.compile(r"""["'](fixtures/[^"']+)["']""")
NBGRADER_CONFIG = """c = get_config()  # noqa: F821 - written by autograder.nbbuild
c.CourseDirectory.course_id = "agentic-ai-engineering"
c.Execute.timeout = 120  # seconds per cell: a grade cell runs a group of the unit's tests
"""


class BuildError(Exception):
    """The authored notebook and the solution files or tests disagree."""


def notebook_paths(unit: Unit) -> tuple[Path, Path]:
    """(authored notebook in the solution folder, released notebook in the unit folder)."""
    for release in unit.notebooks:
        if (unit.solution / release.name).is_file():
            return unit.solution / release.name, release
    raise BuildError(f"{unit.name}: no notebook of unit.toml `notebooks` has an authored copy in {unit.solution}")


def _pieces(path: Path, package: str) -> tuple[list[tuple[set[str], str]], set[str]]:
    """A file's top-level statements as (names, text with the comments and blank lines before it); imports of
    the package itself are left out. Also the package's modules it imports by name (`from pkg import mod`)."""
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    pieces, modules, start = [], set(), 0
    for number, node in enumerate(ast.parse(text).body):
        end = node.end_lineno
        while end < len(lines) and lines[end].lstrip().startswith("#") and lines[end][:1].isspace():
            end += 1  # an indented comment right after a block, e.g. its `### END SOLUTION`, belongs to it
        chunk, start = "".join(lines[start:end]), end
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] == package):
            modules |= {a.asname or a.name for a in node.names
                        if node.module in (package, None) and _is_module(path, package, a.name)}
            continue
        if number == 0 and isinstance(node, ast.Expr) or isinstance(node, (ast.Import, ast.ImportFrom)):
            names = {HEADER}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = {node.name}
        else:
            names = {t.id for t in ast.walk(node) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
        pieces.append((names, chunk))
    return pieces, modules


def _is_module(path: Path, package: str, name: str) -> bool:
    """Is `name` a module of the package, beside `path` or in the package's given folder?"""
    given = given_code.folder(package)
    return any((folder / f"{name}.py").is_file() for folder in (path.parent, given) if folder is not None)


def _unqualify(source: str, modules: set[str]) -> str:
    """`prompts.PLANNER` -> `PLANNER`: in a notebook the package's modules share one namespace."""
    tokens = list(tokenize.generate_tokens(StringIO(source).readline))
    lines = source.splitlines(keepends=True)
    for token, after in reversed(list(zip(tokens, tokens[1:]))):
        if token.type == tokenize.NAME and token.string in modules and after.string == ".":
            (row, col), (_, end) = token.start, after.end
            lines[row - 1] = lines[row - 1][:col] + lines[row - 1][end:]
    return "".join(lines)


STARTER_BLOCK = re.compile(r"^[ \t]*### BEGIN STARTER[ \t]*\n(?:.*\n)*?[ \t]*### END STARTER[ \t]*\n", re.M)


def without_starter_blocks(source: str) -> str:
    """The package starter's hints (autograder.starters) are not part of a notebook: nbgrader makes its stubs."""
    return STARTER_BLOCK.sub("", source)


def fill_includes(unit: Unit, nb, folder: Path) -> None:
    """Fill every cell with `course.include` from that file (only the `select`ed top-level names, if given): a path
    relative to the authored notebook's folder, or to the unit's given/ folder for a given module.
    Every statement of an included file must land in exactly one cell."""
    used: dict[Path, list[set[str]]] = {}
    for cell in nb.cells:
        spec = cell.metadata.get("course", {})
        if "include" not in spec:
            continue
        path = (folder / spec["include"]).resolve()
        if not path.is_file():  # a given module: it lives once, in the unit's given/ folder (agentkit.given)
            path = (unit.path / "given" / spec["include"]).resolve()
        pieces, modules = _pieces(path, unit.package)
        select = set(spec.get("select") or set().union(*(names for names, _ in pieces)))
        chosen = [text for names, text in pieces if names & select]
        used.setdefault(path, []).append(select)
        cell.source = _unqualify(without_starter_blocks("".join(chosen)), modules).strip("\n")
    for path, selects in used.items():
        for names, text in _pieces(path, unit.package)[0]:
            if sum(bool(names & s) for s in selects) != 1:
                raise BuildError(f"{path.name}: {sorted(names)} is included {sum(bool(names & s) for s in selects)} "
                                 f"times; each top-level statement must be in exactly one cell")


@functools.lru_cache(maxsize=None)
def unit_tests(unit: Unit) -> tuple[tuple[str, float, bool], ...]:
    """(name, points, hidden) of every graded test of the unit, visible and hidden."""
    results = grade(unit, "solution", hidden=True, collect_only=True)
    if not results["tests"]:
        raise BuildError(f"collecting {unit.name}'s tests failed:\n{results['output']}")
    return tuple((t["name"], float(t["max_score"]), t["visibility"] == "hidden") for t in results["tests"])


def _check_call(source: str) -> tuple[str, bool] | None:
    """The (`select`, hidden) of the `check(unit, select, globals())` call a grade cell makes."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check":
            hidden = any(k.arg == "hidden" and k.value.value for k in node.keywords)
            return node.args[1].value, hidden
    return None


def score_grade_cells(unit: Unit, nb) -> None:
    """Set each grade cell's points to what its tests are worth (pytest -k substring rules on test names);
    every test must be graded by exactly one cell, so the cells add up to the unit's total."""
    from _pytest.mark.expression import Expression

    tests = unit_tests(unit)
    graded = {name: 0 for name, _, _ in tests}
    for cell in nb.cells:
        call = _check_call(cell.source) if cell.metadata.get("nbgrader", {}).get("grade") else None
        if call is None:
            continue
        select, hidden = call
        expression = Expression.compile(select) if select.strip() else None
        mine = [(name, points) for name, points, is_hidden in tests if is_hidden == hidden and (
            expression is None or expression.evaluate(lambda word, name=name, **_: word.lower() in name.lower()))]
        if not mine:
            raise BuildError(f"grade cell {cell.metadata.nbgrader.get('grade_id')}: -k {select!r} selects no test")
        for name, _ in mine:
            graded[name] += 1
        points = sum(p for _, p in mine)
        cell.metadata.nbgrader["points"] = int(points) if points.is_integer() else points
    wrong = {name: n for name, n in graded.items() if n != 1}
    if wrong:
        raise BuildError(f"each test must be graded by exactly one grade cell; times graded: {wrong}")


def build_authored(unit: Unit):
    """The authored notebook as it should be committed: included code and grade points refreshed, no outputs."""
    authored, _ = notebook_paths(unit)
    nb = nbformat.read(authored, as_version=4)
    fill_includes(unit, nb, authored.parent)
    score_grade_cells(unit, nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def build_source(unit: Unit):
    """The nbgrader source notebook (solutions filled in), as it sits in the unit folder: paths that the authored
    notebook writes relative to its own folder (e.g. ../../labs/lab05-multi-agent/fixtures) become fixtures/..."""
    authored, _ = notebook_paths(unit)
    nb = build_authored(unit)
    prefix = Path(os.path.relpath(unit.path, authored.parent)).as_posix() + "/"
    for cell in nb.cells:
        cell.source = cell.source.replace(prefix, "")
        cell.metadata.pop("course", None)
    return nb


def nbgrader(course_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the nbgrader CLI of this interpreter's environment in `course_dir`, offline (no keys, replay mode),
    reading only the course's own nbgrader_config.py: no user or system Jupyter config can redirect it."""
    cli = Path(sys.executable).with_name("nbgrader")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "nbgrader"]
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    scratch = Path(course_dir) / ".tmp"  # JUPYTER_NO_CONFIG makes an empty temporary folder in each process
    scratch.mkdir(parents=True, exist_ok=True)
    env.update(COURSE_LLM_MODE="replay", JUPYTER_NO_CONFIG="1", TMPDIR=str(scratch))
    env["PATH"] = os.pathsep.join([str(cli.parent), env.get("PATH", "")])  # nbgrader runs `alembic` from PATH
    done = subprocess.run([*command, *args], cwd=course_dir, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise BuildError(f"nbgrader {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return done


def generate(unit: Unit, course_dir: str | Path) -> Path:
    """Lay out an nbgrader course (source/<unit>/ with the notebook and the fixtures it opens, nbgrader_config.py),
    run `nbgrader generate_assignment`, and return the released notebook's path."""
    course = Path(course_dir)
    _, release = notebook_paths(unit)
    source = course / "source" / unit.name
    source.mkdir(parents=True, exist_ok=True)
    nb = build_source(unit)
    nbformat.write(nb, source / release.name)
    for name in sorted({m for c in nb.cells if c.cell_type == "code" for m in FIXTURE.findall(c.source)}):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(unit.path / name, source / name)
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG)
    nbgrader(course, "generate_assignment", unit.name, "--force")
    return course / "release" / unit.name / release.name


def normalised(nb) -> str:
    """Canonical JSON of a notebook (object or path) without outputs and volatile metadata, for comparing."""
    data = json.loads(Path(nb).read_text() if isinstance(nb, (str, Path)) else nbformat.writes(nb))
    for key in VOLATILE:
        data["metadata"].pop(key, None)
    for cell in data["cells"]:
        cell["source"] = "".join(cell["source"])
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return json.dumps(data, indent=1, sort_keys=True)


def stale(unit: Unit) -> dict[Path, object]:
    """The committed notebooks (authored and released) that differ from what the build makes, with the build."""
    authored, release = notebook_paths(unit)
    with tempfile.TemporaryDirectory() as course:
        wanted = {authored: build_authored(unit), release: nbformat.read(generate(unit, course), as_version=4)}
    return {path: nb for path, nb in wanted.items() if not path.exists() or normalised(path) != normalised(nb)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.nbbuild", description=__doc__)
    parser.add_argument("unit", help="unit name, e.g. lab05")
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed notebook is out of date")
    parser.add_argument("--course", metavar="DIR", help="instead, lay out an nbgrader course in DIR and release it")
    args = parser.parse_args(argv)
    unit = find_unit(args.unit)
    if args.course:
        print(f"released {generate(unit, args.course)}; collect submissions into {args.course}/submitted/")
        return 0
    outdated = stale(unit)
    for path, nb in outdated.items():
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if args.check:
            print(f"{shown} is out of date: run python -m autograder.nbbuild {unit.name}")
        else:
            nbformat.write(nb, path)
            print(f"wrote {shown}")
    return 1 if args.check and outdated else 0


if __name__ == "__main__":
    sys.exit(main())
