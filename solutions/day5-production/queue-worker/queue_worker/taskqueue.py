### BEGIN STARTER
# """Submitting summary tasks to an RQ queue on Redis, and reading back their status and the dead letters.
#
# RQ pieces you need (rq 3.0):
# * `self.queue.enqueue(summarise, args=(document,), kwargs={...}, retry=..., result_ttl=..., failure_ttl=...,
#   meta={...}, job_id=..., unique=True)` returns the Job; with `unique=True` and a `job_id` that already exists it
#   raises `rq.exceptions.DuplicateJobError` instead (checked and created in one atomic step).
# * `Job.fetch(job_id, connection=redis)` (raises `NoSuchJobError`), `job.get_status()` (a `JobStatus`),
#   `job.meta`, `job.return_value()`, `job.ended_at`, `job.retries_left`, `job.retry_intervals`.
# * `FailedJobRegistry(queue=...)`: `.get_job_ids()`, `job_id in registry`, `.requeue(job)` (saves the job and
#   puts it back on the queue).
# """
### END STARTER
### BEGIN SOLUTION
"""Submitting summary tasks to an RQ queue on Redis, and reading back their status and the dead letters.

* Every task is enqueued with the retry policy as RQ's `Retry`, so the worker reschedules a failed attempt after
  the next interval (the task itself stops retries for errors that cannot succeed; see tasks.py).
* A task submitted with an idempotency key gets a job id derived from the key, enqueued with `unique=True`: RQ
  checks and creates the job in one atomic step, so two identical requests racing each other make one job.
* RQ's failed-job registry is the dead letter: jobs that failed for good stay there, with the reason in their
  meta, until someone requeues or they expire.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import hashlib  # noqa: F401 - a fingerprint of the document; a job id from the idempotency key
### END STARTER
### BEGIN SOLUTION
import hashlib
### END SOLUTION
from dataclasses import dataclass
from typing import Any

from rq import Queue, SimpleWorker
### BEGIN STARTER
# from rq.exceptions import DuplicateJobError, NoSuchJobError  # noqa: F401 - DuplicateJobError for submit
# from rq.job import Job, JobStatus  # noqa: F401 - JobStatus for status
### END STARTER
### BEGIN SOLUTION
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus
### END SOLUTION
from rq.registry import FailedJobRegistry

from queue_worker.policy import RetryPolicy
### BEGIN STARTER
# from queue_worker.tasks import summarise  # noqa: F401 - the function to enqueue
### END STARTER
### BEGIN SOLUTION
from queue_worker.tasks import summarise

STATES = {JobStatus.QUEUED: "queued", JobStatus.DEFERRED: "queued", JobStatus.SCHEDULED: "queued",
          JobStatus.STARTED: "started", JobStatus.FINISHED: "finished", JobStatus.FAILED: "failed",
          JobStatus.STOPPED: "failed", JobStatus.CANCELED: "failed"}
### END SOLUTION


class IdempotencyConflict(ValueError):
    """The idempotency key was already used for a different document."""


@dataclass(frozen=True)
class TaskStatus:
    task_id: str
    status: str                    # queued (also while waiting for a retry), started, finished or failed
    ### BEGIN STARTER
    # attempts: int                  # how many times the worker has started it (job.meta["attempts"])
    # result: dict[str, Any] | None  # the task's return value once finished, else None
    ### END STARTER
    ### BEGIN SOLUTION
    attempts: int                  # how many times the worker has started it
    result: dict[str, Any] | None  # the task's return value once finished
    ### END SOLUTION
    error: str | None              # the last error once failed, else None


@dataclass(frozen=True)
class DeadLetter:
    task_id: str
    ### BEGIN STARTER
    # reason: str            # "not retryable: <last error>" or "gave up after N attempts: <last error>"
    ### END STARTER
    ### BEGIN SOLUTION
    reason: str            # "not retryable: ..." or "gave up after N attempts: ..."
    ### END SOLUTION
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
        ### BEGIN STARTER
        # """Enqueue `summarise(document, provider=..., model=...)` and return its task (job) id.
        #
        # Every job gets `retry=self.retry.rq_retry()`, `result_ttl` and `failure_ttl` of `self.keep_for`, and
        # `meta={"fingerprint": <sha256 of the document>, "attempts": 0}`.
        # Without a key: a new job every time. With a key: the job id is `self.task_id_for(key)`, enqueued with
        # `unique=True`; on DuplicateJobError return the existing id, unless its fingerprint differs, then raise
        # IdempotencyConflict."""
        # # TODO step 3
        # raise NotImplementedError("step 3: TaskQueue.submit")
        ### END STARTER
        ### BEGIN SOLUTION
        """Enqueue a summary and return its task id. The same key returns the same id (and makes no new job);
        the same key with a different document raises IdempotencyConflict."""
        fingerprint = hashlib.sha256(document.encode()).hexdigest()
        options = dict(args=(document,), kwargs={"provider": self.provider, "model": self.model},
                       retry=self.retry.rq_retry(), result_ttl=self.keep_for, failure_ttl=self.keep_for,
                       meta={"fingerprint": fingerprint, "attempts": 0})
        if idempotency_key is None:
            return self.queue.enqueue(summarise, **options).id
        task_id = self.task_id_for(idempotency_key)
        for _ in range(3):  # the existing job can expire between the duplicate check and the fetch
            try:
                self.queue.enqueue(summarise, job_id=task_id, unique=True, **options)
                return task_id
            except DuplicateJobError:
                try:
                    existing = Job.fetch(task_id, connection=self.redis)
                except NoSuchJobError:
                    continue
                if existing.meta.get("fingerprint") != fingerprint:
                    raise IdempotencyConflict(f"idempotency key {idempotency_key!r} was used for another document")
                return task_id
        raise RuntimeError(f"could not enqueue task {task_id}")
        ### END SOLUTION

    def task_id_for(self, idempotency_key: str) -> str:
        ### BEGIN STARTER
        # """A fixed-length job id from any client key, namespaced by queue: e.g. "task-" + the first 32 hex
        # digits of sha256(queue name + "\\n" + key)."""
        # # TODO step 3
        # raise NotImplementedError("step 3: TaskQueue.task_id_for")
        ### END STARTER
        ### BEGIN SOLUTION
        """A fixed-length job id from any client key, namespaced by queue."""
        digest = hashlib.sha256(f"{self.queue.name}\n{idempotency_key}".encode()).hexdigest()
        return f"task-{digest[:32]}"
        ### END SOLUTION

    def status(self, task_id: str) -> TaskStatus | None:
        ### BEGIN STARTER
        # """The task's state, or None if no such task exists. RQ's QUEUED, DEFERRED and SCHEDULED (waiting for a
        # retry) are "queued"; STARTED "started"; FINISHED "finished"; FAILED, STOPPED and CANCELED "failed"."""
        # # TODO step 4
        # raise NotImplementedError("step 4: TaskQueue.status")
        ### END STARTER
        ### BEGIN SOLUTION
        """The task's state, or None if no such task exists (never submitted, or expired)."""
        job = self._fetch(task_id)
        if job is None:
            return None
        state = STATES.get(job.get_status(), "queued")
        return TaskStatus(task_id=task_id, status=state, attempts=int(job.meta.get("attempts", 0)),
                          result=job.return_value() if state == "finished" else None,
                          error=self._error(job) if state == "failed" else None)
        ### END SOLUTION

    def dead_letters(self) -> list[DeadLetter]:
        ### BEGIN STARTER
        # """Every task in the failed-job registry, with why it failed (from job.meta) and its attempts."""
        # # TODO step 5
        # raise NotImplementedError("step 5: TaskQueue.dead_letters")
        ### END STARTER
        ### BEGIN SOLUTION
        """Every task that failed for good, oldest first, with why."""
        letters = []
        for task_id in self.dead_letter.get_job_ids():
            job = self._fetch(task_id)
            if job is None:
                continue
            ended = job.ended_at.isoformat() if job.ended_at else None
            letters.append(DeadLetter(task_id=task_id, reason=self._reason(job),
                                      attempts=int(job.meta.get("attempts", 0)), failed_at=ended))
        return letters
        ### END SOLUTION

    def requeue(self, task_id: str) -> None:
        ### BEGIN STARTER
        # """Put a dead-lettered task back on the queue with a fresh set of retries (`retries_left` and
        # `retry_intervals` from the policy). KeyError if the task is not in the dead letters."""
        # # TODO step 5
        # raise NotImplementedError("step 5: TaskQueue.requeue")
        ### END STARTER
        ### BEGIN SOLUTION
        """Put a dead-lettered task back on the queue with a fresh set of retries. KeyError if it is not there."""
        job = self._fetch(task_id)
        if job is None or task_id not in self.dead_letter:
            raise KeyError(f"{task_id} is not in the dead letters")
        retry = self.retry.rq_retry()
        job.retries_left = retry.max if retry else None
        job.retry_intervals = retry.intervals if retry else None
        job.meta["requeued"] = int(job.meta.get("requeued", 0)) + 1
        self.dead_letter.requeue(job)  # saves the job (with the new retries) and pushes it onto the queue
        ### END SOLUTION

    def worker(self) -> SimpleWorker:
        ### BEGIN STARTER
        # """A worker that runs jobs in this process (no fork): `.work(burst=True)` drains the queue and returns.
        # Given: complete. In production run `rq worker --with-scheduler summaries` instead."""
        ### END STARTER
        ### BEGIN SOLUTION
        """A worker that runs jobs in this process (no fork): `.work(burst=True)` drains the queue and returns.
        In production run `rq worker --with-scheduler summaries`, which forks a process per job and also moves
        retries whose delay has passed back onto the queue."""
        ### END SOLUTION
        return SimpleWorker([self.queue], connection=self.redis)
    ### BEGIN SOLUTION

    def _fetch(self, task_id: str) -> Job | None:
        try:
            return Job.fetch(task_id, connection=self.redis)
        except NoSuchJobError:
            return None

    @staticmethod
    def _error(job: Job) -> str:
        if job.meta.get("last_error"):
            return str(job.meta["last_error"])
        result = job.latest_result()  # failures the task could not record itself, such as a job timeout
        lines = (result.exc_string or "").strip().splitlines() if result else []
        return lines[-1] if lines else "failed"

    def _reason(self, job: Job) -> str:
        error, attempts = self._error(job), int(job.meta.get("attempts", 0))
        if job.meta.get("retryable") is False:
            return f"not retryable: {error}"
        return f"gave up after {attempts} attempt{'s' if attempts != 1 else ''}: {error}"
    ### END SOLUTION
