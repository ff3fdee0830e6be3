"""The webhook: verify, parse, claim the delivery once, answer 202 at once, review in the background."""
from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from review_bot.code_host import CodeHost
from review_bot.jobs import BackgroundJobs
from review_bot.review import review_pull_request
from review_bot.settings import BotSettings
from review_bot.signature import verify_signature

log = logging.getLogger(__name__)
REVIEWED_ACTIONS = {"opened", "reopened", "synchronize"}
KEPT_DELIVERIES = 10_000  # delivery ids remembered; the oldest are forgotten first


def create_app(settings: BotSettings, *, llm, host: CodeHost, jobs: BackgroundJobs) -> FastAPI:
    app = FastAPI(title="review bot")
    secret = settings.webhook_secret.get_secret_value()
    claimed: OrderedDict[str, None] = OrderedDict()
    lock = threading.Lock()

    @app.exception_handler(NotImplementedError)
    async def not_built_yet(request: Request, exc: NotImplementedError):
        return JSONResponse({"error": f"not built yet: {exc}"}, status_code=501)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)


    @app.post("/webhooks/github")
    async def webhook(request: Request):
        # TODO (the brief's contract, webhook rules 1-6): read the raw body; 401 unless verify_signature;
        # 400 without X-GitHub-Event / X-GitHub-Delivery or with a body that is not a JSON object; 200 for a
        # ping and for events and actions you do not review; 200 "duplicate" for a delivery id already claimed;
        # otherwise jobs.submit(delivery, ...) the review and answer 202 at once.
        raise NotImplementedError("the webhook (app.py), the review (review.py), the diff (diff.py), "
                                  "the signature check (signature.py)")

    return app
