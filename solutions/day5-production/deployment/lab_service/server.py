"""Run the app under uvicorn the way the platforms should: on every interface, on $PORT, with a bounded
graceful shutdown."""
from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from lab_service.settings import ServiceSettings


def server_config(app: FastAPI, settings: ServiceSettings, *, host: str = "0.0.0.0", port: int | None = None,
                  uds: str | None = None) -> uvicorn.Config:
    ### BEGIN STARTER
    # """The uvicorn configuration for the service.
    #
    # TODO step 6: lifespan="on" (a failing start-up must stop the process) and
    # timeout_graceful_shutdown=settings.shutdown_grace_seconds. Without the timeout, uvicorn waits for a stuck
    # request for ever after SIGTERM; the platform's SIGKILL then ends the process mid-request, and your
    # lifespan shutdown never runs.
    # """
    # return uvicorn.Config(app, host=host, port=settings.port if port is None else port, uds=uds)
    ### END STARTER
    ### BEGIN SOLUTION
    """On SIGTERM uvicorn stops accepting connections, waits for the open ones, then runs the lifespan
    shutdown. Without timeout_graceful_shutdown it waits for ever, the platform's SIGKILL ends it mid-request,
    and the lifespan shutdown (closing clients, flushing logs) never runs."""
    return uvicorn.Config(app, host=host, port=settings.port if port is None else port, uds=uds, lifespan="on",
                          timeout_graceful_shutdown=settings.shutdown_grace_seconds, log_level="info")
    ### END SOLUTION


def serve(app: FastAPI, settings: ServiceSettings, **where) -> None:
    """Serve until SIGTERM or SIGINT (uvicorn installs the handlers: call this from the main thread)."""
    uvicorn.Server(server_config(app, settings, **where)).run()
