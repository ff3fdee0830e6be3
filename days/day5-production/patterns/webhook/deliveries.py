"""GitHub deliveries as the graded tests send them: signed by the tests' own code (so a signer and verifier that
agree with each other but not with GitHub cannot pass), posted from the grading process to the app the
submission serves. Loaded by the tests with `autograder.units.unit_module("d5-webhook", "deliveries")`."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading

REPO = "acme/shop"
PATH = "/webhooks/github"
DIFF = """diff --git a/shop/orders.py b/shop/orders.py
@@ -10,3 +10,6 @@ def find_order(db, order_id):
-    return db.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
+    query = f"SELECT * FROM orders WHERE id = {order_id}"
+    return db.execute(query).fetchone()
"""  # what the fake GitHub serves for the pull request: an f-string SQL query, the bug the scenario's review finds


def pull_request_payload(action: str = "opened", number: int = 42) -> dict:
    return {"action": action, "number": number,
            "pull_request": {"number": number, "title": "Look orders up by id", "draft": False,
                             "head": {"sha": "9f2c4e1"}, "user": {"login": "dev-anna"}},
            "repository": {"full_name": REPO, "private": True}, "sender": {"login": "dev-anna"}}


def github_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def build_request(spec: dict, secret: str) -> tuple[dict, bytes | list, list[str]]:
    """(headers, body, signatures that must never be shown) for one spec:
    event, delivery, action or raw_body, pad_to (bytes), chunked, signature (valid, missing, wrong-secret,
    tampered, or raw:VALUE), omit (header names)."""
    if "raw_body" in spec:
        body = str(spec["raw_body"]).encode()
    else:
        payload = pull_request_payload(spec.get("action", "opened"))
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
    forbidden = [] if mode == "valid" else [github_signature(secret, body)]
    if mode == "valid":
        headers["X-Hub-Signature-256"] = github_signature(secret, body)
    elif mode == "wrong-secret":
        headers["X-Hub-Signature-256"] = github_signature("not-the-configured-secret-0000", body)
    elif mode == "tampered":  # signed, then changed on the way
        headers["X-Hub-Signature-256"] = github_signature(secret, body)
        body = body.replace(b'"opened"', b'"closed"', 1) if b'"opened"' in body else body + b" "
        forbidden.append(github_signature(secret, body))
    elif mode.startswith("raw:"):
        headers["X-Hub-Signature-256"] = mode[4:].encode("latin-1")
    elif mode != "missing":
        raise ValueError(f"unknown signature mode {mode!r}")
    for name in spec.get("omit", []):
        headers.pop(name, None)
    if spec.get("chunked"):  # no Content-Length: the body arrives in chunks
        body = [body[i:i + 4096] for i in range(0, len(body), 4096)]
    return headers, body, forbidden


def send(app, spec: dict, secret: str) -> dict:
    """One delivery; the answer, with `forbidden`: the signatures it must not show."""
    headers, body, forbidden = build_request(spec, secret)
    answer = app.post(PATH, headers=headers, content=iter(body) if isinstance(body, list) else body)
    return {**answer, "forbidden": forbidden}


def send_at_once(apps: list, spec: dict, secret: str) -> list[dict]:
    """The same delivery to each app in `apps` (an app may appear several times), all released at one moment."""
    start, answers = threading.Barrier(len(apps)), [None] * len(apps)

    def one(index: int) -> None:
        start.wait()
        answers[index] = send(apps[index], spec, secret)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(apps))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def leaks(secret: str, answers: list[dict], logs: list[str], printed: str) -> list[str]:
    """Where the secret, or a valid signature of a rejected body, shows up: in an answer the tests received, or
    in the app's logs and printed output (those two as the submission's process reports them)."""
    digests = [s.split("=", 1)[1] for a in answers for s in a["forbidden"]]
    found = []
    for where, texts in (("a response body", [a["text"] for a in answers]), ("the logs", logs),
                         ("the printed output", [printed])):
        for text in texts:
            if secret in text:
                found.append(f"the secret appears in {where}: {text[:200]!r}")
            found += [f"a valid signature appears in {where}: {text[:200]!r}" for d in digests if d in text]
    return found[:5]
