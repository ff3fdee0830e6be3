### BEGIN STARTER
# """The producer: accept a document, answer 202 at once with a task id, and report the task's status."""
### END STARTER
### BEGIN SOLUTION
"""The producer: accept a document, answer 202 at once with a task id, and report the task's status.

Handlers are plain `def`: FastAPI runs them in a thread pool, so the blocking Redis calls never stall the event
loop (an `async def` handler that calls a blocking client would)."""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# from fastapi import FastAPI, Header, HTTPException, Response  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from fastapi import FastAPI, Header, HTTPException, Response
### END SOLUTION
from pydantic import BaseModel, Field

### BEGIN STARTER
# from queue_worker.taskqueue import IdempotencyConflict, TaskQueue  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from queue_worker.taskqueue import IdempotencyConflict, TaskQueue
### END SOLUTION


class TaskRequest(BaseModel):
    document: str = Field(min_length=1, max_length=200_000)


def create_app(tasks: TaskQueue) -> FastAPI:
    ### BEGIN STARTER
    # """Two routes, as plain `def` handlers (FastAPI runs them in a thread pool, so blocking Redis calls are fine):
    #
    # * `POST /tasks` with a TaskRequest body and an optional `Idempotency-Key` header: `tasks.submit(...)`, then
    #   202 with {"task_id", "status", "status_url": "/tasks/<id>"} and a Location header; 422 on
    #   IdempotencyConflict (FastAPI already answers 422 for an empty document).
    # * `GET /tasks/{task_id}`: 200 with {"task_id", "status", "attempts", "result", "error"}, or 404.
    # """
    # # TODO step 6
    # raise NotImplementedError("step 6: create_app")
    ### END STARTER
    ### BEGIN SOLUTION
    app = FastAPI(title="Document summaries")

    @app.post("/tasks", status_code=202)
    def submit(request: TaskRequest, response: Response,
               idempotency_key: str | None = Header(default=None, max_length=255)) -> dict:
        try:
            task_id = tasks.submit(request.document, idempotency_key=idempotency_key)
        except IdempotencyConflict as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        current = tasks.status(task_id)
        response.headers["Location"] = f"/tasks/{task_id}"
        return {"task_id": task_id, "status": current.status if current else "queued",
                "status_url": f"/tasks/{task_id}"}

    @app.get("/tasks/{task_id}")
    def status(task_id: str) -> dict:
        current = tasks.status(task_id)
        if current is None:
            raise HTTPException(status_code=404, detail=f"no task {task_id}")
        return {"task_id": current.task_id, "status": current.status, "attempts": current.attempts,
                "result": current.result, "error": current.error}

    return app
    ### END SOLUTION
