"""Fitting a request into a model's context window (prompt plus output) and its output limit."""
from __future__ import annotations

from agentkit.models import model_info
from token_budget.counting import estimate_prompt_tokens


class ContextWindowError(ValueError):
    """The prompt leaves no room for the output asked for. The message names the model and every number."""

    def __init__(self, model: str, prompt_tokens: int, context_window: int, max_tokens: int | None = None):
        self.model, self.prompt_tokens = model, prompt_tokens
        self.context_window, self.max_tokens = context_window, max_tokens
        wanted = f" plus max_tokens {max_tokens}" if max_tokens is not None else ""
        super().__init__(f"{model}: a prompt of {prompt_tokens} tokens{wanted} does not fit its context window of "
                         f"{context_window} tokens")


def largest_max_tokens(model: str, prompt_tokens: int) -> int:
    """The largest max_tokens a request with this prompt can ask for: the room the prompt leaves in the context
    window, and never more than the model's output limit. ContextWindowError if that room is less than one token."""
    # TODO: write largest_max_tokens: its docstring and the unit's README say what it must do.
    raise NotImplementedError("largest_max_tokens")


def trim_history(messages: list[dict], *, model: str, max_tokens: int, system: str | None = None) -> list[dict]:
    """The conversation to send: all of it if it fits, else the longest run of newest turns that starts with a
    user turn and fits. "Fits" means estimate_prompt_tokens(kept, system) + max_tokens <= the context window.
    The system prompt and the last user turn are always kept; if even they do not fit, ContextWindowError.
    A max_tokens above the model's output limit is a ValueError naming both. `messages` is not changed."""
    # TODO: write trim_history: its docstring and the unit's README say what it must do.
    raise NotImplementedError("trim_history")
