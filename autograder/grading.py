"""Run a unit's graded tests on one submission in a pytest subprocess and return its Gradescope-format results."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder.units import Unit

SESSION_TIMEOUT = 900  # seconds for all of one submission's tests; each test also has its own limit


def hidden_tests(unit: Unit) -> Path | None:
    folder = unit.solution / "hidden_tests"
    return folder if folder.is_dir() else None


def test_paths(unit: Unit, *, hidden: bool) -> list[str]:
    paths = [str(unit.tests)]
    if hidden and (folder := hidden_tests(unit)):
        paths.append(str(folder))
    return paths


def grade(unit: Unit, submission: str, *, hidden: bool = False, sandbox: bool = False,
          log: Path | None = None, collect_only: bool = False) -> dict:
    """Results of the unit's tests (and hidden tests, for instructors) on `submission`."""
    with tempfile.TemporaryDirectory() as scratch:
        results = Path(scratch) / "results.json"
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(unit.path),
                   *test_paths(unit, hidden=hidden), f"--submission={submission}", f"--results-json={results}"]
        command += ["--sandbox"] if sandbox else []
        command += ["--collect-only"] if collect_only else []
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=SESSION_TIMEOUT, env=env,
                                  cwd=unit.path)
            output = done.stdout[-200_000:] + done.stderr[-20_000:]
        except subprocess.TimeoutExpired:
            output = f"grading stopped after {SESSION_TIMEOUT}s"
        if log is not None:
            log.write_text(output)
        if not results.exists():
            return {"score": 0.0, "max_score": 0.0, "tests": [], "output": f"the tests did not run:\n{output[-3000:]}"}
        return json.loads(results.read_text())
