### BEGIN STARTER
# """A semantic cache: a question that means the same as one already answered gets the stored answer.
# Read the README's contract first; the tests check exactly that, through these public names only.
# """
### END STARTER
### BEGIN SOLUTION
"""A semantic cache: a question that means the same as one already answered gets the stored answer.

Every question is embedded into a unit vector; the vectors live as rows of one preallocated numpy matrix, so a
lookup is one matrix-vector product (a cosine against every row at once) and one argmax over the rows that are
live (not expired, same namespace). Entries expire after a TTL read from an injectable clock, and the cache
holds at most `max_entries`, evicting the least recently used (stored or hit) first.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import threading
### END SOLUTION
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
        ### BEGIN STARTER
        # # TODO step 5
        # raise NotImplementedError("step 5: CacheStats.hit_rate")
        ### END STARTER
        ### BEGIN SOLUTION
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0
        ### END SOLUTION


class SemanticCache:
    ### BEGIN STARTER
    # """Answers keyed by meaning, at most `max_entries` of them, each kept `ttl` seconds. Use `clock()` for the
    # time (the tests pass a fake clock) and `self._embed(question)` for a question's unit vector."""
    ### END STARTER
    ### BEGIN SOLUTION
    """Answers keyed by meaning. `namespace` separates questions that must never share answers (see
    `namespace_of`: model, system prompt, parameters).

    >>> cache = SemanticCache(MiniLM.load(), threshold=0.9, ttl=3600, max_entries=10_000)
    >>> cache.set("How do I reset my password?", "Settings > Security > Reset password.")
    >>> cache.get("How can I reset my password?")           # the stored answer: cosine 0.99
    """
    ### END SOLUTION

    def __init__(self, encoder: Encoder, threshold: float = 0.9, ttl: float = 3600.0, max_entries: int = 10_000,
                 *, clock: Callable[[], float] = time.monotonic, initial_capacity: int = 64):
        if not 0.0 < threshold <= 1.0 or ttl <= 0 or max_entries < 1:
            raise ValueError("threshold must be in (0, 1], ttl > 0 and max_entries >= 1")
        self.encoder, self.threshold, self.ttl = encoder, float(threshold), float(ttl)
        self.max_entries, self.clock = int(max_entries), clock
        ### BEGIN STARTER
        # # TODO step 1: the storage. Not a list of (vector, answer) pairs scanned in a loop (the handout's cache):
        # # a float32 matrix of `initial_capacity` rows (one unit vector per entry, allocated at the first set,
        # # when the dimension is known, and doubled when full), and beside it, one value per row, numpy arrays of
        # # expiry times, last-use counters and namespace ids, plus Python lists of answers and questions and a
        # # dict (namespace, question) -> row. Also the counters for stats() and a threading.Lock.
        ### END STARTER
        ### BEGIN SOLUTION
        self._capacity = max(1, min(initial_capacity, self.max_entries))
        self._vectors: np.ndarray | None = None          # (capacity, dimension), allocated at the first set
        self._expires = np.empty(self._capacity, dtype=np.float64)
        self._last_used = np.empty(self._capacity, dtype=np.int64)
        self._namespace = np.empty(self._capacity, dtype=np.int64)
        self._answers: list[Any] = []                    # row i's answer and question; rows [0, size) are used
        self._questions: list[str] = []
        self._row_of: dict[tuple[int, str], int] = {}    # (namespace id, question) -> row
        self._namespace_ids: dict[str, int] = {}
        self._size = 0
        self._tick = 0  # a counter, not the clock: two uses at the same instant still have an order
        self._hits = self._misses = self._evictions = self._expired = 0
        self._lock = threading.Lock()
        ### END SOLUTION

    def _embed(self, question: str) -> np.ndarray:
        return normalise(np.asarray(self.encoder.encode([question]), dtype=np.float32)[0])

    def lookup(self, question: str, namespace: str = "") -> Hit | None:
        """The best live entry in `namespace` if its cosine with `question` is at least `threshold`, else None.
        Counts a hit or a miss; a hit makes the entry the most recently used."""
        ### BEGIN STARTER
        # # TODO step 2: one matrix-vector product scores every row (rows and query are unit vectors, so a dot
        # # product is the cosine); rows that have expired or belong to another namespace get -inf (np.where
        # # with a boolean mask, not a Python loop); np.argmax picks the best. No loop over entries here.
        # raise NotImplementedError("step 2: SemanticCache.lookup")
        ### END STARTER
        ### BEGIN SOLUTION
        vector = self._embed(question)  # the slow part, outside the lock
        with self._lock:
            space = self._namespace_ids.get(namespace)
            if self._size == 0 or space is None:
                self._misses += 1
                return None
            n = self._size
            scores = self._vectors[:n] @ vector
            live = (self._expires[:n] > self.clock()) & (self._namespace[:n] == space)
            scores = np.where(live, scores, -np.inf)
            row = int(np.argmax(scores))
            similarity = float(scores[row])
            if similarity < self.threshold:
                self._misses += 1
                return None
            self._hits += 1
            self._tick += 1
            self._last_used[row] = self._tick
            return Hit(answer=self._answers[row], similarity=similarity, question=self._questions[row])
        ### END SOLUTION

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
        ### BEGIN STARTER
        # # TODO steps 1, 3 and 4: write the row (vector, expiry = clock() + ttl, namespace id, last use); grow the
        # # arrays by doubling when full; when the cache is full, drop expired rows, else the least recently used
        # # one (np.argmin over the last-use counters). Remove a row by moving the last row into its place.
        # raise NotImplementedError("step 1: SemanticCache.set")
        ### END STARTER
        ### BEGIN SOLUTION
        vector = self._embed(question)
        with self._lock:
            now = self.clock()
            space = self._namespace_ids.setdefault(namespace, len(self._namespace_ids))
            row = self._row_of.get((space, question))
            if row is None:
                if self._size >= self.max_entries:
                    self._make_room(now)
                row = self._append_row(vector.shape[0])
                self._row_of[(space, question)] = row
                self._questions.append(question)
                self._answers.append(answer)
            else:
                self._answers[row] = answer
            self._vectors[row] = vector
            self._expires[row] = now + (self.ttl if ttl is None else float(ttl))
            self._namespace[row] = space
            self._tick += 1
            self._last_used[row] = self._tick
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _append_row(self, dimension: int) -> int:
        """Index of a new row at the end, growing the arrays (doubling, up to max_entries) when full."""
        if self._vectors is None:
            self._vectors = np.zeros((self._capacity, dimension), dtype=np.float32)
        elif dimension != self._vectors.shape[1]:
            raise ValueError(f"the encoder gave {dimension} dimensions, the cache holds {self._vectors.shape[1]}")
        if self._size == self._capacity:
            self._capacity = min(2 * self._capacity, self.max_entries)
            self._vectors = _grown(self._vectors, self._capacity)
            self._expires = _grown(self._expires, self._capacity)
            self._last_used = _grown(self._last_used, self._capacity)
            self._namespace = _grown(self._namespace, self._capacity)
        self._size += 1
        return self._size - 1

    def _make_room(self, now: float) -> None:
        """Drop every expired entry; if none was, drop the least recently used one."""
        if not self._drop_expired(now):
            self._remove(int(np.argmin(self._last_used[:self._size])))
            self._evictions += 1

    def _drop_expired(self, now: float) -> int:
        expired = np.flatnonzero(self._expires[:self._size] <= now)
        for row in expired[::-1].tolist():  # from the end, so a row moved into a hole is never one to drop
            self._remove(row)
        self._expired += len(expired)
        return len(expired)

    def _remove(self, row: int) -> None:
        """Remove `row` by moving the last row into its place, so rows [0, size) stay packed."""
        last = self._size - 1
        del self._row_of[(int(self._namespace[row]), self._questions[row])]
        if row != last:
            for array in (self._vectors, self._expires, self._last_used, self._namespace):
                array[row] = array[last]
            self._answers[row], self._questions[row] = self._answers[last], self._questions[last]
            self._row_of[(int(self._namespace[row]), self._questions[row])] = row
        self._answers.pop()
        self._questions.pop()
        self._size = last
    ### END SOLUTION

    def purge_expired(self) -> int:
        """Remove every expired entry now; how many went."""
        ### BEGIN STARTER
        # # TODO step 3
        # raise NotImplementedError("step 3: SemanticCache.purge_expired")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return self._drop_expired(self.clock())
        ### END SOLUTION

    def stats(self) -> CacheStats:
        ### BEGIN STARTER
        # # TODO step 5
        # raise NotImplementedError("step 5: SemanticCache.stats")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return CacheStats(hits=self._hits, misses=self._misses, evictions=self._evictions,
                              expired=self._expired, entries=self._size)
        ### END SOLUTION

    def __len__(self) -> int:
        """Entries held now (expired ones count until they are removed)."""
        ### BEGIN STARTER
        # # TODO step 1
        # raise NotImplementedError("step 1: SemanticCache.__len__")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return self._size
        ### END SOLUTION
### BEGIN SOLUTION


def _grown(array: np.ndarray, rows: int) -> np.ndarray:
    bigger = np.empty((rows, *array.shape[1:]), dtype=array.dtype)
    bigger[:len(array)] = array
    return bigger
### END SOLUTION
