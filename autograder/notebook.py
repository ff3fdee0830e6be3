"""Grade cells: run a unit's pytest tests on the code defined in this notebook kernel; returns the points earned.

An nbgrader autograder cell ends with `check("lab05", "routing", globals())`: the number it returns is the
cell's partial credit, and the same tests grade the package version of the lab.
"""
from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import types
from pathlib import Path

from autograder.grading import hidden_tests
from autograder.units import find_unit


class _KernelSubmission:
    def __init__(self, module):
        self.module = module

    def pytest_configure(self, config):
        from autograder.plugin import IN_PROCESS_MODULE
        config.stash[IN_PROCESS_MODULE] = self.module


def check(unit_name: str, select: str, namespace: dict, *, hidden: bool = False) -> float:
    """Run the unit's tests matching `select` (pytest -k) on `namespace`; print each result; return the score."""
    import pytest

    unit = find_unit(unit_name)
    module = types.ModuleType(unit.package)
    module.__dict__.update({k: v for k, v in namespace.items() if not k.startswith("_")})
    module.__file__ = str(Path.cwd() / "notebook")
    sys.modules[unit.package] = module
    paths = [str(hidden_tests(unit) if hidden else unit.tests)]
    with tempfile.TemporaryDirectory() as scratch:
        results_path = Path(scratch) / "results.json"
        with contextlib.redirect_stdout(io.StringIO()):  # pytest's own report: the lines below say it better
            pytest.main([*paths, "-k", select, "-qq", "--color=no", "-p", "no:warnings", "-p", "no:cacheprovider",
                         "--rootdir", str(unit.path), "--submission=inprocess", f"--results-json={results_path}"],
                        plugins=[_KernelSubmission(module)])
        results = json.loads(results_path.read_text())
    for test in results["tests"]:
        print(f"{'PASS' if test['status'] == 'passed' else 'FAIL'} {test['score']:g}/{test['max_score']:g} {test['name']}")
        if test["status"] != "passed":
            print("    " + test["output"].replace("\n", "\n    "))
    return results["score"]
