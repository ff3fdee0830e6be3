"""A model comparison harness: one prompt set across models and providers, measured for latency (time to first
token and to the whole reply, on a monotonic clock), tokens, cost and a quality check per task."""
from comparison.harness import Target, compare, measure
from comparison.prompts import PROMPTS, PromptCase
from comparison.report import chart, table, totals

__all__ = ["Target", "compare", "measure", "PromptCase", "PROMPTS", "totals", "table", "chart"]
