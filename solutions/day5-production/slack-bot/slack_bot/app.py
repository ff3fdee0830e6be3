"""The FastAPI app: POST /slack/events, POST /slack/commands, GET /health.

Both endpoints verify the signature over the raw body first, answer within Slack's 3 seconds, and leave the
model call to a background job. A slash command's body is form-encoded, so it is parsed from the same raw bytes
that were verified (parse_qs), not re-read by a form parser.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from slack_bot.assistant import answer_question, strip_mentions
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

    async def verified_body(request: Request) -> bytes | None:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return None
        ok = verifier.is_valid(body, request.headers.get("x-slack-request-timestamp"),
                               request.headers.get("x-slack-signature"))
        return body if ok else None

    def answer_mention(event_id: str, event: dict[str, Any]) -> None:
        try:
            text = answer_question(llm, strip_mentions(event.get("text", "")))
            slack.post_message(event["channel"], text, thread_ts=event.get("thread_ts") or event["ts"])
        except Exception:
            seen.forget(event_id)  # Slack's next retry may try again
            raise

    def answer_command(form: dict[str, str]) -> None:
        text = answer_question(llm, form["text"])
        slack.respond(form["response_url"], {"response_type": "in_channel", "text": text})

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/slack/events")
    async def slack_events(request: Request) -> JSONResponse:
        body = await verified_body(request)
        if body is None:
            return error(401, "invalid, missing or expired Slack signature")
        try:
            payload = json.loads(body)
        except ValueError:
            return error(400, "the body is not JSON")
        if not isinstance(payload, dict):
            return error(400, "the body is not a JSON object")
        if payload.get("type") == "url_verification":
            return JSONResponse({"challenge": payload.get("challenge", "")})
        event = payload.get("event") or {}
        if payload.get("type") != "event_callback" or event.get("type") != "app_mention" or event.get("bot_id"):
            return JSONResponse({"ok": True})
        event_id = str(payload.get("event_id", ""))
        if not event_id or not seen.first_time(event_id):
            log.info("event %s already taken (retry %s); acknowledged", event_id,
                     request.headers.get("x-slack-retry-num", "-"))
            return JSONResponse({"ok": True})
        jobs.submit(event_id, answer_mention, event_id, event)
        return JSONResponse({"ok": True})

    @app.post("/slack/commands")
    async def slack_commands(request: Request) -> JSONResponse:
        body = await verified_body(request)
        if body is None:
            return error(401, "invalid, missing or expired Slack signature")
        form = {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}
        if not form.get("text", "").strip():
            return JSONResponse({"response_type": "ephemeral", "text": USAGE})
        if not form.get("response_url"):
            return error(400, "response_url is missing")
        jobs.submit(form.get("trigger_id") or form["response_url"], answer_command, form)
        return JSONResponse({"response_type": "ephemeral", "text": f"Looking into it: {form['text'][:200]}"})

    return app
