"""Bias detection and fairness testing: a tokenizer that punctuation cannot fool, lexicon counts and a skew
report (with their limits), group metrics and the four-fifths rule, and counterfactual probing of a model."""
from bias_fairness.counterfactual import (CONSISTENT, INCONCLUSIVE, INCONSISTENT, NAME_VARIANTS, SCREENING_SYSTEM,
                                          TEMPLATE, CounterfactualResult, ScreeningReply, Variant, VariantOutcome,
                                          probe, render)
from bias_fairness.detect import LIMITS, DimensionCounts, SkewReport, count_terms, skew_report
from bias_fairness.fairness import (ADVERSE, FOUR_FIFTHS, INSUFFICIENT, OK, FourFifths, GroupMetrics, four_fifths,
                                    group_metrics, rate_gaps, two_proportion_p)
from bias_fairness.lexicon import Lexicon
from bias_fairness.tokens import tokenize

__all__ = ["tokenize", "Lexicon", "count_terms", "skew_report", "SkewReport", "DimensionCounts", "LIMITS",
           "GroupMetrics", "FourFifths", "group_metrics", "four_fifths", "rate_gaps", "two_proportion_p", "OK",
           "ADVERSE", "INSUFFICIENT", "FOUR_FIFTHS", "Variant", "NAME_VARIANTS", "SCREENING_SYSTEM", "TEMPLATE",
           "ScreeningReply", "VariantOutcome", "CounterfactualResult", "probe", "render", "CONSISTENT",
           "INCONSISTENT", "INCONCLUSIVE"]
