"""A rule-based decider whose every point can be accounted for: score = sum of weight x value over its rules.

Contributions and the score are rounded to 6 decimals. Binary floating point would otherwise put a case that
lands exactly on the threshold on either side of it depending on the order of the additions, and a
counterfactual such as "at least 5,200 EUR" would not reproduce.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from explainability.policy import is_protected

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
        features = [rule.feature for rule in rules]
        if protected := [f for f in features if is_protected(f)]:
            raise ValueError(f"a rule may not read a protected attribute: {', '.join(protected)}")
        if len(set(features)) != len(features):
            raise ValueError("each feature may have only one rule")
        if not rules:
            raise ValueError("a scorecard needs at least one rule")
        self.rules = tuple(rules)
        self.threshold = float(threshold)
        self.approve, self.decline = approve, decline
        self.high_margin, self.low_margin = high_margin, low_margin

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(rule.feature for rule in self.rules)

    def factors(self, inputs: Mapping[str, Any]) -> list[Factor]:
        """One factor per rule, in rule order. Only the rules' own features are read."""
        return [Factor(rule.feature, rule.label, value, rule.weight, round(rule.weight * value, PRECISION))
                for rule in self.rules for value in [_number(inputs, rule.feature)]]

    def decide(self, inputs: Mapping[str, Any]) -> Decision:
        factors = self.factors(inputs)
        score = round(sum(f.contribution for f in factors), PRECISION)
        outcome = self.approve if score >= self.threshold else self.decline
        return Decision(outcome, score, self.threshold, tuple(factors))


def _number(inputs: Mapping[str, Any], feature: str) -> float:
    if feature not in inputs:
        raise ValueError(f"missing input {feature!r}: a decision on incomplete data would not be explainable")
    value = inputs[feature]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"input {feature!r} must be a number, not {value!r}")
    return float(value)
