"""Which deliveries were already taken, keyed by X-GitHub-Delivery, so each one does its work once.

A redelivery (from the "Redeliver" button, the REST API, or a script that retries failures) carries the same
delivery id as the original. `claim(id)` answers True exactly once per id within the TTL; `release(id)` gives the
id back when the work failed, so a later redelivery can try again.
"""
from __future__ import annotations

import threading  # noqa: F401 - the check and the insert must be one step
import time
from collections import OrderedDict  # noqa: F401 - ids in claim order: the expired ones are at the front
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
        # TODO step 2: each id with its expiry time (clock() + ttl_s), and a lock.

    def claim(self, delivery_id: str) -> bool:
        """True the first time an id is seen within ttl_s seconds, False otherwise. Forget expired ids here, so
        memory stays bounded, and never hold more than max_ids."""
        # TODO step 2
        raise NotImplementedError("step 2: MemoryDeliveryStore.claim")

    def release(self, delivery_id: str) -> None:
        """Forget `delivery_id` now (its work failed; a redelivery may try again)."""
        # TODO step 2
        raise NotImplementedError("step 2: MemoryDeliveryStore.release")

    def __len__(self) -> int:
        """How many unexpired ids are held."""
        # TODO step 2
        raise NotImplementedError("step 2: MemoryDeliveryStore.__len__")


class RedisDeliveryStore:
    """Ids in Redis, shared by every process that uses the same server and prefix."""

    def __init__(self, redis, *, ttl_s: int = 8 * 24 * 3600, prefix: str = "github-delivery:"):
        self.redis, self.ttl_s, self.prefix = redis, int(ttl_s), prefix

    def claim(self, delivery_id: str) -> bool:
        """TODO step 5: one atomic command that sets the key only if it is absent, with a TTL."""
        raise NotImplementedError("step 5: RedisDeliveryStore.claim")

    def release(self, delivery_id: str) -> None:
        """TODO step 5: delete the key."""
        raise NotImplementedError("step 5: RedisDeliveryStore.release")
