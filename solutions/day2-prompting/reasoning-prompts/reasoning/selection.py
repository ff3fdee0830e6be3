"""Few-shot examples chosen by similarity to the problem, with the course's offline MiniLM embeddings."""
from __future__ import annotations

from agentkit.embeddings import MiniLM
from reasoning.dataset import Example


def select_examples(problem: str, pool: list[Example], k: int) -> list[Example]:
    """The k examples whose *question* is most similar to the problem (cosine similarity of MiniLM vectors),
    most similar first; equal similarities keep the pool's order."""
    ### BEGIN SOLUTION
    model = MiniLM.load()
    vectors = model.encode([problem, *(example.question for example in pool)])
    scores = vectors[1:] @ vectors[0]  # unit vectors: a dot product is the cosine
    order = sorted(range(len(pool)), key=lambda i: (-float(scores[i]), i))
    return [pool[i] for i in order[:k]]
    ### END SOLUTION


def first_examples(problem: str, pool: list[Example], k: int) -> list[Example]:
    """The naive choice: the first k, whatever the problem."""
    return list(pool[:k])
