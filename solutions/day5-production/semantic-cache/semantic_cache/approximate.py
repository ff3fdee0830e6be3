### SOLUTION FILE
"""The same cache with an approximate nearest-neighbour index (HNSW, from the usearch package) beside the matrix.

An exact lookup scores every row: its cost grows with the entries. An HNSW graph finds the few nearest rows in
roughly logarithmic time, at the price of sometimes missing the true nearest one (recall below 1) and of a
slower `set`. The candidates it returns are then scored exactly and filtered (TTL, namespace) as before, so a
hit is never worse than the threshold; what can happen is a miss where the exact cache would have hit.
"""
from __future__ import annotations

import threading
from typing import Any

import numpy as np
from usearch.index import Index

from semantic_cache.cache import Hit, SemanticCache


class ApproximateSemanticCache(SemanticCache):
    """`SemanticCache` whose lookups ask an HNSW index for the `candidates` nearest entries instead of scoring
    all of them. Worth it above a few thousand entries (see the lesson's crossover table)."""

    def __init__(self, *args, candidates: int = 16, connectivity: int = 16, expansion_search: int = 64, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self._index: Index | None = None
        self._index_settings = {"connectivity": connectivity, "expansion_search": expansion_search}
        self._keys: list[int] = []            # row -> index key (rows move when one is removed; keys do not)
        self._row_of_key: dict[int, int] = {}
        self._next_key = 0
        self._lock = threading.RLock()        # set() holds it across the parent's set

    def set(self, question: str, answer: Any, namespace: str = "", ttl: float | None = None) -> None:
        with self._lock:
            super().set(question, answer, namespace, ttl)
            row = self._row_of[(self._namespace_ids[namespace], question)]
            vector = self._vectors[row]
            if self._index is None:
                self._index = Index(ndim=vector.shape[0], metric="ip", dtype="f32", **self._index_settings)
            if row == len(self._keys):  # a new entry (the parent appends new rows at the end)
                key, self._next_key = self._next_key, self._next_key + 1
                self._keys.append(key)
                self._row_of_key[key] = row
            else:                       # the same question again: its vector is the same, re-add it anyway
                key = self._keys[row]
                self._index.remove(key)
            self._index.add(key, vector)

    def _remove(self, row: int) -> None:
        last, key = self._size - 1, self._keys[row]
        self._index.remove(key)
        del self._row_of_key[key]
        super()._remove(row)  # moves the last row into `row`
        if row != last:
            self._keys[row] = self._keys[last]
            self._row_of_key[self._keys[row]] = row
        self._keys.pop()

    def lookup(self, question: str, namespace: str = "") -> Hit | None:
        vector = self._embed(question)
        with self._lock:
            space = self._namespace_ids.get(namespace)
            if self._size == 0 or space is None:
                self._misses += 1
                return None
            found = self._index.search(vector, min(self.candidates, self._size))
            rows = np.fromiter((self._row_of_key[int(k)] for k in found.keys), dtype=np.int64)
            scores = self._vectors[rows] @ vector
            live = (self._expires[rows] > self.clock()) & (self._namespace[rows] == space)
            scores = np.where(live, scores, -np.inf)
            best = int(np.argmax(scores)) if len(rows) else 0
            if not len(rows) or scores[best] < self.threshold:
                self._misses += 1
                return None
            row = int(rows[best])
            self._hits += 1
            self._tick += 1
            self._last_used[row] = self._tick
            return Hit(answer=self._answers[row], similarity=float(scores[best]), question=self._questions[row])
