"""One order-status question answered three ways: the course's own loop, pydantic-ai and openai-agents,
all over the same plain tool and prompt in `desk`."""
from framework_desk.desk import INSTRUCTIONS, MAX_STEPS, MAX_TOKENS, ORDERS, Answer, UnknownOrder, lookup_order

__all__ = ["INSTRUCTIONS", "MAX_STEPS", "MAX_TOKENS", "ORDERS", "Answer", "UnknownOrder", "lookup_order"]
