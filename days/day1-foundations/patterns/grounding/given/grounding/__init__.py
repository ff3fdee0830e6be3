"""Hallucination, measured: permission to abstain, verification against the source, and grounding in delimited
context, each scored on a labelled set by answer rate and wrong-answer rate."""
from grounding.answering import (UNKNOWN, Mitigations, answer, build_request, evaluate, parse_answer, parse_verdict,
                                 verify)
from grounding.dataset import QUESTIONS, SOURCE, Question, is_correct

__all__ = ["UNKNOWN", "Mitigations", "answer", "build_request", "evaluate", "parse_answer", "parse_verdict", "verify",
           "QUESTIONS", "SOURCE", "Question", "is_correct"]
