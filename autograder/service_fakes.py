"""Fakes of the outside APIs a graded app calls (GitHub, Slack), run in the grading process.

Each fake is a small HTTP server on a unix socket in the test's services folder. The app reaches it through
autograder.local_service.ForwardingTransport, which sends every request there with the URL it was meant for
in an x-course-url header. What a fake received is recorded here, outside the submission's process, and that
record is what the tests judge. Bodies, records and waits are bounded, so an app that floods or stalls a fake
harms only its own grade.
"""
from __future__ import annotations

import json
import re
import socketserver
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from agentkit.replay.broker import read_chunked, serve_in_thread, stop_serving

MAX_BODY_BYTES = 1024**2   # a larger request body is refused unread
MAX_RECORDS = 500          # requests kept per fake; more are counted, not kept
SOCKET_TIMEOUT_S = 10.0    # a connection that sends nothing for this long is dropped
GRADER_HEADER = "x-course-grader"  # sent by the grader's own client: such a request is never the app's


class RecordingServer:
    """An HTTP server on a unix socket that records each request and answers it with `handle(request)`."""

    def __init__(self, socket_path: str | Path):
        self.socket = str(socket_path)
        self.requests: list[dict] = []
        self.dropped = 0
        self._lock = threading.Lock()
        self._server: _Server | None = None

    def start(self) -> RecordingServer:
        self._server = _Server(self.socket, _Handler)
        self._server.fake = self
        serve_in_thread(self._server, type(self).__name__)
        return self

    def stop(self) -> None:
        self._server = stop_serving(self._server, self.socket)

    def __enter__(self) -> RecordingServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def record(self, request: dict) -> bool:
        with self._lock:
            if len(self.requests) >= MAX_RECORDS:
                self.dropped += 1
                return False
            self.requests.append(request)
            return True

    def handle(self, request: dict) -> tuple[int, dict, bytes]:
        self.record(request)
        return reply_json(404, {"message": "Not Found"})


def reply_json(status: int, data) -> tuple[int, dict, bytes]:
    return status, {"content-type": "application/json"}, json.dumps(data).encode()


PULL = re.compile(r"/repos/([^/]+/[^/]+)/pulls/([0-9]+)")
COMMENTS = re.compile(r"/repos/([^/]+/[^/]+)/issues/([0-9]+)/comments")


class FakeGitHub(RecordingServer):
    """GitHub's REST API as a pull-request reviewer uses it: a pull request's diff (every pull request has `diff`),
    and comments posted on it.
    After `hold()`, diff requests wait until `release()` (at most `hold_s`), so a test controls when the
    review's work can go on; `diff_served` is set once a diff has gone out."""

    def __init__(self, socket_path: str | Path, *, diff: str, hold_s: float = 3.0):
        super().__init__(socket_path)
        self.diff, self.hold_s = diff, hold_s
        self.comments: list[dict] = []
        self.diff_served = threading.Event()
        self._open = threading.Event()
        self._open.set()

    def hold(self) -> None:
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def handle(self, request: dict) -> tuple[int, dict, bytes]:
        if not self.record(request):
            return reply_json(429, {"message": "too many requests for one test"})
        if not request["headers"].get("authorization"):
            return reply_json(401, {"message": "Requires authentication"})
        path = urlsplit(request["path"]).path
        if request["method"] == "GET" and (match := PULL.fullmatch(path)):
            if "diff" not in request["headers"].get("accept", ""):
                return reply_json(200, {"number": int(match.group(2)), "state": "open"})
            self._open.wait(self.hold_s)
            self.diff_served.set()
            return 200, {"content-type": "text/plain; charset=utf-8"}, self.diff.encode()
        if request["method"] == "POST" and (match := COMMENTS.fullmatch(path)):
            body = request["json"].get("body") if isinstance(request["json"], dict) else None
            if not isinstance(body, str) or not body:
                return reply_json(422, {"message": "Validation Failed: body is required"})
            with self._lock:
                self.comments.append({"repo": match.group(1), "number": int(match.group(2)), "body": body})
                number = len(self.comments)
            return reply_json(201, {"id": number, "body": body})
        return reply_json(404, {"message": "Not Found"})


class FakeSlack(RecordingServer):
    """Slack's chat.postMessage and slash-command response_urls. `answers` script the responses to the first
    requests, in order ([status, json] each, whatever was asked); after them chat.postMessage answers
    {"ok": true, "ts": ...} and a response_url "ok". `messages` and `responses` hold what was posted."""

    def __init__(self, socket_path: str | Path, *, answers: list | None = None):
        super().__init__(socket_path)
        self.answers = [list(a) for a in answers or []]
        self.messages: list[dict] = []
        self.responses: list[dict] = []

    def handle(self, request: dict) -> tuple[int, dict, bytes]:
        if not self.record(request):
            return reply_json(429, {"ok": False, "error": "ratelimited"})
        url = urlsplit(request["url"])
        data = request["json"] if isinstance(request["json"], dict) else {}
        with self._lock:
            scripted = self.answers.pop(0) if self.answers else None
            if request["method"] == "POST" and url.hostname == "slack.com" and url.path == "/api/chat.postMessage":
                error = ("not_authed" if not request["headers"].get("authorization", "").startswith("Bearer ")
                         else "channel_not_found" if not data.get("channel") else "no_text" if not data.get("text")
                         else None)
                if error is None:
                    self.messages.append({"channel": str(data["channel"]), "text": str(data["text"]),
                                          "thread_ts": None if data.get("thread_ts") is None
                                          else str(data["thread_ts"])})
                    default = reply_json(200, {"ok": True, "channel": data["channel"], "ts": "1764316801.000200"})
                else:
                    default = reply_json(200, {"ok": False, "error": error})  # Slack's way: 200 and ok: false
            elif request["method"] == "POST" and url.hostname == "hooks.slack.com":
                self.responses.append({"url": request["url"], "payload": data})
                default = 200, {"content-type": "text/plain"}, b"ok"
            else:
                default = reply_json(404, {"ok": False, "error": "unknown_method"})
        return reply_json(int(scripted[0]), scripted[1]) if scripted else default


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    fake: RecordingServer

    def handle_error(self, request, client_address) -> None:
        pass  # a malformed request ends its own connection; nothing to print


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT_S
    server: _Server

    def _serve(self) -> None:
        raw = self._body()
        if raw is None:
            self._reply(413, {}, b"request body too large")
            self.close_connection = True
            return
        headers = {key.lower(): value for key, value in self.headers.items()}
        if GRADER_HEADER in headers:  # the grader's own request, led here by a link the submission made
            self._reply(421, {}, b"not an app's request")
            return
        url = headers.get("x-course-url") or f"http://{headers.get('host', 'unknown')}{self.path}"
        text = raw.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        request = {"method": self.command, "url": url, "path": self.path, "headers": headers, "text": text[:4000],
                   "json": parsed}
        self._reply(*self.server.fake.handle(request))

    def _body(self) -> bytes | None:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            return read_chunked(self.rfile, MAX_BODY_BYTES)
        size = int(self.headers.get("content-length") or 0)
        return None if size > MAX_BODY_BYTES else self.rfile.read(size) if size > 0 else b""

    def _reply(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for key, value in {**headers, "content-length": str(len(body))}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args) -> None:
        pass
