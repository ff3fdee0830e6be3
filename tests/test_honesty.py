"""Every unit is honest: its reference solution scores full marks and every graded test fails on its starter.
Also checked on the way: `course list`'s figures (read without pytest) match what pytest collects, and a
failing hidden test tells the student nothing of its source."""
from pathlib import Path

import pytest

from autograder.check import describe
from autograder.grading import grade_many
from autograder.scoreboard import HIDDEN_FAILURE
from autograder.units import all_units, load_unit

UNITS = [load_unit(Path(__file__).parent / "units" / "summariser"), *all_units()]
# Two gradings take 4-30 s here; the limit only stops a hung session, so it is generous for a loaded machine.
# A capstone's checks also run the submission's own test suite in a child process.
UNIT_TIMEOUT_S, CAPSTONE_TIMEOUT_S = 180, 360


@pytest.mark.parametrize("unit", [pytest.param(u, marks=pytest.mark.timeout(
    CAPSTONE_TIMEOUT_S if u.metadata and u.metadata.level == "capstone" else UNIT_TIMEOUT_S)) for u in UNITS],
                         ids=lambda u: u.name)
def test_solution_scores_full_marks_and_every_test_fails_on_the_starter(unit):
    """Both graded in one pytest session (as `course grade` grades several submissions), hidden tests included."""
    solution, starter = grade_many(unit, ["solution", "starter"], hidden=True)
    check_solution(unit, solution)
    check_starter(starter)


def check_solution(unit, results: dict) -> None:
    assert results["tests"], results["output"]
    failed = [(t["name"], t["output"][:300]) for t in results["tests"] if t["status"] != "passed"]
    assert not failed, f"the reference fails: {failed}"
    assert results["score"] == results["max_score"] > 0
    assert all(t["max_score"] > 0 for t in results["tests"]), "every graded test must carry points"
    listed = describe(unit)
    assert listed["parts"]["tests"] + listed["parts"]["hidden_tests"] == len(results["tests"]), \
        "`course list` counts tests differently from pytest (see autograder/inventory.py)"
    assert listed["points"]["total"] == pytest.approx(results["max_score"])


def check_starter(results: dict) -> None:
    assert results["tests"], results["output"]
    passing = [t["name"] for t in results["tests"] if t["status"] == "passed"]
    assert not passing, f"these tests pass on the starter, so they grade nothing: {passing}"
    leaky = [t["name"] for t in results["tests"] if t["visibility"] == "hidden"
             and not t["output"].startswith(HIDDEN_FAILURE)]
    assert not leaky, f"these hidden tests show students more than that they failed: {leaky}"
