### BEGIN STARTER
# """Event ids already taken. Slack retries an event it thinks failed (no 200 within 3 seconds, a 5xx, a broken
# connection) up to three times, with the same event_id and an X-Slack-Retry-Num header."""
### END STARTER
### BEGIN SOLUTION
"""Event ids already taken. Slack retries an event it thinks failed (no 200 within 3 seconds, a 5xx, a broken
connection) up to three times, with the same event_id and an X-Slack-Retry-Num header.

Keying on event_id rather than dropping every request with a retry header matters: if the first attempt never
reached us (a deploy, a crash), the retry is the only copy, and it must be handled."""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import threading  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import threading
### END SOLUTION
import time
### BEGIN STARTER
# from collections import OrderedDict  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from collections import OrderedDict
### END SOLUTION
from collections.abc import Callable


class SeenEvents:
    ### BEGIN STARTER
    # """In this process's memory, for `ttl_s` seconds."""
    ### END STARTER
    ### BEGIN SOLUTION
    """In this process's memory, for `ttl_s` seconds (Slack's last retry comes about 5 minutes after the first
    attempt). Several processes need a shared store: Redis SET NX EX, as in the webhook pattern."""
    ### END SOLUTION

    def __init__(self, ttl_s: float = 3600, *, clock: Callable[[], float] = time.monotonic, max_ids: int = 100_000):
        self.ttl_s, self.max_ids, self._clock = ttl_s, max_ids, clock
        ### BEGIN STARTER
        # # TODO step 3: each id with its expiry, and a lock.
        ### END STARTER
        ### BEGIN SOLUTION
        self._expiry: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        ### END SOLUTION

    def first_time(self, event_id: str) -> bool:
        ### BEGIN STARTER
        # """True exactly once per id within the TTL (check and remember as one step, under the lock; forget
        # expired ids as you go)."""
        # # TODO step 3
        # raise NotImplementedError("step 3: SeenEvents.first_time")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    def forget(self, event_id: str) -> None:
        ### BEGIN STARTER
        # """Forget an id (its work failed, so Slack's next retry may try again)."""
        # # TODO step 3
        # raise NotImplementedError("step 3: SeenEvents.forget")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            self._expiry.pop(event_id, None)
        ### END SOLUTION
