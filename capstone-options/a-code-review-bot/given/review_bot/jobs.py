"""Work that runs after the webhook has answered: a thread pool that knows when it is idle."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class BackgroundJobs:
    def __init__(self, max_workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="review-job")
        self._changed = threading.Condition()
        self._pending = 0
        self.failures: list[str] = []  # "key: ExceptionName" of each job that raised

    def submit(self, key: str, work: Callable[..., Any], /, *args: Any) -> None:
        """Run `work(*args)` on the pool; returns at once. An exception is logged and kept, never lost."""
        with self._changed:
            self._pending += 1
        self._pool.submit(self._run, key, work, args)

    def _run(self, key: str, work: Callable[..., Any], args: tuple) -> None:
        try:
            work(*args)
        except Exception as exc:  # noqa: BLE001 - a failed job is recorded and logged
            log.exception("background job %s failed", key)
            self.failures.append(f"{key}: {type(exc).__name__}")
        finally:
            with self._changed:
                self._pending -= 1
                self._changed.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is queued or running; False if `timeout` seconds pass first."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout)
