"""The FastAPI app: POST /slack/events, POST /slack/commands, GET /health."""
from __future__ import annotations

import json  # noqa: F401
import logging
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any  # noqa: F401
from urllib.parse import parse_qs  # noqa: F401 - a slash command's body is form-encoded

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from slack_bot.assistant import answer_question, strip_mentions  # noqa: F401
from slack_bot.jobs import BackgroundJobs
from slack_bot.seen import SeenEvents
from slack_bot.settings import SlackSettings
from slack_bot.signing import SlackVerifier
from slack_bot.slack_client import SlackClient

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 256 * 1024
USAGE = "Usage: `/ask <question>`, for example `/ask how do I rotate the staging database password?`"


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(settings: SlackSettings, *, llm, slack: SlackClient, clock: Callable[[], float] = time.time,
               jobs: BackgroundJobs | None = None, seen: SeenEvents | None = None) -> FastAPI:
    """`llm` is an agentkit.Client; `slack` posts messages; `clock` gives Unix time (for the timestamp check)."""
    verifier = SlackVerifier(settings.slack_signing_secret.get_secret_value(), max_age_s=settings.slack_max_age_s,
                             clock=clock)
    jobs = jobs if jobs is not None else BackgroundJobs()
    seen = seen if seen is not None else SeenEvents()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        await run_in_threadpool(jobs.shutdown)

    app = FastAPI(title="Slack assistant", lifespan=lifespan)
    app.state.jobs, app.state.seen = jobs, seen

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/slack/events")
    async def slack_events(request: Request) -> JSONResponse:
        """TODO step 4:
        1. body = await request.body(); verifier.is_valid(body, X-Slack-Request-Timestamp, X-Slack-Signature)
           false -> 401 with a JSON error.
        2. Not a JSON object -> 400. type "url_verification" -> 200 {"challenge": payload["challenge"]}.
        3. type "event_callback" with an "app_mention" event (and no "bot_id"): if seen.first_time(event_id), submit a
           job that answers strip_mentions(text) with answer_question(llm, ...) and posts it with
           slack.post_message(channel, answer, thread_ts=event's thread_ts or ts) (on failure: seen.forget(event_id)
           and re-raise). Either way, and for anything else, answer 200 at once."""
        raise NotImplementedError("step 4: the events endpoint")

    @app.post("/slack/commands")
    async def slack_commands(request: Request) -> JSONResponse:
        """TODO step 6: verify as above (401); parse the raw body with parse_qs; empty text -> 200 {"response_type":
        "ephemeral", "text": USAGE}; otherwise submit a job that answers form["text"] and calls
        slack.respond(form["response_url"], {"response_type": "in_channel", "text": answer}), and return at once
        200 {"response_type": "ephemeral", "text": "<a short 'working on it'>"}."""
        raise NotImplementedError("step 6: the commands endpoint")

    return app
