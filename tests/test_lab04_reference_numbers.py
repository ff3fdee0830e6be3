"""Lab 04's README states what the reference reaches on the visible and hidden questions (labs/lab04-rag/checks.py
REFERENCE, which tests/test_lab04_strength.py keeps equal to the README's table). This computes those numbers: the
reference solution's hybrid top 5, measured by the grader's own metrics, must round to what the README says."""
from __future__ import annotations

import importlib.util

import pytest

from autograder.submission import forget, load
from autograder.units import find_unit

UNIT = find_unit("lab04")


def module_of(path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.timeout(600)
def test_the_readme_numbers_are_what_the_reference_reaches():
    checks = module_of(UNIT.path / "checks.py", "lab04_checks")
    driver = module_of(UNIT.path / "driver.py", "lab04_driver")
    hidden = checks.load_questions(UNIT.solution / "hidden_tests" / "questions.yaml")
    reference = load(UNIT, UNIT.solution)
    try:
        driver.WAIT = 600.0  # in process there is no per-job deadline: wait for the build
        measured = {}
        for where, questions in (("visible", checks.QUESTIONS), ("hidden", hidden)):
            found = driver.retrieve(reference, [q["question"] for q in questions])
            scores = checks.mean_scores([r["hybrid"] for r in found["results"]], questions)
            measured[where] = {name: round(scores[name], 3) for name in checks.REFERENCE[where]}
    finally:
        forget(UNIT.package)
    assert measured == checks.REFERENCE, f"the reference reaches {measured}; README and checks.py say {checks.REFERENCE}"
