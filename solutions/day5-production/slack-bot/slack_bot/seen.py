"""Event ids already taken. Slack retries an event it thinks failed (no 200 within 3 seconds, a 5xx, a broken
connection) up to three times, with the same event_id and an X-Slack-Retry-Num header.

Keying on event_id rather than dropping every request with a retry header matters: if the first attempt never
reached us (a deploy, a crash), the retry is the only copy, and it must be handled."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class SeenEvents:
    """In this process's memory, for `ttl_s` seconds (Slack's last retry comes about 5 minutes after the first
    attempt). Several processes need a shared store: Redis SET NX EX, as in the webhook pattern."""

    def __init__(self, ttl_s: float = 3600, *, clock: Callable[[], float] = time.monotonic, max_ids: int = 100_000):
        self.ttl_s, self.max_ids, self._clock = ttl_s, max_ids, clock
        self._expiry: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """True exactly once per id within the TTL."""
        with self._lock:
            now = self._clock()
            while self._expiry and next(iter(self._expiry.values())) <= now:
                self._expiry.popitem(last=False)
            if event_id in self._expiry:
                return False
            self._expiry[event_id] = now + self.ttl_s
            while len(self._expiry) > self.max_ids:
                self._expiry.popitem(last=False)
            return True

    def forget(self, event_id: str) -> None:
        with self._lock:
            self._expiry.pop(event_id, None)
