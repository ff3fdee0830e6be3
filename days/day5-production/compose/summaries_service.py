"""The service behind the gateway: the deployment unit's app (POST /summarise, GET /health, GET /ready, a
graceful shutdown) with the queue-worker unit's routes added (POST /tasks, GET /tasks/{task_id}), on one Redis.

    uvicorn summaries_service:build_app --factory --host 0.0.0.0 --port 8000 --timeout-graceful-shutdown 20
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute, APIRouter
from pydantic import Field
from redis import Redis

from lab_service import ServiceSettings, create_app
from queue_worker import TaskQueue
from queue_worker import create_app as create_task_app

QUEUE = "summaries"  # the queue the worker serves: `rq worker summaries`


class Settings(ServiceSettings):
    redis_url: str = Field(validation_alias="REDIS_URL", pattern=r"^(rediss?|unix)://")


def build_app(settings: Settings | None = None) -> FastAPI:
    """Settings are read here, so a wrong configuration stops the container before its health check passes."""
    settings = settings or Settings()
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    tasks = TaskQueue(redis, name=QUEUE, provider=settings.provider, model=settings.model)
    app = create_app(settings, checks={"redis": redis.ping})
    # Only the task app's own routes: its /docs and /openapi.json would describe the wrong app.
    task_routes = [route for route in create_task_app(tasks).routes if isinstance(route, APIRoute)]
    app.include_router(APIRouter(routes=task_routes))
    return app
