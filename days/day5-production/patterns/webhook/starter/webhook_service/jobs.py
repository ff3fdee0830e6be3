"""Work that runs after the response: a small thread pool that remembers what is still running.

GitHub gives up on a delivery that is not answered within 10 seconds (and never retries it by itself); a model
review takes longer than that. So the endpoint answers 202 at once and hands the review to `submit`. Knowing
when nothing is pending (`wait_idle`) lets a test wait for exactly as long as the work takes, and lets a
shutdown finish the reviews in flight.
"""
from __future__ import annotations

import logging
import threading  # noqa: F401 - a Condition lets wait_idle sleep until the count of pending jobs reaches 0
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class BackgroundJobs:
    def __init__(self, max_workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="webhook-job")
        self.outcomes: OrderedDict[str, str] = OrderedDict()  # key -> "queued", "running", "done" or "failed: ..."
        # TODO step 3: a count of pending jobs and a threading.Condition guarding it.

    def submit(self, key: str, work: Callable[..., Any], /, *args: Any) -> None:
        """Run `work(*args)` on the pool and return at once.

        TODO step 3: count the job as pending BEFORE this returns (a wait_idle right after must see it), run it on
        the pool, and when it ends, done or raised, record the outcome, log an exception (log.exception), lower the
        count and notify waiters. An exception must never escape unseen from a pool thread."""
        raise NotImplementedError("step 3: BackgroundJobs.submit")

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running: True, or False if `timeout` seconds passed first.
        TODO step 3: Condition.wait_for, not a sleep loop."""
        raise NotImplementedError("step 3: BackgroundJobs.wait_idle")

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)
