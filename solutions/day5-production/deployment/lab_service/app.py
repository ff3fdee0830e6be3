### BEGIN STARTER
# """The lab service. This is the handout's shape: the model client is made when the module builds the app and
# never closed, /health is the only probe, and nothing happens at shutdown. Make it the service the README's
# contract describes.
# """
### END STARTER
### BEGIN SOLUTION
"""The lab service: POST /summarise (model-backed), GET /health (liveness), GET /ready (readiness), and a
lifespan that builds the model client at start and, at shutdown, refuses new work, lets in-flight work
finish within the grace period, then closes the client."""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import asyncio
import inspect
### END SOLUTION
import logging
### BEGIN STARTER
# from collections.abc import Awaitable, Callable
### END STARTER
### BEGIN SOLUTION
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
### END SOLUTION

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from agentkit import LLMError
### BEGIN STARTER
# from lab_service.lifecycle import Draining, Lifecycle  # noqa: F401 - you will use these
### END STARTER
### BEGIN SOLUTION
from lab_service.lifecycle import Draining, Lifecycle
### END SOLUTION
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
    ### BEGIN STARTER
    # """The app. `checks` are readiness checks for the service's own dependencies: each returns True (or an
    # awaitable of True) when the dependency is usable.
    #
    # TODO step 3: a lifespan (FastAPI(lifespan=...)) that builds the summariser with the factory and calls
    # lifecycle.start(); after its `yield`: begin_drain(), wait_idle(settings.shutdown_grace_seconds), then
    # `await summariser.aclose()` whatever happened.
    # TODO step 4: GET /ready: 200 {"ready": true, "checks": {...}} when started, not draining, and every check
    # passes within settings.readiness_timeout_seconds; otherwise 503 naming what is not "ok". No exception
    # text in the answer.
    # TODO step 5: /summarise counts its model call with `async with lifecycle.work()`, and answers 503 with a
    # Retry-After header when Draining is raised.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """The app. Settings are loaded here, so `uvicorn --factory lab_service.app:create_app` fails at start,
    before the platform's health check passes, when they are wrong. `checks` are readiness checks for the
    service's own dependencies (a Redis ping, say): each returns True when the dependency is usable."""
    ### END SOLUTION
    settings = settings or ServiceSettings()
    ### BEGIN STARTER
    # summariser = (summariser_factory or Summariser.from_settings)(settings)
    ### END STARTER
    ### BEGIN SOLUTION
    make_summariser = summariser_factory or Summariser.from_settings
    checks = dict(checks or {})
    lifecycle = Lifecycle()
    ### END SOLUTION

    ### BEGIN STARTER
    # app = FastAPI(title="Summaries")
    ### END STARTER
    ### BEGIN SOLUTION
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.summariser = make_summariser(settings)
        lifecycle.start()
        log.info("serving %s with %s", settings.provider, settings.model)
        try:
            yield
        finally:
            lifecycle.begin_drain()
            if not await lifecycle.wait_idle(settings.shutdown_grace_seconds):
                log.warning("%d requests still running after %.0f s; closing anyway", lifecycle.in_flight,
                            settings.shutdown_grace_seconds)
            await app.state.summariser.aclose()
            log.info("model client closed")

    app = FastAPI(title="Summaries", lifespan=lifespan)
    app.state.lifecycle = lifecycle
    app.state.summariser = None
    ### END SOLUTION

    @app.get("/health")
    async def health() -> dict:
        ### BEGIN SOLUTION
        """Liveness: the process answers. Never depends on anything else, or a dependency outage would make
        the platform restart healthy processes."""
        ### END SOLUTION
        return {"status": "alive"}
    ### BEGIN SOLUTION

    @app.get("/ready")
    async def ready() -> JSONResponse:
        """Readiness: started, not draining, and every dependency check passing within the timeout."""
        results = {"settings": "ok", "summariser": "ok" if app.state.summariser is not None else "not started"}
        if lifecycle.draining:
            results["shutdown"] = "draining"
        outcomes = await asyncio.gather(*(run_check(check, settings.readiness_timeout_seconds)
                                          for check in checks.values()))
        results.update(zip(checks, outcomes))
        is_ready = all(outcome == "ok" for outcome in results.values())
        return JSONResponse({"ready": is_ready, "checks": results}, status_code=200 if is_ready else 503)
    ### END SOLUTION

    @app.post("/summarise")
    async def summarise(body: SummariseRequest) -> JSONResponse:
        if len(body.text) > settings.max_input_chars:
            return JSONResponse({"error": f"text longer than {settings.max_input_chars} characters"}, status_code=413)
        try:
        ### BEGIN STARTER
        #     summary = await summariser.summarise(body.text)
        ### END STARTER
        ### BEGIN SOLUTION
            async with lifecycle.work():
                summary = await app.state.summariser.summarise(body.text)
        except Draining:
            return JSONResponse({"error": "the service is restarting; retry shortly"}, status_code=503,
                                headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Connection": "close"})
        ### END SOLUTION
        except LLMError as exc:
            log.warning("model call failed: %s", type(exc).__name__)
            return JSONResponse({"error": "the model call failed; retry later"}, status_code=502)
        return JSONResponse({"summary": summary, "model": settings.model})

    return app
### BEGIN SOLUTION


async def run_check(check: Check, timeout: float) -> str:
    """"ok", "failed" or "timed out". Exception text is not returned or logged: a connection error often
    carries the URL, password and all."""
    try:
        if inspect.iscoroutinefunction(check):
            passed = await asyncio.wait_for(check(), timeout)
        else:  # a blocking client (redis-py, a DB driver) must not stall the event loop
            passed = await asyncio.wait_for(asyncio.to_thread(check), timeout)
    except asyncio.TimeoutError:
        return "timed out"
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency means not ready
        log.warning("readiness check failed: %s", type(exc).__name__)
        return "failed"
    return "ok" if passed else "failed"
### END SOLUTION
