"""What the graders call: serve the student's `slack_bot` app with uvicorn on a unix socket, send it requests
signed the way Slack signs them, and hand back plain JSON data only.

The clock the app checks timestamps against is a fake the driver sets, so "six minutes later" takes no time.
Slack itself is a fake that records what the bot posts; the model client can be held (a gate) to show whether
an acknowledgement waited for the model. The driver signs with its own code, not the student's.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
import time
from urllib.parse import urlencode

import httpx

import agentkit
from autograder.local_service import serve

NOW = 1_764_316_800  # the fake clock's start (Unix time)
RESPONSE_URL = "https://hooks.slack.com/commands/T0ACME/8110/ZxQ2u4gRk"


class FakeClock:
    def __init__(self, now: float = NOW):
        self.now = now

    def __call__(self) -> float:
        return self.now


class FakeSlack:
    def __init__(self):
        self.messages: list[dict] = []
        self.responses: list[dict] = []
        self._lock = threading.Lock()

    def post_message(self, channel: str, text: str, *, thread_ts: str | None = None) -> dict:
        with self._lock:
            self.messages.append({"channel": str(channel), "text": str(text),
                                  "thread_ts": None if thread_ts is None else str(thread_ts)})
        return {"ok": True, "ts": "1764316801.000200"}

    def respond(self, response_url: str, payload: dict) -> None:
        with self._lock:
            self.responses.append({"url": str(response_url), "payload": json.loads(json.dumps(payload))})


class HeldClient:
    """An agentkit.Client whose calls wait until `gate` is set (at most `hold_s`); `started` is set on entry."""

    def __init__(self, client, hold_s: float = 3.5):
        self._client, self.hold_s = client, hold_s
        self.gate, self.returned = threading.Event(), threading.Event()

    def chat(self, *args, **kwargs):
        self.gate.wait(self.hold_s)
        try:
            return self._client.chat(*args, **kwargs)
        finally:
            self.returned.set()

    def __getattr__(self, name):
        return getattr(self._client, name)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()


def mention_payload(event_id: str, text: str, ts: str = "1764316790.000100", thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": "U0ANNA", "text": text, "ts": ts, "channel": "C0SUPPORT",
             "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {"token": "deprecated-verification-token", "team_id": "T0ACME", "api_app_id": "A0BOT",
            "type": "event_callback", "event_id": event_id, "event_time": NOW - 10, "event": event}


def build(spec: dict, secret: str, clock: FakeClock) -> tuple[str, dict, bytes]:
    """(path, headers, body) for one spec. kind: challenge | mention | command | raw; signature: valid,
    missing, wrong-secret, tampered, body-only (HMAC of the body without "v0:ts:"), raw:VALUE; age: seconds
    between the request's timestamp and the app's clock (negative: from the future); timestamp: raw value."""
    kind = spec.get("kind", "mention")
    if kind == "challenge":
        path, body = "/slack/events", json.dumps({"token": "x", "challenge": spec.get("challenge", "c-3eZbrw1aBm2"),
                                                  "type": "url_verification"}).encode()
        content_type = "application/json"
    elif kind == "mention":
        payload = mention_payload(spec.get("event_id", "Ev0001"), spec.get("text", "<@U0BOT> hello"),
                                  thread_ts=spec.get("thread_ts"))
        path, body, content_type = "/slack/events", json.dumps(payload).encode(), "application/json"
    elif kind == "command":
        form = {"token": "x", "team_id": "T0ACME", "channel_id": "C0SUPPORT", "user_id": "U0ANNA",
                "user_name": "anna", "command": "/ask", "text": spec.get("text", ""), "response_url": RESPONSE_URL,
                "trigger_id": spec.get("trigger_id", "13345224609.738474920.8088930838d88f008e0")}
        path, body, content_type = "/slack/commands", urlencode(form).encode(), "application/x-www-form-urlencoded"
    else:
        path, body, content_type = spec.get("path", "/slack/events"), str(spec["body"]).encode(), "application/json"
    timestamp = str(spec.get("timestamp", int(clock.now - spec.get("age", 0))))
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp}
    mode = spec.get("signature", "valid")
    if mode == "valid":
        headers["X-Slack-Signature"] = sign(secret, timestamp, body)
    elif mode == "wrong-secret":
        headers["X-Slack-Signature"] = sign("some-other-signing-secret", timestamp, body)
    elif mode == "tampered":
        headers["X-Slack-Signature"] = sign(secret, timestamp, body)
        body = body.replace(b"hello", b"HELLO") if b"hello" in body else body + b" "
    elif mode == "body-only":
        headers["X-Slack-Signature"] = "v0=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    elif mode.startswith("raw:"):
        headers["X-Slack-Signature"] = mode[4:].encode("latin-1")
    elif mode != "missing":
        raise ValueError(f"unknown signature mode {mode!r}")
    if spec.get("omit_timestamp"):
        headers.pop("X-Slack-Request-Timestamp")
    if "retry" in spec:
        headers["X-Slack-Retry-Num"] = str(spec["retry"])
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return path, headers, body


def send(client, spec: dict, secret: str, clock: FakeClock) -> dict:
    path, headers, body = build(spec, secret, clock)
    started = time.monotonic()
    try:
        response = client.post(path, headers=headers, content=body)
    except httpx.HTTPError as exc:
        return {"status": None, "error": f"{type(exc).__name__}: {exc}", "elapsed": time.monotonic() - started}
    try:
        data = response.json()
    except ValueError:
        data = None
    return {"status": int(response.status_code), "json": data, "text": response.text[:300],
            "elapsed": float(time.monotonic() - started)}


def settings_for(submission, secret: str):
    os.environ["SLACK_SIGNING_SECRET"] = secret
    os.environ["SLACK_BOT_TOKEN"] = "xoxb-0000-test-token"
    try:
        return submission.SlackSettings()
    finally:
        os.environ.pop("SLACK_SIGNING_SECRET", None)
        os.environ.pop("SLACK_BOT_TOKEN", None)


def converse(submission, provider: str, secret: str, requests: list[dict]) -> dict:
    """One app on a fake clock; requests sent in order (a step {"advance": S} moves the clock, {"resend": k}
    sends the k-th request again exactly as it was); then wait for the background work."""
    clock, slack, jobs = FakeClock(), FakeSlack(), submission.BackgroundJobs()
    app = submission.create_app(settings_for(submission, secret), llm=agentkit.Client(provider), slack=slack,
                                clock=clock, jobs=jobs)
    answers, built = [], []
    with serve(app) as client:
        for spec in requests:
            if "advance" in spec:
                clock.now += float(spec["advance"])
                answers.append(None)
                built.append(None)
                continue
            if "resend" in spec:
                path, headers, body = built[int(spec["resend"])]
                response = client.post(path, headers=headers, content=body)
                answers.append({"status": int(response.status_code), "text": response.text[:300]})
                built.append(None)
                continue
            built.append(build(spec, secret, clock))
            answers.append(send(client, spec, secret, clock))
        idle = bool(jobs.wait_idle(10))
    return {"answers": answers, "idle": idle, "messages": slack.messages, "responses": slack.responses}


def held(submission, provider: str, secret: str, spec: dict) -> dict:
    """One request while the model is held: did the acknowledgement arrive before the model call returned?"""
    clock, slack, jobs = FakeClock(), FakeSlack(), submission.BackgroundJobs()
    llm = HeldClient(agentkit.Client(provider))
    app = submission.create_app(settings_for(submission, secret), llm=llm, slack=slack, clock=clock, jobs=jobs)
    with serve(app) as client:
        answer = send(client, spec, secret, clock)
        answered_while_held = not llm.returned.is_set()
        posted_while_held = len(slack.messages) + len(slack.responses)
        llm.gate.set()
        idle = bool(jobs.wait_idle(10))
    return {"answer": answer, "answered_while_held": answered_while_held, "posted_while_held": posted_while_held,
            "idle": idle, "messages": slack.messages, "responses": slack.responses}


class RecordingTransport(httpx.BaseTransport):
    """Answers every request with the next canned (status, json) and keeps what was sent."""

    def __init__(self, answers: list[list]):
        self.answers, self.sent = list(answers), []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body.decode("utf-8", "replace")
        self.sent.append({"method": request.method, "url": str(request.url),
                          "authorization": request.headers.get("authorization"), "json": parsed})
        status, data = self.answers.pop(0) if self.answers else (200, {"ok": True})
        return httpx.Response(int(status), json=data)


def web_client(submission, calls: list[dict], answers: list[list]) -> dict:
    """SlackWebClient("xoxb-...", http=httpx.Client(transport=fake)) making `calls`; what it sent and raised."""
    transport = RecordingTransport(answers)
    client = submission.SlackWebClient("xoxb-0000-test-token", http=httpx.Client(transport=transport))
    outcomes = []
    for call in calls:
        try:
            if call["op"] == "post":
                client.post_message(call["channel"], call["text"], thread_ts=call.get("thread_ts"))
            else:
                client.respond(call["url"], call["payload"])
            outcomes.append({"raised": None})
        except Exception as exc:  # noqa: BLE001 - which error, and what it says, is under test
            outcomes.append({"raised": type(exc).__name__, "message": str(exc)[:200]})
    return {"outcomes": outcomes, "sent": transport.sent}
