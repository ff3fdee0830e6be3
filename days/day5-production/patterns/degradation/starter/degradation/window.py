"""Where the sliding window and the current level live: in this process, or in Redis for every process.

A window store has two methods (the Degrader uses nothing else):

* `update(outcome, decide) -> Level`: append `outcome`, keep only the last `size` outcomes, compute the new
  level with `decide(current_level, outcomes_oldest_first)`, store it and return it, as ONE atomic step.
* `current() -> Level`: the stored level (Level.FULL before anything was recorded).

The level is stored next to the window, not recomputed on read: with hysteresis the same window can mean
REDUCED (on the way down) or FULL (on the way up).
"""
from __future__ import annotations

import json  # noqa: F401 - to store outcomes in Redis
import threading  # noqa: F401 - for MemoryWindow's lock
from collections import deque  # noqa: F401 - deque(maxlen=size) is a sliding window
from collections.abc import Callable

from degradation.levels import Level, Outcome

Decide = Callable[[Level, list[Outcome]], Level]


class MemoryWindow:
    """The window in this process's memory: right for one process, wrong behind a load balancer."""

    def __init__(self, size: int = 20):
        self.size = size
        # TODO step 1: the outcomes (a deque with maxlen), the level (Level.FULL), a lock.

    def update(self, outcome: Outcome, decide: Decide) -> Level:
        # TODO step 1: under the lock, append, decide from list(outcomes), store and return the level.
        raise NotImplementedError("step 1: MemoryWindow.update")

    def current(self) -> Level:
        # TODO step 1
        raise NotImplementedError("step 1: MemoryWindow.current")


class RedisWindow:
    """The window in Redis, so every process serving the same traffic decides from the same outcomes.

    Use the keys f"{key}:outcomes" (a list of JSON [ok, latency_s], oldest first, trimmed to `size`) and
    f"{key}:level" (the level's value). `redis` is a `redis.Redis` client.
    """

    def __init__(self, redis, key: str = "degradation", size: int = 20):
        self.redis = redis
        self.size = size
        self.outcomes_key = f"{key}:outcomes"
        self.level_key = f"{key}:level"

    def update(self, outcome: Outcome, decide: Decide) -> Level:
        # TODO step 5: an optimistic transaction, retried on redis.exceptions.WatchError:
        #   with self.redis.pipeline() as pipe: pipe.watch(both keys); read the list and the level;
        #   decide; pipe.multi(); rpush + ltrim + set; pipe.execute(); return the level.
        raise NotImplementedError("step 5: RedisWindow.update")

    def current(self) -> Level:
        # TODO step 5: the stored level, or Level.FULL when the key does not exist (values come back as bytes).
        raise NotImplementedError("step 5: RedisWindow.current")
