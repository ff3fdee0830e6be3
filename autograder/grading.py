"""Run a unit's graded tests on one submission in a pytest subprocess and return its Gradescope-format results."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder.units import Unit

SESSION_TIMEOUT = float(os.environ.get("COURSE_SESSION_TIMEOUT", 900))  # seconds for all of one submission's tests
LOG_LIMIT = 200_000  # characters of pytest's own output kept for the instructor's log
# Plugins a grading session never uses; loading them costs a few tenths of a second per submission.
UNUSED_PLUGINS = ("cacheprovider", "xdist", "xdist.looponfail", "anyio")
DONE_SUFFIX = ".done"  # autograder.plan writes RESULTS.done once all of a submission's tests ran or its limit stopped it


def hidden_tests(unit: Unit) -> Path | None:
    folder = unit.solution / "hidden_tests"
    return folder if folder.is_dir() else None


def test_paths(unit: Unit, *, hidden: bool) -> list[str]:
    paths = [str(unit.tests)]
    if hidden and (folder := hidden_tests(unit)):
        paths.append(str(folder))
    return paths


def grade(unit: Unit, submission: str, *, hidden: bool = False, sandbox: bool = False,
          log: Path | None = None, timeout: float | None = None, collect_only: bool = False) -> dict:
    """Results of the unit's tests (and hidden tests, for instructors) on `submission`.

    What pytest says about failing tests, which shows their source, goes only to `log` (the instructor's);
    the results say per test what a student may see. If the session limit stops grading, the tests that
    finished keep their results and the rest fail as not run. `collect_only`: names and points, nothing run."""
    return grade_many(unit, [submission], hidden=hidden, sandbox=sandbox, logs=[log], timeout=timeout,
                      collect_only=collect_only)[0]


def grade_many(unit: Unit, submissions: list[str], *, hidden: bool = False, sandbox: bool = False,
               logs: list[Path | None] | None = None, timeout: float | None = None,
               collect_only: bool = False) -> list[dict]:
    """`grade` for each of `submissions`, all in one pytest session (each with its own workers, services folder,
    results and time limit; see autograder.plan). A submission whose grading did not finish because the whole
    session was stopped keeps its per-test results; one that never started is graded again on its own."""
    limit = SESSION_TIMEOUT if timeout is None else timeout
    logs = logs or [None] * len(submissions)
    with tempfile.TemporaryDirectory() as scratch:
        entries = [{"submission": s, "results": f"{scratch}/{n}.json", "log": f"{scratch}/{n}.log"}
                   for n, s in enumerate(submissions)]
        plan = Path(scratch) / "plan.json"
        plan.write_text(json.dumps({"limit": limit, "submissions": entries}))
        command = [sys.executable, "-m", "pytest", "-q", *(f"-pno:{p}" for p in UNUSED_PLUGINS), "--rootdir", str(unit.path),
                   *test_paths(unit, hidden=hidden), "-p", "autograder.plan", f"--grading-plan={plan}",
                   f"--submission={submissions[0]}"]
        command += ["--sandbox"] if sandbox else []
        command += ["--collect-only"] if collect_only else []
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        output, stopped = run_bounded(command, env=env, cwd=unit.path, timeout=limit * len(submissions) + 60)
        graded, again = [], []
        for entry, log in zip(entries, logs):
            results, own_log = Path(entry["results"]), Path(entry["log"])
            if log is not None:  # pytest's own output, which speaks of every submission, only where it is needed
                whole = len(submissions) == 1 or not results.exists()
                log.write_text((own_log.read_text() if own_log.exists() else "") + (f"\n--- pytest ---\n{output}" if whole else ""))
            if stopped and not results.exists():
                again.append(len(graded))
                graded.append(None)
            elif not results.exists():
                detail = "" if hidden else f":\n{output[-3000:]}"
                graded.append({"score": 0.0, "max_score": 0.0, "tests": [], "output": f"the tests did not run{detail}"})
            else:
                graded.append(json.loads(results.read_text()))
                if stopped and not Path(entry["results"] + DONE_SUFFIX).exists():
                    stop_unfinished(graded[-1], limit * len(submissions) + 60)
    if again and len(submissions) > 1:
        for index in again:
            graded[index] = grade(unit, submissions[index], hidden=hidden, sandbox=sandbox, log=logs[index], timeout=limit)
    elif again:
        graded[0] = {"score": 0.0, "max_score": 0.0, "tests": [],
                     "output": f"the tests did not run: grading stopped at its {limit:.0f} s limit"}
    return graded


def stop_unfinished(graded: dict, limit: float) -> None:
    for test in graded["tests"]:
        if test["output"].startswith("not run"):
            test["output"] = f"not run: grading of this submission stopped at its {limit:.0f} s limit"
    graded["output"] += f"; stopped at the {limit:.0f} s session limit"


def run_bounded(command: list[str], *, env: dict, cwd: Path, timeout: float) -> tuple[str, bool]:
    """Run `command` in its own session; on timeout stop the whole session. (output tail, stopped?)"""
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                                   start_new_session=True)
        try:
            process.wait(timeout=timeout)
            stopped = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            stopped = True
        size = out.seek(0, os.SEEK_END)
        out.seek(max(0, size - LOG_LIMIT))
        return out.read().decode("utf-8", "replace"), stopped
