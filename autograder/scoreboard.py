"""Collects each graded test's outcome, points and hint, and writes Gradescope's results.json format."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

OUTPUT_LIMIT = 2000
NOT_RUN = "not run"
ISOLATION = pytest.StashKey[str]()  # how the submission ran, for the report: set by the `run` fixture
HIDDEN_FAILURE = "This hidden test failed (what it checks is not shown to students)."


def points_of(item: pytest.Item) -> float:
    marker = item.get_closest_marker("points")
    return float(marker.args[0]) if marker else 0.0


def is_hidden(item: pytest.Item) -> bool:
    return item.get_closest_marker("hidden") is not None or "hidden_tests" in Path(str(item.fspath)).parts


def failure_text(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    return text[:OUTPUT_LIMIT]


class Scoreboard:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.begin(config.getoption("results_json"))

    def begin(self, path: str | None) -> None:
        """Start over for another submission, whose results go to `path`."""
        self.path, self.items, self.started, self.limit_hit = path, {}, time.monotonic(), None

    def stopped_at(self, limit: float) -> None:
        self.limit_hit = limit

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.collect(items)

    def collect(self, items: list[pytest.Item]) -> None:
        for item in items:
            hint = item.get_closest_marker("hint")
            self.items[item.nodeid] = {
                "name": item.name, "max_score": points_of(item), "score": 0.0, "hidden": is_hidden(item),
                "hint": hint.args[0] if hint else "", "outcome": NOT_RUN, "output": ""}
        self.write()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.items.get(report.nodeid)
        if entry is None:
            return
        if report.failed and entry["outcome"] != "failed":
            phase = "" if report.when == "call" else f" (in {report.when})"
            entry.update(outcome="failed", score=0.0, output=failure_text(report) + phase)
        elif report.when == "call" and report.passed and entry["outcome"] == NOT_RUN:
            entry.update(outcome="passed", score=entry["max_score"])
        elif report.skipped and entry["outcome"] == NOT_RUN:
            entry.update(outcome="skipped", output=str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else "")

    def pytest_runtest_logfinish(self, nodeid: str, location) -> None:
        self.write()  # after every test, so a session stopped at its time limit still has per-test results

    def results(self) -> dict:
        tests = []
        for entry in self.items.values():
            output = entry["output"]
            if entry["hidden"] and entry["outcome"] == "failed":
                output = HIDDEN_FAILURE  # the failure shows the hidden test's source and data: instructor log only
            elif entry["outcome"] == NOT_RUN:
                output = f"not run: grading of this submission stopped at its {self.limit_hit:.0f} s limit" \
                    if self.limit_hit else "not run"
            if entry["outcome"] != "passed" and entry["hint"]:
                output = f"{output}\nHint: {entry['hint']}".strip()
            tests.append({"name": entry["name"], "score": entry["score"], "max_score": entry["max_score"],
                          "status": "passed" if entry["outcome"] == "passed" else "failed",
                          "output": output, "visibility": "hidden" if entry["hidden"] else "visible"})
        stopped = f"; stopped at the {self.limit_hit:.0f} s session limit" if self.limit_hit else ""
        return {"score": sum(t["score"] for t in tests), "max_score": sum(t["max_score"] for t in tests),
                "execution_time": round(time.monotonic() - self.started, 2),
                "output": f"Isolation: {self.config.stash.get(ISOLATION, 'in-process')}{stopped}",
                "tests": tests}

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.write()

    def write(self) -> None:
        if self.path:
            partial = Path(f"{self.path}.partial")
            partial.write_text(json.dumps(self.results(), indent=2) + "\n")
            partial.replace(self.path)
