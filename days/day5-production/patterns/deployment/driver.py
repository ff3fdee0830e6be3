"""What the graders call: run the student's `lab_service` the ways a platform would and hand back plain JSON
data only.

- `probe`: the app under a real uvicorn server on a unix socket, in a thread of this process (so the test's
  scenario answers its model calls), with readiness checks that pass, fail, raise or hang.
- `drain_in_process`: the app's own lifespan driven over ASGI: a slow request is in flight when shutdown
  starts; what do /ready and a new request get meanwhile, and when is the model client closed?
- `sigterm`: the app served by the student's `serve()` in a child process (`python driver.py --serve ...`),
  some slow requests in flight, then SIGTERM, as a platform sends it on every deploy. The child's model is a
  canned one (see CannedSummariser).
- `check_configs`: the student's config checker on given file texts.

The model client is the student's Summariser wrapped in `SlowSummariser`, which can hold a call for a while
(the text says how long: "[slow:1.5]") and writes what happened, with times, to an events file.
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
import threading
import time
from contextlib import contextmanager
from pathlib import Path

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


# ---------------------------------------------------------------- HTTP over a unix socket

def call(uds: str, method: str, path: str, body: dict | None = None, timeout: float = 15.0) -> dict:
    """One request on a NEW connection, straight through httpcore (the replay layer intercepts httpx, and this
    request goes to our own server, not to a model)."""
    import httpcore

    started = time.monotonic()
    headers = [(b"host", b"svc"), (b"content-type", b"application/json")]
    content = json.dumps(body).encode() if body is not None else b""
    try:
        with httpcore.ConnectionPool(uds=uds) as pool:
            response = pool.request(method, f"http://svc{path}", headers=headers, content=content,
                                    extensions={"timeout": {"connect": 2.0, "read": timeout, "write": 5.0,
                                                            "pool": 5.0}})
    except Exception as exc:  # noqa: BLE001 - refused, reset or timed out: all are results here
        return {"status": None, "error": type(exc).__name__, "elapsed": time.monotonic() - started}
    text = response.content.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    return {"status": response.status, "json": data, "text": text[:500],
            "headers": {k.decode().lower(): v.decode() for k, v in response.headers},
            "elapsed": time.monotonic() - started}


def wait_until_serving(uds: str, deadline_s: float, alive=lambda: True) -> bool:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline and alive():
        if os.path.exists(uds) and call(uds, "GET", "/health", timeout=2)["status"] is not None:
            return True
        time.sleep(0.05)
    return False


@contextmanager
def serving_in_thread(app):
    """`app` under a real uvicorn server on a fresh unix socket, in a thread of this process."""
    import uvicorn

    folder = tempfile.mkdtemp(prefix="lab-service-")
    uds = os.path.join(folder, "app.sock")
    server = uvicorn.Server(uvicorn.Config(app, uds=uds, log_config=None, log_level="warning", lifespan="on",
                                           timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        if not wait_until_serving(uds, 10, thread.is_alive):
            raise RuntimeError("the app did not start under uvicorn")
        yield uds
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


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


def probe(submission, settings: dict, requests: list, checks: dict | None = None) -> dict:
    """Serve the app (the student's Summariser, unwrapped) and send `requests` ([method, path, body]) in order."""
    app = submission.create_app(settings_for(submission, settings),
                                checks={name: make_check(kind) for name, kind in (checks or {}).items()})
    with serving_in_thread(app) as uds:
        responses = [call(uds, method, path, body) for method, path, body in requests]
    return {"responses": responses}


# ---------------------------------------------------------------- the lifespan, driven over ASGI

async def asgi_request(app, method: str, path: str, body: dict | None = None) -> dict:
    """One HTTP request straight into the ASGI app (no server, no sockets)."""
    payload = json.dumps(body).encode() if body is not None else b""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"svc"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(payload)).encode())],
             "client": ("127.0.0.1", 5000), "server": ("svc", 80)}
    sent = False
    response = {"status": None, "headers": {}, "body": b""}

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": payload, "more_body": False}
        await asyncio.Event().wait()  # no disconnect while the app works

    async def send(message):
        if message["type"] == "http.response.start":
            response["status"] = message["status"]
            response["headers"] = {k.decode().lower(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            response["body"] += message.get("body", b"")

    await app(scope, receive, send)
    try:
        data = json.loads(response["body"])
    except ValueError:
        data = None
    return {"status": response["status"], "json": data, "headers": response["headers"]}


class Lifespan:
    """Sends the ASGI lifespan events a server would, and reports when the app has answered each."""

    def __init__(self, app):
        self.app, self.inbox = app, asyncio.Queue()
        self.outcomes: dict[str, asyncio.Future] = {}
        self.task = None

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


async def _drain(submission, settings: dict, delay: float) -> dict:
    events = EventLog()
    app = submission.create_app(settings_for(submission, settings), summariser_factory=slow_factory(submission, events))
    lifespan = Lifespan(app)
    result = {"startup": await lifespan.startup()}
    result["ready_before"] = await asgi_request(app, "GET", "/ready")
    slow = asyncio.create_task(asgi_request(app, "POST", "/summarise",
                                            {"text": f"[slow:{delay}] The quarterly report shows revenue up 12%."}))
    while not any(e["event"].startswith("call-start") for e in events.lines):
        await asyncio.sleep(0.01)
    shutdown_started = time.monotonic()
    shutdown = asyncio.create_task(lifespan.shutdown())
    await asyncio.sleep(0.1)
    result["shutdown_done_early"] = shutdown.done()
    result["ready_during"] = await asgi_request(app, "GET", "/ready")
    result["new_work_during"] = await asgi_request(app, "POST", "/summarise", {"text": "A second document."})
    result["health_during"] = await asgi_request(app, "GET", "/health")
    result["in_flight"] = await asyncio.wait_for(slow, delay + 10)
    result["shutdown"] = await asyncio.wait_for(shutdown, delay + 10)
    result["shutdown_took"] = time.monotonic() - shutdown_started
    first = events.lines[0]["t"]
    result["events"] = [[e["event"], round(e["t"] - first, 3)] for e in events.lines]
    return result


def drain_in_process(submission, settings: dict, delay: float = 1.0) -> dict:
    result = asyncio.run(asyncio.wait_for(_drain(submission, settings, delay), delay + 15))
    for key in ("ready_before", "ready_during", "new_work_during", "health_during", "in_flight"):
        result[key]["headers"] = {k: v for k, v in result[key]["headers"].items() if k in ("retry-after", "connection")}
    return result


# ---------------------------------------------------------------- SIGTERM to a real server process

def sigterm(submission, settings: dict, texts: list, wait_for_calls: int,
            exit_deadline: float) -> dict:
    """Start `serve()` in a child process, send `texts` to /summarise at once (each on its own connection),
    wait until `wait_for_calls` model calls have started, send SIGTERM, then: try new connections, collect the
    answers, and time the exit (the child is killed if it is still running after `exit_deadline` seconds)."""
    folder = tempfile.mkdtemp(prefix="lab-service-")
    uds, events_path, log_path = (os.path.join(folder, n) for n in ("app.sock", "events.jsonl", "server.log"))
    package_folder = str(Path(submission.__file__).resolve().parent.parent)
    import agentkit
    course_root = str(Path(agentkit.__file__).resolve().parent.parent)
    config = {"package_folder": package_folder, "settings": settings, "uds": uds,
              "events": events_path}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([course_root, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "COURSE_LLM_MODE": "replay"}
    with open(log_path, "w") as log:
        child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", json.dumps(config)],
                                 stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=folder)
    result = {"started": False, "responses": [], "refused": None, "exit_after": None, "exit_code": None,
              "events": [], "log": ""}
    try:
        result["started"] = wait_until_serving(uds, 15, lambda: child.poll() is None)
        if not result["started"]:
            return result
        answers: list = [None] * len(texts)

        def send(index: int, text: str) -> None:
            answers[index] = call(uds, "POST", "/summarise", {"text": text}, timeout=exit_deadline + 5)

        senders = [threading.Thread(target=send, args=(i, t), daemon=True) for i, t in enumerate(texts)]
        for sender in senders:
            sender.start()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if sum(e["event"].startswith("call-start") for e in EventLog.read(events_path)) >= wait_for_calls:
                break
            time.sleep(0.02)
        signalled = time.monotonic()
        child.send_signal(signal.SIGTERM)
        attempts = []
        while time.monotonic() - signalled < 1.5:  # a new connection must soon be refused
            attempt = call(uds, "GET", "/health", timeout=2)
            attempts.append(attempt["status"] if attempt["status"] is not None else attempt["error"])
            if attempt["status"] is None:
                break
            time.sleep(0.05)
        result["refused"] = attempts[-1] if attempts and not isinstance(attempts[-1], int) else None
        result["attempts"] = attempts[:20]
        try:
            child.wait(timeout=exit_deadline)
            result["exit_after"] = time.monotonic() - signalled
            result["exit_code"] = child.returncode
        except subprocess.TimeoutExpired:
            pass
        for sender in senders:
            sender.join(timeout=2)
        result["responses"] = [a if a is not None else {"status": None, "error": "no answer"} for a in answers]
        for answer in result["responses"]:
            answer.pop("headers", None)
        events = EventLog.read(events_path)
        result["events"] = [[e["event"], round(e["t"] - signalled, 3)] for e in events]
        return result
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        with open(log_path) as f:
            result["log"] = f.read()[-1500:]
        shutil.rmtree(folder, ignore_errors=True)


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
