"""The registry of current model ids: the only place the course names models, and when each one shuts down.

A model past its shutdown date is refused (RetiredModelError, naming its successor in the same tier); one within
WARNING_DAYS of it still works and warns. COURSE_TODAY (an ISO date) stands in for today, to try a date ahead."""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from datetime import date
from typing import Literal

from agentkit.errors import UnknownModelError

WARNING_DAYS = 30  # a model this close to its shutdown must not be taught, defaulted or recorded (tests/test_model_lifecycle.py)

Tier = Literal["fast", "balanced", "frontier"]


@dataclass(frozen=True)
class ModelInfo:
    id: str
    provider: str  # "anthropic" or "openai"
    tier: Tier
    context_window: int      # prompt plus output, in tokens (tests/test_registry.py: agrees with genai-prices)
    max_output_tokens: int   # the most `max_tokens` may ask for, from the provider's model page
    deprecated: str | None = None  # shutdown date announced by the provider (ISO), if any

    def days_left(self, today: date | None = None) -> int | None:
        """Days until shutdown (0 on the day, negative after it); None when no shutdown is announced."""
        if self.deprecated is None:
            return None
        return (date.fromisoformat(self.deprecated) - (today or current_date())).days

    def retired(self, today: date | None = None) -> bool:
        left = self.days_left(today)
        return left is not None and left <= 0


class RetiredModelError(UnknownModelError):
    """A model the provider has shut down: calls to it fail. The message names the model to use instead."""


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


def current_date() -> date:
    override = os.environ.get("COURSE_TODAY")
    return date.fromisoformat(override) if override else date.today()


def successor(model_id: str, today: date | None = None) -> ModelInfo | None:
    """The first model of the same provider and tier with no shutdown announced (the registry lists the newest
    first), or None."""
    info = REGISTRY[model_id]
    return next((m for m in REGISTRY.values() if m.provider == info.provider and m.tier == info.tier
                 and m.deprecated is None and m.id != model_id), None)


def model_info(model_id: str) -> ModelInfo:
    """Look a model up. UnknownModelError if the course does not know it, RetiredModelError (naming the successor)
    if it has been shut down; a DeprecationWarning if a shutdown is announced."""
    info = REGISTRY.get(model_id)
    if info is None:
        known = ", ".join(m.id for m in models())
        raise UnknownModelError(f"unknown model {model_id!r}; the registry's current models: {known}")
    if info.retired():
        instead = successor(model_id)
        advice = f"use {instead.id} (the current {info.provider} {info.tier} model)" if instead else \
            "choose a current model from agentkit.models.models()"
        raise RetiredModelError(f"{model_id} was shut down on {info.deprecated}: {advice}", provider=info.provider)
    if info.deprecated:
        warnings.warn(f"{model_id} is deprecated (shutdown {info.deprecated}, {info.days_left()} days left); "
                      f"move to {getattr(successor(model_id), 'id', 'a current model')}", DeprecationWarning,
                      stacklevel=2)
    return info


def models(provider: str | None = None, *, include_deprecated: bool = False) -> list[ModelInfo]:
    """Current models (no shutdown announced), or with include_deprecated those announced but not yet retired."""
    return [
        m
        for m in REGISTRY.values()
        if (provider is None or m.provider == provider) and not m.retired()
        and (include_deprecated or not m.deprecated)
    ]
