"""Hybrid retrieval over code: BM25 with code-aware tokens, vectors, reciprocal rank fusion, query
transformation (multi-query, HyDE) and LLM reranking."""
from hybrid_search.fusion import reciprocal_rank_fusion
from hybrid_search.indexes import KeywordIndex, VectorIndex
from hybrid_search.llm import hyde_search, hypothetical_answer, multi_query, multi_query_search, rerank
from hybrid_search.search import HybridSearch
from hybrid_search.tokens import tokenize

__all__ = ["HybridSearch", "KeywordIndex", "VectorIndex", "hyde_search", "hypothetical_answer", "multi_query",
           "multi_query_search", "reciprocal_rank_fusion", "rerank", "tokenize"]
