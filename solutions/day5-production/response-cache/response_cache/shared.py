### BEGIN STARTER
# """The same cache kept in Redis, so every process (and every restart) shares the entries."""
### END STARTER
### BEGIN SOLUTION
"""The same cache kept in Redis, so every process (and every restart) shares the entries.

Values are stored as JSON, never pickled: anything that can write to the shared cache could otherwise make
every reader run code of its choosing. Each entry is written with its TTL (SET ... PX), so Redis itself drops
it when it expires; the size bound is Redis's job too: run the server with `maxmemory` and an eviction policy
such as `volatile-lru` (least recently used among keys that have a TTL, which is every key written here).
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import json
import threading
### END SOLUTION
from typing import Any

from response_cache.cache import CacheStats


class RedisResponseCache:
    ### BEGIN STARTER
    # """get / set / stats like ResponseCache, on a shared Redis server (`redis` is a connected redis.Redis).
    # Stats count this instance's lookups."""
    ### END STARTER
    ### BEGIN SOLUTION
    """get / set / stats like ResponseCache, on a shared Redis server. Stats count this instance's lookups.

    >>> cache = RedisResponseCache(redis.Redis(unix_socket_path="/run/redis.sock"), ttl=3600)
    """
    ### END SOLUTION

    def __init__(self, redis, *, ttl: float = 3600.0, prefix: str = "llm-cache:"):
        if ttl <= 0:
            raise ValueError("ttl must be > 0")
        self.redis, self.ttl, self.prefix = redis, float(ttl), prefix
        ### BEGIN STARTER
        # # TODO step 5: hit and miss counters.
        ### END STARTER
        ### BEGIN SOLUTION
        self._lock = threading.Lock()
        self._hits = self._misses = 0
        ### END SOLUTION

    def get(self, key: str) -> Any | None:
        ### BEGIN STARTER
        # # TODO step 5: GET prefix + key; None is a miss; otherwise json.loads the value (never pickle).
        # raise NotImplementedError("step 5: RedisResponseCache.get")
        ### END STARTER
        ### BEGIN SOLUTION
        raw = self.redis.get(self.prefix + key)
        with self._lock:
            if raw is None:
                self._misses += 1
                return None
            self._hits += 1
        return json.loads(raw)
        ### END SOLUTION

    def set(self, key: str, value: Any, ttl: float | None = None) -> None:
        ### BEGIN STARTER
        # # TODO step 5: SET prefix + key to json.dumps(value), with the TTL in Redis itself (px= milliseconds).
        # raise NotImplementedError("step 5: RedisResponseCache.set")
        ### END STARTER
        ### BEGIN SOLUTION
        if value is None:
            raise ValueError("None means a miss, so it cannot be stored")
        milliseconds = max(1, round(1000 * (self.ttl if ttl is None else ttl)))
        self.redis.set(self.prefix + key, json.dumps(value, ensure_ascii=False), px=milliseconds)
        ### END SOLUTION

    def stats(self) -> CacheStats:
        ### BEGIN STARTER
        # # TODO step 5
        # raise NotImplementedError("step 5: RedisResponseCache.stats")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return CacheStats(hits=self._hits, misses=self._misses, entries=-1)  # -1: not counted (a SCAN)
        ### END SOLUTION
