"""Five retrieval metrics for one question: a ranking (document ids, best first) against its labels.

The rules every metric shares:
- `relevant` maps a document id to its grade (1 relevant, 2 very relevant, ...; 0 or absent: not relevant).
  A set or list of ids means grade 1 each.
- Only the first k positions count. A ranking shorter than k leaves the missing positions empty (not relevant),
  so precision@k still divides by k.
- A document repeated in the ranking counts at its first position only; a later copy is a wasted slot.
- A question with no relevant document has no defined score: every metric returns None.
- k must be at least 1 (ValueError otherwise).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence


def grades(relevant: Mapping[str, int] | Iterable[str]) -> dict[str, int]:
    """The positive grades only, as a dict (a set of ids is grade 1 each)."""
    pairs = relevant.items() if isinstance(relevant, Mapping) else ((doc, 1) for doc in relevant)
    return {doc: grade for doc, grade in pairs if grade > 0}


def gains(ranked: Sequence[str], labels: dict[str, int], k: int) -> list[int]:
    """The grade at each of the first k positions, 0 for a miss, an empty slot or a repeated document."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    ### BEGIN SOLUTION
    seen: set[str] = set()
    out = []
    for doc in ranked[:k]:
        out.append(labels.get(doc, 0) if doc not in seen else 0)
        seen.add(doc)
    return out + [0] * (k - len(out))
    ### END SOLUTION


def hit_rate_at_k(ranked: Sequence[str], relevant, k: int) -> float | None:
    """1.0 if any relevant document is in the first k positions, else 0.0."""
    labels = grades(relevant)
    ### BEGIN SOLUTION
    if not labels:
        return None
    return 1.0 if any(gains(ranked, labels, k)) else 0.0
    ### END SOLUTION


def precision_at_k(ranked: Sequence[str], relevant, k: int) -> float | None:
    """Relevant documents found in the first k positions, over k."""
    labels = grades(relevant)
    ### BEGIN SOLUTION
    if not labels:
        return None
    return sum(1 for gain in gains(ranked, labels, k) if gain) / k
    ### END SOLUTION


def recall_at_k(ranked: Sequence[str], relevant, k: int) -> float | None:
    """Relevant documents found in the first k positions, over all relevant documents."""
    labels = grades(relevant)
    ### BEGIN SOLUTION
    if not labels:
        return None
    return sum(1 for gain in gains(ranked, labels, k) if gain) / len(labels)
    ### END SOLUTION


def reciprocal_rank_at_k(ranked: Sequence[str], relevant, k: int) -> float | None:
    """1 / the position (1-based) of the first relevant document in the first k, else 0.0. Its mean is MRR@k."""
    labels = grades(relevant)
    ### BEGIN SOLUTION
    if not labels:
        return None
    return next((1.0 / position for position, gain in enumerate(gains(ranked, labels, k), start=1) if gain), 0.0)
    ### END SOLUTION


def ndcg_at_k(ranked: Sequence[str], relevant, k: int) -> float | None:
    """DCG@k / IDCG@k, with DCG@k = sum over positions i = 1..k of grade_i / log2(i + 1), and IDCG@k the DCG@k of
    the ideal ranking (every labelled document, highest grade first)."""
    labels = grades(relevant)
    ### BEGIN SOLUTION
    if not labels:
        return None

    def dcg(values: Iterable[int]) -> float:
        return sum(gain / math.log2(position + 1) for position, gain in enumerate(values, start=1))

    ideal = sorted(labels.values(), reverse=True)[:k]
    return dcg(gains(ranked, labels, k)) / dcg(ideal)
    ### END SOLUTION


METRICS = {"hit_rate": hit_rate_at_k, "precision": precision_at_k, "recall": recall_at_k,
           "mrr": reciprocal_rank_at_k, "ndcg": ndcg_at_k}
