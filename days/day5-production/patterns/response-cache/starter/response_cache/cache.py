"""An exact-match cache for LLM responses: a stable key per request, a bounded in-memory store with TTL and
statistics, and a decorator that puts the cache in front of a function that calls the model.
Read the README's contract first; the tests check exactly that, through these public names only.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def cache_key(model: str, system: str | None, messages: str | list, **params: Any) -> str:
    """A string key for the request, the same in every process and on every run, different whenever the
    model, the system prompt, any message or any parameter differs. The order of `params` must not matter."""
    # TODO step 1: canonical JSON (json.dumps with sort_keys=True) of all four parts, hashed with
    # hashlib.sha256. Not hash(): it is salted per process. Messages may be a string or a list of
    # {"role", "content"} dicts or agentkit.Message objects (Message.model_dump gives plain data).
    raise NotImplementedError("step 1: cache_key")


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int
    entries: int

    @property
    def hit_rate(self) -> float:
        """Hits over lookups; 0.0 before the first lookup."""
        # TODO step 3
        raise NotImplementedError("step 3: CacheStats.hit_rate")


class ResponseCache:
    """At most `max_entries` responses, each kept `ttl` seconds; the least recently used goes first.
    Use `clock()` for the time: the tests pass a fake clock."""

    def __init__(self, max_entries: int = 1024, ttl: float = 3600.0, *,
                 clock: Callable[[], float] = time.monotonic):
        if max_entries < 1 or ttl <= 0:
            raise ValueError("max_entries must be >= 1 and ttl > 0")
        self.max_entries, self.ttl, self.clock = max_entries, float(ttl), clock
        # TODO step 2: the entries (an OrderedDict of key -> (expires at, value)), a threading.Lock, and the
        # hit and miss counters (step 3).

    def get(self, key: str) -> Any | None:
        """The stored value, or None on a miss (never stored, expired, or evicted). Counts a hit or a miss."""
        # TODO steps 2-3: an entry past its expiry time is a miss; a hit makes the key the most recently used.
        raise NotImplementedError("step 2: ResponseCache.get")

    def set(self, key: str, value: Any, ttl: float | None = None) -> None:
        """Store `value` for `ttl` seconds (default: the cache's), then evict the least recently used entries
        beyond max_entries."""
        # TODO step 2
        raise NotImplementedError("step 2: ResponseCache.set")

    def stats(self) -> CacheStats:
        # TODO step 3
        raise NotImplementedError("step 3: ResponseCache.stats")

    def __len__(self) -> int:
        """Entries held now."""
        # TODO step 2
        raise NotImplementedError("step 2: ResponseCache.__len__")


def cached(cache) -> Callable:
    """Put `cache` (a ResponseCache or a RedisResponseCache) in front of a function shaped like Client.chat:

        @cached(cache)
        def answer(client, messages, *, system=None, model=None, **params) -> str: ...

    The key is (model or client.model, system, messages, params). A hit returns the stored value without
    calling the function. What the function raises propagates and nothing is stored.
    """
    # TODO step 4: return a decorator; its wrapper has the signature above and looks up, calls, stores.
    raise NotImplementedError("step 4: cached")
