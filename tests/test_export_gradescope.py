"""`course export gradescope`: the zip, unpacked into a temporary Gradescope root, grades like the course does.

Each lab's autograder is built, unpacked as Gradescope would (source/, run_autograder, submission/, results/;
the root moved with COURSE_AUTOGRADER_ROOT) and run twice, setup.sh skipped because the course's venv is already
there: the reference solution as the submission must score full marks, the generated starter must not. CI runs
the cheapest lab (lab05, about 10 s) and one other, a different one each day; COURSE_EXPORT_ALL=1 runs every lab.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from autograder import export_gradescope
from autograder.check import describe
from autograder.starters import generate, is_generated
from autograder.units import all_units, find_unit

CHEAPEST = "lab05"
EXPORT_ALL = os.environ.get("COURSE_EXPORT_ALL") == "1"
LABS = [u.name for u in all_units() if u.path.parent.name == "labs" and (u.solution / u.package).is_dir()]
# CI exports the cheapest lab and one other, a different one each day (COURSE_STRENGTH_DAY=N reproduces day N), so
# every lab's zip is proven within a few days; COURSE_EXPORT_ALL=1 exports every lab.
TODAYS = sorted(set(LABS) - {CHEAPEST})[int(os.environ.get("COURSE_STRENGTH_DAY") or date.today().toordinal())
                                          % max(1, len(LABS) - 1)] if len(LABS) > 1 else CHEAPEST
EACH_LAB = [pytest.param(name, marks=() if EXPORT_ALL or name in (CHEAPEST, TODAYS) else
                         pytest.mark.skip(reason="COURSE_EXPORT_ALL=1 exports every lab; CI exports two a day"))
            for name in LABS]


def starter_of(unit) -> dict[str, bytes]:
    if is_generated(unit):
        return generate(unit)
    return {p.relative_to(unit.starter).as_posix(): p.read_bytes() for p in unit.starter.rglob("*") if p.is_file()}


def gradescope_root(zip_path: Path, root: Path) -> Path:
    """Lay out `root` as Gradescope does after building the image (setup.sh's venv aside)."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    return root


def run_autograder(root: Path) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # only the zip's course may be imported
    env.update({export_gradescope.ROOT_ENV: str(root), export_gradescope.PYTHON_ENV: sys.executable})
    done = subprocess.run(["bash", str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return json.loads((root / "results" / "results.json").read_text()), done.stdout


def submit(root: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(root / "submission", ignore_errors=True)
    for relative, data in files.items():
        (root / "submission" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "submission" / relative).write_bytes(data)


@pytest.fixture(scope="module")
def lab05_zip(tmp_path_factory) -> Path:
    return export_gradescope.export(CHEAPEST, tmp_path_factory.mktemp("export") / "lab05.zip")


def test_the_zip_holds_the_grader_and_no_solution(lab05_zip):
    unit = find_unit(CHEAPEST)
    with zipfile.ZipFile(lab05_zip) as archive:
        names = set(archive.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in archive.infolist()}
        toml = archive.read(f"labs/{unit.path.name}/unit.toml").decode()
    assert not [n for n in names if n.startswith("solutions/") or "/solutions/" in n]
    reference = {p.relative_to(unit.solution).as_posix() for p in (unit.solution / unit.package).rglob("*.py")}
    assert not [n for n in names for r in reference if n.endswith(r) and "/given/" not in n], "reference code shipped"
    assert {"setup.sh", "run_autograder", "requirements.lock", "pyproject.toml", "autograder/export_gradescope.py",
            "agentkit/given.py", f"labs/{unit.path.name}/driver.py", f"labs/{unit.path.name}/tests/test_lab05.py",
            f"grader/{unit.path.name}/hidden_tests/test_lab05_hidden.py"} <= names
    assert any(n.startswith(f"labs/{unit.path.name}/given/{unit.package}/") for n in names)
    assert any(n.startswith(f"labs/{unit.path.name}/fixtures/scenarios/") for n in names)
    assert modes["run_autograder"] & stat.S_IXUSR and modes["setup.sh"] & stat.S_IXUSR
    assert f'solution = "grader/{unit.path.name}"' in toml
    assert not [n for n in names if "__pycache__" in n or n.endswith(".ipynb") or "/starter/" in n]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", EACH_LAB)
def test_run_autograder_gives_the_reference_full_marks_and_the_starter_less(name, lab05_zip, tmp_path):
    unit = find_unit(name)
    zip_path = lab05_zip if name == CHEAPEST else export_gradescope.export(name, tmp_path / f"{name}.zip")
    root = gradescope_root(zip_path, tmp_path / "autograder")
    points = describe(unit)["points"]
    # The reference, as a student's copy of the course repository would hold it.
    reference = {f"labs/{unit.path.name}/starter/{p.relative_to(unit.solution).as_posix()}": p.read_bytes()
                 for p in (unit.solution / unit.package).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    submit(root, reference)
    results, printed = run_autograder(root)
    assert f"with the course at {root / 'source'}\n" in printed  # the zip's copy graded, not this repository
    assert results["max_score"] == points["total"] > points["visible"], "the hidden tests did not run"
    assert results["score"] == results["max_score"], [t["name"] for t in results["tests"] if t["status"] != "passed"]
    assert {"hidden", "visible"} == {t["visibility"] for t in results["tests"]}
    for test in results["tests"]:
        assert {"name", "score", "max_score", "output", "visibility"} <= set(test)
    assert results["stdout_visibility"] == "hidden"
    # The starter, uploaded as the bare package folder.
    submit(root, starter_of(unit))
    results, _ = run_autograder(root)
    assert results["max_score"] == points["total"]
    assert results["score"] < results["max_score"]


def test_a_submission_is_found_however_it_was_uploaded(tmp_path):
    unit = find_unit(CHEAPEST)
    loose = tmp_path / "loose"
    for module in ("__init__.py", "core.py"):
        (loose / module).parent.mkdir(parents=True, exist_ok=True)
        (loose / module).write_text("")
    assert export_gradescope.locate(unit, loose) == loose and (loose / unit.package / "core.py").is_file()
    repo = tmp_path / "repo"
    for folder in (f"labs/{unit.path.name}/given/{unit.package}", f"labs/{unit.path.name}/starter/{unit.package}"):
        (repo / folder).mkdir(parents=True)
        (repo / folder / "__init__.py").write_text("")
    assert export_gradescope.locate(unit, repo) == repo / f"labs/{unit.path.name}/starter"
    notebook = tmp_path / "notebook"
    (notebook / "work").mkdir(parents=True)
    (notebook / "work" / unit.notebooks[0].name).write_text("{}")
    assert export_gradescope.locate(unit, notebook) == notebook / "work" / unit.notebooks[0].name
    (tmp_path / "empty" / "notes").mkdir(parents=True)
    with pytest.raises(export_gradescope.SubmissionMissing, match=f"`{unit.package}/` package folder.*notes"):
        export_gradescope.locate(unit, tmp_path / "empty")
