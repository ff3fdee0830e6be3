"""A rule-based decider whose every point can be accounted for: score = sum of weight x value over its rules.

Contract:

1. `ScoreCard(rules, threshold=0.0, *, approve="approve", decline="decline", high_margin=20.0,
   low_margin=5.0)` raises ValueError if any rule's feature is a protected attribute (`is_protected`), if
   two rules share a feature, or if there are no rules.
2. `factors(inputs) -> list[Factor]`: one per rule, in rule order, reading ONLY the rule's own feature:
   contribution = round(weight * value, 6). A missing or non-numeric feature raises ValueError. Other
   inputs (names, postcodes, protected attributes) are never read.
3. `decide(inputs) -> Decision(outcome, score, threshold, factors)`: score = round(sum of contributions, 6);
   outcome = approve if score >= threshold, else decline.

Rounding to 6 decimals is deliberate: in binary floating point a case that lands exactly on the threshold
would otherwise fall on either side depending on the order of the additions.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from explainability.policy import is_protected  # noqa: F401 - for the check in ScoreCard.__init__

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
        # TODO step 1: refuse rules on protected attributes, duplicate features and an empty rule list.
        self.rules = tuple(rules)
        self.threshold = float(threshold)
        self.approve, self.decline = approve, decline
        self.high_margin, self.low_margin = high_margin, low_margin

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(rule.feature for rule in self.rules)

    def factors(self, inputs: Mapping[str, Any]) -> list[Factor]:
        """One factor per rule, in rule order (point 2 of the contract)."""
        # TODO step 1
        raise NotImplementedError("step 1: ScoreCard.factors")

    def decide(self, inputs: Mapping[str, Any]) -> Decision:
        """Point 3 of the contract."""
        # TODO step 1
        raise NotImplementedError("step 1: ScoreCard.decide")
