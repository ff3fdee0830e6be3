"""What the graders call: serve the student's `webhook_service` app with uvicorn on a unix socket, send it
signed (or badly signed) GitHub deliveries, and hand back plain JSON data only.

The app is the real one under a real uvicorn server, in this process, so the model calls its background work
makes are answered by the test's scenario. GitHub itself is a fake that records comments; its `get_diff` can
be held closed (a gate) to show whether the response waited for the work. The driver signs with its own code,
so a signer and verifier that agree with each other but not with GitHub cannot pass.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import threading
import time
from contextlib import contextmanager

import httpx

import agentkit
from autograder.local_service import serve

DIFF = """diff --git a/shop/orders.py b/shop/orders.py
@@ -10,3 +10,6 @@ def find_order(db, order_id):
-    return db.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
+    query = f"SELECT * FROM orders WHERE id = {order_id}"
+    return db.execute(query).fetchone()
"""
REPO = "acme/shop"


class FakeGitHub:
    """Diffs to hand out and comments received. With `gated`, get_diff waits (at most `hold_s`) until
    `gate` is set, so the test controls when the background work can finish."""

    def __init__(self, gated: bool = False, hold_s: float = 3.0):
        self.comments: list[dict] = []
        self.gate = threading.Event()
        if not gated:
            self.gate.set()
        self.hold_s = hold_s
        self.diff_served = threading.Event()
        self._lock = threading.Lock()

    def get_diff(self, repo: str, number: int) -> str:
        self.gate.wait(self.hold_s)
        self.diff_served.set()
        return DIFF

    def post_comment(self, repo: str, number: int, body: str) -> None:
        with self._lock:
            self.comments.append({"repo": str(repo), "number": int(number), "body": str(body)})


class CapturedLogs(logging.Handler):
    """Every log record, formatted with its traceback, while a job runs."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is still evidence
            self.lines.append(repr(record.__dict__))


@contextmanager
def captured_logs():
    handler, root = CapturedLogs(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def pull_request_payload(action: str = "opened", number: int = 42) -> dict:
    return {"action": action, "number": number,
            "pull_request": {"number": number, "title": "Look orders up by id", "draft": False,
                             "head": {"sha": "9f2c4e1"}, "user": {"login": "dev-anna"}},
            "repository": {"full_name": REPO, "private": True}, "sender": {"login": "dev-anna"}}


def github_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def build_request(spec: dict, secret: str) -> tuple[dict, bytes | object, list[str]]:
    """(headers, body, signatures that must never be shown) for one spec:
    event, delivery, action or payload or raw_body, pad_to (bytes), chunked, signature (valid, missing,
    wrong-secret, tampered, or raw:VALUE), omit (header names)."""
    if "raw_body" in spec:
        body = str(spec["raw_body"]).encode()
    else:
        payload = spec.get("payload") or pull_request_payload(spec.get("action", "opened"))
        if spec.get("event", "pull_request") == "ping":
            payload = {"zen": "Keep it logically awesome.", "hook_id": 1234, "hook": {"type": "Repository"}}
        body = json.dumps(payload).encode()
        if spec.get("pad_to"):
            body = json.dumps({**payload, "padding": "x" * max(0, int(spec["pad_to"]) - len(body))}).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "GitHub-Hookshot/test",
               "X-GitHub-Event": spec.get("event", "pull_request"),
               "X-GitHub-Delivery": spec.get("delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")}
    mode = spec.get("signature", "valid")
    # For a rejected request, the signature the server computes for it must never be shown: it would let
    # the sender forge exactly this delivery.
    secrets_seen = [] if mode == "valid" else [github_signature(secret, body)]
    if mode == "valid":
        headers["X-Hub-Signature-256"] = github_signature(secret, body)
    elif mode == "wrong-secret":
        headers["X-Hub-Signature-256"] = github_signature("not-the-configured-secret-0000", body)
    elif mode == "tampered":  # signed, then changed on the way
        headers["X-Hub-Signature-256"] = github_signature(secret, body)
        body = body.replace(b'"opened"', b'"closed"', 1) if b'"opened"' in body else body + b" "
        secrets_seen.append(github_signature(secret, body))
    elif mode.startswith("raw:"):
        headers["X-Hub-Signature-256"] = mode[4:].encode("latin-1")
    elif mode != "missing":
        raise ValueError(f"unknown signature mode {mode!r}")
    for name in spec.get("omit", []):
        headers.pop(name, None)
    if spec.get("chunked"):
        data = body
        body = iter([data[i:i + 4096] for i in range(0, len(data), 4096)])  # no Content-Length: chunked
    return headers, body, secrets_seen


def send(client: httpx.Client, spec: dict, secret: str) -> tuple[dict, list[str]]:
    headers, body, valid_signatures = build_request(spec, secret)
    started = time.monotonic()
    try:
        response = client.post("/webhooks/github", headers=headers, content=body)
    except httpx.HTTPError as exc:
        return {"status": None, "error": f"{type(exc).__name__}: {exc}", "elapsed": time.monotonic() - started}, []
    try:
        data = response.json()
    except ValueError:
        data = None
    return {"status": int(response.status_code), "json": data, "text": response.text[:500],
            "elapsed": float(time.monotonic() - started)}, [*valid_signatures, response.text]


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


def leaks_of(secret: str, signatures: list[str], logs: list[str], bodies: list[str]) -> list[str]:
    """Where the secret, or a valid signature of a rejected body, shows up in logs or response bodies."""
    found = []
    hexes = [s.split("=", 1)[1] for s in signatures if s.startswith("sha256=")]
    for where, texts in (("logs", logs), ("a response body", bodies)):
        for text in texts:
            if secret in text:
                found.append(f"the secret appears in {where}: {text[:200]!r}")
            for digest in hexes:
                if digest in text:
                    found.append(f"a valid signature appears in {where}: {text[:200]!r}")
    return found[:5]


def deliver(submission, provider: str, secret: str, requests: list[dict], max_body_bytes: int | None = None,
            copies: int = 1) -> dict:
    """One app (memory store), the requests sent in order (each `copies` times at once); then wait for the
    background work. Returns each response, the comments posted, and any leak of the secret."""
    environment = {"webhook_max_body_bytes": max_body_bytes} if max_body_bytes else {}
    settings = configure(submission, secret, **environment)
    github, jobs = FakeGitHub(), submission.BackgroundJobs()
    app = submission.create_app(settings, llm=agentkit.Client(provider), github=github, jobs=jobs)
    responses, shown = [], []
    with captured_logs() as logs, serve(app) as client:
        for spec in requests:
            if spec.get("after_idle"):  # a redelivery sent once the earlier work has finished (or failed)
                jobs.wait_idle(10)
            if copies == 1:
                answer, texts = send(client, spec, secret)
                responses.append(answer)
                shown += texts
                continue
            start, batch = threading.Barrier(copies), [None] * copies

            def one(index: int) -> None:
                start.wait()
                batch[index] = send(client, spec, secret)

            threads = [threading.Thread(target=one, args=(i,)) for i in range(copies)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            responses.append([answer for answer, _ in batch])
            shown += [text for _, texts in batch for text in texts]
        idle = bool(jobs.wait_idle(10))
        comments = list(github.comments)
        health = client.get("/health")
    bodies = [r["text"] for group in responses for r in (group if isinstance(group, list) else [group])
              if r.get("text") is not None]
    return {"responses": responses, "idle": idle, "comments": comments,
            "health": {"status": int(health.status_code), "text": health.text[:200]},
            "leaks": leaks_of(secret, [s for s in shown if s.startswith("sha256=")], logs.lines, bodies)}


def gated(submission, provider: str, secret: str) -> dict:
    """One pull request whose background work cannot finish until the driver opens the gate (or 3 s pass).
    Did the 202 arrive while the work was still held?"""
    settings = configure(submission, secret)
    github, jobs = FakeGitHub(gated=True, hold_s=3.0), submission.BackgroundJobs()
    app = submission.create_app(settings, llm=agentkit.Client(provider), github=github, jobs=jobs)
    with serve(app) as client:
        answer, _ = send(client, {"delivery": "b7e4d1a0-0001"}, secret)
        answered_while_held = not github.diff_served.is_set()
        comments_while_held = len(github.comments)
        github.gate.set()
        idle = bool(jobs.wait_idle(10))
        comments = list(github.comments)
    return {"response": answer, "answered_while_held": answered_while_held,
            "comments_while_held": comments_while_held, "idle": idle, "comments": comments}


def two_instances(submission, provider: str, secret: str, redis_socket: str, deliveries: list[str],
                  ttl_s: int = 3600) -> dict:
    """Two apps, as two processes behind a load balancer would be: each its own RedisDeliveryStore on its own
    connection, its own jobs and its own GitHub fake. Every delivery id is sent to both at the same moment."""
    import redis

    settings = configure(submission, secret, webhook_delivery_ttl_s=ttl_s)
    fakes = [FakeGitHub(), FakeGitHub()]
    jobs = [submission.BackgroundJobs(), submission.BackgroundJobs()]
    apps = [submission.create_app(settings, llm=agentkit.Client(provider), github=fakes[i], jobs=jobs[i],
                                  store=submission.RedisDeliveryStore(redis.Redis(unix_socket_path=redis_socket),
                                                                      ttl_s=ttl_s))
            for i in range(2)]
    statuses = []
    with serve(apps[0]) as first, serve(apps[1]) as second:
        for delivery in deliveries:
            start, pair = threading.Barrier(2), [None, None]

            def one(index: int, client: httpx.Client) -> None:
                start.wait()
                pair[index] = send(client, {"delivery": delivery}, secret)[0]["status"]

            threads = [threading.Thread(target=one, args=(i, c)) for i, c in enumerate((first, second))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            statuses.append(pair)
        idle = all(j.wait_idle(10) for j in jobs)
    connection = redis.Redis(unix_socket_path=redis_socket)
    ttls = [int(connection.ttl(key)) for key in connection.scan_iter(count=1000)]
    return {"statuses": statuses, "idle": bool(idle), "comments": [len(f.comments) for f in fakes], "ttls": ttls}


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
