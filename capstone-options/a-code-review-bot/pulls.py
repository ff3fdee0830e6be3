"""The pull requests, deliveries and code host the graded tests use, all on the grader's side: deliveries are
signed here (so a signer and a verifier that agree with each other but not with GitHub cannot pass), and the
fake code host (given/review_bot/fake_host.py, the course's copy, never the submission's) runs in the grading
process, where it records what the bot posted. Loaded with `autograder.units.unit_module("capstone-a", "pulls")`."""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import itertools
import json
import sys
import threading
from pathlib import Path

from autograder.local_service import Served

HERE = Path(__file__).resolve().parent
HOST_TOKEN = "fake-host-token-0001"  # the driver configures the bot with the same placeholder
REPO, NUMBER, HEAD_SHA = "acme/shop", 42, "9f2c4e1d7a"
PATH = "/webhooks/github"


def _fake_host_module():
    """The course's own fake, loaded by path (a submission's copy of it is never used here)."""
    name = "capstone_a_fake_host"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "given/review_bot/fake_host.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


# The fake host's own sample pull request (orders.py), then a new file.
SHOP_DIFF = _fake_host_module().SAMPLE_DIFF + """diff --git a/shop/payments.py b/shop/payments.py
new file mode 100644
index 0000000..5c1d2e3
--- /dev/null
+++ b/shop/payments.py
@@ -0,0 +1,6 @@
+import requests
+
+
+def charge(card, amount):
+    response = requests.post("https://pay.example/charge", json={"card": card, "amount": amount})
+    return response.json()
"""
# What review-shop.yaml's five findings leave once only the lines the diff added count: (path, line, severity,
# words of the message, words of the suggestion).
KEPT = [("shop/orders.py", 11, "critical", "SQL injection", "parameterised query"),
        ("shop/payments.py", 5, "major", "no timeout", "timeout=10")]
DROPPED = [("shop/orders.py", 9), ("shop/models.py", 3), ("shop/payments.py", 40)]

# Every trap a line counter can fall into: two hunks in one file, a removed SQL comment that looks like a file
# header, a deleted file, a new file, a renamed file, no newline at the end, a context line stripped of its space.
TRICKY_DIFF = """diff --git a/db/schema.sql b/db/schema.sql
index 1111111..2222222 100644
--- a/db/schema.sql
+++ b/db/schema.sql
@@ -1,4 +1,4 @@
--- orders table (v1)
+-- orders table (v2)
 CREATE TABLE orders (
   id INTEGER PRIMARY KEY,
   total INTEGER
@@ -20,3 +20,5 @@ CREATE TABLE customers (
   id INTEGER PRIMARY KEY,

+  email TEXT,
+  phone TEXT
 );
diff --git a/shop/legacy.py b/shop/legacy.py
deleted file mode 100644
index 3333333..0000000
--- a/shop/legacy.py
+++ /dev/null
@@ -1,2 +0,0 @@
-def old():
-    pass
diff --git a/shop/util.py b/shop/helpers.py
similarity index 90%
rename from shop/util.py
rename to shop/helpers.py
index 4444444..5555555 100644
--- a/shop/util.py
+++ b/shop/helpers.py
@@ -3,2 +3,3 @@ import math
 def cents(x):
-    return round(x * 100)
+    return int(round(x * 100))
+# end
\\ No newline at end of file
diff --git a/README.md b/README.md
new file mode 100644
index 0000000..6666666
--- /dev/null
+++ b/README.md
@@ -0,0 +1 @@
+# Shop
"""
TRICKY_CHANGED = {"db/schema.sql": [1, 22, 23], "shop/helpers.py": [4, 5], "README.md": [1]}


def large_diff(files: int = 120) -> str:
    """A generated pull request of about 30,000 characters: fixture files, each one added line."""
    parts = [f"diff --git a/tests/data/case_{n:03d}.json b/tests/data/case_{n:03d}.json\nnew file mode 100644\n"
             f"--- /dev/null\n+++ b/tests/data/case_{n:03d}.json\n@@ -0,0 +1 @@\n"
             f'+{{"case": {n}, "input": "{"x" * 120}", "expected": {n * 7}}}\n' for n in range(files)]
    return "".join(parts)


def pulls(diff: str = SHOP_DIFF) -> dict[str, dict]:
    return {f"{REPO}#{NUMBER}": {"diff": diff, "head_sha": HEAD_SHA}}


_numbers = itertools.count(1)


@contextlib.contextmanager
def code_host(folder: Path, diff: str = SHOP_DIFF, gate: threading.Event | None = None):
    """The fake code host on a unix socket in `folder`: yields (what it recorded, its socket path)."""
    app = _fake_host_module().create_fake_host(pulls(diff), HOST_TOKEN, gate=gate)
    socket = Path(folder) / f"code-host-{next(_numbers)}.sock"
    served = Served(app, str(socket)).start()
    try:
        yield app.state.posted, str(socket)
    finally:
        if gate is not None:
            gate.set()
        served.stop()


def payload(action: str = "opened") -> dict:
    return {"action": action, "number": NUMBER,
            "pull_request": {"number": NUMBER, "title": "Look orders up by id; charge cards", "draft": False,
                             "head": {"sha": HEAD_SHA, "ref": "orders-by-id"}, "user": {"login": "dev-anna"}},
            "repository": {"full_name": REPO, "private": True}, "sender": {"login": "dev-anna"}}


def github_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def build(spec: dict, secret: str) -> tuple[dict, bytes]:
    """(headers, body) for one spec: event, delivery, action or raw_body, signature (valid, missing, wrong-secret,
    tampered, or raw:VALUE), omit (header names)."""
    if "raw_body" in spec:
        body = str(spec["raw_body"]).encode()
    elif spec.get("event") == "ping":
        body = json.dumps({"zen": "Keep it logically awesome.", "hook_id": 1234}).encode()
    else:
        body = json.dumps(payload(spec.get("action", "opened"))).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "GitHub-Hookshot/test",
               "X-GitHub-Event": spec.get("event", "pull_request"),
               "X-GitHub-Delivery": spec.get("delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")}
    mode = spec.get("signature", "valid")
    if mode == "valid":
        headers["X-Hub-Signature-256"] = github_signature(secret, body)
    elif mode == "wrong-secret":
        headers["X-Hub-Signature-256"] = github_signature("not-the-configured-secret-0000", body)
    elif mode == "tampered":
        headers["X-Hub-Signature-256"] = github_signature(secret, body)
        body = body.replace(b'"opened"', b'"reopened"', 1)
    elif mode.startswith("raw:"):
        headers["X-Hub-Signature-256"] = mode[4:].encode("latin-1")
    elif mode != "missing":
        raise ValueError(f"unknown signature mode {mode!r}")
    for name in spec.get("omit", []):
        headers.pop(name, None)
    return headers, body


def send(app, spec: dict, secret: str) -> dict:
    headers, body = build(spec, secret)
    return app.post(PATH, headers=headers, content=body)


def send_at_once(app, count: int, spec: dict, secret: str) -> list[dict]:
    start, answers = threading.Barrier(count), [None] * count

    def one(index: int) -> None:
        start.wait()
        answers[index] = send(app, spec, secret)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
