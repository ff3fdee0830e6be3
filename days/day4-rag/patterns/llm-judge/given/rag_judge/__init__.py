"""LLM-as-judge for RAG answers: faithfulness and relevance verdicts from a rubric, pairwise comparison run in
both orders, and the judge calibrated against human labels (agreement, Cohen's kappa, a confusion matrix)."""
from rag_judge.calibration import Calibration, agreement, calibrate, cohens_kappa, confusion_matrix
from rag_judge.judge import (FAITHFULNESS_RUBRIC, PAIRWISE_RUBRIC, RELEVANCE_RUBRIC, compare, judge_faithfulness,
                             judge_relevance, parse_verdict)
from rag_judge.verdicts import FaithfulnessVerdict, Judgement, PairwiseVerdict, RelevanceVerdict

__all__ = ["FAITHFULNESS_RUBRIC", "RELEVANCE_RUBRIC", "PAIRWISE_RUBRIC", "judge_faithfulness", "judge_relevance",
           "compare", "parse_verdict", "Judgement", "FaithfulnessVerdict", "RelevanceVerdict", "PairwiseVerdict",
           "agreement", "cohens_kappa", "confusion_matrix", "calibrate", "Calibration"]
