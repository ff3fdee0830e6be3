"""Tokens, context windows and cost: count a prompt, fit it into a model's window, trim a conversation, price a call."""
from token_budget.costs import call_cost, worst_case_cost
from token_budget.counting import PER_MESSAGE, count_tokens, count_with_provider, estimate_prompt_tokens
from token_budget.fitting import ContextWindowError, largest_max_tokens, trim_history

__all__ = ["PER_MESSAGE", "count_tokens", "estimate_prompt_tokens", "count_with_provider", "ContextWindowError",
           "largest_max_tokens", "trim_history", "call_cost", "worst_case_cost"]
