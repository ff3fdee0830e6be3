"""A semantic cache: a question that means the same as one already answered gets the stored answer.
Read the README's contract first; the tests check exactly that, through these public names only.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from semantic_cache.vectors import normalise


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray:
        """One embedding per text, shape (len(texts), dimension)."""


@dataclass(frozen=True)
class Hit:
    answer: Any
    similarity: float  # cosine between the question asked and `question`
    question: str      # the stored question that matched


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int
    evictions: int   # live entries removed to stay within max_entries
    expired: int     # entries removed because their TTL had passed
    entries: int

    @property
    def hit_rate(self) -> float:
        """Hits over lookups; 0.0 before the first lookup."""
        # TODO step 5
        raise NotImplementedError("step 5: CacheStats.hit_rate")


class SemanticCache:
    """Answers keyed by meaning, at most `max_entries` of them, each kept `ttl` seconds. Use `clock()` for the
    time (the tests pass a fake clock) and `self._embed(question)` for a question's unit vector."""

    def __init__(self, encoder: Encoder, threshold: float = 0.9, ttl: float = 3600.0, max_entries: int = 10_000,
                 *, clock: Callable[[], float] = time.monotonic, initial_capacity: int = 64):
        if not 0.0 < threshold <= 1.0 or ttl <= 0 or max_entries < 1:
            raise ValueError("threshold must be in (0, 1], ttl > 0 and max_entries >= 1")
        self.encoder, self.threshold, self.ttl = encoder, float(threshold), float(ttl)
        self.max_entries, self.clock = int(max_entries), clock
        # TODO step 1: the storage. Not a list of (vector, answer) pairs scanned in a loop (the handout's cache):
        # a float32 matrix of `initial_capacity` rows (one unit vector per entry, allocated at the first set,
        # when the dimension is known, and doubled when full), and beside it, one value per row, numpy arrays of
        # expiry times, last-use counters and namespace ids, plus Python lists of answers and questions and a
        # dict (namespace, question) -> row. Also the counters for stats() and a threading.Lock.

    def _embed(self, question: str) -> np.ndarray:
        return normalise(np.asarray(self.encoder.encode([question]), dtype=np.float32)[0])

    def lookup(self, question: str, namespace: str = "") -> Hit | None:
        """The best live entry in `namespace` if its cosine with `question` is at least `threshold`, else None.
        Counts a hit or a miss; a hit makes the entry the most recently used."""
        # TODO step 2: one matrix-vector product scores every row (rows and query are unit vectors, so a dot
        # product is the cosine); rows that have expired or belong to another namespace get -inf (np.where
        # with a boolean mask, not a Python loop); np.argmax picks the best. No loop over entries here.
        raise NotImplementedError("step 2: SemanticCache.lookup")

    def get(self, question: str, namespace: str = "") -> Any | None:
        """The answer of `lookup`, or None on a miss."""
        hit = self.lookup(question, namespace)
        return None if hit is None else hit.answer

    def set(self, question: str, answer: Any, namespace: str = "", ttl: float | None = None) -> None:
        """Store `answer` (not None) for `question` for `ttl` seconds (default: the cache's). The same question
        in the same namespace replaces its entry; a new one beyond max_entries first drops expired entries,
        then the least recently used."""
        if answer is None:
            raise ValueError("None means a miss, so it cannot be stored")
        # TODO steps 1, 3 and 4: write the row (vector, expiry = clock() + ttl, namespace id, last use); grow the
        # arrays by doubling when full; when the cache is full, drop expired rows, else the least recently used
        # one (np.argmin over the last-use counters). Remove a row by moving the last row into its place.
        raise NotImplementedError("step 1: SemanticCache.set")

    def purge_expired(self) -> int:
        """Remove every expired entry now; how many went."""
        # TODO step 3
        raise NotImplementedError("step 3: SemanticCache.purge_expired")

    def stats(self) -> CacheStats:
        # TODO step 5
        raise NotImplementedError("step 5: SemanticCache.stats")

    def __len__(self) -> int:
        """Entries held now (expired ones count until they are removed)."""
        # TODO step 1
        raise NotImplementedError("step 1: SemanticCache.__len__")
