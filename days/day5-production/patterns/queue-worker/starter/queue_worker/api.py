"""The producer: accept a document, answer 202 at once with a task id, and report the task's status."""
from __future__ import annotations

from fastapi import FastAPI, Header, HTTPException, Response  # noqa: F401
from pydantic import BaseModel, Field

from queue_worker.taskqueue import IdempotencyConflict, TaskQueue  # noqa: F401


class TaskRequest(BaseModel):
    document: str = Field(min_length=1, max_length=200_000)


def create_app(tasks: TaskQueue) -> FastAPI:
    """Two routes, as plain `def` handlers (FastAPI runs them in a thread pool, so blocking Redis calls are fine):

    * `POST /tasks` with a TaskRequest body and an optional `Idempotency-Key` header: `tasks.submit(...)`, then
      202 with {"task_id", "status", "status_url": "/tasks/<id>"} and a Location header; 422 on
      IdempotencyConflict (FastAPI already answers 422 for an empty document).
    * `GET /tasks/{task_id}`: 200 with {"task_id", "status", "attempts", "result", "error"}, or 404.
    """
    # TODO step 6
    raise NotImplementedError("step 6: create_app")
