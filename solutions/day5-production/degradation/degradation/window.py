### BEGIN STARTER
# """Where the sliding window and the current level live: in this process, or in Redis for every process.
#
# A window store has two methods (the Degrader uses nothing else):
#
# * `update(outcome, decide) -> Level`: append `outcome`, keep only the last `size` outcomes, compute the new
#   level with `decide(current_level, outcomes_oldest_first)`, store it and return it, as ONE atomic step.
# * `current() -> Level`: the stored level (Level.FULL before anything was recorded).
#
# The level is stored next to the window, not recomputed on read: with hysteresis the same window can mean
# REDUCED (on the way down) or FULL (on the way up).
# """
### END STARTER
### BEGIN SOLUTION
"""Where the sliding window and the current level live: in this process, or in Redis for every process.

A window store has two methods:

* `update(outcome, decide) -> Level`: append `outcome`, keep the last `size` outcomes, compute the new
  level with `decide(current_level, outcomes)` and store it, all as ONE atomic step. Two requests
  finishing at the same moment must not both read the old window and overwrite each other's outcome.
* `current() -> Level`: the stored level (FULL before anything was recorded).

The level is stored next to the window, not recomputed on read, because hysteresis makes it depend on
the path taken: the same window can mean REDUCED (on the way down) or FULL (on the way up).
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401 - to store outcomes in Redis
# import threading  # noqa: F401 - for MemoryWindow's lock
# from collections import deque  # noqa: F401 - deque(maxlen=size) is a sliding window
### END STARTER
### BEGIN SOLUTION
import json
import threading
from collections import deque
### END SOLUTION
from collections.abc import Callable

from degradation.levels import Level, Outcome

Decide = Callable[[Level, list[Outcome]], Level]


class MemoryWindow:
    """The window in this process's memory: right for one process, wrong behind a load balancer."""

    def __init__(self, size: int = 20):
        ### BEGIN SOLUTION
        if size < 1:
            raise ValueError("the window needs room for at least one outcome")
        ### END SOLUTION
        self.size = size
        ### BEGIN STARTER
        # # TODO step 1: the outcomes (a deque with maxlen), the level (Level.FULL), a lock.
        ### END STARTER
        ### BEGIN SOLUTION
        self._outcomes: deque[Outcome] = deque(maxlen=size)
        self._level = Level.FULL
        self._lock = threading.Lock()
        ### END SOLUTION

    def update(self, outcome: Outcome, decide: Decide) -> Level:
        ### BEGIN STARTER
        # # TODO step 1: under the lock, append, decide from list(outcomes), store and return the level.
        # raise NotImplementedError("step 1: MemoryWindow.update")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            self._outcomes.append(Outcome(bool(outcome.ok), float(outcome.latency_s)))
            self._level = decide(self._level, list(self._outcomes))
            return self._level
        ### END SOLUTION

    def current(self) -> Level:
        ### BEGIN STARTER
        # # TODO step 1
        # raise NotImplementedError("step 1: MemoryWindow.current")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return self._level
        ### END SOLUTION
    ### BEGIN SOLUTION

    def outcomes(self) -> list[Outcome]:
        with self._lock:
            return list(self._outcomes)
    ### END SOLUTION


class RedisWindow:
    ### BEGIN STARTER
    # """The window in Redis, so every process serving the same traffic decides from the same outcomes.
    #
    # Use the keys f"{key}:outcomes" (a list of JSON [ok, latency_s], oldest first, trimmed to `size`) and
    # f"{key}:level" (the level's value). `redis` is a `redis.Redis` client.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """The window in Redis, so every process serving the same traffic decides from the same outcomes.

    Keys: `{key}:outcomes` (a list of JSON `[ok, latency_s]`, oldest first, trimmed to `size`) and
    `{key}:level`. `update` is an optimistic transaction: WATCH both keys, read, decide, then write in
    MULTI/EXEC; if another process wrote in between, EXEC fails and we read and decide again.
    """
    ### END SOLUTION

    def __init__(self, redis, key: str = "degradation", size: int = 20):
        ### BEGIN SOLUTION
        if size < 1:
            raise ValueError("the window needs room for at least one outcome")
        ### END SOLUTION
        self.redis = redis
        self.size = size
        self.outcomes_key = f"{key}:outcomes"
        self.level_key = f"{key}:level"

    def update(self, outcome: Outcome, decide: Decide) -> Level:
        ### BEGIN STARTER
        # # TODO step 5: an optimistic transaction, retried on redis.exceptions.WatchError:
        # #   with self.redis.pipeline() as pipe: pipe.watch(both keys); read the list and the level;
        # #   decide; pipe.multi(); rpush + ltrim + set; pipe.execute(); return the level.
        # raise NotImplementedError("step 5: RedisWindow.update")
        ### END STARTER
        ### BEGIN SOLUTION
        from redis.exceptions import WatchError

        item = json.dumps([bool(outcome.ok), float(outcome.latency_s)])
        with self.redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(self.outcomes_key, self.level_key)
                    stored = [self._outcome(raw) for raw in pipe.lrange(self.outcomes_key, 0, -1)]
                    window = (stored + [Outcome(bool(outcome.ok), float(outcome.latency_s))])[-self.size:]
                    level = decide(self._level(pipe.get(self.level_key)), window)
                    pipe.multi()
                    pipe.rpush(self.outcomes_key, item)
                    pipe.ltrim(self.outcomes_key, -self.size, -1)
                    pipe.set(self.level_key, level.value)
                    pipe.execute()
                    return level
                except WatchError:
                    continue  # someone else recorded first: decide again from the window they left
        ### END SOLUTION

    def current(self) -> Level:
        ### BEGIN STARTER
        # # TODO step 5: the stored level, or Level.FULL when the key does not exist (values come back as bytes).
        # raise NotImplementedError("step 5: RedisWindow.current")
        ### END STARTER
        ### BEGIN SOLUTION
        return self._level(self.redis.get(self.level_key))
        ### END SOLUTION
    ### BEGIN SOLUTION

    def outcomes(self) -> list[Outcome]:
        return [self._outcome(raw) for raw in self.redis.lrange(self.outcomes_key, 0, -1)]

    @staticmethod
    def _outcome(raw) -> Outcome:
        ok, latency = json.loads(raw)
        return Outcome(bool(ok), float(latency))

    @staticmethod
    def _level(raw) -> Level:
        if raw is None:
            return Level.FULL
        return Level(raw.decode() if isinstance(raw, bytes) else raw)
    ### END SOLUTION
