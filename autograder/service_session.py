"""Grading side of a unit that serves an app: the tests drive the submission's app over HTTP and judge what they
themselves received.

A driver entry starts the app in the worker (autograder.local_service), on a socket in this test's services
folder, and returns; the app keeps serving between jobs. From here an AppClient sends it requests and reads
each answer whole, within a deadline and a size cap. The app's model calls are answered and recorded by the
runner's scenario broker for the whole recording (not job by job), and its calls to outside APIs by the fakes
in autograder.service_fakes. What the worker returns from its jobs is the submission's own word: a test may
use it to synchronise (wait until the background work is done), never as evidence of what the app did.

    github = services.fake(FakeGitHub)
    with services.record("pr-review") as live:
        app = live.serve("start", secret=..., github=github.socket)
        answer = app.post("/webhooks/github", headers=..., content=...)
        live.settle()
    live.sent, github.comments, answer["status"]
"""
from __future__ import annotations

import contextlib
import itertools
import shutil
import time
from collections.abc import Callable
from json import loads as parse_json
from pathlib import Path

import httpx

from agentkit.replay.scenarios import load_scenario
from autograder.service_fakes import GRADER_HEADER, RecordingServer

APP_HOST = "app.local"        # the Host of the grader's requests to a served app
MAX_RESPONSE_BYTES = 1024**2  # of one answer from the app; a longer one is cut off and reported
RESPONSE_DEADLINE_S = 15.0    # for one whole answer, however slowly it drips


class AppClient:
    """HTTP to a served app over its unix socket. Each answer comes back as plain data: status, headers, JSON (if
    it is JSON), the start of its text, how long it took, or the error that stopped it."""

    def __init__(self, socket_path: str | Path, host: str = APP_HOST):
        # Each request on a connection of its own: an app that closes one after an error must not fail the next
        # request, and a test sees at once when new connections are refused.
        transport = httpx.HTTPTransport(uds=str(socket_path), limits=httpx.Limits(max_keepalive_connections=0))
        self._client = httpx.Client(transport=transport, base_url=f"http://{host}",
                                    timeout=httpx.Timeout(RESPONSE_DEADLINE_S, connect=2.0),
                                    headers={GRADER_HEADER: "1", "accept-encoding": "identity"})
        self.sent_with: dict = {}  # headers every request carries for now (see sending)

    @contextlib.contextmanager
    def sending(self, headers: dict):
        """Every request made in the block, from any thread, also carries `headers`."""
        self.sent_with = {**self.sent_with, **headers}
        try:
            yield self
        finally:
            self.sent_with = {k: v for k, v in self.sent_with.items() if k not in headers}

    def request(self, method: str, path: str, *, headers: dict | None = None, content=None, json=None,
                deadline: float = RESPONSE_DEADLINE_S) -> dict:
        started = time.monotonic()
        try:
            with self._client.stream(method, path, headers={**self.sent_with, **(headers or {})}, content=content, json=json,
                                     timeout=httpx.Timeout(deadline, connect=2.0)) as response:
                body = bytearray()
                for chunk in response.iter_raw():
                    body += chunk
                    if len(body) > MAX_RESPONSE_BYTES:
                        raise ResponseTooLarge(f"the answer was longer than {MAX_RESPONSE_BYTES} bytes")
                    if time.monotonic() - started > deadline:
                        raise httpx.ReadTimeout(f"the whole answer did not arrive within {deadline:.0f} s")
        except (httpx.HTTPError, ResponseTooLarge) as exc:
            return {"status": None, "error": f"{type(exc).__name__}: {exc}"[:300], "json": None, "text": "",
                    "headers": {}, "elapsed": time.monotonic() - started}
        text = body.decode("utf-8", "replace")
        try:
            data = parse_json(text)
        except (ValueError, RecursionError):
            data = None
        return {"status": response.status_code, "json": data, "text": text[:500], "error": None,
                "headers": {k.lower(): v for k, v in response.headers.items()},
                "elapsed": time.monotonic() - started}

    def get(self, path: str, **options) -> dict:
        return self.request("GET", path, **options)

    def post(self, path: str, **options) -> dict:
        return self.request("POST", path, **options)

    def close(self) -> None:
        self._client.close()


class ResponseTooLarge(Exception):
    pass


class _KeepRecording:
    """Stands in the runner's broker during a recording, so that Runner.run neither restarts the scenario nor
    ends the record at each job: the app's background model calls between jobs are answered and kept too."""

    def begin(self, scenario) -> None:
        pass

    def end(self) -> tuple[list, list]:
        return [], []


class Recording:
    """Apps served by the submission, and every model request they make, from one scenario, across jobs."""

    def __init__(self, services: Services, scenario: dict):
        self.services, self.scenario = services, load_scenario(scenario)  # one object: its state spans the jobs
        self.sent: list[dict] = []
        self.served: list[dict] = []
        self.stdout = ""
        self.stopped: dict | None = None
        self._clients: list[AppClient] = []
        self._broker = None

    def __enter__(self) -> Recording:
        runner = self.services.runner
        self._broker = getattr(runner, "broker", None)
        if self._broker is not None:
            self._broker.begin(self.scenario)
            runner.broker = _KeepRecording()
        return self

    def serve(self, entry: str, **kwargs) -> AppClient:
        """Run the driver's `entry`, which starts an app on the socket it is given and returns once it serves."""
        socket = self.services.folder / f"app-{next(self.services.numbers)}.sock"
        trace = self.job(entry, socket=str(socket), **kwargs)
        if not trace["ok"]:
            raise AssertionError(f"your app could not be started: {trace['error']}")
        client = AppClient(socket)
        self._clients.append(client)
        return client

    def job(self, entry: str, **kwargs) -> dict:
        trace = self.services.runner.run(self.scenario, entry, **kwargs)
        self.stdout += trace.get("stdout") or ""
        return trace

    def settle(self, timeout: float = 10.0) -> bool:
        """Wait (in the worker) until the apps' background work is done. The answer is the submission's own word,
        so it only saves waiting; the evidence is in what the fakes and the broker recorded."""
        trace = self.job("settle", timeout=timeout)
        return bool(trace["ok"] and isinstance(trace["result"], dict) and trace["result"].get("idle") is True)

    def model_requests(self) -> list[dict]:
        """The model requests recorded so far, while the apps keep running."""
        if self._broker is None:
            return []
        with self._broker._lock:
            return list(self._broker._sent)

    def __exit__(self, *exc_info) -> None:
        try:
            self.stopped = self.job("stop")
        finally:
            for client in self._clients:
                client.close()
            if self._broker is not None:
                self.services.runner.broker = self._broker
                self.sent, self.served = self._broker.end()


class Services:
    """One test's outside world: its folder in the session's services folder (the folder bound into the
    sandbox), the fakes it started there, and recordings of the apps the submission serves there."""

    def __init__(self, runner, folder: Path, scenario_for: Callable[[str | dict], dict]):
        self.runner, self.folder, self._scenario_for = runner, Path(folder), scenario_for
        self.numbers = itertools.count(1)
        self._fakes: list[RecordingServer] = []

    def fake(self, kind: type[RecordingServer], **options) -> RecordingServer:
        started = kind(self.folder / f"{kind.__name__.lower()}-{next(self.numbers)}.sock", **options).start()
        self._fakes.append(started)
        return started

    def record(self, scenario: str | dict) -> Recording:
        return Recording(self, self._scenario_for(scenario))

    def close(self) -> None:
        for fake in self._fakes:
            fake.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
