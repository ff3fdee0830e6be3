"""A conversation kept inside a token budget: a sliding window of the newest turns, one summary call for what
falls out, and pinned facts that are never dropped."""
from context_window.conversation import SUMMARY_SYSTEM, Conversation, summary_prompt
from context_window.counting import PER_MESSAGE, count_tokens, prompt_tokens

__all__ = ["SUMMARY_SYSTEM", "Conversation", "summary_prompt", "PER_MESSAGE", "count_tokens", "prompt_tokens"]
