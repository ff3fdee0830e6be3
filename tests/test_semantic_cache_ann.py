"""The lesson's approximate semantic cache (HNSW via usearch) agrees with the exact one where it should."""
import sys

import numpy as np
import pytest

from autograder.units import ROOT

sys.path.insert(0, str(ROOT / "solutions" / "day5-production" / "semantic-cache"))
from semantic_cache import SemanticCache  # noqa: E402
from semantic_cache.approximate import ApproximateSemanticCache  # noqa: E402

DIMENSION = 64


class TableEncoder:
    def __init__(self, table):
        self.table = table

    def encode(self, texts):
        return np.stack([self.table[t] for t in texts])


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def world():
    rng = np.random.default_rng(7)
    stored = rng.standard_normal((2_000, DIMENSION)).astype(np.float32)
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    asked = stored[:300] + 0.03 * rng.standard_normal((300, DIMENSION)).astype(np.float32)
    asked /= np.linalg.norm(asked, axis=1, keepdims=True)
    table = {**{f"s{i}": v for i, v in enumerate(stored)}, **{f"q{i}": v for i, v in enumerate(asked)}}
    return TableEncoder(table), len(stored), len(asked)


def caches(encoder, **kwargs):
    clock = Clock()
    return clock, [cls(encoder, threshold=0.9, ttl=100, clock=clock, **kwargs)
                   for cls in (SemanticCache, ApproximateSemanticCache)]


def test_recall_at_one_against_the_exact_cache(world):
    encoder, n_stored, n_asked = world
    _, (exact, approximate) = caches(encoder, max_entries=n_stored)
    for i in range(n_stored):
        exact.set(f"s{i}", i)
        approximate.set(f"s{i}", i)
    exact_answers = [exact.get(f"q{i}") for i in range(n_asked)]
    assert exact_answers == list(range(n_asked))  # every query is a near copy of a stored entry
    agree = sum(a == approximate.get(f"q{i}") for i, a in enumerate(exact_answers))
    assert agree / n_asked >= 0.95


def test_expiry_eviction_and_replacement_keep_the_index_in_step(world):
    encoder, _, _ = world
    clock, (_, approximate) = caches(encoder, max_entries=50)
    for i in range(80):  # 30 evictions
        approximate.set(f"s{i}", i)
    assert len(approximate) == 50 and len(approximate._index) == 50
    assert approximate.get("s79") == 79 and approximate.get("s0") is None
    approximate.set("s79", "new")
    assert approximate.get("s79") == "new" and len(approximate._index) == 50
    clock.now = 101
    assert approximate.get("s79") is None and approximate.purge_expired() == 50
    assert len(approximate._index) == 0
    approximate.set("s5", 5, namespace="other")
    assert approximate.get("s5") is None and approximate.get("s5", namespace="other") == 5
