"""The FastAPI app: POST /webhooks/github and GET /health."""
from __future__ import annotations

import json  # noqa: F401
import logging
from contextlib import asynccontextmanager
from typing import Any  # noqa: F401

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from webhook_service.deliveries import DeliveryStore, MemoryDeliveryStore
from webhook_service.github import GitHubAPI
from webhook_service.jobs import BackgroundJobs
from webhook_service.review import review_pull_request  # noqa: F401 - what the background job runs
from webhook_service.settings import WebhookSettings
from webhook_service.signature import verify_signature  # noqa: F401

log = logging.getLogger(__name__)
REVIEWED_ACTIONS = {"opened", "synchronize", "reopened", "ready_for_review"}


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def read_body(request: Request, limit: int) -> bytes | None:
    """The raw body, or None as soon as it is known to exceed `limit` bytes.

    TODO step 4: None at once if Content-Length says more than `limit`; otherwise read `request.stream()` chunk by
    chunk, counting, and return None as soon as the count passes `limit` (a chunked body has no Content-Length)."""
    raise NotImplementedError("step 4: read_body")


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

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/webhooks/github")
    async def github_webhook(request: Request) -> JSONResponse:
        """TODO step 4, cheapest check first, nothing trusted before it is verified:

        1. body = await read_body(request, settings.webhook_max_body_bytes); None -> 413.
        2. verify_signature(secret, body, X-Hub-Signature-256) false -> 401 with a JSON error (never the secret or
           the signature you computed in the message or a log line).
        3. X-GitHub-Event or X-GitHub-Delivery missing, or a body that is not a JSON object -> 400.
        4. event "ping" -> 200 {"status": "pong"}; not a pull_request in REVIEWED_ACTIONS -> 200 "ignored".
        5. store.claim(delivery id) false -> 200 {"status": "duplicate"} (run it with run_in_threadpool: Redis blocks).
        6. jobs.submit(delivery id, work, ...) where the work runs review_pull_request(llm, github, payload) and, if
           that raises, calls store.release(delivery id) and re-raises; then return 202 {"status": "accepted"}.
        """
        raise NotImplementedError("step 4: the webhook endpoint")

    return app
