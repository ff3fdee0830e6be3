"""The same cache kept in Redis, so every process (and every restart) shares the entries."""
from __future__ import annotations

from typing import Any

from response_cache.cache import CacheStats


class RedisResponseCache:
    """get / set / stats like ResponseCache, on a shared Redis server (`redis` is a connected redis.Redis).
    Stats count this instance's lookups."""

    def __init__(self, redis, *, ttl: float = 3600.0, prefix: str = "llm-cache:"):
        if ttl <= 0:
            raise ValueError("ttl must be > 0")
        self.redis, self.ttl, self.prefix = redis, float(ttl), prefix
        # TODO step 5: hit and miss counters.

    def get(self, key: str) -> Any | None:
        # TODO step 5: GET prefix + key; None is a miss; otherwise json.loads the value (never pickle).
        raise NotImplementedError("step 5: RedisResponseCache.get")

    def set(self, key: str, value: Any, ttl: float | None = None) -> None:
        # TODO step 5: SET prefix + key to json.dumps(value), with the TTL in Redis itself (px= milliseconds).
        raise NotImplementedError("step 5: RedisResponseCache.set")

    def stats(self) -> CacheStats:
        # TODO step 5
        raise NotImplementedError("step 5: RedisResponseCache.stats")
