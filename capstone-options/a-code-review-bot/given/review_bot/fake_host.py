"""A local fake of the code host's REST API (the GitHub calls the bot makes), for demos and for grading.

It serves each pull request's diff and records every review and comment posted, so you (or a grader) can see
exactly what the bot posted. It checks what GitHub checks on the way in (a token, the shape of a review), and
nothing about which lines are right: that is the bot's job.

    python -m review_bot fake-host          # http://127.0.0.1:8001, with the sample pull request acme/shop#42
    curl -s http://127.0.0.1:8001/_posted    # what has been posted so far
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, PlainTextResponse

MAX_COMMENTS = 200  # per review, as a guard; GitHub's own limit is higher


@dataclass
class Posted:
    """What the bot did to the host: diffs fetched, reviews and comments posted, requests refused."""

    diff_requests: int = 0
    reviews: list[dict] = field(default_factory=list)   # {"repo", "number", "commit_id", "body", "comments"}
    comments: list[dict] = field(default_factory=list)  # {"repo", "number", "body"}
    refused: list[dict] = field(default_factory=list)   # {"status", "path", "why"}
    lock: threading.Lock = field(default_factory=threading.Lock)

    def as_data(self) -> dict:
        with self.lock:
            return {"diff_requests": self.diff_requests, "reviews": list(self.reviews),
                    "comments": list(self.comments), "refused": list(self.refused)}


def create_fake_host(pulls: dict[str, dict], token: str, *, gate: threading.Event | None = None,
                     gate_timeout_s: float = 5.0) -> FastAPI:
    """`pulls` maps "owner/repo#number" to {"diff": unified diff text, "head_sha": commit id}. With a `gate`, a diff
    is served only once the gate is set (or `gate_timeout_s` has passed): a test uses it to hold the review."""
    app = FastAPI(title="fake code host")
    posted = app.state.posted = Posted()

    def refuse(status: int, path: str, why: str) -> JSONResponse:
        with posted.lock:
            posted.refused.append({"status": status, "path": path, "why": why})
        return JSONResponse({"message": why}, status_code=status)

    def authorised(authorization: str | None) -> bool:
        return authorization == f"Bearer {token}"

    @app.get("/repos/{owner}/{repo}/pulls/{number}")
    def get_pull(owner: str, repo: str, number: int, request: Request, authorization: str | None = Header(None),
                 accept: str = Header("")):
        if not authorised(authorization):
            return refuse(401, request.url.path, "Bad credentials")
        pull = pulls.get(f"{owner}/{repo}#{number}")
        if pull is None:
            return refuse(404, request.url.path, "Not Found")
        if "diff" in accept:
            if gate is not None:
                gate.wait(gate_timeout_s)
            with posted.lock:
                posted.diff_requests += 1
            return PlainTextResponse(pull["diff"])
        return {"number": number, "state": "open", "head": {"sha": pull.get("head_sha", "")}}

    @app.post("/repos/{owner}/{repo}/pulls/{number}/reviews")
    async def post_review(owner: str, repo: str, number: int, request: Request,
                          authorization: str | None = Header(None)):
        if not authorised(authorization):
            return refuse(401, request.url.path, "Bad credentials")
        if f"{owner}/{repo}#{number}" not in pulls:
            return refuse(404, request.url.path, "Not Found")
        try:
            data = await request.json()
        except ValueError:
            return refuse(400, request.url.path, "Problems parsing JSON")
        comments = data.get("comments", []) if isinstance(data, dict) else None
        if not isinstance(comments, list) or len(comments) > MAX_COMMENTS:
            return refuse(422, request.url.path, "Validation Failed: comments must be a list")
        for comment in comments:
            if not (isinstance(comment, dict) and isinstance(comment.get("path"), str)
                    and type(comment.get("line")) is int and comment["line"] >= 1
                    and isinstance(comment.get("body"), str) and comment["body"].strip()):
                return refuse(422, request.url.path, "Validation Failed: each comment needs path, line and body")
        body = data.get("body") or ""
        if not isinstance(body, str) or not (body.strip() or comments):
            return refuse(422, request.url.path, "Validation Failed: a review needs a body or comments")
        review = {"repo": f"{owner}/{repo}", "number": number, "commit_id": data.get("commit_id"), "body": body,
                  "comments": [{"path": c["path"], "line": c["line"], "body": c["body"]} for c in comments]}
        with posted.lock:
            posted.reviews.append(review)
            review_id = len(posted.reviews)
        return JSONResponse({"id": review_id, "state": "COMMENTED"}, status_code=200)

    @app.post("/repos/{owner}/{repo}/issues/{number}/comments")
    async def post_comment(owner: str, repo: str, number: int, request: Request,
                           authorization: str | None = Header(None)):
        if not authorised(authorization):
            return refuse(401, request.url.path, "Bad credentials")
        if f"{owner}/{repo}#{number}" not in pulls:
            return refuse(404, request.url.path, "Not Found")
        try:
            data = await request.json()
        except ValueError:
            return refuse(400, request.url.path, "Problems parsing JSON")
        body = data.get("body") if isinstance(data, dict) else None
        if not isinstance(body, str) or not body.strip():
            return refuse(422, request.url.path, "Validation Failed: body is required")
        with posted.lock:
            posted.comments.append({"repo": f"{owner}/{repo}", "number": number, "body": body})
            comment_id = len(posted.comments)
        return JSONResponse({"id": comment_id, "body": body}, status_code=201)

    @app.get("/_posted")
    def what_was_posted():
        return posted.as_data()

    return app


SAMPLE_DIFF = """diff --git a/shop/orders.py b/shop/orders.py
index 3f2a9c1..8b7d0e4 100644
--- a/shop/orders.py
+++ b/shop/orders.py
@@ -8,7 +8,9 @@ from shop.db import connect
 
 def find_order(db, order_id):
     \"\"\"The order with this id, or None.\"\"\"
-    return db.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
+    query = f"SELECT * FROM orders WHERE id = {order_id}"
+    row = db.execute(query).fetchone()
+    return row
 
 
 def total(order):
"""
SAMPLE_PULLS = {"acme/shop#42": {"diff": SAMPLE_DIFF, "head_sha": "9f2c4e1d"}}
