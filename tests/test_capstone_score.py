"""`course capstone-score`: the checks' results (fake results.json files, no grading run) merged with an assessor's
sheet into per-area and total scores; bad sheets refused cell by cell; the weights agree with the rubric pages."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from autograder.capstone_score import AREAS, HUMAN_AREAS, SCORES_CSV, SCORES_HTML, ScoreError, merge, write_template
from autograder.cli import main

ROOT = Path(__file__).resolve().parents[1]
HEADER = "student,architecture (0-20),production_readiness (0-20),documentation (0-6),presentation (0-10),notes"


def results(core: list[tuple[float, float]], readme: tuple[float, float] = (2, 2)) -> dict:
    """Gradescope-shaped results: core checks as (score, max) pairs, then one README check."""
    tests = [{"name": f"test_core_{i}[openai]", "score": s, "max_score": m, "status": "passed" if s == m else "failed"}
             for i, (s, m) in enumerate(core)]
    tests.append({"name": "test_readme_says_how_to_run", "score": readme[0], "max_score": readme[1],
                  "status": "passed" if readme[0] == readme[1] else "failed"})
    return {"score": sum(t["score"] for t in tests), "max_score": sum(t["max_score"] for t in tests), "tests": tests}


def graded_folder(root: Path, by_student: dict[str, dict]) -> Path:
    """What `course grade --out` leaves: <student>/results.json, and pytest logs under _instructor/."""
    out = root / "graded"
    (out / "_instructor").mkdir(parents=True)
    (out / "_instructor" / "alice.log").write_text("pytest output\n")
    for student, data in by_student.items():
        (out / student).mkdir()
        (out / student / "results.json").write_text(json.dumps(data))
    return out


def sheet(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return path


def merged(out: Path) -> dict[str, dict]:
    with (out / SCORES_CSV).open(newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def graded(tmp_path):
    return graded_folder(tmp_path, {"alice": results([(10, 10), (0, 10)], readme=(2, 2)),
                                    "bob": results([(20, 20)], readme=(0, 2))})


def test_template_has_a_row_per_graded_student_and_a_column_per_human_area(graded, tmp_path):
    out = write_template(tmp_path / "sheet.csv", [graded])
    assert out.read_text().splitlines() == [HEADER, "alice,,,,,", "bob,,,,,"]
    assert [a.key for a in HUMAN_AREAS] == ["architecture", "production_readiness", "documentation", "presentation"]


def test_template_never_overwrites_a_sheet_unless_forced(graded, tmp_path):
    filled = sheet(tmp_path / "sheet.csv", "alice,1,2,3,4,")
    with pytest.raises(ScoreError, match="exists"):
        write_template(filled, [graded])
    assert "alice,1,2,3,4," in filled.read_text()
    write_template(filled, [graded], force=True)
    assert "alice,,,,," in filled.read_text()


def test_merge_scales_the_checks_and_adds_the_assessors_scores(graded, tmp_path):
    human = sheet(tmp_path / "sheet.csv", "alice,15,12.5,5,8,clear demo", "bob,20,0,0,10,")
    csv_path, html_path = merge([graded], human, tmp_path / "merged")
    rows = merged(tmp_path / "merged")
    # alice: core checks 10 of 20 -> 20 of 40; README check passed -> 4 of documentation's 10, plus the assessor's 5
    assert rows["alice"] == {"student": "alice", "core_functionality": "20", "architecture": "15",
                             "production_readiness": "12.5", "documentation": "9", "presentation": "8",
                             "total": "64.5", "checks_score": "12", "checks_max": "22", "notes": "clear demo"}
    # bob: every core check passed -> 40; README check failed -> no machine part of documentation
    assert (rows["bob"]["core_functionality"], rows["bob"]["documentation"], rows["bob"]["total"]) == ("40", "0", "70")
    page = html_path.read_text()
    assert page.count("<tr><td>") == 2 and "<strong>64.5</strong>" in page and "<strong>70</strong>" in page


def test_full_marks_are_100(tmp_path):
    graded = graded_folder(tmp_path, {"ada": results([(3, 3), (7, 7)])})
    merge([graded], sheet(tmp_path / "s.csv", "ada,20,20,6,10,"), tmp_path / "m")
    assert merged(tmp_path / "m")["ada"]["total"] == "100"
    assert sum(a.weight for a in AREAS) == 100


@pytest.mark.parametrize("row, problem", [
    ("alice,21,12,5,8,", "architecture 21 is out of range; score it 0-20"),
    ("alice,15,-1,5,8,", "production_readiness -1 is out of range; score it 0-20"),
    ("alice,15,12,7,8,", "documentation 7 is out of range; score it 0-6"),
    ("alice,15,12,5,10.5,", "presentation 10.5 is out of range; score it 0-10"),
    ("alice,15,12,5,,", "presentation is empty; score it 0-10"),
    ("alice,fifteen,12,5,8,", "architecture 'fifteen' is not a number"),
    ("alice,nan,12,5,8,", "architecture 'nan' is not a number"),
    ("alice,15,inf,5,8,", "production_readiness 'inf' is not a number"),
])
def test_a_bad_human_score_is_refused_and_named(graded, tmp_path, row, problem):
    human = sheet(tmp_path / "sheet.csv", row, "bob,20,0,0,10,")
    with pytest.raises(ScoreError) as refused:
        merge([graded], human, tmp_path / "merged")
    assert f"row 2 (alice): {problem}" in str(refused.value) and str(human) in str(refused.value)
    assert not (tmp_path / "merged").exists(), "nothing is written from a sheet with a bad score"


def test_every_bad_cell_is_named_at_once(graded, tmp_path):
    human = sheet(tmp_path / "sheet.csv", "alice,25,12,5,8,", "bob,20,,0,99,", "bob,1,1,1,1,")
    with pytest.raises(ScoreError) as refused:
        merge([graded], human, tmp_path / "merged")
    message = str(refused.value)
    assert "4 cell(s) to fix" in message, message
    for expected in ("row 2 (alice): architecture 25", "row 3 (bob): production_readiness is empty",
                     "row 3 (bob): presentation 99", "row 4 (bob): a second row for this student"):
        assert expected in message, message


@pytest.mark.parametrize("rows, expected", [
    (["alice,15,12,5,8,"], "not in the sheet: bob"),
    (["alice,15,12,5,8,", "bob,20,0,0,10,", "carol,1,1,1,1,"], "no checks' results: carol"),
])
def test_the_sheet_and_the_results_must_name_the_same_students(graded, tmp_path, rows, expected):
    with pytest.raises(ScoreError, match=re.escape(expected)):
        merge([graded], sheet(tmp_path / "sheet.csv", *rows), tmp_path / "merged")


def test_a_sheet_without_a_human_column_is_refused(graded, tmp_path):
    human = tmp_path / "sheet.csv"
    human.write_text("student,architecture,documentation,presentation\nalice,1,1,1\n")
    with pytest.raises(ScoreError, match="no column production_readiness"):
        merge([graded], human, tmp_path / "merged")


def test_results_files_from_course_check_are_named_after_their_student(tmp_path):
    (tmp_path / "ada.json").write_text(json.dumps(results([(1, 2)])))
    (tmp_path / "grace").mkdir()
    (tmp_path / "grace" / "results.json").write_text(json.dumps(results([(2, 2)])))
    human = sheet(tmp_path / "sheet.csv", "ada,0,0,0,0,", "grace,0,0,0,0,")
    merge([tmp_path / "ada.json", tmp_path / "grace" / "results.json"], human, tmp_path / "merged")
    rows = merged(tmp_path / "merged")
    assert (rows["ada"]["core_functionality"], rows["grace"]["core_functionality"]) == ("20", "40")


def test_a_student_graded_twice_is_refused(graded, tmp_path):
    (tmp_path / "alice.json").write_text(json.dumps(results([(1, 1)])))
    with pytest.raises(ScoreError, match="alice is graded twice"):
        write_template(tmp_path / "sheet.csv", [graded, tmp_path / "alice.json"])


@pytest.mark.parametrize("data, expected", [
    ({"tests": [{"name": "test_core", "score": 1, "max_score": 1}]}, "no README check"),
    ({"tests": [{"name": "test_readme", "score": 1, "max_score": 1}]}, "no graded checks of core functionality"),
    ({"tests": [{"name": "test_core", "score": 3, "max_score": 1}, {"name": "test_readme", "score": 1, "max_score": 1}]},
     "scores 3 of 1"),
    ({"score": 5}, "not the results of a graded run"),
])
def test_results_the_sheet_cannot_use_are_refused(tmp_path, data, expected):
    (tmp_path / "ada.json").write_text(json.dumps(data))
    with pytest.raises(ScoreError, match=expected):
        write_template(tmp_path / "sheet.csv", [tmp_path / "ada.json"])


def test_a_folder_without_results_is_refused(tmp_path):
    with pytest.raises(ScoreError, match="no <student>/results.json"):
        write_template(tmp_path / "sheet.csv", [tmp_path])


def test_names_and_notes_cannot_run_as_formulas_or_markup(tmp_path):
    graded = graded_folder(tmp_path, {"-ada": results([(1, 1)])})
    write_template(tmp_path / "sheet.csv", [graded])
    assert tmp_path.joinpath("sheet.csv").read_text().splitlines()[1] == "'-ada,,,,,"
    human = tmp_path / "sheet.csv"
    human.write_text(human.read_text().replace("'-ada,,,,,", "'-ada,1,1,1,1,\"=HYPERLINK(1) <script>x</script>\""))
    merge([graded], human, tmp_path / "merged")
    row = merged(tmp_path / "merged")["'-ada"]
    assert row["notes"].startswith("'=") and row["total"] == "48"
    page = (tmp_path / "merged" / SCORES_HTML).read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_command_writes_the_template_and_refuses_a_bad_sheet(graded, tmp_path, capsys):
    assert main(["capstone-score", "template", str(tmp_path / "sheet.csv"), str(graded)]) == 0
    assert main(["capstone-score", "merge", str(graded), "--human", str(tmp_path / "sheet.csv"),
                 "--out", str(tmp_path / "merged")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("course capstone-score: ") and "architecture is empty" in error
    sheet(tmp_path / "sheet.csv", "alice,15,12.5,5,8,", "bob,20,0,0,10,")
    assert main(["capstone-score", "merge", str(graded), "--human", str(tmp_path / "sheet.csv"),
                 "--out", str(tmp_path / "merged")]) == 0
    assert (tmp_path / "merged" / SCORES_HTML).is_file()


def weights_in(page: Path, heading: str) -> dict[str, int]:
    """Area -> weight from the first table under `heading` whose rows start with an area and its weight."""
    text = page.read_text().split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| \**([A-Z][a-z ]+?)\** \| (\d+) \|", text, re.M)}


@pytest.mark.parametrize("page, heading", [("capstone.md", "## How it is graded"),
                                           ("capstone-rubric.md", "## The areas")])
def test_the_pages_give_the_weights_the_sheet_uses(page, heading):
    assert weights_in(ROOT / "site" / page, heading) == {a.title: a.weight for a in AREAS}


def test_the_rubric_gives_the_checks_share_the_sheet_uses():
    text = (ROOT / "site" / "capstone-rubric.md").read_text()
    for area in AREAS:
        if area.machine:
            assert f"| {area.title} | {area.machine} | {area.human} |" in text, area
