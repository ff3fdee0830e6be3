### BEGIN STARTER
# """In-process token buckets: one budget (`TokenBucket`) or a request budget and a token budget together
# (`RateLimiter`). Both must be safe to share between threads and between asyncio tasks.
#
# A bucket holds up to `capacity` tokens and gains `rate` tokens per second; it starts full. A request that
# finds enough tokens takes them; one that does not is refused (`acquire`) or waits (`wait`).
# Read the README's contract first; the tests check exactly that, through these public methods only.
# """
### END STARTER
### BEGIN SOLUTION
"""In-process token buckets: one budget (`TokenBucket`) or a request budget and a token budget together
(`RateLimiter`), safe to share between threads and between asyncio tasks.

A bucket holds up to `capacity` tokens and gains `rate` tokens per second. A request that finds enough tokens
takes them; one that does not is refused (`acquire`) or waits (`wait`). The wait is computed, not polled: the
missing tokens divided by the rate is exactly how long until they exist, so a waiter reserves its tokens now
and sleeps once. Reserving also makes waiters first come, first served: a later request cannot take tokens an
earlier waiter is sleeping for, because the level already went below zero on that waiter's behalf.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import asyncio
import math
import threading
### END SOLUTION
import time
### BEGIN STARTER
# from collections.abc import Callable
### END STARTER
### BEGIN SOLUTION
from collections.abc import Callable, Sequence
### END SOLUTION

Clock = Callable[[], float]


### BEGIN SOLUTION
class _Buckets:
    """Several buckets that move together: a request takes its cost from every one of them, or from none."""

    def __init__(self, rates: Sequence[float], capacities: Sequence[float], clock: Clock):
        if any(r < 0 for r in rates) or any(c <= 0 for c in capacities):
            raise ValueError("rates must be >= 0 and capacities > 0")
        self._rates = [float(r) for r in rates]
        self._capacities = [float(c) for c in capacities]
        self._levels = list(self._capacities)  # a new bucket starts full: the first burst is allowed
        self._clock = clock
        self._stamp = clock()
        self._lock = threading.Lock()

    def _check(self, costs: Sequence[float]) -> None:
        for cost, capacity in zip(costs, self._capacities):
            if cost < 0:
                raise ValueError(f"a request cannot cost {cost} tokens")
            if cost > capacity:  # could never be granted: say so instead of refusing (or waiting) forever
                raise ValueError(f"a request of {cost:g} tokens can never fit a bucket of {capacity:g}")

    def _refill(self) -> None:
        """Add what the elapsed time earned, capped at capacity. Call with the lock held."""
        now = self._clock()
        elapsed = now - self._stamp
        if elapsed > 0:  # a clock that steps back must not drain the bucket
            self._levels = [min(cap, level + elapsed * rate)
                            for level, rate, cap in zip(self._levels, self._rates, self._capacities)]
            self._stamp = now

    def _delay(self, costs: Sequence[float]) -> float:
        """Seconds until every bucket holds its cost (0 if it already does). Call with the lock held."""
        delay = 0.0
        for cost, level, rate in zip(costs, self._levels, self._rates):
            if level < cost:
                delay = max(delay, math.inf if rate == 0 else (cost - level) / rate)
        return delay

    def try_take(self, costs: Sequence[float]) -> bool:
        self._check(costs)
        with self._lock:
            self._refill()
            if self._delay(costs) > 0:
                return False
            self._levels = [level - cost for level, cost in zip(self._levels, costs)]
            return True

    def time_until(self, costs: Sequence[float]) -> float:
        self._check(costs)
        with self._lock:
            self._refill()
            return self._delay(costs)

    def reserve(self, costs: Sequence[float], timeout: float | None) -> float | None:
        """Take the cost now, possibly going below zero, and return how long to sleep before using it.
        None (and nothing taken) if that would be longer than `timeout` or could never happen."""
        self._check(costs)
        with self._lock:
            self._refill()
            delay = self._delay(costs)
            if math.isinf(delay) or (timeout is not None and delay > timeout):
                return None
            self._levels = [level - cost for level, cost in zip(self._levels, costs)]
            return delay

    def give_back(self, costs: Sequence[float]) -> None:
        """Return a reservation that will not be used (its waiter was cancelled)."""
        with self._lock:
            self._refill()
            self._levels = [min(cap, level + cost) for level, cost, cap in zip(self._levels, costs, self._capacities)]

    def levels(self) -> list[float]:
        with self._lock:
            self._refill()
            return list(self._levels)

    async def wait(self, costs: Sequence[float], timeout: float | None) -> bool:
        delay = self.reserve(costs, timeout)
        if delay is None:
            return False  # at once: sleeping until the timeout would not change the answer
        if delay > 0:
            try:
                await asyncio.sleep(delay)  # one sleep, exactly as long as the refill takes
            except asyncio.CancelledError:
                self.give_back(costs)
                raise
        return True


### END SOLUTION
class TokenBucket:
    ### BEGIN STARTER
    # """`capacity` tokens at most (the burst), refilled at `rate` tokens per second; starts full.
    #
    # Use `clock()` for the time, never time.time() or time.monotonic() directly: the tests pass a fake clock.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """`capacity` tokens at most (the burst), refilled at `rate` tokens per second; starts full.

    >>> bucket = TokenBucket(rate=2, capacity=5)      # 2 requests a second, bursts of 5
    >>> bucket.acquire()                              # True: taken at once, or False: refused
    >>> await bucket.wait()                           # sleeps exactly until a token exists
    """
    ### END SOLUTION

    def __init__(self, rate: float, capacity: float, *, clock: Clock = time.monotonic):
        ### BEGIN STARTER
        # self.rate, self.capacity, self.clock = float(rate), float(capacity), clock
        # # TODO step 1: the state: tokens now (start at capacity), when they were last brought up to date,
        # # and a threading.Lock (step 3).
        ### END STARTER
        ### BEGIN SOLUTION
        self.rate, self.capacity = float(rate), float(capacity)
        self._buckets = _Buckets([rate], [capacity], clock)
        ### END SOLUTION

    def acquire(self, tokens: float = 1) -> bool:
        ### BEGIN STARTER
        # """Take `tokens` now if they are there (True), else take nothing (False). Never blocks.
        # ValueError if `tokens` > capacity: such a request could never succeed."""
        # # TODO step 1: refill by (now - last update) * rate, capped at capacity; then take or refuse.
        # # TODO step 3: do all of it while holding the lock.
        # raise NotImplementedError("step 1: TokenBucket.acquire")
        ### END STARTER
        ### BEGIN SOLUTION
        """Take `tokens` now if they are there; never blocks. ValueError if `tokens` > capacity."""
        return self._buckets.try_take([tokens])
        ### END SOLUTION

    def time_until(self, tokens: float = 1) -> float:
        ### BEGIN STARTER
        # """Seconds until `tokens` will be in the bucket; 0.0 if they are now. ValueError if `tokens` > capacity."""
        # # TODO step 1: (tokens - tokens now) / rate, after a refill; never negative.
        # raise NotImplementedError("step 1: TokenBucket.time_until")
        ### END STARTER
        ### BEGIN SOLUTION
        """Seconds until `tokens` will be available (0.0 if they are now; inf if the rate is 0)."""
        return self._buckets.time_until([tokens])
        ### END SOLUTION

    async def wait(self, tokens: float = 1, timeout: float | None = None) -> bool:
        ### BEGIN STARTER
        # """Wait until `tokens` are available, take them and return True. Return False at once, taking nothing,
        # if that would take longer than `timeout` seconds."""
        # # TODO step 4: compute the wait and sleep ONCE for that long (asyncio.sleep). No loop that sleeps
        # # 100 ms and tries again. Several waiters must not all get the same token: reserving the tokens before
        # # sleeping (the level may go below zero) is the simplest way.
        # raise NotImplementedError("step 4: TokenBucket.wait")
        ### END STARTER
        ### BEGIN SOLUTION
        """Wait until `tokens` are available and take them: True. False at once if that would take longer
        than `timeout` seconds."""
        return await self._buckets.wait([tokens], timeout)
        ### END SOLUTION
    ### BEGIN SOLUTION

    @property
    def available(self) -> float:
        """Tokens in the bucket now; below zero while waiters hold reservations."""
        return self._buckets.levels()[0]
    ### END SOLUTION


class RateLimiter:
    ### BEGIN STARTER
    # """Requests per minute AND tokens per minute, taken together or not at all.
    #
    # Each budget is a bucket of `burst` minutes' worth (capacity = per-minute limit * burst), refilled at its
    # per-minute rate / 60 per second, starting full.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """A provider-style limit: requests per minute AND tokens per minute, taken together or not at all.

    Each budget is a bucket holding `burst` minutes' worth (1.0: one minute's allowance can be spent at once)
    and refilled at its per-minute rate spread over the minute.

    >>> limiter = RateLimiter(requests_per_minute=50, tokens_per_minute=40_000)
    >>> limiter.acquire(1_200)      # one request that will use about 1,200 tokens
    """
    ### END SOLUTION

    def __init__(self, requests_per_minute: float, tokens_per_minute: float, *, burst: float = 1.0,
                 clock: Clock = time.monotonic):
        self.requests_per_minute, self.tokens_per_minute = float(requests_per_minute), float(tokens_per_minute)
        ### BEGIN STARTER
        # self.burst, self.clock = float(burst), clock
        # # TODO step 2: two budgets that are checked and charged together, under one lock.
        ### END STARTER
        ### BEGIN SOLUTION
        self._buckets = _Buckets([requests_per_minute / 60, tokens_per_minute / 60],
                                 [requests_per_minute * burst, tokens_per_minute * burst], clock)
        ### END SOLUTION

    def acquire(self, tokens: float) -> bool:
        ### BEGIN STARTER
        # """One request of `tokens` tokens: if both budgets have room, charge both and return True; otherwise
        # charge neither and return False."""
        # # TODO step 2
        # raise NotImplementedError("step 2: RateLimiter.acquire")
        ### END STARTER
        ### BEGIN SOLUTION
        """One request using `tokens` tokens: True if both budgets had room (both are charged), else False and
        neither is charged."""
        return self._buckets.try_take([1, tokens])
        ### END SOLUTION

    def time_until(self, tokens: float) -> float:
        ### BEGIN STARTER
        # """Seconds until both budgets have room for one request of `tokens` tokens."""
        # # TODO step 2
        # raise NotImplementedError("step 2: RateLimiter.time_until")
        ### END STARTER
        ### BEGIN SOLUTION
        return self._buckets.time_until([1, tokens])
        ### END SOLUTION

    async def wait(self, tokens: float, timeout: float | None = None) -> bool:
        ### BEGIN STARTER
        # # TODO step 4: as TokenBucket.wait, for both budgets at once.
        # raise NotImplementedError("step 4: RateLimiter.wait")
        ### END STARTER
        ### BEGIN SOLUTION
        return await self._buckets.wait([1, tokens], timeout)
        ### END SOLUTION
    ### BEGIN SOLUTION

    def status(self) -> dict[str, float]:
        requests, tokens = self._buckets.levels()
        return {"requests_available": requests, "tokens_available": tokens}
    ### END SOLUTION
