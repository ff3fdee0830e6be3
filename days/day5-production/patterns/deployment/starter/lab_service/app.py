"""The lab service. This is the handout's shape: the model client is made when the module builds the app and
never closed, /health is the only probe, and nothing happens at shutdown. Make it the service the README's
contract describes.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from agentkit import LLMError
from lab_service.lifecycle import Draining, Lifecycle  # noqa: F401 - you will use these
from lab_service.settings import ServiceSettings
from lab_service.summariser import Summariser

log = logging.getLogger("lab_service")

Check = Callable[[], bool] | Callable[[], Awaitable[bool]]
SummariserFactory = Callable[[ServiceSettings], Summariser]
RETRY_AFTER_SECONDS = 5


class SummariseRequest(BaseModel):
    text: str = Field(min_length=1)


def create_app(settings: ServiceSettings | None = None, *, summariser_factory: SummariserFactory | None = None,
               checks: dict[str, Check] | None = None) -> FastAPI:
    """The app. `checks` are readiness checks for the service's own dependencies: each returns True (or an
    awaitable of True) when the dependency is usable.

    TODO step 3: a lifespan (FastAPI(lifespan=...)) that builds the summariser with the factory and calls
    lifecycle.start(); after its `yield`: begin_drain(), wait_idle(settings.shutdown_grace_seconds), then
    `await summariser.aclose()` whatever happened.
    TODO step 4: GET /ready: 200 {"ready": true, "checks": {...}} when started, not draining, and every check
    passes within settings.readiness_timeout_seconds; otherwise 503 naming what is not "ok". No exception
    text in the answer.
    TODO step 5: /summarise counts its model call with `async with lifecycle.work()`, and answers 503 with a
    Retry-After header when Draining is raised.
    """
    settings = settings or ServiceSettings()
    summariser = (summariser_factory or Summariser.from_settings)(settings)

    app = FastAPI(title="Summaries")

    @app.get("/health")
    async def health() -> dict:
        return {"status": "alive"}

    @app.post("/summarise")
    async def summarise(body: SummariseRequest) -> JSONResponse:
        if len(body.text) > settings.max_input_chars:
            return JSONResponse({"error": f"text longer than {settings.max_input_chars} characters"}, status_code=413)
        try:
            summary = await summariser.summarise(body.text)
        except LLMError as exc:
            log.warning("model call failed: %s", type(exc).__name__)
            return JSONResponse({"error": "the model call failed; retry later"}, status_code=502)
        return JSONResponse({"summary": summary, "model": settings.model})

    return app
