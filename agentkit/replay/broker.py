"""The scenario broker: answers model API requests from a scenario over a unix socket, in the grader's process.

Graded code runs in a worker process (sandboxed when grading) that it controls completely, so nothing the
worker reports about its own calls is evidence. Its SDKs' HTTP is forwarded here instead (see
`agentkit.replay.remote`): the broker picks each reply, and the record of what was sent and what answered it
is made on this side. The scenario itself never enters the worker; only the replies it asks for do.

    broker = ScenarioBroker(path).start()
    broker.begin(scenario_dict)        # before a job
    ...                                # the worker's requests are answered
    sent, served = broker.end()        # after it: plain data

One course-only route is not a model API: `POST /course/embeddings {"texts": [...]}` answers a worker's
`agentkit.embeddings.MiniLM.encode` with vectors computed here, in the grader's process and with its
embedding cache (the worker is read-only and should not spend its time and memory on the model).
"""
from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from agentkit.replay import wire
from agentkit.replay.exchanges import inspect_request, scenario_miss, served_record
from agentkit.replay.scenarios import Scenario, delays, is_timeout, load_scenario, respond

MAX_REQUEST_BYTES = 8 * 1024**2   # a request body larger than this is refused unread
MAX_REQUESTS_PER_JOB = 400        # more than this in one job is a runaway loop: answered, not recorded
KEPT_BODY_CHARS = 64_000          # of each request's raw body, kept for tests that read it (batch files)
SOCKET_TIMEOUT_S = 15.0           # a connection that sends nothing for this long is dropped

# The course-only embedding route: only the texts are taken from the worker; the vectors are computed here.
EMBEDDINGS_PATH = "/course/embeddings"
MAX_EMBEDDING_TEXTS = 256            # per request (the worker's encode splits a longer list)
MAX_EMBEDDING_CHARS = 512_000        # per request, all its texts together
MAX_EMBEDDING_TEXTS_PER_JOB = 4096   # more in one test is a flood
EMBEDDING_SLICE = 64                 # texts computed between checks that the test that asked is still running

# Headers the worker-side forwarder turns back into the exception a real network would raise.
OUTCOME_HEADER = "x-course-replay"


@dataclass
class Pacing:
    """A timed exchange's delays in seconds, and the served record that learns how much of a stream was taken."""

    first: float
    total: float
    stream: bool
    record: dict[str, Any] | None


class ScenarioBroker:
    """One scenario at a time, answered over a unix socket; thread-safe; records per job."""

    def __init__(self, socket_path: str | Path):
        self.socket_path = str(socket_path)
        self._lock = threading.Lock()
        self._scenario: Scenario | None = None
        self._sent: list[dict[str, Any]] = []
        self._served: list[dict[str, Any]] = []
        self._dropped = 0
        self._server: _Server | None = None
        self._embedded = 0          # texts this job asked the embedding route for
        self._jobs_ended = 0        # a request to the embedding route stops computing when its job has ended
        self._embedding = threading.Lock()   # one embedding computation at a time

    def start(self) -> ScenarioBroker:
        self._server = _Server(self.socket_path, _Handler)
        self._server.broker = self
        serve_in_thread(self._server, "scenario-broker")
        return self

    def stop(self) -> None:
        self._server = stop_serving(self._server, self.socket_path)

    def begin(self, scenario: dict | Scenario) -> None:
        loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        with self._lock:
            self._scenario, self._sent, self._served, self._dropped = loaded, [], [], 0
            self._embedded = 0

    def end(self) -> tuple[list[dict], list[dict]]:
        """What this job sent and what answered each request; later requests get no recording."""
        with self._lock:
            sent, served, dropped = self._sent, self._served, self._dropped
            self._scenario, self._sent, self._served, self._dropped = None, [], [], 0
            self._embedded, self._jobs_ended = 0, self._jobs_ended + 1
        if dropped:
            sent.append({"api": None, "path": "", "method": "", "note": f"{dropped} more requests not recorded"})
            served.append({"status": None, "outcome": "not recorded"})
        return sent, served

    def answer(self, method: str, path: str, content_type: str | None, raw: bytes
               ) -> tuple[int, dict, bytes, Pacing | None]:
        if path.partition("?")[0] == EMBEDDINGS_PATH:
            return (*self.embeddings(method, raw), None)
        api, view, body = inspect_request(method, path, content_type, raw)
        record = None
        with self._lock:
            scenario = self._scenario
            if scenario is None:
                return (*_no_recording("No recording: no test is running (a call made after its test ended?)"), None)
            exchange = scenario.next_for(api, view) if view is not None else None
            if view is not None:
                if len(self._sent) < MAX_REQUESTS_PER_JOB:
                    self._sent.append(sent_record(api, view, body))
                    record = served_record(exchange, view)
                    self._served.append(record)
                else:
                    self._dropped += 1
        if exchange is None:
            return (*_no_recording(scenario_miss(scenario, api, view, method, path)), None)
        timing = delays(scenario, exchange)
        pacing = Pacing(*timing, stream=bool(view.stream), record=record) if timing else None
        if is_timeout(exchange):
            return 504, {OUTCOME_HEADER: "timeout"}, b"", pacing
        status, headers, text = respond(exchange, api, view)
        if pacing and status != 200:
            pacing.stream = False
        return status, headers, text.encode(), pacing

    def embeddings(self, method: str, raw: bytes) -> tuple[int, dict, bytes]:
        """The course-only route: `{"texts": [...]}` in, float32 vectors out (little-endian, one row per text,
        shape in `x-course-embedding-shape`). Nothing but the texts is taken from the worker: the model, its
        settings and the cache are the grader's, and the worker never writes the cache. A request past the
        limits is refused with a message saying which, before anything is computed."""
        if method != "POST":
            return _refused(405, f'POST {{"texts": [...]}} to {EMBEDDINGS_PATH}')
        try:
            texts = json.loads(raw)["texts"]
        except (ValueError, TypeError, KeyError):
            texts = None
        if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
            return _refused(400, 'the body must be JSON {"texts": [string, ...]}')
        chars = sum(map(len, texts))
        if len(texts) > MAX_EMBEDDING_TEXTS or chars > MAX_EMBEDDING_CHARS:
            return _refused(413, f"{len(texts)} texts of {chars:,} characters in one request: the grader embeds at "
                                 f"most {MAX_EMBEDDING_TEXTS} texts and {MAX_EMBEDDING_CHARS:,} characters at a time")
        with self._lock:
            if self._embedded + len(texts) > MAX_EMBEDDING_TEXTS_PER_JOB:
                return _refused(429, f"more than {MAX_EMBEDDING_TEXTS_PER_JOB} texts embedded in one test: refused "
                                     "(embed each text once and keep its vector)")
            self._embedded += len(texts)
            job = self._jobs_ended
        from agentkit.embeddings import MiniLM

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))   # slices of similar length pad little
        rows: dict[int, bytes] = {}
        try:
            model = MiniLM.load()
            with self._embedding:
                for start in range(0, len(order), EMBEDDING_SLICE):
                    if self._jobs_ended != job:
                        return _refused(503, "the test ended before its texts were embedded")
                    chosen = order[start:start + EMBEDDING_SLICE]
                    vectors = model.encode_here([texts[i] for i in chosen]).astype("<f4")
                    rows.update((i, vector.tobytes()) for i, vector in zip(chosen, vectors))
        except Exception as exc:  # noqa: BLE001 - the worker gets the reason, the grader goes on
            return _refused(500, f"the grader could not embed the texts: {type(exc).__name__}: {exc}")
        return 200, {"content-type": "application/octet-stream",
                     "x-course-embedding-shape": f"{len(texts)},{model.dimension}"}, \
            b"".join(rows[i] for i in range(len(texts)))

    def delivered(self, pacing: Pacing, events: int, of: int, closed_early: bool) -> None:
        """How much of a paced stream the client read before it finished or hung up, as the broker saw it."""
        if pacing.record is not None:
            with self._lock:
                pacing.record.update(events_delivered=events, events_total=of, closed_early=closed_early)


def sent_record(api: str, view: wire.RequestView, body: Any) -> dict:
    """Plain data on one request: its API, the provider-neutral view, and the raw body (capped)."""
    fields = dict(vars(view))
    fields.pop("tool_schemas", None)
    fields["messages"] = [list(m) for m in fields["messages"]]
    return {"api": api, **fields, "body": _kept(body)}


def _kept(body: Any) -> Any:
    text = json.dumps(body, ensure_ascii=False, default=str)
    return body if len(text) <= KEPT_BODY_CHARS else {"truncated": text[:KEPT_BODY_CHARS]}


def _refused(status: int, message: str) -> tuple[int, dict, bytes]:
    return status, {"content-type": "text/plain; charset=utf-8"}, message.encode()


def _no_recording(message: str) -> tuple[int, dict, bytes]:
    return 404, {OUTCOME_HEADER: "no-recording", "content-type": "text/plain; charset=utf-8"}, message.encode()


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    broker: ScenarioBroker


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT_S
    server: _Server

    def _serve(self) -> None:
        length = self.headers.get("content-length")
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            raw = self._read_chunked()
        else:
            size = int(length or 0)
            if size > MAX_REQUEST_BYTES:
                self._reply(413, {}, b"request body too large for replay")
                self.close_connection = True
                return
            raw = self.rfile.read(size) if size else b""
        if raw is None:
            self._reply(413, {}, b"request body too large for replay")
            self.close_connection = True
            return
        status, headers, body, pacing = self.server.broker.answer(self.command, self.path,
                                                                  self.headers.get("content-type"), raw)
        if pacing is not None and pacing.stream:
            self._stream_paced(status, headers, body, pacing)
            return
        if pacing is not None:
            time.sleep(pacing.total)
        self._reply(status, headers, body)

    def _stream_paced(self, status: int, headers: dict, body: bytes, pacing: Pacing) -> None:
        """Server-sent events at their recorded pace: the first after `first` seconds, the rest spread evenly
        up to `total`. A client that hangs up part way is noticed here, on the next event written."""
        events = [event + b"\n\n" for event in body.split(b"\n\n") if event.strip()]
        self.send_response_only(status, HTTPStatus(status).phrase)
        for name, value in headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        gap = (pacing.total - pacing.first) / max(len(events) - 1, 1)
        written, closed_early = 0, False
        # MSG_NOSIGNAL: a client that hung up raises EPIPE here, never a SIGPIPE that would end this process
        flags = getattr(socket, "MSG_NOSIGNAL", 0)

        def send(data: bytes) -> None:
            self.connection.sendall(data, flags)

        try:
            self.wfile.flush()
            time.sleep(pacing.first)
            for number, event in enumerate(events):
                if number:
                    time.sleep(gap)
                send(b"%x\r\n%s\r\n" % (len(event), event))
                written += 1
            send(b"0\r\n\r\n")
        except OSError:  # BrokenPipeError, ConnectionResetError: the client stopped reading and closed
            closed_early = written < len(events)
            self.close_connection = True
        self.server.broker.delivered(pacing, written, len(events), closed_early)

    def _read_chunked(self) -> bytes | None:
        return read_chunked(self.rfile, MAX_REQUEST_BYTES)

    def _reply(self, status: int, headers: dict, body: bytes) -> None:
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        self.send_response_only(status, phrase)
        for name, value in headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        pass

    def address_string(self) -> str:
        return "worker"


def read_chunked(stream, limit: int) -> bytes | None:
    """A chunked HTTP/1.1 request body from `stream`; None once it passes `limit` bytes (the rest is left unread)."""
    chunks, total = [], 0
    while True:
        size = int(stream.readline(64).split(b";")[0].strip() or b"0", 16)
        if size == 0:
            stream.readline(64)
            return b"".join(chunks)
        total += size
        if total > limit:
            return None
        chunks.append(stream.read(size))
        stream.readline(64)


def serve_in_thread(server: socketserver.BaseServer, name: str) -> None:
    # A short poll interval: stopping waits for the serving loop to notice, once per graded submission.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True).start()


def stop_serving(server: socketserver.BaseServer | None, socket_path: str) -> None:
    """Stop `server` (if running) and remove its socket file; returns None, the server's new value."""
    if server is not None:
        server.shutdown()
        server.server_close()
        Path(socket_path).unlink(missing_ok=True)
