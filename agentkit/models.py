"""The registry of current model ids: the only place the course names models."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

from agentkit.errors import UnknownModelError

Tier = Literal["fast", "balanced", "frontier"]


@dataclass(frozen=True)
class ModelInfo:
    id: str
    provider: str  # "anthropic" or "openai"
    tier: Tier
    context_window: int      # prompt plus output, in tokens (tests/test_registry.py: agrees with genai-prices)
    max_output_tokens: int   # the most `max_tokens` may ask for, from the provider's model page
    deprecated: str | None = None  # shutdown date announced by the provider, if any


REGISTRY: dict[str, ModelInfo] = {
    m.id: m
    for m in [
        ModelInfo("claude-opus-5-5", "anthropic", "frontier", 1_000_000, 128_000),
        ModelInfo("claude-sonnet-5-5", "anthropic", "balanced", 1_000_000, 128_000),
        ModelInfo("claude-haiku-5-5", "anthropic", "fast", 1_000_000, 64_000),
        ModelInfo("claude-sonnet-4-6", "anthropic", "balanced", 1_000_000, 64_000),
        ModelInfo("claude-haiku-4-5", "anthropic", "fast", 200_000, 64_000),
        ModelInfo("claude-sonnet-4-5", "anthropic", "balanced", 200_000, 64_000, deprecated="2026-11-30"),
        ModelInfo("claude-opus-4-5", "anthropic", "frontier", 200_000, 64_000, deprecated="2027-01-22"),
        ModelInfo("gpt-6-astra", "openai", "frontier", 1_050_000, 128_000),
        ModelInfo("gpt-6-sol", "openai", "balanced", 1_050_000, 128_000),
        ModelInfo("gpt-6.1-terra", "openai", "balanced", 1_050_000, 128_000),
        ModelInfo("gpt-6-luna", "openai", "fast", 1_050_000, 128_000),
        ModelInfo("gpt-5.4-mini", "openai", "fast", 400_000, 128_000),
        ModelInfo("gpt-5-mini", "openai", "fast", 400_000, 128_000, deprecated="2026-12-11"),
        ModelInfo("gpt-5.4-nano", "openai", "fast", 400_000, 128_000, deprecated="2027-04-01"),
        ModelInfo("gpt-4.1-mini", "openai", "fast", 1_000_000, 32_768, deprecated="2027-01-14"),
    ]
}

DEFAULT_MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}


def model_info(model_id: str) -> ModelInfo:
    """Look a model up; warn if it is deprecated; raise UnknownModelError if the course does not know it."""
    info = REGISTRY.get(model_id)
    if info is None:
        known = ", ".join(sorted(REGISTRY))
        raise UnknownModelError(f"unknown model {model_id!r}; the registry knows: {known}")
    if info.deprecated:
        warnings.warn(f"{model_id} is deprecated (shutdown {info.deprecated})", DeprecationWarning, stacklevel=2)
    return info


def models(provider: str | None = None, *, include_deprecated: bool = False) -> list[ModelInfo]:
    return [
        m
        for m in REGISTRY.values()
        if (provider is None or m.provider == provider) and (include_deprecated or not m.deprecated)
    ]
