"""What a call costs, in US dollars as Decimal, from genai-prices (through agentkit.pricing): never $0 by default."""
from __future__ import annotations

from decimal import Decimal

from agentkit import pricing
from agentkit.types import Usage


def call_cost(model: str, usage: Usage) -> Decimal:
    """The price of a call that used `usage`. A model genai-prices cannot price raises UnknownModelError."""
    # TODO: write call_cost: its docstring and the unit's README say what it must do.
    raise NotImplementedError("call_cost")


def worst_case_cost(model: str, prompt_tokens: int, max_tokens: int) -> Decimal:
    """The most a request can cost before it is sent: its prompt plus every output token max_tokens allows."""
    # TODO: write worst_case_cost: its docstring and the unit's README say what it must do.
    raise NotImplementedError("worst_case_cost")
