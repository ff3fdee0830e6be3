"""Outcome fairness across groups: selection rates, error rates, and the four-fifths rule.

Contract (steps 4 and 5):

- `group_metrics(records, group_key, *, selected_key="selected", actual_key=None) -> {group: GroupMetrics}`,
  in sorted group order. A record whose `group_key` is missing or None raises ValueError (it cannot be put
  in a group; the handout's "unknown" group mixes such people together). Outcomes must be bool or 0/1, else
  ValueError. `selection_rate = selected / n`. With `actual_key`: tp, fp, fn, tn, `tpr = tp / (tp + fn)` and
  `fpr = fp / (fp + tn)`, each None when its denominator is 0 (the handout divided by the group size).
- `four_fifths(metrics, *, threshold=4/5, min_group_size=30, alpha=0.05) -> FourFifths`:
  groups with n < min_group_size go in `insufficient` (sorted) and out of the ratio; `rates` holds the others.
  Fewer than two groups left, or no one selected in any of them: status INSUFFICIENT, ratio None, flagged
  False (never ZeroDivisionError). Otherwise `ratio = lowest rate / highest rate` (ties: the first group in
  sorted order), compared EXACTLY (fractions.Fraction) with the threshold: `flagged = ratio < threshold`,
  status ADVERSE or OK. `p_value`: two_proportion_p between the lowest and the highest group;
  `significant = p_value < alpha`; `note`: one sentence saying what the numbers mean.
- `two_proportion_p(selected_a, n_a, selected_b, n_b)`: the pooled two-proportion z-test, two-sided:
  pooled = (a + b) / (n_a + n_b); z = (a/n_a - b/n_b) / sqrt(pooled (1 - pooled) (1/n_a + 1/n_b));
  p = erfc(|z| / sqrt(2)); 1.0 when the spread is 0.
- `rate_gaps(metrics, *, min_group_size=30) -> {"tpr_gap", "fpr_gap"}`: max - min of each rate over the
  groups with n >= min_group_size and the rate defined; None with fewer than two such groups.
"""
from __future__ import annotations

import math  # noqa: F401
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

OK, ADVERSE, INSUFFICIENT = "ok", "adverse_impact", "insufficient_data"
FOUR_FIFTHS = Fraction(4, 5)


@dataclass(frozen=True)
class GroupMetrics:
    group: str
    n: int
    selected: int
    selection_rate: float | None        # selected / n
    tp: int | None = None               # the rest only when actual outcomes (labels) are given
    fp: int | None = None
    fn: int | None = None
    tn: int | None = None
    tpr: float | None = None            # tp / (tp + fn): None when the group has no actual positives
    fpr: float | None = None            # fp / (fp + tn): None when the group has no actual negatives


@dataclass(frozen=True)
class FourFifths:
    status: str                           # ok | adverse_impact | insufficient_data
    ratio: float | None                   # lowest rate / highest rate, among groups with enough data
    flagged: bool
    lowest: str | None
    highest: str | None
    rates: dict[str, float]               # every group with enough data
    insufficient: list[str]               # groups below min_group_size, left out of the ratio
    p_value: float | None                 # two-proportion z-test, lowest vs highest group
    significant: bool | None              # p_value < alpha: the difference is unlikely to be chance
    note: str


def group_metrics(records: Iterable[Mapping[str, Any]], group_key: str, *, selected_key: str = "selected",
                  actual_key: str | None = None) -> dict[str, GroupMetrics]:
    # TODO step 4
    raise NotImplementedError("step 4: group_metrics")


def two_proportion_p(selected_a: int, n_a: int, selected_b: int, n_b: int) -> float:
    # TODO step 5
    raise NotImplementedError("step 5: two_proportion_p")


def four_fifths(metrics: Mapping[str, GroupMetrics], *, threshold: Fraction | float = FOUR_FIFTHS,
                min_group_size: int = 30, alpha: float = 0.05) -> FourFifths:
    # TODO step 5. The handout compared ACCURACY between groups, with no minimum size, and returned a ratio
    # of 0 (adverse impact!) when every rate was 0.
    raise NotImplementedError("step 5: four_fifths")


def rate_gaps(metrics: Mapping[str, GroupMetrics], *, min_group_size: int = 30) -> dict[str, float | None]:
    # TODO step 4
    raise NotImplementedError("step 4: rate_gaps")
