"""`course gradebook`: the units' `course grade` folders in one table, with pass rates and the most failed tests.

The fake folders are written the way autograder.batch writes them: a slot per submission from assign_slots,
`<slot>/results.json` in autograder.scoreboard's shape, and grades.csv and report.html from write_reports."""
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.batch import assign_slots, write_reports
from autograder.cli import main
from autograder.gradebook import build
from autograder.units import ROOT

SUMMARISER = Path(__file__).parent / "units" / "summariser"


def entry(name, points, passed, hint="", hidden=False, failure="assert 1 == 2"):
    """One test's entry as autograder.scoreboard writes it (a failed test's hint appended to its output)."""
    output = "" if passed else ("hidden test failed" if hidden else failure)
    if not passed and hint:
        output = f"{output}\nHint: {hint}".strip()
    return {"name": name, "score": float(points) if passed else 0.0, "max_score": float(points),
            "status": "passed" if passed else "failed", "output": output, "visibility": "hidden" if hidden else "visible"}


def results(*tests):
    return {"score": sum(t["score"] for t in tests), "max_score": sum(t["max_score"] for t in tests),
            "execution_time": 0.5, "output": "Isolation: separate process", "tests": list(tests)}


def graded_folder(folder: Path, by_submission: dict[str, dict]) -> Path:
    """What `course grade UNIT IN --out folder` leaves when IN held these submissions (names as in IN)."""
    slots, _ = assign_slots([Path(name) for name in by_submission])
    for entry, slot in slots.items():
        (folder / slot).mkdir(parents=True)
        (folder / slot / "results.json").write_text(json.dumps(by_submission[entry.name], indent=2) + "\n")
    (folder / "_instructor").mkdir()
    write_reports(SimpleNamespace(name=folder.name, title="fake"),
                  {slots[Path(n)]: {**r, "submission": n} for n, r in by_submission.items()}, folder)
    return folder


def lab(passes: dict[str, tuple[bool, bool, bool]]) -> dict[str, dict]:
    """A three-test lab (6 points) graded for each submission: which of its tests passed."""
    return {name: results(entry("test_parses", 1, a), entry("test_retries_on_429", 2, b, hint="read the retry-after header"),
                          entry("test_hidden_budget", 3, c, hint="stop before the budget is spent", hidden=True))
            for name, (a, b, c) in passes.items()}


def rows_of(path: Path) -> list[dict]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def cohort(tmp_path):
    """d1-tokens: alice, bob (a notebook), carol, dave (whose tests did not run); lab01: alice, bob; carol missing."""
    tokens = graded_folder(tmp_path / "d1-tokens", {
        "alice": results(entry("test_counts", 2, True), entry("test_fits", 2, True)),
        "bob.ipynb": results(entry("test_counts", 2, True), entry("test_fits", 2, False, hint="count the reply too")),
        "carol": results(entry("test_counts", 2, False), entry("test_fits", 2, False, hint="count the reply too")),
        "dave": {"score": 0.0, "max_score": 0.0, "tests": [], "output": "the tests did not run"}})
    lab01 = graded_folder(tmp_path / "lab01", lab({"alice": (True, False, False), "bob": (True, True, False),
                                                   "dave": (False, False, False)}))
    return tokens, lab01


def test_a_row_per_student_a_column_per_unit_missing_is_blank(cohort, tmp_path, capsys):
    assert build(cohort, tmp_path / "book") == 0
    rows = rows_of(tmp_path / "book" / "gradebook.csv")
    assert list(rows[0]) == ["student", "d1-tokens (/4)", "lab01 (/6)", "total", "possible", "percent", "missing",
                             "unreadable"]
    by_student = {r["student"]: r for r in rows}
    assert list(by_student) == ["alice", "bob", "carol", "dave"]  # bob.ipynb and bob/ are one student
    assert [by_student["alice"][k] for k in ("d1-tokens (/4)", "lab01 (/6)", "total", "possible", "percent")] == \
        ["4", "1", "5", "10", "50.0"]
    assert by_student["bob"]["d1-tokens (/4)"] == "2" and by_student["bob"]["lab01 (/6)"] == "3"
    carol = by_student["carol"]
    assert carol["lab01 (/6)"] == "" and carol["missing"] == "1" and carol["total"] == "0" and carol["percent"] == "0.0"
    assert by_student["dave"]["d1-tokens (/4)"] == "0" and by_student["dave"]["missing"] == "0"  # graded, scored 0
    assert "1 missing submissions, 0 unreadable" in capsys.readouterr().out
    page = (tmp_path / "book" / "gradebook.html").read_text()
    assert "1 missing submissions" in page and "lab01: 3 graded, 1 missing" in page


def most_failed(page: str) -> list[str]:
    section = page[page.index("<h2>Most failed tests"):page.index("<h2>Scores")]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL) for row in section.split("<tr>")[2:]]
    return [row[1:3] for row in cells]


def test_pass_rates_and_most_failed_tests_ranked_with_their_hints(cohort, tmp_path):
    build(cohort, tmp_path / "book")
    page = (tmp_path / "book" / "gradebook.html").read_text()
    ranked = most_failed(page)
    # failed by 3/3, then 2/3 (a tie: units in the order given), then 1/3 (more points first); dave's d1-tokens
    # results hold no tests, so they say nothing about which of its tests the class finds hard
    assert ranked == [["lab01", "test_hidden_budget"], ["d1-tokens", "test_fits"], ["lab01", "test_retries_on_429"],
                      ["d1-tokens", "test_counts"], ["lab01", "test_parses"]]
    assert "stop before the budget is spent" in page and "read the retry-after header" in page
    assert "count the reply too" in page
    assert "<td>test_fits</td><td class=\"n\">2</td><td>visible</td>\n<td class=\"n\">1/3</td>" in page
    assert "<td>test_hidden_budget</td><td class=\"n\">3</td><td>hidden</td>\n<td class=\"n\">0/3</td>" in page


def test_a_malformed_results_file_is_named_and_the_rest_still_build(cohort, tmp_path, capsys):
    tokens, lab01 = cohort
    (lab01 / "bob" / "results.json").write_text('{"score": 3, "max_score": ')
    broken = json.loads((tokens / "alice" / "results.json").read_text())
    broken["score"] = "lots"
    (tokens / "alice" / "results.json").write_text(json.dumps(broken))
    empty = tmp_path / "lab02"
    empty.mkdir()
    assert build([*cohort, empty], tmp_path / "book") == 1
    err = capsys.readouterr().err
    assert str(lab01 / "bob" / "results.json") in err and "not JSON" in err
    assert str(tokens / "alice" / "results.json") in err and "'lots', not a number" in err
    assert f"{empty}: no <submission>/results.json" in err
    by_student = {r["student"]: r for r in rows_of(tmp_path / "book" / "gradebook.csv")}
    assert by_student["bob"]["lab01 (/6)"] == "" and by_student["bob"]["unreadable"] == "lab01"
    assert by_student["bob"]["missing"] == "0" and by_student["bob"]["d1-tokens (/4)"] == "2"
    assert by_student["alice"]["lab01 (/6)"] == "1" and by_student["alice"]["unreadable"] == "d1-tokens"
    assert by_student["carol"]["d1-tokens (/4)"] == "0"
    page = (tmp_path / "book" / "gradebook.html").read_text()
    assert page.count('class="unreadable">unreadable') == 2 and str(lab01 / "bob" / "results.json") in page


def test_names_are_quoted_for_spreadsheets_and_escaped_in_the_page(tmp_path):
    unit = graded_folder(tmp_path / "lab01", lab({"=1+2": (True, True, True), "<script>eve": (False, True, True)}))
    build([unit], tmp_path / "book")
    assert {r["student"] for r in rows_of(tmp_path / "book" / "gradebook.csv")} == {"'=1+2", "<script>eve"}
    page = (tmp_path / "book" / "gradebook.html").read_text()
    assert "&lt;script&gt;eve" in page and "<script>" not in page


def test_the_command_refuses_two_units_of_one_name(cohort, tmp_path, capsys):
    other = graded_folder(tmp_path / "again" / "lab01", lab({"alice": (True, True, True)}))
    assert main(["gradebook", *map(str, cohort), str(other), "--out", str(tmp_path / "book")]) == 2
    assert "both named lab01" in capsys.readouterr().err
    assert main(["gradebook", *map(str, cohort), "--out", str(tmp_path / "book")]) == 0
    assert (tmp_path / "book" / "gradebook.html").exists()


@pytest.mark.timeout(300)
def test_a_real_course_grade_folder(tmp_path):
    """The demo unit graded for real (unsandboxed: the course's own solution and starter) feeds the gradebook."""
    submissions = tmp_path / "in"
    shutil.copytree(SUMMARISER / "solution", submissions / "alice")
    shutil.copytree(SUMMARISER / "starter", submissions / "bob")
    graded = subprocess.run([sys.executable, "-m", "autograder.cli", "grade", str(SUMMARISER), str(submissions),
                             "--out", str(tmp_path / "summariser"), "--no-sandbox", "--jobs", "1"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert build([tmp_path / "summariser"], tmp_path / "book") == 0
    rows = rows_of(tmp_path / "book" / "gradebook.csv")
    assert [(r["student"], r["summariser (/5)"], r["percent"]) for r in rows] == [("alice", "5", "100.0"),
                                                                                  ("bob", "0", "0.0")]
    assert most_failed((tmp_path / "book" / "gradebook.html").read_text())[0] == [
        "summariser", "test_returns_the_models_summary[anthropic]"]
