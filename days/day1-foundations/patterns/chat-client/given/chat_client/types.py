"""The reply every provider's answer becomes."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from agentkit.types import Usage  # input_tokens, output_tokens (and cache counts, unused here)

StopReason = Literal["end", "max_tokens", "stop_sequence", "tool_use", "refusal"]


@dataclass
class Reply:
    text: str
    model: str              # the model that answered, as the provider names it
    provider: str           # "anthropic" or "openai"
    stop_reason: StopReason
    usage: Usage
    cost_usd: Decimal | None = None   # None: the model has no known price (never $0 for "unknown")


__all__ = ["Reply", "Usage", "StopReason"]
