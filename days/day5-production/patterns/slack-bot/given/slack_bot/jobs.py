"""Work that runs after the response: a small thread pool that remembers what is still running.

Slack wants an answer within 3 seconds and retries when it does not get one; a model call often takes longer.
So each endpoint answers at once and hands the model call to `submit`. `wait_idle` lets a test wait exactly as
long as the work takes, and lets a shutdown finish what is in flight. (The same class as in the webhook pattern.)
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)
KEPT_OUTCOMES = 1_000


class BackgroundJobs:
    def __init__(self, max_workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="slack-job")
        self._changed = threading.Condition()
        self._pending = 0
        self.outcomes: OrderedDict[str, str] = OrderedDict()  # key -> "queued", "running", "done" or "failed: ..."

    def submit(self, key: str, work: Callable[..., Any], /, *args: Any) -> None:
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

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running: True, or False if `timeout` seconds passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)
