"""Where the sliding window and the current level live: in this process, or in Redis for every process.

A window store has two methods:

* `update(outcome, decide) -> Level`: append `outcome`, keep the last `size` outcomes, compute the new
  level with `decide(current_level, outcomes)` and store it, all as ONE atomic step. Two requests
  finishing at the same moment must not both read the old window and overwrite each other's outcome.
* `current() -> Level`: the stored level (FULL before anything was recorded).

The level is stored next to the window, not recomputed on read, because hysteresis makes it depend on
the path taken: the same window can mean REDUCED (on the way down) or FULL (on the way up).
"""
from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable

from degradation.levels import Level, Outcome

Decide = Callable[[Level, list[Outcome]], Level]


class MemoryWindow:
    """The window in this process's memory: right for one process, wrong behind a load balancer."""

    def __init__(self, size: int = 20):
        if size < 1:
            raise ValueError("the window needs room for at least one outcome")
        self.size = size
        self._outcomes: deque[Outcome] = deque(maxlen=size)
        self._level = Level.FULL
        self._lock = threading.Lock()

    def update(self, outcome: Outcome, decide: Decide) -> Level:
        with self._lock:
            self._outcomes.append(Outcome(bool(outcome.ok), float(outcome.latency_s)))
            self._level = decide(self._level, list(self._outcomes))
            return self._level

    def current(self) -> Level:
        with self._lock:
            return self._level

    def outcomes(self) -> list[Outcome]:
        with self._lock:
            return list(self._outcomes)


class RedisWindow:
    """The window in Redis, so every process serving the same traffic decides from the same outcomes.

    Keys: `{key}:outcomes` (a list of JSON `[ok, latency_s]`, oldest first, trimmed to `size`) and
    `{key}:level`. `update` is an optimistic transaction: WATCH both keys, read, decide, then write in
    MULTI/EXEC; if another process wrote in between, EXEC fails and we read and decide again.
    """

    def __init__(self, redis, key: str = "degradation", size: int = 20):
        if size < 1:
            raise ValueError("the window needs room for at least one outcome")
        self.redis = redis
        self.size = size
        self.outcomes_key = f"{key}:outcomes"
        self.level_key = f"{key}:level"

    def update(self, outcome: Outcome, decide: Decide) -> Level:
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

    def current(self) -> Level:
        return self._level(self.redis.get(self.level_key))

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
