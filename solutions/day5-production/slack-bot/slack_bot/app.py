### BEGIN STARTER
# """The FastAPI app: POST /slack/events, POST /slack/commands, GET /health."""
### END STARTER
### BEGIN SOLUTION
"""The FastAPI app: POST /slack/events, POST /slack/commands, GET /health.

Both endpoints verify the signature over the raw body first, answer within Slack's 3 seconds, and leave the
model call to a background job. A slash command's body is form-encoded, so it is parsed from the same raw bytes
that were verified (parse_qs), not re-read by a form parser.
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
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
### BEGIN STARTER
# from typing import Any  # noqa: F401
# from urllib.parse import parse_qs  # noqa: F401 - a slash command's body is form-encoded
### END STARTER
### BEGIN SOLUTION
from typing import Any
from urllib.parse import parse_qs
### END SOLUTION

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

### BEGIN STARTER
# from slack_bot.assistant import answer_question, strip_mentions  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from slack_bot.assistant import answer_question, strip_mentions
### END SOLUTION
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

    ### BEGIN SOLUTION
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

    ### END SOLUTION
    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/slack/events")
    async def slack_events(request: Request) -> JSONResponse:
        ### BEGIN STARTER
        # """TODO step 4:
        # 1. body = await request.body(); verifier.is_valid(body, X-Slack-Request-Timestamp, X-Slack-Signature)
        #    false -> 401 with a JSON error.
        # 2. Not a JSON object -> 400. type "url_verification" -> 200 {"challenge": payload["challenge"]}.
        # 3. type "event_callback" with an "app_mention" event (and no "bot_id"): if seen.first_time(event_id), submit a
        #    job that answers strip_mentions(text) with answer_question(llm, ...) and posts it with
        #    slack.post_message(channel, answer, thread_ts=event's thread_ts or ts) (on failure: seen.forget(event_id)
        #    and re-raise). Either way, and for anything else, answer 200 at once."""
        # raise NotImplementedError("step 4: the events endpoint")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    @app.post("/slack/commands")
    async def slack_commands(request: Request) -> JSONResponse:
        ### BEGIN STARTER
        # """TODO step 6: verify as above (401); parse the raw body with parse_qs; empty text -> 200 {"response_type":
        # "ephemeral", "text": USAGE}; otherwise submit a job that answers form["text"] and calls
        # slack.respond(form["response_url"], {"response_type": "in_channel", "text": answer}), and return at once
        # 200 {"response_type": "ephemeral", "text": "<a short 'working on it'>"}."""
        # raise NotImplementedError("step 6: the commands endpoint")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    return app
