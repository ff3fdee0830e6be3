### BEGIN STARTER
# """Counterfactuals: for each factor on its own, the nearest value that would have changed the outcome.
#
# Contract for `find_counterfactuals(card, inputs, target=None) -> list[Counterfactual]`: target defaults to
# card.approve; if the case already has the target outcome, return []. Otherwise, for each rule in rule order,
# `nearest_change`: try the values of `grid(rule)` other than the actual one, nearest to it first (ties: the
# lower value first), each with only that one input changed, and keep the first whose `card.decide(...)`
# outcome is the target: Counterfactual(feature, label, current, required=<that value>, direction=AT_LEAST if
# it is higher than the actual value else AT_MOST, outcome=target, unit, actionable). A rule for which no value
# in its range gives the target is left out.
#
# The search treats the decider as a black box, so it works for any decider, not only a linear score.
# """
### END STARTER
### BEGIN SOLUTION
"""Counterfactuals: for each factor on its own, the nearest value that would have changed the outcome.

The search treats the decider as a black box: it tries the values on each rule's grid (minimum + k x step,
up to maximum), nearest to the actual value first, and keeps the first that gives the target outcome. It
works for any decider, not only a linear one; for a linear score the answer is the exact threshold rounded
to the grid, which is what the tests check.
"""
### END SOLUTION
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from explainability.scorecard import Rule, ScoreCard

AT_LEAST, AT_MOST = "at least", "at most"


@dataclass(frozen=True)
class Counterfactual:
    feature: str
    label: str
    current: float
    required: float
    direction: str        # AT_LEAST when the value must rise to `required`, AT_MOST when it must fall
    outcome: str          # the outcome the change would have given
    unit: str = ""
    actionable: bool = True


def grid(rule: Rule) -> list[float]:
    ### BEGIN STARTER
    # """rule.minimum, minimum + step, ... up to rule.maximum."""
    ### END STARTER
    count = int(round((rule.maximum - rule.minimum) / rule.step))
    return [round(rule.minimum + k * rule.step, 9) for k in range(count + 1)]


def nearest_change(card: ScoreCard, inputs: Mapping[str, Any], rule: Rule, target: str) -> Counterfactual | None:
    ### BEGIN STARTER
    # # TODO step 3
    # raise NotImplementedError("step 3: nearest_change")
    ### END STARTER
    ### BEGIN SOLUTION
    current = float(inputs[rule.feature])
    candidates = sorted((v for v in grid(rule) if v != current), key=lambda v: (abs(v - current), v))
    for value in candidates:
        if card.decide({**inputs, rule.feature: value}).outcome == target:
            return Counterfactual(rule.feature, rule.label, current, value, AT_LEAST if value > current else AT_MOST,
                                  target, rule.unit, rule.actionable)
    return None
    ### END SOLUTION


def find_counterfactuals(card: ScoreCard, inputs: Mapping[str, Any], target: str | None = None) -> list[Counterfactual]:
    ### BEGIN STARTER
    # # TODO step 3
    # raise NotImplementedError("step 3: find_counterfactuals")
    ### END STARTER
    ### BEGIN SOLUTION
    """In rule order; empty when the case already has the target outcome (by default: approval)."""
    target = target or card.approve
    if card.decide(inputs).outcome == target:
        return []
    found = (nearest_change(card, inputs, rule, target) for rule in card.rules)
    return [change for change in found if change is not None]
    ### END SOLUTION
