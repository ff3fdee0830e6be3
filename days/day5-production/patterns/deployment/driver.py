"""What the graders call, in the submission's process: run the student's `lab_service` the ways a platform would,
on the unix socket the test names, and hand back plain data only.

- `serve_app`: the app under a real uvicorn server in a thread (so the test's scenario answers its model calls),
  with readiness checks that pass, fail, raise or hang.
- `serve_draining`: the same, but with the app's lifespan driven from here, so that the test can start the
  shutdown (`begin_shutdown`) while a slow request is in flight and still reach the app while it drains.
- `serve_in_child`: the app served by the student's `serve()` in a child process (`python driver.py --serve
  ...`); `terminate` sends it SIGTERM, as a platform does on every deploy, and `await_exit` times its exit. The
  child's model is a canned one (see CannedSummariser).
- `check_configs`: the student's config checker on given file texts.

The tests, in the grading process, send the requests themselves and judge the answers they receive; the model
requests are recorded by the grader's broker. What only this process can see is handed back as the
submission's own report: the summariser's events (when calls started and ended, when it was closed), whether
the lifespan's shutdown waited, and when the child exited. The summariser is the student's Summariser wrapped
in `SlowSummariser`, which can hold a call for a while (the text says how long: "[slow:1.5]").
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import local_service

SLOW = re.compile(r"\[slow:([0-9.]+)\]")
CANNED_SUMMARY = "The document, summarised: three plain sentences at most."


# ---------------------------------------------------------------- the summariser the tests hand the app

class EventLog:
    """Appends {"event", "t"} lines to a file: both processes can read it, and time.monotonic() is the same
    clock in every process on the machine."""

    def __init__(self, path: str | None = None):
        self.path, self.lines = path, []

    def write(self, event: str) -> None:
        entry = {"event": event, "t": time.monotonic()}
        self.lines.append(entry)
        if self.path:
            with open(self.path, "a") as f:
                f.write(json.dumps(entry) + "\n")

    @staticmethod
    def read(path: str) -> list[dict]:
        try:
            with open(path) as f:
                return [json.loads(line) for line in f if line.strip()]
        except FileNotFoundError:
            return []


class SlowSummariser:
    """The real Summariser (so the model call goes through agentkit and the scenario), held for as long as the
    text asks before it calls the model, with every call and the close recorded."""

    def __init__(self, inner, events: EventLog):
        self.inner, self.events, self.count = inner, events, 0

    async def summarise(self, text: str) -> str:
        self.count += 1
        number = self.count
        self.events.write(f"call-start {number}")
        match = SLOW.search(text)
        try:
            if match:
                await asyncio.sleep(float(match.group(1)))
            result = await self.inner.summarise(text)
        except asyncio.CancelledError:
            self.events.write(f"call-cancelled {number}")
            raise
        self.events.write(f"call-end {number}")
        return result

    async def aclose(self) -> None:
        self.events.write("closed")
        await self.inner.aclose()


def settings_for(submission, values: dict):
    return submission.ServiceSettings(**values)


def slow_factory(submission, events: EventLog):
    return lambda settings: SlowSummariser(submission.Summariser.from_settings(settings), events)


# ---------------------------------------------------------------- readiness checks the tests choose

def make_check(kind: str):
    """ok / fail (returns False) / raise (a connection error whose text holds a password) / hang (async, 30 s)."""
    if kind == "ok":
        async def check():
            return True
    elif kind == "fail":
        def check():
            return False
    elif kind == "raise":
        def check():
            raise ConnectionError("Error connecting to redis://default:Pw-fake-Zq4Xm8Kr@cache.internal:6379")
    elif kind == "hang":
        async def check():
            await asyncio.sleep(30)
            return True
    else:
        raise ValueError(f"unknown check kind {kind!r}")
    return check


# ---------------------------------------------------------------- served in a thread of this process

_state: dict = {}  # what the running test's entries share: events, lifespan, shutdown, child


def serve_app(submission, socket: str, settings: dict, checks: dict | None = None) -> dict:
    """The app (with the student's Summariser, unwrapped) served on `socket`, its lifespan run by uvicorn."""
    app = submission.create_app(settings_for(submission, settings),
                                checks={name: make_check(kind) for name, kind in (checks or {}).items()})
    local_service.serve(app, socket)
    return {"serving": True}


class Lifespan:
    """Sends the ASGI lifespan events a server would, and reports when the app has answered each."""

    def __init__(self, app):
        self.app, self.inbox = app, asyncio.Queue()
        self.outcomes: dict[str, asyncio.Future] = {}

    async def _send(self, message):
        kind = message["type"]  # lifespan.startup.complete / .failed, lifespan.shutdown.complete / .failed
        phase = kind.split(".")[1]
        if phase in self.outcomes and not self.outcomes[phase].done():
            self.outcomes[phase].set_result(kind.rsplit(".", 1)[1] + (f": {message.get('message')}"
                                                                     if message.get("message") else ""))

    async def startup(self) -> str:
        loop = asyncio.get_running_loop()
        self.outcomes = {"startup": loop.create_future(), "shutdown": loop.create_future()}
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
        self.task = asyncio.create_task(self.app(scope, self.inbox.get, self._send))
        await self.inbox.put({"type": "lifespan.startup"})
        return await asyncio.wait_for(self.outcomes["startup"], 5)

    async def shutdown(self) -> str:
        await self.inbox.put({"type": "lifespan.shutdown"})
        return await self.outcomes["shutdown"]


async def _lifespan_of(app) -> Lifespan:
    return Lifespan(app)  # made on the server's loop, which its queue and futures belong to


def serve_draining(submission, socket: str, settings: dict) -> dict:
    """The app served on `socket` with the slow summariser, its lifespan started from here (uvicorn runs none)."""
    events = EventLog()
    app = submission.create_app(settings_for(submission, settings), summariser_factory=slow_factory(submission, events))
    served = local_service.serve(app, socket, lifespan="off")
    lifespan = served.call(_lifespan_of(app)).result(5)
    _state.update(events=events, served=served, lifespan=lifespan)
    return {"startup": served.call(lifespan.startup()).result(6)}


def wait_calls(submission, count: int, timeout: float = 5.0) -> dict:
    """Wait until `count` model calls have started (in this process's app, or in the child's)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _calls_started() < count:
        time.sleep(0.01)
    return {"started": _calls_started()}


def _calls_started() -> int:
    lines = _state["events"].lines if "events" in _state else EventLog.read(_state.get("events_path", ""))
    return sum(e["event"].startswith("call-start") for e in lines)


def begin_shutdown(submission) -> dict:
    """Start the lifespan's shutdown; after a tenth of a second, say whether it had already finished."""
    _state["shutdown"] = _state["served"].call(_state["lifespan"].shutdown())
    _state["shutdown_started"] = time.monotonic()
    time.sleep(0.1)
    return {"done_early": _state["shutdown"].done()}


def finish_shutdown(submission, timeout: float = 15.0) -> dict:
    try:
        outcome = _state["shutdown"].result(timeout)
    except Exception as exc:  # noqa: BLE001 - a shutdown that raised or hung is the result
        outcome = f"{type(exc).__name__}: {exc}"
    lines = _state["events"].lines
    first = lines[0]["t"] if lines else 0.0
    return {"shutdown": outcome, "took": time.monotonic() - _state["shutdown_started"],
            "events": [[e["event"], round(e["t"] - first, 3)] for e in lines]}


# ---------------------------------------------------------------- SIGTERM to a real server process

def serve_in_child(submission, socket: str, settings: dict) -> dict:
    """Start `serve()` in a child process on `socket`; return once it answers /health."""
    folder = tempfile.mkdtemp(prefix="lab-service-")
    events_path, log_path = os.path.join(folder, "events.jsonl"), os.path.join(folder, "server.log")
    import agentkit
    course_root = str(Path(agentkit.__file__).resolve().parent.parent)
    config = {"package_folder": str(Path(submission.__file__).resolve().parent.parent), "settings": settings,
              "uds": socket, "events": events_path}
    env = {**os.environ, "COURSE_LLM_MODE": "replay",
           "PYTHONPATH": os.pathsep.join(filter(None, [course_root, os.environ.get("PYTHONPATH")]))}
    with open(log_path, "w") as log:
        child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", json.dumps(config)],
                                 stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=folder)
    _state.update(child=child, folder=folder, events_path=events_path, log_path=log_path)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and child.poll() is None:
        if os.path.exists(socket) and _answers_health(socket):
            return {"started": True}
        time.sleep(0.05)
    raise RuntimeError(f"the service did not start under serve():\n{_log_tail()}")


def _answers_health(uds: str) -> bool:
    import httpcore

    try:
        with httpcore.ConnectionPool(uds=uds) as pool:
            return pool.request("GET", "http://svc/health", extensions={"timeout": {"connect": 1.0, "read": 2.0}}
                                ).status == 200
    except Exception:  # noqa: BLE001 - not serving yet
        return False


def _log_tail() -> str:
    try:
        with open(_state["log_path"]) as f:
            return f.read()[-1500:]
    except (KeyError, OSError):
        return ""


def terminate(submission) -> dict:
    """SIGTERM to the child, as a platform sends it on every deploy."""
    _state["signalled"] = time.monotonic()
    _state["child"].send_signal(signal.SIGTERM)
    return {"signalled": True}


def await_exit(submission, deadline: float) -> dict:
    """When the child exited after SIGTERM (None if not within `deadline` s), its events and its log."""
    child, signalled = _state["child"], _state["signalled"]
    result = {"exit_after": None, "exit_code": None}
    try:
        child.wait(timeout=max(0.0, signalled + deadline - time.monotonic()))
        result.update(exit_after=time.monotonic() - signalled, exit_code=child.returncode)
    except subprocess.TimeoutExpired:
        pass
    events = EventLog.read(_state["events_path"])
    return {**result, "events": [[e["event"], round(e["t"] - signalled, 3)] for e in events], "log": _log_tail()}


def stop(submission) -> dict:
    local_service.stop_all()
    child = _state.get("child")
    if child is not None and child.poll() is None:
        child.kill()
        child.wait()
    if "folder" in _state:
        shutil.rmtree(_state["folder"], ignore_errors=True)
    _state.clear()
    return {"stopped": True}


class CannedSummariser:
    """The child's model: a fixed summary. (Building a real agentkit.Client costs seconds of start-up, mostly
    loading the price data; the model-backed path is tested in this process, the shutdown path here.)"""

    async def summarise(self, text: str) -> str:
        return CANNED_SUMMARY

    async def aclose(self) -> None:
        pass


def _serve_child(config: dict) -> None:
    """The child process: no network but unix sockets, the student's create_app and serve()."""
    import pytest_socket
    pytest_socket.disable_socket(allow_unix_socket=True)
    sys.path.insert(0, config["package_folder"])
    import lab_service

    events = EventLog(config["events"])
    settings = settings_for(lab_service, config["settings"])
    app = lab_service.create_app(settings, summariser_factory=lambda s: SlowSummariser(CannedSummariser(), events))
    lab_service.serve(app, settings, uds=config["uds"])


# ---------------------------------------------------------------- the config checker

def check_configs(submission, files: list) -> dict:
    results = []
    for name, text in files:
        try:
            problems = submission.check_config(name, text)
            results.append({"file": name, "codes": sorted({str(p[0]) for p in problems}),
                            "messages": [str(p[1]) for p in problems]})
        except Exception as exc:  # noqa: BLE001
            results.append({"file": name, "raised": f"{type(exc).__name__}: {exc}"})
    return {"results": results}


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--serve":
    _serve_child(json.loads(sys.argv[2]))
