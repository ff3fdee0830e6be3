"""An agent's memory in one SQLite file: episodic (what was tried on which task, the outcome, when) and long-term
facts found by meaning (MiniLM embeddings, cosine), recalled together by relevance discounted for age."""
from agent_memory.store import Episode, MemoryStore, Recalled, recency_score

__all__ = ["Episode", "MemoryStore", "Recalled", "recency_score"]
