"""What the graders call, in the submission's process: serve the student's review bot on the unix socket the test
names, run the submission's own tests, read its README. Plain data back only.

The tests, in the grading process, send the bot signed deliveries and judge the answers they receive. The
model's replies come from the test's scenario through the grader's broker, which records every request; the
code host is the unit's fake (given/review_bot/fake_host.py), run by the tests in the grading process, which
records every review and comment. Nothing returned here is evidence of what the bot did.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import agentkit
from autograder import local_service

HOST_TOKEN = "fake-host-token-0001"   # what the fake code host in the tests expects; not a real token
OWN_TESTS_TIMEOUT_S = 90  # the test gives this job OWN_TESTS_JOB_S, a little more
MAX_README_CHARS = 20_000
MAX_LOG_CHARS = 200_000
_jobs: list = []


class CapturedLogs(logging.Handler):
    """Every log record while bots are served (the secret-leak check searches them)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []
        self.size = 0

    def emit(self, record: logging.LogRecord) -> None:
        if self.size < MAX_LOG_CHARS:
            try:
                line = self.format(record)
            except Exception:  # noqa: BLE001 - a record that cannot be formatted is still evidence
                line = repr(record.__dict__)
            self.lines.append(line[:MAX_LOG_CHARS - self.size])
            self.size += len(self.lines[-1])


_logs = CapturedLogs()


def configure(submission, secret: str, **environment) -> object:
    """The settings as production gets them: from REVIEW_BOT_* environment variables."""
    names = {f"REVIEW_BOT_{k.upper()}": str(v) for k, v in
             {"webhook_secret": secret, "host_token": HOST_TOKEN, **environment}.items() if v is not None}
    for name in [n for n in os.environ if n.startswith("REVIEW_BOT_")]:
        os.environ.pop(name)
    os.environ.update(names)
    try:
        return submission.BotSettings()
    finally:
        for name in names:
            os.environ.pop(name, None)


def start(submission, socket: str, provider: str, secret: str, host_socket: str, **environment) -> dict:
    """One bot on `socket`, its code host the fake listening on `host_socket`."""
    settings = configure(submission, secret, host_url="https://code-host.test", **environment)
    http = local_service.forwarding_client(host_socket, settings.host_url)
    host = submission.CodeHost(settings.host_url, settings.host_token.get_secret_value(), http=http)
    jobs = submission.BackgroundJobs()
    app = submission.create_app(settings, llm=agentkit.Client(provider), host=host, jobs=jobs)
    root = logging.getLogger()
    if _logs not in root.handlers:
        root.addHandler(_logs)
        root.setLevel(logging.DEBUG)
    local_service.serve(app, socket)
    _jobs.append(jobs)
    return {"serving": True}


def settle(submission, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    return {"idle": all(bool(jobs.wait_idle(max(0.0, deadline - time.monotonic()))) for jobs in _jobs)}


def stop(submission) -> dict:
    try:
        settle(submission, timeout=5)
    except Exception:  # noqa: BLE001 - a wait_idle that raises must not keep the apps serving
        pass
    local_service.stop_all()
    _jobs.clear()
    logging.getLogger().removeHandler(_logs)
    lines, _logs.lines, _logs.size = _logs.lines, [], 0
    return {"stopped": True, "logs": lines}


def changed_lines(submission, diff: str) -> dict:
    found = submission.changed_lines(diff)
    return {"changed": {str(path): sorted(int(n) for n in lines) for path, lines in dict(found).items()}}


def folder_of(submission) -> Path:
    """The submitted folder: the one that holds the package."""
    return Path(submission.__file__).resolve().parent.parent


def readme(submission) -> dict:
    path = folder_of(submission) / "README.md"
    if not path.is_file():
        return {"found": False, "text": ""}
    return {"found": True, "text": path.read_text(encoding="utf-8", errors="replace")[:MAX_README_CHARS]}


def own_tests(submission) -> dict:
    """Run the submission's tests/ with pytest in a child process, offline, within a time limit."""
    folder = folder_of(submission)
    if not (folder / "tests").is_dir():
        return {"found": False, "tests": 0, "failed": 0, "errors": 0, "skipped": 0, "output": ""}
    course_root = str(Path(agentkit.__file__).resolve().parents[1])
    env = {**os.environ, "COURSE_LLM_MODE": "replay",
           "PYTHONPATH": os.pathsep.join([str(folder), course_root])}
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.xml"
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:anyio",
                   f"--junitxml={report}", "tests"]
        try:
            done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True,
                                  timeout=OWN_TESTS_TIMEOUT_S, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return {"found": True, "tests": 0, "failed": 0, "errors": 1, "skipped": 0,
                    "output": f"your tests did not finish within {OWN_TESTS_TIMEOUT_S} s"}
        counts = {"tests": 0, "failed": 0, "errors": 0, "skipped": 0}
        if report.is_file():
            root = ElementTree.parse(report).getroot()
            for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite")):
                counts["tests"] += int(suite.get("tests", 0))
                counts["failed"] += int(suite.get("failures", 0))
                counts["errors"] += int(suite.get("errors", 0))
                counts["skipped"] += int(suite.get("skipped", 0))
        else:
            counts["errors"] = 1
    return {"found": True, **counts, "exit_code": done.returncode, "output": (done.stdout + done.stderr)[-3000:]}
