"""Reciprocal rank fusion: merge ranked lists by rank alone, so scores on different scales never meet."""
from __future__ import annotations

from collections.abc import Hashable, Sequence


def reciprocal_rank_fusion(rankings: Sequence[Sequence[Hashable]], k: int = 60) -> list[tuple[Hashable, float]]:
    """(id, score) best first, where score = the sum over the lists that hold the id of 1 / (k + rank), rank
    being the position in the list as given (1 for the first). An id missing from a list gets nothing from it; an id repeated within one list counts
    there once, at its best rank. Equal scores: the id with the better best rank first, then the id whose
    best rank comes in the earlier list."""
    ### BEGIN SOLUTION
    scores: dict[Hashable, float] = {}
    best: dict[Hashable, tuple[int, int]] = {}
    for which, ranking in enumerate(rankings):
        seen = set()
        for rank, item in enumerate(ranking, 1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best[item] = min(best.get(item, (rank, which)), (rank, which))
    return sorted(scores.items(), key=lambda pair: (-pair[1], best[pair[0]]))
    ### END SOLUTION
