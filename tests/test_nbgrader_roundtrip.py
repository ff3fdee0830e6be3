"""The labs' notebooks through nbgrader's real CLI: release, submit, autograde, feedback, export."""
from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

pytest.importorskip("nbgrader", reason="nbgrader is not installed (run `make setup`)")
nbformat = pytest.importorskip("nbformat")

from autograder import nbbuild  # noqa: E402 - after the skip: it imports nbformat
from autograder.units import find_unit  # noqa: E402
from tests.helpers import todays_params  # noqa: E402

LABS = ["lab05", "lab01", "lab02", "lab03", "lab04"]
RESULT_LINE = re.compile(r"^(?:PASS|FAIL) [\d.]+/([\d.]+) ", re.MULTILINE)


def joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("lab", todays_params(LABS, 2, "the whole round trip runs for"))
def test_release_autograde_feedback_export(tmp_path, lab):
    UNIT = find_unit(lab)
    course = tmp_path / "course"
    release = nbbuild.generate(UNIT, course)
    fix = f"the committed notebooks are out of date: run `python -m autograder.nbbuild {UNIT.name}`"
    authored, committed_release = nbbuild.notebook_paths(UNIT)
    assert nbbuild.normalised(committed_release) == nbbuild.normalised(release), fix
    assert nbbuild.normalised(authored) == nbbuild.normalised(nbbuild.build_authored(UNIT)), fix

    # alice hands in the notebook with the reference solution filled in, bob the released one untouched
    submissions = {"alice": nbformat.writes(nbbuild.build_source(UNIT)), "bob": release.read_text()}
    for student, text in submissions.items():
        folder = course / "submitted" / student / UNIT.name
        shutil.copytree(release.parent, folder)  # what the student was given, fixtures included
        (folder / release.name).write_text(text)

    nbbuild.nbgrader(course, "autograde", UNIT.name)
    nbbuild.nbgrader(course, "generate_feedback", UNIT.name)
    nbbuild.nbgrader(course, "export")

    with (course / "grades.csv").open() as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert float(grades["alice"]["max_score"]) == 100
    assert float(grades["alice"]["score"]) == 100, grades["alice"]
    assert float(grades["bob"]["score"]) == 0, grades["bob"]

    # a grade cell's points are what pytest's own -k selection of tests is worth, as check() printed it
    graded = json.loads((course / "autograded" / "alice" / UNIT.name / release.name).read_text())
    grade_cells = [c for c in graded["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    assert len(grade_cells) == sum(bool(c.metadata.get("nbgrader", {}).get("grade")) for c in nbbuild.build_source(UNIT).cells)
    for cell in grade_cells:
        printed = "".join(joined(o["text"]) for o in cell["outputs"] if o["output_type"] == "stream")
        assert sum(map(float, RESULT_LINE.findall(printed))) == cell["metadata"]["nbgrader"]["points"], printed[-2000:]
    hidden = next(c for c in grade_cells if "BEGIN HIDDEN TESTS" in joined(c["source"]))
    assert "hidden=True" in joined(hidden["source"]), "autograde did not put the hidden tests back"

    # bob's grade cells ran cleanly and returned 0: nbgrader scored the number (partial credit), since a grade
    # cell without an error or a number would have earned full marks
    graded = json.loads((course / "autograded" / "bob" / UNIT.name / release.name).read_text())
    for cell in (c for c in graded["cells"] if c["metadata"].get("nbgrader", {}).get("grade")):
        results = [(o["output_type"], joined(o.get("data", {}).get("text/plain", ""))) for o in cell["outputs"]
                   if o["output_type"] != "stream" or o["name"] == "stderr"]
        assert results == [("execute_result", "0.0")], results

    for student, score in (("alice", "100"), ("bob", "0")):
        feedback = course / "feedback" / student / UNIT.name / release.name.replace(".ipynb", ".html")
        assert feedback.is_file(), f"no feedback for {student}"
        assert re.search(rf"Score:\s*{score}(\.0)?\s*/\s*100", feedback.read_text()), f"{student}'s feedback score"
