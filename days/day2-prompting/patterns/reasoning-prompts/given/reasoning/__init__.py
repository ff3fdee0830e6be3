"""Reasoning prompts, measured: chain of thought with a tagged answer, few-shot examples chosen by similarity,
self-consistency by majority vote, and prompt chaining, each scored for accuracy and cost on a labelled set."""
from reasoning.dataset import EXAMPLES, PROBLEMS, Example, Problem, canonical, is_correct
from reasoning.evaluation import TECHNIQUES, evaluate, solve
from reasoning.prompts import chain, cot_request, direct_request, extract_answer, few_shot_request
from reasoning.selection import first_examples, select_examples
from reasoning.voting import majority_vote, self_consistency

__all__ = ["EXAMPLES", "PROBLEMS", "Example", "Problem", "canonical", "is_correct", "TECHNIQUES", "evaluate",
           "solve", "chain", "cot_request", "direct_request", "extract_answer", "few_shot_request",
           "first_examples", "select_examples", "majority_vote", "self_consistency"]
