"""Grade several submissions in one pytest session (`-p autograder.plan --grading-plan FILE`), paying pytest's
start-up and collection once. Each submission gets every test run afresh, its own workers, its own services
folder and its own results file, written after each test; nothing of one submission's run is visible to the next."""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from autograder import plugin
from autograder.grading import DONE_SUFFIX
from autograder.scoreboard import ISOLATION, Scoreboard


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("course").addoption("--grading-plan", help="grade the submissions this JSON plan file lists")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """After the course plugin's own set-up (which starts the first submission's workers, named by --submission)."""
    if config.getoption("grading_plan"):
        config.pluginmanager.register(GradingPlan(config, config.getoption("grading_plan")), "course-grading-plan")


class GradingPlan:
    """The plan file, as `autograder.grading.grade_many` writes it: {"limit": seconds per submission,
    "submissions": [{"submission": what to grade, "results": results.json path, "log": instructor log}, ...]}."""

    def __init__(self, config: pytest.Config, path: str):
        plan = json.loads(Path(path).read_text())
        self.config, self.entries, self.limit = config, plan["submissions"], float(plan["limit"])
        self.scoreboard: Scoreboard = config.pluginmanager.get_plugin("course-scoreboard")
        self.log = None
        self.begin(self.entries[0], first=True)

    def begin(self, entry: dict, *, first: bool = False) -> None:
        self.config.stash[plugin.CURRENT_SUBMISSION] = entry["submission"]
        if ISOLATION in self.config.stash:
            del self.config.stash[ISOLATION]
        if not first:
            services = self.config.stash[plugin.SESSION_SERVICES].parent
            self.config.stash[plugin.SESSION_SERVICES] = Path(tempfile.mkdtemp(prefix="session-", dir=services))
        self.scoreboard.begin(entry["results"])
        self.log = Path(entry["log"]).open("w") if entry.get("log") else None

    def finish(self, entry: dict) -> None:
        plugin.close_runners(self.config)
        shutil.rmtree(self.config.stash[plugin.SESSION_SERVICES], ignore_errors=True)
        self.scoreboard.write()
        Path(entry["results"] + DONE_SUFFIX).touch()
        if self.log is not None:
            self.log.close()
            self.log = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if self.log is not None and (report.failed or report.when == "call"):
            self.log.write(f"{report.nodeid} {report.when}: {report.outcome}\n")
            if report.failed:
                self.log.write(report.longreprtext + "\n\n")
            self.log.flush()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool | None:
        if session.testsfailed or self.config.option.collectonly:
            return None  # pytest's own loop reports collection errors and --collect-only
        for index, entry in enumerate(self.entries):
            if index:
                self.begin(entry)
                self.scoreboard.collect(session.items)
                plugin.start_workers(self.config, session.items)
            self.run_all(session)
            self.finish(entry)
        return True

    def run_all(self, session: pytest.Session) -> None:
        """Every test once for the current submission, in order, until its time limit; then tear down."""
        started = time.monotonic()
        for index, item in enumerate(session.items):
            if time.monotonic() - started > self.limit:
                self.scoreboard.stopped_at(self.limit)
                break
            nextitem = session.items[index + 1] if index + 1 < len(session.items) else None
            item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
        session._setupstate.teardown_exact(None)  # the next submission starts from no fixtures at all
