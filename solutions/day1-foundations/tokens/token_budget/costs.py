"""What a call costs, in US dollars as Decimal, from genai-prices (through agentkit.pricing): never $0 by default."""
from __future__ import annotations

from decimal import Decimal

from agentkit import pricing
from agentkit.types import Usage


def call_cost(model: str, usage: Usage) -> Decimal:
    """The price of a call that used `usage`. A model genai-prices cannot price raises UnknownModelError."""
    ### BEGIN SOLUTION
    return pricing.cost_decimal(model, usage)
    ### END SOLUTION


def worst_case_cost(model: str, prompt_tokens: int, max_tokens: int) -> Decimal:
    """The most a request can cost before it is sent: its prompt plus every output token max_tokens allows."""
    ### BEGIN SOLUTION
    return call_cost(model, Usage(input_tokens=prompt_tokens, output_tokens=max_tokens))
    ### END SOLUTION
