"""Retrieval metrics for one question (binary relevance), and refusal accuracy over a question set.

`ranked` is what retrieval returned, best first (any hashable ids, e.g. (path, symbol)); `relevant` the labelled
set. Averages over questions are taken by the caller."""
import math


def hit_at_k(ranked: list, relevant: set, k: int = 5) -> float:
    """1.0 if any of the first k is relevant, else 0.0."""
    ### BEGIN SOLUTION
    return 1.0 if any(item in relevant for item in ranked[:k]) else 0.0
    ### END SOLUTION


def recall_at_k(ranked: list, relevant: set, k: int = 5) -> float:
    """The share of the relevant items found in the first k (each counted once)."""
    ### BEGIN SOLUTION
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0
    ### END SOLUTION


def reciprocal_rank(ranked: list, relevant: set) -> float:
    """1 / the rank (1-based) of the first relevant item; 0.0 when none is."""
    ### BEGIN SOLUTION
    for rank, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0
    ### END SOLUTION


def ndcg_at_k(ranked: list, relevant: set, k: int = 5) -> float:
    """DCG of the first k (gain 1 for a relevant item the first time it appears, discount log2(rank + 1)) over
    the ideal DCG (min(len(relevant), k) relevant items at the top)."""
    ### BEGIN SOLUTION
    seen, dcg = set(), 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant and item not in seen:
            seen.add(item)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal if ideal else 0.0
    ### END SOLUTION


def refusal_accuracy(refused: list[bool], answerable: list[bool]) -> float:
    """The share of questions where the system refused exactly when the question was unanswerable."""
    ### BEGIN SOLUTION
    pairs = list(zip(refused, answerable))
    return sum(r != a for r, a in pairs) / len(pairs) if pairs else 0.0
    ### END SOLUTION
