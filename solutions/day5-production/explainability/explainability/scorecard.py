### BEGIN STARTER
# """A rule-based decider whose every point can be accounted for: score = sum of weight x value over its rules.
#
# Contract:
#
# 1. `ScoreCard(rules, threshold=0.0, *, approve="approve", decline="decline", high_margin=20.0,
#    low_margin=5.0)` raises ValueError if any rule's feature is a protected attribute (`is_protected`), if
#    two rules share a feature, or if there are no rules.
# 2. `factors(inputs) -> list[Factor]`: one per rule, in rule order, reading ONLY the rule's own feature:
#    contribution = round(weight * value, 6). A missing or non-numeric feature raises ValueError. Other
#    inputs (names, postcodes, protected attributes) are never read.
# 3. `decide(inputs) -> Decision(outcome, score, threshold, factors)`: score = round(sum of contributions, 6);
#    outcome = approve if score >= threshold, else decline.
#
# Rounding to 6 decimals is deliberate: in binary floating point a case that lands exactly on the threshold
# would otherwise fall on either side depending on the order of the additions.
# """
### END STARTER
### BEGIN SOLUTION
"""A rule-based decider whose every point can be accounted for: score = sum of weight x value over its rules.

Contributions and the score are rounded to 6 decimals. Binary floating point would otherwise put a case that
lands exactly on the threshold on either side of it depending on the order of the additions, and a
counterfactual such as "at least 5,200 EUR" would not reproduce.
"""
### END SOLUTION
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

### BEGIN STARTER
# from explainability.policy import is_protected  # noqa: F401 - for the check in ScoreCard.__init__
### END STARTER
### BEGIN SOLUTION
from explainability.policy import is_protected
### END SOLUTION

PRECISION = 6


@dataclass(frozen=True)
class Rule:
    feature: str              # the input field it reads
    label: str                # how the applicant would say it: "your monthly income"
    weight: float             # points per unit of the feature
    unit: str = ""
    minimum: float = 0.0      # the range and resolution of the counterfactual search
    maximum: float = 1_000_000.0
    step: float = 1.0
    actionable: bool = True   # can the applicant change it (income: yes; past missed payments: no)


@dataclass(frozen=True)
class Factor:
    feature: str
    label: str
    value: float
    weight: float
    contribution: float       # weight x value, rounded


@dataclass(frozen=True)
class Decision:
    outcome: str
    score: float
    threshold: float
    factors: tuple[Factor, ...]  # in the scorecard's rule order


class ScoreCard:
    """`ScoreCard(rules, threshold=0.0).decide(inputs)`: `approve` when the score reaches the threshold."""

    def __init__(self, rules: Sequence[Rule], threshold: float = 0.0, *, approve: str = "approve",
                 decline: str = "decline", high_margin: float = 20.0, low_margin: float = 5.0):
        ### BEGIN STARTER
        # # TODO step 1: refuse rules on protected attributes, duplicate features and an empty rule list.
        ### END STARTER
        ### BEGIN SOLUTION
        features = [rule.feature for rule in rules]
        if protected := [f for f in features if is_protected(f)]:
            raise ValueError(f"a rule may not read a protected attribute: {', '.join(protected)}")
        if len(set(features)) != len(features):
            raise ValueError("each feature may have only one rule")
        if not rules:
            raise ValueError("a scorecard needs at least one rule")
        ### END SOLUTION
        self.rules = tuple(rules)
        self.threshold = float(threshold)
        self.approve, self.decline = approve, decline
        self.high_margin, self.low_margin = high_margin, low_margin

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(rule.feature for rule in self.rules)

    def factors(self, inputs: Mapping[str, Any]) -> list[Factor]:
        ### BEGIN STARTER
        # """One factor per rule, in rule order (point 2 of the contract)."""
        # # TODO step 1
        # raise NotImplementedError("step 1: ScoreCard.factors")
        ### END STARTER
        ### BEGIN SOLUTION
        """One factor per rule, in rule order. Only the rules' own features are read."""
        return [Factor(rule.feature, rule.label, value, rule.weight, round(rule.weight * value, PRECISION))
                for rule in self.rules for value in [_number(inputs, rule.feature)]]
        ### END SOLUTION

    def decide(self, inputs: Mapping[str, Any]) -> Decision:
        ### BEGIN STARTER
        # """Point 3 of the contract."""
        # # TODO step 1
        # raise NotImplementedError("step 1: ScoreCard.decide")
        ### END STARTER
        ### BEGIN SOLUTION
        factors = self.factors(inputs)
        score = round(sum(f.contribution for f in factors), PRECISION)
        outcome = self.approve if score >= self.threshold else self.decline
        return Decision(outcome, score, self.threshold, tuple(factors))
        ### END SOLUTION
### BEGIN SOLUTION


def _number(inputs: Mapping[str, Any], feature: str) -> float:
    if feature not in inputs:
        raise ValueError(f"missing input {feature!r}: a decision on incomplete data would not be explainable")
    value = inputs[feature]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"input {feature!r} must be a number, not {value!r}")
    return float(value)
### END SOLUTION
