### BEGIN STARTER
# """Outcome fairness across groups: selection rates, error rates, and the four-fifths rule.
#
# Contract (steps 4 and 5):
#
# - `group_metrics(records, group_key, *, selected_key="selected", actual_key=None) -> {group: GroupMetrics}`,
#   in sorted group order. A record whose `group_key` is missing or None raises ValueError (it cannot be put
#   in a group; the handout's "unknown" group mixes such people together). Outcomes must be bool or 0/1, else
#   ValueError. `selection_rate = selected / n`. With `actual_key`: tp, fp, fn, tn, `tpr = tp / (tp + fn)` and
#   `fpr = fp / (fp + tn)`, each None when its denominator is 0 (the handout divided by the group size).
# - `four_fifths(metrics, *, threshold=4/5, min_group_size=30, alpha=0.05) -> FourFifths`:
#   groups with n < min_group_size go in `insufficient` (sorted) and out of the ratio; `rates` holds the others.
#   Fewer than two groups left, or no one selected in any of them: status INSUFFICIENT, ratio None, flagged
#   False (never ZeroDivisionError). Otherwise `ratio = lowest rate / highest rate` (ties: the first group in
#   sorted order), compared EXACTLY (fractions.Fraction) with the threshold: `flagged = ratio < threshold`,
#   status ADVERSE or OK. `p_value`: two_proportion_p between the lowest and the highest group;
#   `significant = p_value < alpha`; `note`: one sentence saying what the numbers mean.
# - `two_proportion_p(selected_a, n_a, selected_b, n_b)`: the pooled two-proportion z-test, two-sided:
#   pooled = (a + b) / (n_a + n_b); z = (a/n_a - b/n_b) / sqrt(pooled (1 - pooled) (1/n_a + 1/n_b));
#   p = erfc(|z| / sqrt(2)); 1.0 when the spread is 0.
# - `rate_gaps(metrics, *, min_group_size=30) -> {"tpr_gap", "fpr_gap"}`: max - min of each rate over the
#   groups with n >= min_group_size and the rate defined; None with fewer than two such groups.
# """
### END STARTER
### BEGIN SOLUTION
"""Outcome fairness across groups: selection rates, error rates, and the four-fifths rule.

The disparate impact ratio compares SELECTION RATES (how often each group gets the favourable outcome), not
accuracy. Rates are kept as exact fractions, so a ratio of exactly 4/5 is not flagged by rounding error.
Groups smaller than `min_group_size` are reported as insufficient data and left out of the ratio, and a
ratio is never divided by zero: if no group was selected at all, it is undefined.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import math  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import math
### END SOLUTION
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


### BEGIN SOLUTION
def _flag(value: Any, what: str, index: int) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    raise ValueError(f"record {index}: {what} must be true/false (or 0/1), not {value!r}")


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


### END SOLUTION
def group_metrics(records: Iterable[Mapping[str, Any]], group_key: str, *, selected_key: str = "selected",
                  actual_key: str | None = None) -> dict[str, GroupMetrics]:
    ### BEGIN STARTER
    # # TODO step 4
    # raise NotImplementedError("step 4: group_metrics")
    ### END STARTER
    ### BEGIN SOLUTION
    """Per group, in sorted order. A record without the group attribute is an error, not a group of its own."""
    tallies: dict[str, list[int]] = {}     # group -> [n, selected, tp, fp, fn, tn]
    for index, record in enumerate(records):
        if record.get(group_key) is None:
            raise ValueError(f"record {index} has no {group_key!r}: it cannot be assigned to a group")
        group = str(record[group_key])
        chosen = _flag(record.get(selected_key), selected_key, index)
        t = tallies.setdefault(group, [0] * 6)
        t[0] += 1
        t[1] += chosen
        if actual_key is not None:
            actual = _flag(record.get(actual_key), actual_key, index)
            t[2 + (0 if chosen and actual else 1 if chosen else 2 if actual else 3)] += 1
    out = {}
    for group in sorted(tallies):
        n, selected, tp, fp, fn, tn = tallies[group]
        labels = {}
        if actual_key is not None:
            labels = dict(tp=tp, fp=fp, fn=fn, tn=tn, tpr=_rate(tp, tp + fn), fpr=_rate(fp, fp + tn))
        out[group] = GroupMetrics(group, n, selected, _rate(selected, n), **labels)
    return out
    ### END SOLUTION


def two_proportion_p(selected_a: int, n_a: int, selected_b: int, n_b: int) -> float:
    ### BEGIN STARTER
    # # TODO step 5
    # raise NotImplementedError("step 5: two_proportion_p")
    ### END STARTER
    ### BEGIN SOLUTION
    """Two-sided p-value of a pooled two-proportion z-test (normal approximation)."""
    pooled = (selected_a + selected_b) / (n_a + n_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if spread == 0:
        return 1.0
    z = (selected_a / n_a - selected_b / n_b) / spread
    return math.erfc(abs(z) / math.sqrt(2))
    ### END SOLUTION


def four_fifths(metrics: Mapping[str, GroupMetrics], *, threshold: Fraction | float = FOUR_FIFTHS,
                min_group_size: int = 30, alpha: float = 0.05) -> FourFifths:
    ### BEGIN STARTER
    # # TODO step 5. The handout compared ACCURACY between groups, with no minimum size, and returned a ratio
    # # of 0 (adverse impact!) when every rate was 0.
    # raise NotImplementedError("step 5: four_fifths")
    ### END STARTER
    ### BEGIN SOLUTION
    threshold = Fraction(threshold).limit_denominator(1000)
    enough = {g: m for g, m in metrics.items() if m.n >= min_group_size}
    small = sorted(g for g, m in metrics.items() if m.n < min_group_size)
    rates = {g: Fraction(m.selected, m.n) for g, m in enough.items()}
    plain = {g: float(r) for g, r in rates.items()}
    if len(enough) < 2:
        return FourFifths(INSUFFICIENT, None, False, None, None, plain, small, None, None,
                          f"fewer than two groups have at least {min_group_size} people: no ratio can be computed")
    highest = max(rates, key=lambda g: rates[g])
    lowest = min(rates, key=lambda g: rates[g])
    if rates[highest] == 0:
        return FourFifths(INSUFFICIENT, None, False, None, None, plain, small, None, None,
                          "no group had anyone selected: the ratio 0/0 is undefined")
    ratio = rates[lowest] / rates[highest]
    flagged = ratio < threshold
    lo, hi = enough[lowest], enough[highest]
    p = two_proportion_p(lo.selected, lo.n, hi.selected, hi.n)
    if flagged:
        note = (f"{lowest} is selected at {float(ratio):.0%} of the rate of {highest}, below {float(threshold):.0%}; "
                + (f"a difference this large is unlikely to be chance (p = {p:.2g})" if p < alpha else
                   f"but with these sample sizes it could be chance (p = {p:.2g}): collect more data before "
                   "concluding either way"))
    else:
        note = (f"the lowest rate is {float(ratio):.0%} of the highest, at or above {float(threshold):.0%}"
                + (f"; the difference is still statistically significant (p = {p:.2g}), which can matter with "
                   "large samples" if p < alpha else ""))
    return FourFifths(ADVERSE if flagged else OK, float(ratio), flagged, lowest, highest, plain, small, p, p < alpha,
                      note)
    ### END SOLUTION


def rate_gaps(metrics: Mapping[str, GroupMetrics], *, min_group_size: int = 30) -> dict[str, float | None]:
    ### BEGIN STARTER
    # # TODO step 4
    # raise NotImplementedError("step 4: rate_gaps")
    ### END STARTER
    ### BEGIN SOLUTION
    """Largest difference in true- and false-positive rate between groups with enough data (equal opportunity,
    equalised odds); None when fewer than two groups have the rate defined."""
    out = {}
    for name in ("tpr", "fpr"):
        values = [getattr(m, name) for m in metrics.values() if m.n >= min_group_size and getattr(m, name) is not None]
        out[f"{name}_gap"] = max(values) - min(values) if len(values) >= 2 else None
    return out
    ### END SOLUTION
