"""Choosing a model by task complexity and remaining budget: the most capable model the task needs that the budget
can afford in the worst case, stepping down as money runs out, and refusing rather than overspending."""
from model_selection.budget import Budget
from model_selection.candidates import COMPLEXITIES, Candidate, prompt_tokens, registry_candidates
from model_selection.selector import Chosen, ModelSelector, NoAffordableModel, PromptTooLong, Selection

__all__ = ["Budget", "Candidate", "COMPLEXITIES", "registry_candidates", "prompt_tokens", "ModelSelector",
           "Selection", "Chosen", "NoAffordableModel", "PromptTooLong"]
