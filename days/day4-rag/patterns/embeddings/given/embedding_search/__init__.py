"""Semantic search by brute force: unit vectors, cosine similarity as a dot product, the k best rows of a matrix."""
from embedding_search.search import Hit, SemanticIndex, cosine, normalise, top_k

__all__ = ["Hit", "SemanticIndex", "cosine", "normalise", "top_k"]
