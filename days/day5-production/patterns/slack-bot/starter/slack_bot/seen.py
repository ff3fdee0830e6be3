"""Event ids already taken. Slack retries an event it thinks failed (no 200 within 3 seconds, a 5xx, a broken
connection) up to three times, with the same event_id and an X-Slack-Retry-Num header."""
from __future__ import annotations

import threading  # noqa: F401
import time
from collections import OrderedDict  # noqa: F401
from collections.abc import Callable


class SeenEvents:
    """In this process's memory, for `ttl_s` seconds."""

    def __init__(self, ttl_s: float = 3600, *, clock: Callable[[], float] = time.monotonic, max_ids: int = 100_000):
        self.ttl_s, self.max_ids, self._clock = ttl_s, max_ids, clock
        # TODO step 3: each id with its expiry, and a lock.

    def first_time(self, event_id: str) -> bool:
        """True exactly once per id within the TTL (check and remember as one step, under the lock; forget
        expired ids as you go)."""
        # TODO step 3
        raise NotImplementedError("step 3: SeenEvents.first_time")

    def forget(self, event_id: str) -> None:
        """Forget an id (its work failed, so Slack's next retry may try again)."""
        # TODO step 3
        raise NotImplementedError("step 3: SeenEvents.forget")
