"""A summary queue: an HTTP producer, an RQ worker on Redis, retries with backoff for provider-side errors only,
a dead-letter listing with requeue, and idempotent submission by a client-supplied key."""
from queue_worker.api import create_app
from queue_worker.policy import RetryPolicy, is_retryable
from queue_worker.taskqueue import DeadLetter, IdempotencyConflict, TaskQueue, TaskStatus
from queue_worker.tasks import summarise

__all__ = ["RetryPolicy", "is_retryable", "summarise", "TaskQueue", "TaskStatus", "DeadLetter",
           "IdempotencyConflict", "create_app"]
