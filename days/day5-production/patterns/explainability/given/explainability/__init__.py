"""Explain a decision: the factors and their points, counterfactuals, confidence, the model's validated
rationale, the data not used (protected attributes never are), and a summary for the affected person."""
from explainability.counterfactual import AT_LEAST, AT_MOST, Counterfactual, find_counterfactuals
from explainability.policy import PROTECTED_ATTRIBUTES, is_protected
from explainability.rationale import (RATIONALE_SYSTEM, Rationale, RationaleResult, ask_rationale, parse_rationale,
                                      rationale_prompt)
from explainability.report import Explanation, confidence_of, explain, rank
from explainability.scorecard import Decision, Factor, Rule, ScoreCard

__all__ = ["Rule", "ScoreCard", "Factor", "Decision", "Counterfactual", "find_counterfactuals", "AT_LEAST",
           "AT_MOST", "PROTECTED_ATTRIBUTES", "is_protected", "Rationale", "RationaleResult", "ask_rationale",
           "parse_rationale", "rationale_prompt", "RATIONALE_SYSTEM", "Explanation", "explain", "rank",
           "confidence_of"]
