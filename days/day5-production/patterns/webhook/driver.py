"""What the graders call, in the submission's process: serve the student's `webhook_service` app on the unix
socket the test names until the test stops it, and hand back plain data only.

The tests, in the grading process, send the app deliveries signed by their own code and judge the answers
they receive. The model's reviews come from the test's scenario through the grader's broker; GitHub is the
grader's fake (autograder.service_fakes.FakeGitHub), reached through the given RestGitHub client. Nothing
returned here is evidence of what the app did, except what only this process can see: the log lines `stop`
hands back, which the secret-leak test searches.
"""
from __future__ import annotations

import logging
import os
import time

import agentkit
from autograder import local_service

GITHUB_API = "https://api.github.com"
GITHUB_TOKEN = "ghs-course-placeholder-token"  # the fake GitHub wants a token; this is not a real one
MAX_LOG_CHARS = 500_000  # of log lines handed back: a reply stays far below the runner's size cap

_jobs: list = []  # each served app's BackgroundJobs
_root_level: list[int] = []  # the root logger's level before the apps were served


class CapturedLogs(logging.Handler):
    """Every log record, formatted with its traceback, while apps are served."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []
        self.size = 0

    def emit(self, record: logging.LogRecord) -> None:
        if self.size >= MAX_LOG_CHARS:
            return
        try:
            line = self.format(record)
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is still evidence
            line = repr(record.__dict__)
        self.lines.append(line[:MAX_LOG_CHARS - self.size])
        self.size += len(self.lines[-1])


_logs = CapturedLogs()


def configure(submission, secret: str, **environment):
    """The settings as production would get them: from environment variables."""
    os.environ["GITHUB_WEBHOOK_SECRET"] = secret
    for name in ("WEBHOOK_MAX_BODY_BYTES", "WEBHOOK_DELIVERY_TTL_S"):
        os.environ.pop(name, None)
    for name, value in environment.items():
        os.environ[name.upper()] = str(value)
    try:
        return submission.WebhookSettings()
    finally:
        for name in ("GITHUB_WEBHOOK_SECRET", *(n.upper() for n in environment)):
            os.environ.pop(name, None)


def start(submission, socket: str, provider: str, secret: str, github: str, max_body_bytes: int | None = None,
          redis_socket: str | None = None, ttl_s: int | None = None) -> dict:
    """One app on `socket`: GitHub at the fake listening on `github`; deliveries remembered in memory, or in the
    Redis at `redis_socket` (a RedisDeliveryStore on its own connection, as another process would have)."""
    environment = {"webhook_max_body_bytes": max_body_bytes, "webhook_delivery_ttl_s": ttl_s}
    settings = configure(submission, secret, **{k: v for k, v in environment.items() if v is not None})
    github_client = submission.RestGitHub(GITHUB_TOKEN, http=local_service.forwarding_client(github, GITHUB_API))
    store = None
    if redis_socket:
        import redis
        store = submission.RedisDeliveryStore(redis.Redis(unix_socket_path=redis_socket), ttl_s=ttl_s or 3600)
    jobs = submission.BackgroundJobs()
    app = submission.create_app(settings, llm=agentkit.Client(provider), github=github_client, jobs=jobs, store=store)
    root = logging.getLogger()
    if _logs not in root.handlers:
        _root_level[:] = [root.level]
        root.addHandler(_logs)
        root.setLevel(logging.DEBUG)
    local_service.serve(app, socket)
    _jobs.append(jobs)
    return {"serving": True}


def settle(submission, timeout: float = 10.0) -> dict:
    """Wait until no app has background work queued or running (at most `timeout` seconds in all)."""
    deadline = time.monotonic() + timeout
    return {"idle": all(bool(jobs.wait_idle(max(0.0, deadline - time.monotonic()))) for jobs in _jobs)}


def stop(submission) -> dict:
    """Stop every app, once its background work is done (so none of it runs into the next test); hand back the log
    lines written while they served."""
    try:
        settle(submission, timeout=5)
    except Exception:  # noqa: BLE001 - a wait_idle that raises must not keep the apps serving
        pass
    local_service.stop_all()
    _jobs.clear()
    root = logging.getLogger()
    root.removeHandler(_logs)
    root.setLevel(_root_level.pop() if _root_level else root.level)
    lines, _logs.lines, _logs.size = _logs.lines, [], 0
    return {"logs": lines}


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


def store_script(submission, ttl_s: float, steps: list) -> dict:
    """A MemoryDeliveryStore on a fake clock. Steps: ["claim", ID], ["release", ID], ["advance", S],
    ["flood", PREFIX, COUNT] (claims COUNT new ids; the value is how many were granted), ["size"]."""
    clock = FakeClock()
    store = submission.MemoryDeliveryStore(ttl_s, clock=clock)
    results = []
    for step in steps:
        op = step[0]
        if op == "claim":
            results.append(bool(store.claim(str(step[1]))))
        elif op == "release":
            store.release(str(step[1]))
            results.append(None)
        elif op == "advance":
            clock.now += float(step[1])
            results.append(None)
        elif op == "flood":
            results.append(sum(bool(store.claim(f"{step[1]}-{i}")) for i in range(int(step[2]))))
        elif op == "size":
            results.append(int(len(store)))
        else:
            raise ValueError(f"unknown step {op!r}")
    return {"results": results}
