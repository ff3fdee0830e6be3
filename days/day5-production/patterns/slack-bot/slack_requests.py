"""Slack requests as the graded tests send them: signed by the tests' own code exactly as Slack signs them, posted
from the grading process to the app the submission serves. Loaded by the tests with
`autograder.units.unit_module("d5-slack-bot", "slack_requests")`."""
from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlencode

NOW = 1_764_316_800  # where the app's fake clock starts (Unix time)
RESPONSE_URL = "https://hooks.slack.com/commands/T0ACME/8110/ZxQ2u4gRk"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()


def mention_payload(event_id: str, text: str, ts: str = "1764316790.000100", thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": "U0ANNA", "text": text, "ts": ts, "channel": "C0SUPPORT",
             "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {"token": "deprecated-verification-token", "team_id": "T0ACME", "api_app_id": "A0BOT",
            "type": "event_callback", "event_id": event_id, "event_time": NOW - 10, "event": event}


def build(spec: dict, secret: str, now: float) -> tuple[str, dict, bytes]:
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
    timestamp = str(spec.get("timestamp", int(now - spec.get("age", 0))))
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


def send(app, request: tuple[str, dict, bytes]) -> dict:
    path, headers, body = request
    return app.post(path, headers=headers, content=body)
