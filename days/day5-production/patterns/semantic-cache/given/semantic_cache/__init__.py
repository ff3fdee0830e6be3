"""Semantic caching for LLM calls: answers keyed by meaning (MiniLM embeddings), looked up with one matrix
product, with a TTL, a size bound with least-recently-used eviction, statistics and namespaces."""
from semantic_cache.cache import CacheStats, Encoder, Hit, SemanticCache
from semantic_cache.chat import cached_chat, namespace_of
from semantic_cache.vectors import cosine, normalise

__all__ = ["SemanticCache", "Hit", "CacheStats", "Encoder", "cached_chat", "namespace_of", "cosine", "normalise"]
