### BEGIN STARTER
# """One limiter per key (a user, an API key, a tenant), holding at most `max_keys` of them in memory."""
### END STARTER
### BEGIN SOLUTION
"""One limiter per key (a user, an API key, a tenant), holding at most `max_keys` of them.

The naive version keeps a dict that only grows: one entry per user ever seen, for the life of the process.
Here the dict is an LRU: every call for a key, admitted or refused, makes it the most recently used, and
when a new key would make `max_keys + 1`, the least recently used limiter is dropped. Dropping a limiter
forgets its history, so that key starts again with a full bucket: size `max_keys` well above the number of
keys active within one refill period, and a dropped key was idle long enough to be full anyway.
(The Redis limiter in `shared.py` has no such trade-off: each key expires exactly when it would be full.)
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import threading
from collections import OrderedDict
### END SOLUTION
from collections.abc import Callable, Hashable
from typing import Any


class PerKeyLimiter:
    ### BEGIN STARTER
    # """`factory()` makes the limiter for a key the first time it is seen (a TokenBucket or a RateLimiter).
    #
    # Every call for a key, admitted or refused, makes it the most recently used key. When a new key would make
    # more than `max_keys`, drop the least recently used one.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """`factory()` makes the limiter for a key the first time it is seen (a TokenBucket or a RateLimiter).

    >>> per_user = PerKeyLimiter(lambda: TokenBucket(rate=1, capacity=10), max_keys=50_000)
    >>> per_user.acquire("user-42")
    """
    ### END SOLUTION

    def __init__(self, factory: Callable[[], Any], *, max_keys: int = 10_000):
        if max_keys < 1:
            raise ValueError("max_keys must be at least 1")
        self.factory, self.max_keys = factory, max_keys
        ### BEGIN STARTER
        # # TODO step 5: an LRU of limiters (collections.OrderedDict) and a lock for it.
        ### END STARTER
        ### BEGIN SOLUTION
        self._limiters: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()  # guards the dict only; each limiter has its own lock
        ### END SOLUTION
    ### BEGIN SOLUTION

    def limiter_for(self, key: Hashable) -> Any:
        """The key's limiter, created if new; marks the key as the most recently used."""
        with self._lock:
            limiter = self._limiters.get(key)
            if limiter is None:
                limiter = self._limiters[key] = self.factory()
                while len(self._limiters) > self.max_keys:
                    self._limiters.popitem(last=False)  # the least recently used key
            else:
                self._limiters.move_to_end(key)
            return limiter
    ### END SOLUTION

    def acquire(self, key: Hashable, *args: Any, **kwargs: Any) -> bool:
        ### BEGIN STARTER
        # """`acquire` on the key's own limiter, with the same arguments."""
        # # TODO step 5: find or make the key's limiter, mark it most recently used, evict beyond max_keys.
        # raise NotImplementedError("step 5: PerKeyLimiter.acquire")
        ### END STARTER
        ### BEGIN SOLUTION
        """`acquire` on the key's own limiter, with the same arguments (tokens)."""
        return self.limiter_for(key).acquire(*args, **kwargs)
        ### END SOLUTION

    async def wait(self, key: Hashable, *args: Any, **kwargs: Any) -> bool:
        ### BEGIN STARTER
        # # TODO step 5 (optional, not graded): `wait` on the key's own limiter.
        # raise NotImplementedError("step 5: PerKeyLimiter.wait")
        ### END STARTER
        ### BEGIN SOLUTION
        return await self.limiter_for(key).wait(*args, **kwargs)
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN STARTER
        # """How many keys have a limiter in memory now."""
        # # TODO step 5
        # raise NotImplementedError("step 5: PerKeyLimiter.__len__")
        ### END STARTER
        ### BEGIN SOLUTION
        """How many keys have a limiter in memory now (never more than max_keys)."""
        with self._lock:
            return len(self._limiters)
        ### END SOLUTION
    ### BEGIN SOLUTION

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._limiters
    ### END SOLUTION
