"""Retrieval metrics: hit rate, precision, recall, reciprocal rank and nDCG at k, averaged over a labelled set."""
from retrieval_metrics.metrics import (hit_rate_at_k, ndcg_at_k, precision_at_k, recall_at_k, reciprocal_rank_at_k,
                                       METRICS)
from retrieval_metrics.report import Question, bar_chart, evaluate

__all__ = ["hit_rate_at_k", "ndcg_at_k", "precision_at_k", "recall_at_k", "reciprocal_rank_at_k", "METRICS",
           "Question", "bar_chart", "evaluate"]
