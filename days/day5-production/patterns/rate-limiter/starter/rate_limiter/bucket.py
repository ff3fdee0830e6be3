"""In-process token buckets: one budget (`TokenBucket`) or a request budget and a token budget together
(`RateLimiter`). Both must be safe to share between threads and between asyncio tasks.

A bucket holds up to `capacity` tokens and gains `rate` tokens per second; it starts full. A request that
finds enough tokens takes them; one that does not is refused (`acquire`) or waits (`wait`).
Read the README's contract first; the tests check exactly that, through these public methods only.
"""
from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


class TokenBucket:
    """`capacity` tokens at most (the burst), refilled at `rate` tokens per second; starts full.

    Use `clock()` for the time, never time.time() or time.monotonic() directly: the tests pass a fake clock.
    """

    def __init__(self, rate: float, capacity: float, *, clock: Clock = time.monotonic):
        self.rate, self.capacity, self.clock = float(rate), float(capacity), clock
        # TODO step 1: the state: tokens now (start at capacity), when they were last brought up to date,
        # and a threading.Lock (step 3).

    def acquire(self, tokens: float = 1) -> bool:
        """Take `tokens` now if they are there (True), else take nothing (False). Never blocks.
        ValueError if `tokens` > capacity: such a request could never succeed."""
        # TODO step 1: refill by (now - last update) * rate, capped at capacity; then take or refuse.
        # TODO step 3: do all of it while holding the lock.
        raise NotImplementedError("step 1: TokenBucket.acquire")

    def time_until(self, tokens: float = 1) -> float:
        """Seconds until `tokens` will be in the bucket; 0.0 if they are now. ValueError if `tokens` > capacity."""
        # TODO step 1: (tokens - tokens now) / rate, after a refill; never negative.
        raise NotImplementedError("step 1: TokenBucket.time_until")

    async def wait(self, tokens: float = 1, timeout: float | None = None) -> bool:
        """Wait until `tokens` are available, take them and return True. Return False at once, taking nothing,
        if that would take longer than `timeout` seconds."""
        # TODO step 4: compute the wait and sleep ONCE for that long (asyncio.sleep). No loop that sleeps
        # 100 ms and tries again. Several waiters must not all get the same token: reserving the tokens before
        # sleeping (the level may go below zero) is the simplest way.
        raise NotImplementedError("step 4: TokenBucket.wait")


class RateLimiter:
    """Requests per minute AND tokens per minute, taken together or not at all.

    Each budget is a bucket of `burst` minutes' worth (capacity = per-minute limit * burst), refilled at its
    per-minute rate / 60 per second, starting full.
    """

    def __init__(self, requests_per_minute: float, tokens_per_minute: float, *, burst: float = 1.0,
                 clock: Clock = time.monotonic):
        self.requests_per_minute, self.tokens_per_minute = float(requests_per_minute), float(tokens_per_minute)
        self.burst, self.clock = float(burst), clock
        # TODO step 2: two budgets that are checked and charged together, under one lock.

    def acquire(self, tokens: float) -> bool:
        """One request of `tokens` tokens: if both budgets have room, charge both and return True; otherwise
        charge neither and return False."""
        # TODO step 2
        raise NotImplementedError("step 2: RateLimiter.acquire")

    def time_until(self, tokens: float) -> float:
        """Seconds until both budgets have room for one request of `tokens` tokens."""
        # TODO step 2
        raise NotImplementedError("step 2: RateLimiter.time_until")

    async def wait(self, tokens: float, timeout: float | None = None) -> bool:
        # TODO step 4: as TokenBucket.wait, for both budgets at once.
        raise NotImplementedError("step 4: RateLimiter.wait")
