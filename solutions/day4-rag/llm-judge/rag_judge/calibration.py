"""How far to trust a judge: compare its verdicts with human labels on the same answers."""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass
class Calibration:
    n: int                       # pairs with a verdict from both the human and the judge
    no_verdict: int              # pairs the judge gave no verdict for (left out of the rest)
    agreement: float
    kappa: float
    confusion: list[list[int]]   # rows: the human's label, columns: the judge's, both in (True, False) order


def check_pairs(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"{len(a)} labels against {len(b)}: the two lists must label the same items")
    if not a:
        raise ValueError("no labels")


def agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """The share of items the two raters label the same."""
    ### BEGIN SOLUTION
    check_pairs(a, b)
    return sum(x == y for x, y in zip(a, b)) / len(a)
    ### END SOLUTION


def cohens_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa: agreement beyond what two raters with these label frequencies would reach by chance,
    (p_o - p_e) / (1 - p_e). Any hashable labels. When chance agreement is already 1 (both raters gave every
    item one and the same label), kappa is undefined: ValueError."""
    ### BEGIN SOLUTION
    observed = agreement(a, b)
    count_a, count_b, n = Counter(a), Counter(b), len(a)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1:
        raise ValueError("kappa is undefined: both raters gave every item the same single label")
    return (observed - expected) / (1 - expected)
    ### END SOLUTION


def confusion_matrix(human: Sequence[Hashable], judge: Sequence[Hashable],
                     labels: Sequence[Hashable] = (True, False)) -> list[list[int]]:
    """counts[i][j]: items the human labelled labels[i] and the judge labels[j]."""
    ### BEGIN SOLUTION
    check_pairs(human, judge)
    pairs = Counter(zip(human, judge))
    return [[pairs[(row, column)] for column in labels] for row in labels]
    ### END SOLUTION


def calibrate(human: Sequence[bool], judge: Sequence[bool | None]) -> Calibration:
    """The judge against the human labels, item by item. An item the judge gave no verdict for (None) counts in
    `no_verdict` and nowhere else: it is neither an agreement nor a disagreement."""
    ### BEGIN SOLUTION
    check_pairs(human, judge)
    pairs = [(h, j) for h, j in zip(human, judge) if j is not None]
    kept_human, kept_judge = [h for h, _ in pairs], [j for _, j in pairs]
    return Calibration(n=len(pairs), no_verdict=len(human) - len(pairs), agreement=agreement(kept_human, kept_judge),
                       kappa=cohens_kappa(kept_human, kept_judge),
                       confusion=confusion_matrix(kept_human, kept_judge))
    ### END SOLUTION
