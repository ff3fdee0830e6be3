"""`course export classroom`: the template's workflow, run as GitHub would run its commands, scores the starter
short of full marks and the reference in full; the workflow uses the official GitHub Classroom actions."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from autograder import export_classroom
from autograder.check import describe
from autograder.units import find_unit
from tests.test_export_gradescope import EACH_LAB

UNIT = "lab05"  # the cheapest lab to grade, as in test_export_gradescope


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return export_classroom.export(UNIT, tmp_path_factory.mktemp("classroom") / "repo")


@pytest.fixture(scope="module")
def steps(template) -> list[dict]:
    document = yaml.safe_load((template / export_classroom.WORKFLOW).read_text())
    assert document["on"] and document["permissions"]["checks"] == "write"
    return document["jobs"]["autograding"]["steps"]


def run_step(command: str, repo: Path) -> int:
    """A workflow command in the repository, with this venv's `course` on PATH and only the template's course
    importable (GitHub installs the template's runtime with `pip install -e .`)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(repo)}
    return subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, timeout=600).returncode


def reported_points(steps: list[dict], repo: Path) -> tuple[int, int, int]:
    """(exit status of the check step, points the command-grader steps award, points they offer)."""
    check = next(s for s in steps if "course check" in s.get("run", ""))
    status = run_step(check["run"], repo)
    graders = [s for s in steps if s.get("uses", "").startswith("classroom-resources/autograding-command-grader@")]
    awarded = sum(s["with"]["max-score"] for s in graders if run_step(s["with"]["command"], repo) == 0)
    return status, awarded, sum(s["with"]["max-score"] for s in graders)


def test_the_workflow_uses_the_official_actions_pinned_by_tag(steps):
    unit = find_unit(UNIT)
    check = [s for s in steps if "run" in s and "course check" in s["run"]]
    assert [s["run"] for s in check] == [f"course check {UNIT} --json results.json"]
    assert check[0]["continue-on-error"] is True  # short of full marks it exits 1; the points are still reported
    graders = [s for s in steps if s.get("uses") == export_classroom.COMMAND_GRADER]
    reporter = [s for s in steps if s.get("uses") == export_classroom.REPORTER]
    assert export_classroom.COMMAND_GRADER.endswith("@v1") and export_classroom.REPORTER.endswith("@v1")
    assert len(reporter) == 1 and steps[-1] is reporter[0] and steps.index(check[0]) < steps.index(graders[0])
    ids = [s["id"] for s in graders]
    assert reporter[0]["with"]["runners"] == ",".join(ids) and len(set(ids)) == len(ids)
    assert reporter[0]["env"] == {f"{i.upper()}_RESULTS": f"${{{{steps.{i}.outputs.result}}}}" for i in ids}
    assert sum(s["with"]["max-score"] for s in graders) == describe(unit)["points"]["visible"]
    assert all(isinstance(s["with"]["max-score"], int) and s["with"]["timeout"] for s in graders)


def test_the_template_holds_what_the_student_needs_and_no_answers(template):
    unit = find_unit(UNIT)
    folder = template / unit.path.relative_to(unit.path.parents[1])
    files = {p.relative_to(template).as_posix() for p in template.rglob("*") if p.is_file()}
    assert not [f for f in files if f.startswith("solutions/") or "hidden_tests" in f or f.endswith(".ipynb")]
    assert (folder / "starter" / unit.package).is_dir() and (folder / "tests").is_dir()
    assert (folder / "given" / unit.package).is_dir() and (folder / "fixtures").is_dir()
    assert {"pyproject.toml", "requirements.lock", "autograder/cli.py", "agentkit/given.py"} <= files
    readme, lesson = (template / "README.md").read_text(), (unit.path / "README.md").read_text()
    assert f"course check {UNIT}" in readme and lesson.splitlines()[0] in readme
    assert "### BEGIN SOLUTION" not in (folder / "starter" / unit.package / "core.py").read_text()


def test_the_workflows_commands_score_the_starter_short_and_the_reference_full(template, steps):
    unit = find_unit(UNIT)
    status, awarded, offered = reported_points(steps, template)
    assert status == 1 and 0 <= awarded < offered
    starter = template / unit.path.relative_to(unit.path.parents[1]) / "starter"
    shutil.copytree(unit.solution / unit.package, starter / unit.package, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    status, awarded, offered = reported_points(steps, template)
    assert status == 0 and awarded == offered > 0


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", EACH_LAB)
def test_every_labs_template_scores_the_starter_short_and_the_reference_full(name, tmp_path):
    """As above for each lab: CI runs one a day besides Lab 05 (as test_export_gradescope does);
    COURSE_EXPORT_ALL=1 runs all."""
    if name == UNIT:
        pytest.skip("Lab 05 is graded by the test above")
    repo = export_classroom.export(name, tmp_path / "repo")
    steps = yaml.safe_load((repo / export_classroom.WORKFLOW).read_text())["jobs"]["autograding"]["steps"]
    status, awarded, offered = reported_points(steps, repo)
    assert status == 1 and 0 <= awarded < offered
    unit = find_unit(name)
    starter = repo / unit.path.relative_to(unit.path.parents[1]) / "starter"
    shutil.copytree(unit.solution / unit.package, starter / unit.package, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    status, awarded, offered = reported_points(steps, repo)
    assert status == 0 and awarded == offered > 0
