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
    ### BEGIN SOLUTION
    info = model_info(model)
    room = info.context_window - prompt_tokens
    if room < 1:
        raise ContextWindowError(model, prompt_tokens, info.context_window)
    return min(room, info.max_output_tokens)
    ### END SOLUTION


def trim_history(messages: list[dict], *, model: str, max_tokens: int, system: str | None = None) -> list[dict]:
    """The conversation to send: all of it if it fits, else the longest run of newest turns that starts with a
    user turn and fits. "Fits" means estimate_prompt_tokens(kept, system) + max_tokens <= the context window.
    The system prompt and the last user turn are always kept; if even they do not fit, ContextWindowError.
    A max_tokens above the model's output limit is a ValueError naming both. `messages` is not changed."""
    ### BEGIN SOLUTION
    info = model_info(model)
    if max_tokens > info.max_output_tokens:
        raise ValueError(f"{model}: max_tokens {max_tokens} is above its output limit of {info.max_output_tokens}")
    budget = info.context_window - max_tokens
    if estimate_prompt_tokens(messages, system) <= budget:
        return list(messages)
    last_user = max(i for i, m in enumerate(messages) if m["role"] == "user")
    for start in range(1, last_user + 1):
        kept = messages[start:]
        if kept[0]["role"] == "user" and estimate_prompt_tokens(kept, system) <= budget:
            return list(kept)
    raise ContextWindowError(model, estimate_prompt_tokens(messages[last_user:], system), info.context_window,
                             max_tokens)
    ### END SOLUTION
