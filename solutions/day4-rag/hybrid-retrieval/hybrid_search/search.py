"""Hybrid search: keyword and vector rankings of the same documents, fused by reciprocal rank."""
from __future__ import annotations

from collections.abc import Hashable, Sequence

from hybrid_search.fusion import reciprocal_rank_fusion
from hybrid_search.indexes import KeywordIndex, VectorIndex


class HybridSearch:
    """Documents by id; `search` fuses the top `candidates` of BM25 and of vector search (RRF, k=60)."""

    def __init__(self, ids: Sequence[Hashable], texts: Sequence[str], encoder=None):
        if len(ids) != len(texts) or len(set(ids)) != len(ids):
            raise ValueError("one unique id per text")
        self.ids, self.texts = list(ids), list(texts)
        self.keyword = KeywordIndex(self.texts)
        self.vector = VectorIndex(self.texts, encoder)

    def text(self, doc_id: Hashable) -> str:
        return self.texts[self.ids.index(doc_id)]

    def rankings(self, query: str, candidates: int = 20) -> list[list[Hashable]]:
        """[keyword ranking, vector ranking] of ids for one query."""
        return [[self.ids[i] for i in self.keyword.search(query, candidates)],
                [self.ids[i] for i in self.vector.search(query, candidates)]]

    def search(self, query: str, k: int = 5, candidates: int = 20) -> list[Hashable]:
        ### BEGIN SOLUTION
        return [doc_id for doc_id, _ in reciprocal_rank_fusion(self.rankings(query, candidates))[:k]]
        ### END SOLUTION
