### BEGIN STARTER
# """The FastAPI app: POST /webhooks/github and GET /health."""
### END STARTER
### BEGIN SOLUTION
"""The FastAPI app: POST /webhooks/github and GET /health.

Order of the checks, cheapest first and nothing trusted before it is verified:
size (413) -> signature (401) -> headers and JSON (400) -> ping / ignored events (200)
-> claim the delivery id (200 "duplicate" if taken) -> queue the review (202).
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import json
### END SOLUTION
import logging
from contextlib import asynccontextmanager
### BEGIN STARTER
# from typing import Any  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from typing import Any
### END SOLUTION

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from webhook_service.deliveries import DeliveryStore, MemoryDeliveryStore
from webhook_service.github import GitHubAPI
from webhook_service.jobs import BackgroundJobs
### BEGIN STARTER
# from webhook_service.review import review_pull_request  # noqa: F401 - what the background job runs
### END STARTER
### BEGIN SOLUTION
from webhook_service.review import review_pull_request
### END SOLUTION
from webhook_service.settings import WebhookSettings
### BEGIN STARTER
# from webhook_service.signature import verify_signature  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from webhook_service.signature import verify_signature
### END SOLUTION

log = logging.getLogger(__name__)
REVIEWED_ACTIONS = {"opened", "synchronize", "reopened", "ready_for_review"}


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def read_body(request: Request, limit: int) -> bytes | None:
    ### BEGIN STARTER
    # """The raw body, or None as soon as it is known to exceed `limit` bytes.
    #
    # TODO step 4: None at once if Content-Length says more than `limit`; otherwise read `request.stream()` chunk by
    # chunk, counting, and return None as soon as the count passes `limit` (a chunked body has no Content-Length)."""
    # raise NotImplementedError("step 4: read_body")
    ### END STARTER
    ### BEGIN SOLUTION
    """The raw body, or None as soon as it is known to exceed `limit` bytes (declared or actually sent)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():  # a chunked body has no Content-Length: count what arrives
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
    ### END SOLUTION


def create_app(settings: WebhookSettings, *, llm, github: GitHubAPI, store: DeliveryStore | None = None,
               jobs: BackgroundJobs | None = None) -> FastAPI:
    """`llm` is an agentkit.Client (anything with .chat); `github` does the two GitHub calls."""
    store = store if store is not None else MemoryDeliveryStore(settings.webhook_delivery_ttl_s)
    jobs = jobs if jobs is not None else BackgroundJobs()
    secret = settings.github_webhook_secret.get_secret_value()  # kept in this closure; never logged or returned

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        await run_in_threadpool(jobs.shutdown)  # let reviews in flight finish before the process exits

    app = FastAPI(title="Pull request reviewer", lifespan=lifespan)
    app.state.jobs, app.state.store = jobs, store

    ### BEGIN SOLUTION
    def process(delivery_id: str, payload: dict[str, Any]) -> None:
        try:
            review_pull_request(llm, github, payload)
        except Exception:
            store.release(delivery_id)  # a redelivery of this id may try again
            raise

    ### END SOLUTION
    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/webhooks/github")
    async def github_webhook(request: Request) -> JSONResponse:
        ### BEGIN STARTER
        # """TODO step 4, cheapest check first, nothing trusted before it is verified:
        #
        # 1. body = await read_body(request, settings.webhook_max_body_bytes); None -> 413.
        # 2. verify_signature(secret, body, X-Hub-Signature-256) false -> 401 with a JSON error (never the secret or
        #    the signature you computed in the message or a log line).
        # 3. X-GitHub-Event or X-GitHub-Delivery missing, or a body that is not a JSON object -> 400.
        # 4. event "ping" -> 200 {"status": "pong"}; not a pull_request in REVIEWED_ACTIONS -> 200 "ignored".
        # 5. store.claim(delivery id) false -> 200 {"status": "duplicate"} (run it with run_in_threadpool: Redis blocks).
        # 6. jobs.submit(delivery id, work, ...) where the work runs review_pull_request(llm, github, payload) and, if
        #    that raises, calls store.release(delivery id) and re-raises; then return 202 {"status": "accepted"}.
        # """
        # raise NotImplementedError("step 4: the webhook endpoint")
        ### END STARTER
        ### BEGIN SOLUTION
        body = await read_body(request, settings.webhook_max_body_bytes)
        if body is None:
            return error(413, f"payload larger than {settings.webhook_max_body_bytes} bytes")
        if not verify_signature(secret, body, request.headers.get("x-hub-signature-256")):
            log.warning("rejected a delivery with a missing or invalid signature")
            return error(401, "missing or invalid X-Hub-Signature-256")
        event = request.headers.get("x-github-event")
        delivery_id = request.headers.get("x-github-delivery")
        if not event or not delivery_id:
            return error(400, "X-GitHub-Event and X-GitHub-Delivery are required")
        try:
            payload = json.loads(body)
        except ValueError:
            return error(400, "the body is not JSON (set the webhook's content type to application/json)")
        if not isinstance(payload, dict):
            return error(400, "the body is not a JSON object")

        if event == "ping":
            return JSONResponse({"status": "pong"})
        if event != "pull_request" or payload.get("action") not in REVIEWED_ACTIONS:
            return JSONResponse({"status": "ignored", "event": event})
        if not await run_in_threadpool(store.claim, delivery_id):  # Redis is a blocking call: off the event loop
            log.info("delivery %s was already taken; not reviewing again", delivery_id)
            return JSONResponse({"status": "duplicate", "delivery": delivery_id})
        jobs.submit(delivery_id, process, delivery_id, payload)
        return JSONResponse({"status": "accepted", "delivery": delivery_id}, status_code=202)
        ### END SOLUTION

    return app
