"""Small vector helpers (given, not graded).

`cosine` compares two vectors one pair at a time, the way the handout's cache does for every entry. It is
right, and fine for a few pairs; it is the wrong tool inside a lookup over thousands of entries.
"""
from __future__ import annotations

import numpy as np


def normalise(vectors: np.ndarray) -> np.ndarray:
    """float32 copies scaled to length 1, one vector or a matrix of row vectors. A zero vector stays zero."""
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return array / np.maximum(norms, np.float32(1e-12))


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two vectors: 1 same direction, 0 unrelated, -1 opposite."""
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    denominator = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / denominator if denominator else 0.0
