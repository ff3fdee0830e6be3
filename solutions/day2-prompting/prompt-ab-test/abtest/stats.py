"""Paired statistics for two prompts scored on the same items: the exact McNemar test and a paired bootstrap
confidence interval on the difference in accuracy. numpy and the standard library only."""
from __future__ import annotations

from math import comb

import numpy as np


def discordant(a: list[bool], b: list[bool]) -> tuple[int, int]:
    """(items only A got right, items only B got right). The lists score the same items in the same order."""
    ### BEGIN SOLUTION
    if len(a) != len(b):
        raise ValueError(f"paired results need the same items: {len(a)} for A, {len(b)} for B")
    return sum(x and not y for x, y in zip(a, b)), sum(y and not x for x, y in zip(a, b))
    ### END SOLUTION


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided exact McNemar p-value. Items both prompts got right (or wrong) say nothing about which is better;
    under "no difference" each of the n = a_only + b_only discordant items is equally likely to favour either
    prompt, so the smaller count is Binomial(n, 1/2): p = min(1, 2 * P(X <= min(a_only, b_only))); 1.0 when
    n = 0."""
    ### BEGIN SOLUTION
    n = a_only + b_only
    if n == 0:
        return 1.0
    tail = sum(comb(n, k) for k in range(min(a_only, b_only) + 1)) / 2 ** n
    return min(1.0, 2 * tail)
    ### END SOLUTION


def paired_bootstrap_ci(a: list[bool], b: list[bool], *, resamples: int = 10_000, level: float = 0.95,
                        seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval for accuracy(B) - accuracy(A). Resample ITEMS with replacement (both
    prompts' results for an item stay together: that is what makes it paired), take the mean difference of each
    resample, and return the (1 - level) / 2 and (1 + level) / 2 quantiles. The same seed gives the same
    interval."""
    ### BEGIN SOLUTION
    if len(a) != len(b) or not a:
        raise ValueError(f"paired results need the same, non-empty items: {len(a)} for A, {len(b)} for B")
    differences = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(differences), size=(resamples, len(differences)))
    means = differences[picks].mean(axis=1)
    low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)
    ### END SOLUTION
