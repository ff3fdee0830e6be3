"""Keyword search (BM25 over code-aware tokens) and vector search (cosine of embeddings)."""
from __future__ import annotations

import bm25s
import numpy as np

from hybrid_search.tokens import tokenize


class KeywordIndex:
    """BM25 (bm25s) over `tokenize`d texts. `search` returns positions in `texts`, best first."""

    def __init__(self, texts: list[str]):
        self.size = len(texts)
        ### BEGIN SOLUTION
        self.bm25 = bm25s.BM25()
        self.bm25.index([tokenize(text) for text in texts], show_progress=False)
        ### END SOLUTION

    def search(self, query: str, k: int = 10) -> list[int]:
        """At most `k` positions of texts that share at least one token with the query (score above 0), best
        first; equal scores in the order of the texts."""
        ### BEGIN SOLUTION
        tokens = tokenize(query)
        if not tokens or not self.size:
            return []
        scores = np.asarray(self.bm25.get_scores(tokens))
        order = np.argsort(-scores, kind="stable")
        return [int(i) for i in order[:k] if scores[i] > 0]
        ### END SOLUTION


class VectorIndex:
    """Texts embedded once by `encoder` (anything with `.encode(list[str]) -> array of unit vectors`; by default
    agentkit.embeddings.MiniLM); `search` ranks them by cosine similarity to the query's embedding."""

    def __init__(self, texts: list[str], encoder=None):
        if encoder is None:
            from agentkit.embeddings import MiniLM

            encoder = MiniLM.load()
        self.encoder = encoder
        self.vectors = np.asarray(encoder.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def search(self, query: str, k: int = 10) -> list[int]:
        return self.search_vector(np.asarray(self.encoder.encode([query]))[0], k)

    def search_vector(self, vector, k: int = 10) -> list[int]:
        """The `k` positions nearest to `vector`, best first; equal scores in the order of the texts."""
        ### BEGIN SOLUTION
        if not len(self.vectors):
            return []
        vector = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(self.vectors, axis=1) * max(float(np.linalg.norm(vector)), 1e-12)
        scores = (self.vectors @ vector) / np.maximum(norms, 1e-12)
        return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
        ### END SOLUTION
