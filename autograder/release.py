"""`course release --student OUT`: the student edition, built from this repository (the instructor edition).

It copies the tracked files (`git ls-files`; outside a git checkout, a walk that skips environments and caches)
and leaves out:

- the labs' reference solutions and hidden tests (`solutions/lab*/`, every `hidden_tests/` folder);
- instructor pages (`site/instructor-guide.md`) and instructor sections: an admonition whose title starts with
  "Instructor" (`!!! info "Instructor notes"`), with its indented body;
- exercise solutions: `### BEGIN SOLUTION` regions (and solution cells) of notebooks are replaced with stubs and
  `### BEGIN HIDDEN TESTS` regions removed, by nbgrader's own release preprocessors; in Markdown pages both
  kinds of region are dropped;
- the course's own tests, CI, grader benchmarks and upkeep scripts (`tests/`, `.ci/`, `maintenance/`,
  `benchmarks/` but for the one a lesson runs): they grade the reference solutions that are left out, and say which rules the tests do not check.

The days' patterns are worked examples whose pages show their code, so `solutions/day*/` stays and the
demonstration notebooks keep importing it. Every unit gets a starter: generated starters (`course starters`,
when this repository has the generator) are written first and copied even though git ignores them.
JupyterLab in the edition runs with the edition's `.jupyter/` on JUPYTER_CONFIG_PATH (`make start`), which turns
off nbgrader's instructor tools and keeps the assignment list and the Validate button.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath

from autograder.check import UserError
from autograder.units import ROOT, all_units

MAINTAINERS_ONLY = ("tests", ".ci", "benchmarks", "maintenance")  # the course's own tests, CI, measurements, upkeep
LESSON_TOOLS = ("benchmarks/semantic_cache.py",)   # ... except what a lesson page tells students to run
INSTRUCTOR_PAGES = ("site/instructor-guide.md",)
NEVER_COPIED = {"hidden_tests", ".git", ".venv", "venv", "__pycache__", ".ipynb_checkpoints", ".pytest_cache",
                ".cache", "build", "node_modules", ".mypy_cache", ".ruff_cache"}  # folder names
INSTRUCTOR_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)\s+\w[\w-]*\s+"Instructor[^"]*"\s*$')
REGIONS = (("### BEGIN SOLUTION", "### END SOLUTION"), ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"))
NBGRADER_INSTRUCTOR_UI = ("formgrader", "create-assignment", "course-list")  # lab plugins of @jupyter/nbgrader
NBGRADER_INSTRUCTOR_SERVER = ("formgrader", "course_list")                    # their server extensions
JUPYTER_CONFIG = ".jupyter"
JUPYTER_LAB = "$(BIN)/jupyter lab "
NOTE = "STUDENT-EDITION.md"
README_BANNER = f"> **Student edition.** [{NOTE}]({NOTE}) says what it leaves out and how to check your work.\n\n"


def jupyter_config() -> dict[str, dict]:
    """The files of the edition's Jupyter config folder: nbgrader's instructor tools off, the student's on.
    Server extensions go in a `.d` file, which Jupyter merges key by key with the user's own config."""
    return {
        "labconfig/page_config.json": {"disabledExtensions": {
            f"@jupyter/nbgrader:{name}": True for name in NBGRADER_INSTRUCTOR_UI}},
        "jupyter_server_config.d/student-edition.json": {"ServerApp": {"jpserver_extensions": {
            f"nbgrader.server_extensions.{name}": False for name in NBGRADER_INSTRUCTOR_SERVER}}},
    }


def release_student(out: str | Path, root: Path = ROOT) -> Path:
    """Build the student edition of `root` into `out` (which must not exist or be empty); returns its path."""
    out = Path(out).absolute()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError(f"{out} is not an empty folder; give a new or empty one")
    existed = out.exists()
    try:
        build(root, out)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # it was empty: a failed build leaves nothing half made
        if existed:
            out.mkdir()
        raise
    return out


def build(root: Path, out: Path) -> None:
    withheld = withheld_solutions(root)
    make_starters(root)
    out.mkdir(parents=True, exist_ok=True)
    for relative in source_files(root):
        if not left_out(relative, withheld):
            copy(root / relative, out / relative, relative)
    copy_starters(root, out)
    for name, data in jupyter_config().items():
        target = out / JUPYTER_CONFIG / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, indent=2) + "\n")
    (out / NOTE).write_text(student_note(sorted(withheld), all_units(root), root))


def withheld_solutions(root: Path) -> set[str]:
    """Repo-relative folders of the labs' reference solutions: `solutions/lab*` and every lab unit's solution."""
    folders = {p.relative_to(root).as_posix() for p in (root / "solutions").glob("lab*") if p.is_dir()}
    for unit in all_units(root):
        if unit.path.relative_to(root).parts[0] != "days" and unit.solution.resolve().is_relative_to(root):
            folders.add(unit.solution.resolve().relative_to(root).as_posix())
    return folders


def source_files(root: Path) -> list[str]:
    """The tracked files that exist (git ls-files), or, outside a git checkout, every file but environments,
    caches and compiled files."""
    if (root / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
        names = [n for n in listed.stdout.decode().split("\0") if n]
        return [n for n in names if (root / n).is_file() and not NEVER_COPIED & set(PurePosixPath(n).parts)]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NEVER_COPIED and not d.endswith(".egg-info"))
        found += [Path(folder, f).relative_to(root).as_posix() for f in sorted(files)
                  if not f.endswith((".pyc", ".pyo")) and f != ".DS_Store"]
    return found


def left_out(relative: str, withheld: set[str]) -> bool:
    parts = PurePosixPath(relative).parts
    return (parts[0] in MAINTAINERS_ONLY and relative not in LESSON_TOOLS
            or relative in INSTRUCTOR_PAGES or "hidden_tests" in parts
            or any(relative == w or relative.startswith(w + "/") for w in withheld))


def copy(source: Path, target: Path, relative: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():  # kept as a link: following it could copy what the edition leaves out
        os.symlink(os.readlink(source), target)
    elif relative.endswith(".ipynb"):
        target.write_text(student_notebook(source.read_text(encoding="utf-8")), encoding="utf-8")
    elif relative.endswith(".md"):
        target.write_text(student_page(source.read_text(encoding="utf-8"), relative), encoding="utf-8")
    elif relative == "mkdocs.yml":
        target.write_text(drop_lines_naming(source.read_text(), INSTRUCTOR_PAGES, "site/"))
    elif relative == "Makefile":
        target.write_text(student_makefile(source.read_text()))
    else:
        shutil.copy2(source, target)


def student_notebook(text: str) -> str:
    """The notebook with its solution regions and cells stubbed and hidden tests removed, as
    `nbgrader generate_assignment` does, and all outputs cleared; a notebook without either is left as it is."""
    if not any(begin in text for begin, _ in REGIONS):
        return text
    import nbformat
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

    nb = nbformat.reads(text, as_version=4)
    for step in (ClearSolutions(enforce_metadata=False), ClearHiddenTests(enforce_metadata=False), ClearOutput()):
        nb, _ = step.preprocess(nb, {})
    return nbformat.writes(nb) + "\n"


def student_page(text: str, relative: str) -> str:
    """A Markdown page without instructor admonitions, solution or hidden-test regions, or list items that link
    to a page the edition leaves out."""
    lines, kept, skip_indent = text.splitlines(keepends=True), [], None
    for line in lines:
        if skip_indent is not None:
            if not line.strip() or line.startswith(skip_indent + " ") or line.startswith(skip_indent + "\t"):
                continue
            skip_indent = None
        found = INSTRUCTOR_ADMONITION.match(line)
        if found:
            skip_indent = found["indent"]
            continue
        kept.append(line)
    page = "".join(kept)
    for begin, end in REGIONS:
        page = re.sub(rf"^[ \t]*{re.escape(begin)}.*?^[ \t]*{re.escape(end)}[^\n]*\n?", "", page, flags=re.M | re.S)
    folder = PurePosixPath(relative).parent
    on_site = folder.relative_to("site") if folder.parts[:1] == ("site",) else folder  # where the site shows it
    gone = [os.path.relpath(p, folder) for p in INSTRUCTOR_PAGES]
    gone += [os.path.relpath(p.removeprefix("site/"), on_site) for p in INSTRUCTOR_PAGES]
    page = drop_list_items_linking(page, gone)
    return page if relative != "README.md" else README_BANNER + page


def drop_list_items_linking(page: str, targets: list[str]) -> str:
    """Remove Markdown list items (with their indented continuation lines) that link to one of `targets`."""
    out, skipping = [], False
    for line in page.splitlines(keepends=True):
        if skipping and line.startswith((" ", "\t")) and line.strip():
            continue
        skipping = bool(re.match(r"\s*[-*] ", line)) and any(f"]({t})" in line or f"]({t}#" in line for t in targets)
        if not skipping:
            out.append(line)
    return "".join(out)


def drop_lines_naming(text: str, pages: tuple[str, ...], docs_dir: str) -> str:
    """mkdocs.yml without the nav entries of the pages the edition leaves out."""
    names = [p.removeprefix(docs_dir) for p in pages]
    return "".join(line for line in text.splitlines(keepends=True)
                   if not any(re.search(rf":\s*{re.escape(n)}\s*(#.*)?$", line) for n in names))


def student_makefile(text: str) -> str:
    """`make start` opens JupyterLab with the edition's Jupyter config; `make test` points at `course check`
    (the course's own suite is not part of the edition)."""
    if text.count(JUPYTER_LAB) != 1:
        raise UserError(f"the Makefile should run `{JUPYTER_LAB.strip()}` once (in `start`); the release cannot "
                        "point it at the edition's Jupyter config")
    config = f'JUPYTER_CONFIG_PATH="$(CURDIR)/{JUPYTER_CONFIG}$${{JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}}" '
    text = text.replace(JUPYTER_LAB, config + JUPYTER_LAB)
    test = re.search(r"^test:[^\n]*\n((?:\t[^\n]*\n)+)", text, flags=re.M)
    if test is None:
        raise UserError("the Makefile has no `test` target with a recipe; the release cannot replace it")
    message = ("\t@echo \"The course's own test suite is not part of the student edition. Check your work with "
               "$(BIN)/course check UNIT (units: $(BIN)/course list).\"\n\t@exit 2\n")
    return text[:test.start(1)] + message + text[test.end(1):]


def make_starters(root: Path) -> None:
    """Write the generated starters (`course starters`) when this repository has the generator."""
    spec = importlib.util.find_spec("autograder.starters")
    if spec is None or root != ROOT or not Path(spec.origin).is_relative_to(root):  # only this checkout's own
        return
    from autograder import starters
    report = io.StringIO()
    with contextlib.redirect_stdout(report):  # written only when missing or stale, as `make setup` does
        made = starters.main([], check=True) == 0 or (starters.main([]) == 0 and starters.main([], check=True) == 0)
    if not made:
        raise UserError("a starter differs from what its solution makes; fix it before releasing:\n"
                        + report.getvalue().strip())


def copy_starters(root: Path, out: Path) -> None:
    """Every unit's starter folder, including generated ones that git ignores."""
    ignore = shutil.ignore_patterns(*NEVER_COPIED, "*.pyc")
    for unit in all_units(root):
        target = out / unit.starter.relative_to(root)
        if unit.starter.is_dir():
            shutil.copytree(unit.starter, target, ignore=ignore, dirs_exist_ok=True)
        if not target.is_dir() or not any(p.is_file() for p in target.rglob("*")):
            raise UserError(f"{unit.name} has no starter in {unit.starter}; the edition would have nothing to edit")


def student_note(withheld: list[str], units, root: Path) -> str:
    lab = next((u for u in units if u.path.relative_to(root).parts[0] == "labs"), None)
    example = lab.name if lab else (units[0].name if units else "UNIT")
    starter = f"`{lab.starter.relative_to(root).as_posix()}/`" if lab else "the unit's `starter/` folder"
    solutions = ", ".join(f"`{w}/`" for w in withheld) or "none yet"
    check = f".venv/bin/course check {example}"
    return f"""# Student edition

This copy of the course was made from the instructor's repository by `course release --student`. It has every
lesson, notebook, starter, visible test and recorded fixture. It leaves out:

- the labs' reference solutions and hidden tests ({solutions});
- the instructor guide and the "Instructor notes" boxes of the lesson pages;
- the answers to notebook exercises (replaced by `raise NotImplementedError()`, as nbgrader releases them);
- the course's own tests, CI, grader benchmarks and upkeep scripts (`tests/`, `.ci/`, `maintenance/`, most of `benchmarks/`), which grade
  the reference solutions;
- nbgrader's instructor tools in JupyterLab (formgrader, create assignment, course list): `make start`
  turns them off with the Jupyter config in `.jupyter/`.

The days' patterns are worked examples: their reference code stays in `solutions/day*/`, where the lesson pages
and notebooks use it.

## Checking your work

```bash
make setup                          # once: creates .venv
.venv/bin/course list               # every unit, its tests and points
{check:<35} # grades your copy offline: each test, its points and a hint
```

`course check {example}` grades the code you edit in {starter};
`--submission PATH` grades another folder or a notebook. The instructor's grading also runs hidden tests on
inputs you have not seen, so code that only fits the visible cases scores less there.
"""
