"""One set of unit tests grades the solution, the starter, any folder, and a submitted notebook."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).parent / "units" / "summariser"


def run_unit_tests(submission: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(UNIT / "tests"),
                           f"--submission={submission}", "--rootdir", str(UNIT)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("which", ["solution", "folder", "notebook"])
def test_correct_submissions_pass(which, tmp_path):
    target = {"solution": "solution",
              "folder": shutil.copytree(UNIT / "solution", tmp_path / "alice"),
              "notebook": UNIT / "submission.ipynb"}[which]
    result = run_unit_tests(str(target))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


def test_starter_fails_every_test():
    result = run_unit_tests("starter")
    assert "3 failed" in result.stdout, result.stdout


def test_malformed_notebook_gets_a_clear_failure(tmp_path):
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    result = run_unit_tests(str(broken))
    assert "3 failed" in result.stdout
    assert "SubmissionError: broken.ipynb is not a readable notebook" in result.stdout
