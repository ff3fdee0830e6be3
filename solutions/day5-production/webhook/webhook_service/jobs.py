### BEGIN STARTER
# """Work that runs after the response: a small thread pool that remembers what is still running.
#
# GitHub gives up on a delivery that is not answered within 10 seconds (and never retries it by itself); a model
# review takes longer than that. So the endpoint answers 202 at once and hands the review to `submit`. Knowing
# when nothing is pending (`wait_idle`) lets a test wait for exactly as long as the work takes, and lets a
# shutdown finish the reviews in flight.
# """
### END STARTER
### BEGIN SOLUTION
"""Work that runs after the response: a small thread pool that remembers what is still running.

GitHub gives up on a delivery that is not answered within 10 seconds (and never retries it by itself); a model
review takes longer than that. So the endpoint answers 202 at once and hands the review to `submit`. Knowing
when nothing is pending (`wait_idle`) lets a test wait for exactly as long as the work takes, and lets a
shutdown finish the reviews in flight. A process that dies loses what was queued here: see the lesson for
when to move to a durable queue.
"""
### END SOLUTION
from __future__ import annotations

import logging
### BEGIN STARTER
# import threading  # noqa: F401 - a Condition lets wait_idle sleep until the count of pending jobs reaches 0
### END STARTER
### BEGIN SOLUTION
import threading
### END SOLUTION
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)
### BEGIN SOLUTION
KEPT_OUTCOMES = 1_000
### END SOLUTION


class BackgroundJobs:
    def __init__(self, max_workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="webhook-job")
        ### BEGIN SOLUTION
        self._changed = threading.Condition()
        self._pending = 0
        ### END SOLUTION
        self.outcomes: OrderedDict[str, str] = OrderedDict()  # key -> "queued", "running", "done" or "failed: ..."
        ### BEGIN STARTER
        # # TODO step 3: a count of pending jobs and a threading.Condition guarding it.
        ### END STARTER

    def submit(self, key: str, work: Callable[..., Any], /, *args: Any) -> None:
    ### BEGIN STARTER
    #     """Run `work(*args)` on the pool and return at once.
    #
    #     TODO step 3: count the job as pending BEFORE this returns (a wait_idle right after must see it), run it on
    #     the pool, and when it ends, done or raised, record the outcome, log an exception (log.exception), lower the
    #     count and notify waiters. An exception must never escape unseen from a pool thread."""
    #     raise NotImplementedError("step 3: BackgroundJobs.submit")
    ### END STARTER
    ### BEGIN SOLUTION
        """Run `work(*args)` on the pool; returns at once."""
        with self._changed:
            self._pending += 1
            self._note(key, "queued")
        self._pool.submit(self._run, key, work, args)

    def _run(self, key: str, work: Callable[..., Any], args: tuple) -> None:
        self._set(key, "running")
        outcome = "done"
        try:
            work(*args)
        except Exception as exc:  # noqa: BLE001 - a failed job is recorded and logged, never lost in a thread
            outcome = f"failed: {type(exc).__name__}"
            log.exception("background job %s failed", key)
        finally:
            with self._changed:
                self._note(key, outcome)
                self._pending -= 1
                self._changed.notify_all()

    def _set(self, key: str, outcome: str) -> None:
        with self._changed:
            self._note(key, outcome)

    def _note(self, key: str, outcome: str) -> None:  # call with the condition held
        self.outcomes[key] = outcome
        self.outcomes.move_to_end(key)
        while len(self.outcomes) > KEPT_OUTCOMES:
            self.outcomes.popitem(last=False)

    @property
    def pending(self) -> int:
        with self._changed:
            return self._pending
    ### END SOLUTION

    def wait_idle(self, timeout: float | None = None) -> bool:
        ### BEGIN STARTER
        # """Block until no job is queued or running: True, or False if `timeout` seconds passed first.
        # TODO step 3: Condition.wait_for, not a sleep loop."""
        # raise NotImplementedError("step 3: BackgroundJobs.wait_idle")
        ### END STARTER
        ### BEGIN SOLUTION
        """Block until no job is queued or running: True, or False if `timeout` seconds passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout)
        ### END SOLUTION

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)
