"""The router: a validated tier table, a classifier, a worst-case cost from genai-prices, and a client that obeys."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from agentkit import Reply, UnknownModelError, Usage, cost_usd, model_info  # noqa: F401
from model_router.features import assess
from model_router.requests import LEVELS, Assessment, Request, Route, count_tokens  # noqa: F401

# Current ids from agentkit.models.REGISTRY, cheapest tier first. Prices are never typed here: genai-prices has them.
TIERS: dict[str, dict[str, str]] = {
    "anthropic": {"simple": "claude-haiku-4-5", "moderate": "claude-sonnet-4-6", "complex": "claude-opus-5-5"},
    "openai": {"simple": "gpt-5.4-mini", "moderate": "gpt-6.1-terra", "complex": "gpt-6-astra"},
}


class Router:
    """`Router(tiers, provider=...)`: `tiers` maps each of simple/moderate/complex to a model id of `provider`."""

    def __init__(self, tiers: Mapping[str, str], *, provider: str,
                 classifier: Callable[[Request], Assessment] = assess):
        # TODO step 3: refuse a bad table here, before any request: ValueError unless the keys are exactly
        # LEVELS; UnknownModelError for a model the course registry does not know (agentkit.model_info), that
        # belongs to another provider, or that genai-prices cannot price (agentkit.cost_usd raises for those).
        self.tiers, self.provider, self.classifier = dict(tiers), provider, classifier

    @classmethod
    def for_provider(cls, provider: str, **options: Any) -> Router:
        return cls(TIERS[provider], provider=provider, **options)

    def route(self, request: Request) -> Route:
        """Classify the request, pick its tier's model, and estimate the worst case: genai-prices' price (through
        agentkit.cost_usd, with this router's provider) of count_tokens(system) + count_tokens(prompt) input
        tokens and max_tokens output tokens. The Route carries the classifier's reasons and source."""
        # TODO step 3
        raise NotImplementedError("step 3: Router.route")


@dataclass(frozen=True)
class Routed:
    route: Route
    reply: Reply


class RoutedClient:
    """Wraps an agentkit.Client: every chat goes to the model its route chose, with the route kept beside the reply."""

    def __init__(self, client: Any, router: Router):
        if client.provider != router.provider:
            raise ValueError(f"the client talks to {client.provider}, the router's models are {router.provider}'s")
        self.client, self.router = client, router

    def chat(self, prompt: str, *, system: str | None = None, max_tokens: int = 1024) -> Routed:
        """Route the request, send it to the route's model with the same system prompt and max_tokens, and
        return Routed(route, reply)."""
        # TODO step 5
        raise NotImplementedError("step 5: RoutedClient.chat")
