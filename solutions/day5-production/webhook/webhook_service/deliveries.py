"""Which deliveries were already taken, keyed by X-GitHub-Delivery, so each one does its work once.

A redelivery (from the "Redeliver" button, the REST API, or a script that retries failures) carries the same
delivery id as the original. `claim(id)` answers True exactly once per id within the TTL; `release(id)` gives the
id back when the work failed, so a later redelivery can try again.
"""
from __future__ import annotations

### BEGIN STARTER
# import threading  # noqa: F401 - the check and the insert must be one step
### END STARTER
### BEGIN SOLUTION
import threading
### END SOLUTION
import time
### BEGIN STARTER
# from collections import OrderedDict  # noqa: F401 - ids in claim order: the expired ones are at the front
### END STARTER
### BEGIN SOLUTION
from collections import OrderedDict
### END SOLUTION
from collections.abc import Callable
from typing import Protocol


class DeliveryStore(Protocol):
    def claim(self, delivery_id: str) -> bool: ...

    def release(self, delivery_id: str) -> None: ...


class MemoryDeliveryStore:
    """Ids in this process's memory: right for one process; behind a load balancer use RedisDeliveryStore."""

    def __init__(self, ttl_s: float = 8 * 24 * 3600, *, clock: Callable[[], float] = time.monotonic,
                 max_ids: int = 1_000_000):
        self.ttl_s, self.max_ids = float(ttl_s), max_ids
        self._clock = clock
        ### BEGIN STARTER
        # # TODO step 2: each id with its expiry time (clock() + ttl_s), and a lock.
        ### END STARTER
        ### BEGIN SOLUTION
        self._expiry: OrderedDict[str, float] = OrderedDict()  # oldest claim first, so expired ids sit at the front
        self._lock = threading.Lock()  # the check and the insert are one step, or two threads both win
        ### END SOLUTION

    def claim(self, delivery_id: str) -> bool:
        ### BEGIN STARTER
        # """True the first time an id is seen within ttl_s seconds, False otherwise. Forget expired ids here, so
        # memory stays bounded, and never hold more than max_ids."""
        # # TODO step 2
        # raise NotImplementedError("step 2: MemoryDeliveryStore.claim")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            now = self._clock()
            self._forget_expired(now)
            if delivery_id in self._expiry:
                return False
            self._expiry[delivery_id] = now + self.ttl_s
            while len(self._expiry) > self.max_ids:  # a hard bound; size it far above deliveries per TTL
                self._expiry.popitem(last=False)
            return True
        ### END SOLUTION

    def release(self, delivery_id: str) -> None:
    ### BEGIN STARTER
    #     """Forget `delivery_id` now (its work failed; a redelivery may try again)."""
    #     # TODO step 2
    #     raise NotImplementedError("step 2: MemoryDeliveryStore.release")
    ### END STARTER
    ### BEGIN SOLUTION
        with self._lock:
            self._expiry.pop(delivery_id, None)

    def _forget_expired(self, now: float) -> None:
        while self._expiry:
            oldest, expires = next(iter(self._expiry.items()))
            if expires > now:
                break
            del self._expiry[oldest]
    ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN STARTER
        # """How many unexpired ids are held."""
        # # TODO step 2
        # raise NotImplementedError("step 2: MemoryDeliveryStore.__len__")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            self._forget_expired(self._clock())
            return len(self._expiry)
        ### END SOLUTION


class RedisDeliveryStore:
    ### BEGIN STARTER
    # """Ids in Redis, shared by every process that uses the same server and prefix."""
    ### END STARTER
    ### BEGIN SOLUTION
    """Ids in Redis, shared by every process: SET key NX EX ttl is one atomic command, so exactly one process
    (whichever asks first) gets True, and Redis deletes the key when the TTL runs out."""
    ### END SOLUTION

    def __init__(self, redis, *, ttl_s: int = 8 * 24 * 3600, prefix: str = "github-delivery:"):
        self.redis, self.ttl_s, self.prefix = redis, int(ttl_s), prefix

    def claim(self, delivery_id: str) -> bool:
        ### BEGIN STARTER
        # """TODO step 5: one atomic command that sets the key only if it is absent, with a TTL."""
        # raise NotImplementedError("step 5: RedisDeliveryStore.claim")
        ### END STARTER
        ### BEGIN SOLUTION
        return bool(self.redis.set(self.prefix + delivery_id, "1", nx=True, ex=self.ttl_s))
        ### END SOLUTION

    def release(self, delivery_id: str) -> None:
        ### BEGIN STARTER
        # """TODO step 5: delete the key."""
        # raise NotImplementedError("step 5: RedisDeliveryStore.release")
        ### END STARTER
        ### BEGIN SOLUTION
        self.redis.delete(self.prefix + delivery_id)
        ### END SOLUTION
