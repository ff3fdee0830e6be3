"""Cosine similarity, normalisation, top-k over a matrix, and a small in-memory index built on them."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]   # texts -> (len(texts), dimension), e.g. MiniLM.load().encode


def normalise(vectors) -> np.ndarray:
    """Each row scaled to length 1 (a 1-D vector is one row), as float32; a zero row stays zero, never NaN."""
    ### BEGIN SOLUTION
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return np.divide(array, norms, out=np.zeros_like(array), where=norms > 0)
    ### END SOLUTION


def cosine(a, b) -> float:
    """The cosine of the angle between two vectors of any length; 0.0 if either is zero."""
    ### BEGIN SOLUTION
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"vectors of different shapes: {a.shape} and {b.shape}")
    norms = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / norms) if norms > 0 else 0.0
    ### END SOLUTION


def top_k(query_vector, matrix, k: int) -> list[tuple[int, float]]:
    """The k rows of `matrix` with the highest dot product with `query_vector`, as (row, score), best first.

    Equal scores: the lower row first, also at the cut. k larger than the number of rows gives every row; k < 1
    gives []. Rows and query are expected to be unit vectors already, so the dot product is the cosine."""
    ### BEGIN SOLUTION
    matrix = np.asarray(matrix, dtype=np.float32)
    if k < 1 or len(matrix) == 0:
        return []
    scores = matrix @ np.asarray(query_vector, dtype=np.float32)
    k = min(k, len(scores))
    if k < len(scores):
        # argpartition finds the k-th best score in linear time; take every row that scores at least that (ties
        # at the cut included), then sort those few by score, then by row.
        threshold = scores[np.argpartition(-scores, k - 1)[k - 1]]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    ordered = candidates[np.lexsort((candidates, -scores[candidates]))][:k]
    return [(int(row), float(scores[row])) for row in ordered]
    ### END SOLUTION


@dataclass(frozen=True)
class Hit:
    position: int     # the order in which the text was added, from 0
    text: str
    score: float      # cosine similarity to the query


class SemanticIndex:
    """Texts and their unit vectors, searched by cosine similarity. `encode` embeds a list of texts at once."""

    def __init__(self, encode: Encode):
        self.encode = encode
        self.texts: list[str] = []
        self.matrix: np.ndarray | None = None   # (len(texts), dimension), unit rows

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, texts: Sequence[str]) -> list[int]:
        """Embed `texts` in one call of `encode`, normalised; returns their positions."""
        ### BEGIN SOLUTION
        texts = list(texts)
        if not texts:
            return []
        vectors = normalise(self.encode(texts))
        start = len(self.texts)
        self.matrix = vectors if self.matrix is None else np.vstack([self.matrix, vectors])
        self.texts += texts
        return list(range(start, len(self.texts)))
        ### END SOLUTION

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The k texts most similar to `query` (cosine), best first; equal scores in the order added."""
        ### BEGIN SOLUTION
        if not self.texts:
            return []
        wanted = normalise(self.encode([query]))[0]
        return [Hit(row, self.texts[row], score) for row, score in top_k(wanted, self.matrix, k)]
        ### END SOLUTION
