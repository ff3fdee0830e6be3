"""Submitting summary tasks to an RQ queue on Redis, and reading back their status and the dead letters.

RQ pieces you need (rq 3.0):
* `self.queue.enqueue(summarise, args=(document,), kwargs={...}, retry=..., result_ttl=..., failure_ttl=...,
  meta={...}, job_id=..., unique=True)` returns the Job; with `unique=True` and a `job_id` that already exists it
  raises `rq.exceptions.DuplicateJobError` instead (checked and created in one atomic step).
* `Job.fetch(job_id, connection=redis)` (raises `NoSuchJobError`), `job.get_status()` (a `JobStatus`),
  `job.meta`, `job.return_value()`, `job.ended_at`, `job.retries_left`, `job.retry_intervals`.
* `FailedJobRegistry(queue=...)`: `.get_job_ids()`, `job_id in registry`, `.requeue(job)` (saves the job and
  puts it back on the queue).
"""
from __future__ import annotations

import hashlib  # noqa: F401 - a fingerprint of the document; a job id from the idempotency key
from dataclasses import dataclass
from typing import Any

from rq import Queue, SimpleWorker
from rq.exceptions import DuplicateJobError, NoSuchJobError  # noqa: F401 - DuplicateJobError for submit
from rq.job import Job, JobStatus  # noqa: F401 - JobStatus for status
from rq.registry import FailedJobRegistry

from queue_worker.policy import RetryPolicy
from queue_worker.tasks import summarise  # noqa: F401 - the function to enqueue


class IdempotencyConflict(ValueError):
    """The idempotency key was already used for a different document."""


@dataclass(frozen=True)
class TaskStatus:
    task_id: str
    status: str                    # queued (also while waiting for a retry), started, finished or failed
    attempts: int                  # how many times the worker has started it (job.meta["attempts"])
    result: dict[str, Any] | None  # the task's return value once finished, else None
    error: str | None              # the last error once failed, else None


@dataclass(frozen=True)
class DeadLetter:
    task_id: str
    reason: str            # "not retryable: <last error>" or "gave up after N attempts: <last error>"
    attempts: int
    failed_at: str | None  # ISO 8601, UTC (job.ended_at)


class TaskQueue:
    """The producer's and the operator's view of one RQ queue of summary tasks."""

    def __init__(self, redis, *, name: str = "summaries", retry: RetryPolicy | None = None,
                 provider: str | None = None, model: str | None = None, keep_for: int = 86_400):
        self.redis = redis
        self.retry = retry or RetryPolicy()
        self.provider, self.model = provider, model
        self.keep_for = keep_for  # seconds results, failures and idempotency keys are kept
        self.queue = Queue(name, connection=redis)
        self.dead_letter = FailedJobRegistry(queue=self.queue)

    def submit(self, document: str, *, idempotency_key: str | None = None) -> str:
        """Enqueue `summarise(document, provider=..., model=...)` and return its task (job) id.

        Every job gets `retry=self.retry.rq_retry()`, `result_ttl` and `failure_ttl` of `self.keep_for`, and
        `meta={"fingerprint": <sha256 of the document>, "attempts": 0}`.
        Without a key: a new job every time. With a key: the job id is `self.task_id_for(key)`, enqueued with
        `unique=True`; on DuplicateJobError return the existing id, unless its fingerprint differs, then raise
        IdempotencyConflict."""
        # TODO step 3
        raise NotImplementedError("step 3: TaskQueue.submit")

    def task_id_for(self, idempotency_key: str) -> str:
        """A fixed-length job id from any client key, namespaced by queue: e.g. "task-" + the first 32 hex
        digits of sha256(queue name + "\\n" + key)."""
        # TODO step 3
        raise NotImplementedError("step 3: TaskQueue.task_id_for")

    def status(self, task_id: str) -> TaskStatus | None:
        """The task's state, or None if no such task exists. RQ's QUEUED, DEFERRED and SCHEDULED (waiting for a
        retry) are "queued"; STARTED "started"; FINISHED "finished"; FAILED, STOPPED and CANCELED "failed"."""
        # TODO step 4
        raise NotImplementedError("step 4: TaskQueue.status")

    def dead_letters(self) -> list[DeadLetter]:
        """Every task in the failed-job registry, with why it failed (from job.meta) and its attempts."""
        # TODO step 5
        raise NotImplementedError("step 5: TaskQueue.dead_letters")

    def requeue(self, task_id: str) -> None:
        """Put a dead-lettered task back on the queue with a fresh set of retries (`retries_left` and
        `retry_intervals` from the policy). KeyError if the task is not in the dead letters."""
        # TODO step 5
        raise NotImplementedError("step 5: TaskQueue.requeue")

    def worker(self) -> SimpleWorker:
        """A worker that runs jobs in this process (no fork): `.work(burst=True)` drains the queue and returns.
        Given: complete. In production run `rq worker --with-scheduler summaries` instead."""
        return SimpleWorker([self.queue], connection=self.redis)
