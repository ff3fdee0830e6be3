"""The student edition (`course release --student OUT`), built into a temporary folder: it holds nothing students
must not see, its pages and Jupyter config are consistent, every day's notebook runs offline inside it, and
`course check` works there on the starter and says plainly that the lab's reference is not part of it."""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agentkit import embeddings
from autograder.release import source_files, student_notebook, student_page
from autograder.units import all_units, find_unit
from tests.test_notebooks_offline import (NETWORK_PROBE, execute, is_solution, kernels,  # noqa: F401 (fixture)
                                          nbformat, text_of)

ROOT = Path(__file__).resolve().parents[1]
DAY_NOTEBOOKS = sorted(ROOT.glob("days/*/notebooks/*.ipynb"))
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", re.M)  # a region's line, not prose about it
NBGRADER_INSTRUCTOR = ("formgrader", "create-assignment", "course-list")
NBGRADER_STUDENT = ("assignment-list", "validate-assignment")
JUPYTER_CONFIG_PROBE = """
import json
import os
from jupyter_core.paths import jupyter_path
from jupyter_server.serverapp import ServerApp
from jupyterlab_server.config import get_page_config

server = ServerApp()
server.load_config_file()
server.find_server_extensions()  # what ServerApp.initialize does to decide which server extensions load
lab = get_page_config(jupyter_path("labextensions"), logger=None)
print(json.dumps({"config_path": os.environ["JUPYTER_CONFIG_PATH"], "lab_disabled": sorted(lab["disabledExtensions"]),
                  "server": {k: v for k, v in server.jpserver_extensions.items() if k.startswith("nbgrader.")}}))
"""


def course(*args: str, cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "course"
    made = course("release", "--student", str(out), cwd=ROOT, pythonpath=ROOT)
    assert made.returncode == 0, made.stdout + made.stderr
    return out


def files(edition: Path, *suffixes: str) -> list[Path]:
    return [p for p in edition.rglob("*") if p.is_file() and p.suffix in suffixes]


def site_pages(edition: Path) -> list[Path]:
    """Every notebook, and every Markdown page the site publishes (its own and those of the units)."""
    return [p for p in files(edition, ".md", ".ipynb") if p.suffix == ".ipynb"
            or p.relative_to(edition).parts[0] in ("site", "days", "labs", "capstone-options")]


def page_text(page: Path) -> str:
    if page.suffix != ".ipynb":
        return page.read_text()
    return "\n".join("".join(cell["source"]) for cell in json.loads(page.read_text())["cells"])


def test_no_lab_solutions_or_hidden_tests(edition):
    """Labs and capstone options keep their briefs and starters; their reference builds stay with the instructor."""
    assert not list((edition / "solutions").glob("lab*"))
    for unit in all_units(ROOT):
        if unit.path.relative_to(ROOT).parts[0] in ("labs", "capstone-options"):
            assert not (edition / unit.solution.relative_to(ROOT)).exists(), unit.name
            assert (edition / unit.path.relative_to(ROOT) / "README.md").is_file(), unit.name
    assert not [p for p in edition.rglob("*") if "hidden_tests" in p.parts]
    assert (edition / "solutions" / "day5-production").is_dir(), "the Day 5 worked examples keep their code"


def test_no_instructor_pages_notes_or_answers(edition):
    assert not (edition / "site" / "instructor-guide.md").exists()
    assert "instructor-guide" not in (edition / "mkdocs.yml").read_text()
    for page in site_pages(edition):
        text = page_text(page)
        assert not MARKER.search(text), f"{page.relative_to(edition)}: {MARKER.search(text)[0]}"
        assert not re.search(r'^\s*(!!!|\?\?\?)\s+\w+\s+"Instructor', text, re.M), page.relative_to(edition)
    assert (edition / "STUDENT-EDITION.md").is_file()
    assert "STUDENT-EDITION.md" in (edition / "README.md").read_text()


def resolves(edition: Path, page: Path, target: str) -> bool:
    """A link works in the folder (as on GitHub) or on the site, whose pages sit at their path under site/ or,
    for pages pulled in from the units, at their repo path."""
    relative = page.relative_to(edition)
    on_site = relative.relative_to("site") if relative.parts[0] == "site" else relative
    linked = os.path.normpath(on_site.parent / target)
    return (page.parent / target).exists() or (edition / "site" / linked).exists() or (edition / linked).exists()


def test_links_and_solution_paths_on_pages_resolve(edition):
    """No page links to a page the edition left out, and every solutions/ or benchmarks/ path a page names is
    there (the Day 5 lessons put solutions/day5-production/UNIT on the path and run benchmarks/semantic_cache.py)."""
    link = re.compile(r"\]\(([^)\s#?]+\.(?:md|ipynb))[)#]")
    for page in files(edition, ".md", ".ipynb"):
        text = page.read_text()
        for target in link.findall(text):
            if "://" not in target:
                assert resolves(edition, page, target), f"{page.relative_to(edition)} links to missing {target}"
        named_paths = re.findall(r"\b(?:solutions|benchmarks)/[\w./-]*\w", text)
        for named in named_paths if page.name != "STUDENT-EDITION.md" else []:
            assert (edition / named).exists(), f"{page.relative_to(edition)} names missing {named}"
    for entry in re.findall(r":\s*(\S+\.(?:md|ipynb))\s*(?:#.*)?$", (edition / "mkdocs.yml").read_text(), re.M):
        generated = entry.endswith("/quiz.md") and (edition / entry).with_suffix(".yaml").exists()  # by the hook
        assert generated or (edition / "site" / entry).exists() or (edition / entry).exists(), f"mkdocs.yml nav: {entry}"


def test_every_unit_has_a_starter(edition):
    units = all_units(edition)
    assert {u.name for u in units} == {u.name for u in all_units(ROOT)}
    for unit in units:
        assert list(unit.starter.rglob("*.py")), f"{unit.name} has no starter code in the edition"
        original = find_unit(unit.name)
        for given in (original.path / "given").rglob("*"):
            if given.is_file() and "__pycache__" not in given.parts:
                assert (unit.path / given.relative_to(original.path)).is_file(), f"{given} is not in the edition"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.timeout(180)  # a subprocess that imports Jupyter or runs a grading session
def test_make_start_turns_off_nbgrader_instructor_tools(edition):
    """The Jupyter config that `make start` gives JupyterLab, read the way JupyterLab and its server read it."""
    dry_run = subprocess.run(["make", "-n", "start"], cwd=edition, capture_output=True, text=True, timeout=60)
    lab = re.search(r"^(.*?)\S*/jupyter lab ", dry_run.stdout, re.M)
    assert lab and "JUPYTER_CONFIG_PATH=" in lab[1], dry_run.stdout[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_PATH"}
    # the shell evaluates the recipe's settings as it would for `make start`, then runs the probe with them
    probe = subprocess.run(["sh", "-c", f'export {lab[1]}; exec "$0" -c "$1"', sys.executable, JUPYTER_CONFIG_PROBE],
                           cwd=edition, env=env, capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr[-2000:]
    seen = json.loads(probe.stdout.splitlines()[-1])
    assert Path(seen["config_path"]).resolve() == (edition / ".jupyter").resolve(), seen["config_path"]
    for name in NBGRADER_INSTRUCTOR:
        assert f"@jupyter/nbgrader:{name}" in seen["lab_disabled"]
    for name in NBGRADER_STUDENT:
        assert f"@jupyter/nbgrader:{name}" not in seen["lab_disabled"]
    assert seen["server"]["nbgrader.server_extensions.formgrader"] is False
    assert seen["server"]["nbgrader.server_extensions.course_list"] is False
    assert seen["server"]["nbgrader.server_extensions.validate_assignment"] is True


@pytest.mark.timeout(180)  # a subprocess that imports Jupyter or runs a grading session
def test_check_grades_the_starter_inside_the_edition(edition):
    done = course("check", "lab05", cwd=edition, pythonpath=edition)
    report = done.stdout + done.stderr
    assert done.returncode == 1, report[-3000:]
    assert "Traceback" not in report, report[-3000:]
    assert len(re.findall(r"^  (PASS|FAIL)  \S+/\S+  test_", done.stdout, re.M)) >= 10, report[-3000:]
    assert re.search(r"^Score: \S+ / \S+$", done.stdout, re.M)


@pytest.mark.timeout(180)  # a subprocess that imports Jupyter or runs a grading session
def test_check_solution_says_the_reference_is_not_in_the_edition(edition):
    done = course("check", "lab05", "--solution", cwd=edition, pythonpath=edition)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "not in this copy" in done.stderr and "student edition" in done.stderr, done.stderr


def top_level_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def cell_tree(source: str) -> ast.Module:
    return ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))


def answers_used_later(nb) -> list[tuple[str, list[str]]]:
    """(cell source, names) of each cell that uses an exercise's answer after the exercise. Only the exercise's
    read-only check cells may use it; a later cell that defines the name again frees it."""
    answers: set[str] = set()
    found = []
    for cell in nb.cells:
        grader = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or grader.get("locked"):
            continue
        tree = cell_tree(cell.source)
        if grader.get("solution"):
            answers |= top_level_names(tree)
            continue
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if used & answers:
            found.append((cell.source[:300], sorted(used & answers)))
        answers -= top_level_names(tree)
    return found


@pytest.mark.parametrize("notebook", DAY_NOTEBOOKS, ids=lambda p: p.name)
def test_no_cell_after_an_exercise_uses_its_answer(notebook):
    """In the edition an exercise's answer is a stub, so a later cell that used it would fail for every student:
    use the reference package's own function there."""
    assert answers_used_later(nbformat.read(notebook, as_version=4)) == []


def test_a_cell_using_an_answer_is_found():
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[v4.new_code_cell("def rank(rows):\n    return sorted(rows)"),
                                v4.new_code_cell("assert rank([2, 1]) == [1, 2]"),
                                v4.new_code_cell("print(rank([3, 1]))"), v4.new_code_cell("rank = sorted"),
                                v4.new_code_cell("rank([1])")])
    nb.cells[0].metadata["nbgrader"] = {"solution": True, "grade_id": "ex"}
    nb.cells[1].metadata["nbgrader"] = {"locked": True}
    assert answers_used_later(nb) == [("print(rank([3, 1]))", ["rank"])]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("notebook", DAY_NOTEBOOKS, ids=lambda p: p.name)
def test_day_notebook_runs_offline_in_the_edition(edition, notebook, kernels, monkeypatch):
    path = edition / notebook.relative_to(ROOT)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import agentkit, autograder\nprint('from', agentkit.__file__)"))
    nb.cells.append(nbformat.v4.new_code_cell(NETWORK_PROBE))
    monkeypatch.setenv("PYTHONPATH", str(edition))  # the kernel imports the edition's packages, as a student's does
    if embeddings.cache_path() is not None:  # vectors the runs outside the edition made (the kernel runs the edition's)
        monkeypatch.setenv(embeddings.CACHE_ENV, str(embeddings.cache_path()))
    execute(nb, path.parent, kernels)

    errors = [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    # An exercise's solution is a stub here, so its read-only check cell fails, and only with the stub's error.
    unsolved = [e for e in errors if e[1] == "NotImplementedError" and nb.cells[e[0]].metadata.get("nbgrader", {})
                .get("locked") and not is_solution(nb.cells[e[0]])]
    assert len(unsolved) == sum(map(is_solution, nb.cells)), f"exercise checks: {unsolved}"
    assert errors == unsolved, f"cells raised: {[e for e in errors if e not in unsolved]}"
    assert f"from {edition}" in text_of(nb.cells[-2]), text_of(nb.cells[-2])
    assert "interfaces: ['lo']" in text_of(nb.cells[-1]), "the kernel could reach a network interface"


def test_release_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    done = course("release", "--student", str(tmp_path), cwd=ROOT, pythonpath=ROOT)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "not an empty folder" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_notebook_answers_are_stubbed_and_hidden_tests_dropped():
    kernel = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": kernel})
    answer = nbformat.v4.new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n",
                                       outputs=[nbformat.v4.new_output("stream", text="42\n")])
    answer.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "double", "locked": False}
    checks = nbformat.v4.new_code_cell("assert double(1) == 2\n### BEGIN HIDDEN TESTS\nassert double(5) == 10\n"
                                       "### END HIDDEN TESTS\n")
    given = nbformat.v4.new_code_cell("print('given')")
    nb.cells = [answer, checks, given]
    out = nbformat.reads(student_notebook(nbformat.writes(nb)), as_version=4)
    assert out.cells[0].source == "def double(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    assert out.cells[0].outputs == []
    assert out.cells[1].source == "assert double(1) == 2\n"
    assert out.cells[2].source == "print('given')"
    plain = nbformat.writes(nbformat.v4.new_notebook(cells=[given]))
    assert student_notebook(plain) == plain, "a notebook without answers is copied as it is"


def test_pages_lose_instructor_notes_answers_and_links_to_left_out_pages():
    page = ("# Page\n\nIntro.\n\n- [Setup](setup.md): installing.\n- [Instructor guide](instructor-guide.md): the\n"
            "  week.\n- [Glossary](glossary.md).\n\n"
            "```python\n### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\n```\n\n"
            '!!! info "Instructor notes"\n    - **Timing.** 10 minutes.\n\n    - More.\n\n## Next\n\nKept.\n'
            '!!! tip "Try it"\n    Kept too.\n')
    out = student_page(page, "site/index.md")
    assert "Instructor" not in out and "instructor-guide" not in out and "the\n  week" not in out
    assert "answer = 42" not in out and "BEGIN SOLUTION" not in out
    for kept in ("- [Setup](setup.md)", "- [Glossary](glossary.md).", "## Next\n\nKept.", '!!! tip "Try it"\n    Kept'):
        assert kept in out


def test_release_outside_git_skips_environments_and_caches(tmp_path):
    for name in ("a/keep.py", "a/__pycache__/x.pyc", ".venv/bin/python", "b.pyc", "pkg.egg-info/PKG-INFO",
                 ".ipynb_checkpoints/n.ipynb", "site/page.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert sorted(source_files(tmp_path)) == ["a/keep.py", "site/page.md"]
