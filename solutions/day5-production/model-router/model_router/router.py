"""The router: a validated tier table, a classifier, a worst-case cost from genai-prices, and a client that obeys."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

### BEGIN STARTER
# from agentkit import Reply, UnknownModelError, Usage, cost_usd, model_info  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from agentkit import Reply, UnknownModelError, Usage, cost_usd, model_info
### END SOLUTION
from model_router.features import assess
### BEGIN STARTER
# from model_router.requests import LEVELS, Assessment, Request, Route, count_tokens  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from model_router.requests import LEVELS, Assessment, Request, Route, count_tokens
### END SOLUTION

# Current ids from agentkit.models.REGISTRY, cheapest tier first. Prices are never typed here: genai-prices has them.
TIERS: dict[str, dict[str, str]] = {
    "anthropic": {"simple": "claude-haiku-4-5", "moderate": "claude-sonnet-4-6", "complex": "claude-opus-5-5"},
    "openai": {"simple": "gpt-5.4-mini", "moderate": "gpt-6.1-terra", "complex": "gpt-6-astra"},
}


### BEGIN SOLUTION
def _check_model(model: str, provider: str) -> None:
    info = model_info(model)  # UnknownModelError if the course registry does not list it
    if info.provider != provider:
        raise UnknownModelError(f"{model} is a {info.provider} model; this router sends to {provider}")
    cost_usd(model, Usage(), provider=provider)  # UnknownModelError if genai-prices cannot price it


### END SOLUTION
class Router:
    """`Router(tiers, provider=...)`: `tiers` maps each of simple/moderate/complex to a model id of `provider`."""

    def __init__(self, tiers: Mapping[str, str], *, provider: str,
                 classifier: Callable[[Request], Assessment] = assess):
        ### BEGIN STARTER
        # # TODO step 3: refuse a bad table here, before any request: ValueError unless the keys are exactly
        # # LEVELS; UnknownModelError for a model the course registry does not know (agentkit.model_info), that
        # # belongs to another provider, or that genai-prices cannot price (agentkit.cost_usd raises for those).
        ### END STARTER
        ### BEGIN SOLUTION
        if set(tiers) != set(LEVELS):
            raise ValueError(f"the tier table needs exactly {', '.join(LEVELS)}; got {', '.join(sorted(tiers))}")
        for model in tiers.values():
            _check_model(model, provider)
        ### END SOLUTION
        self.tiers, self.provider, self.classifier = dict(tiers), provider, classifier

    @classmethod
    def for_provider(cls, provider: str, **options: Any) -> Router:
        return cls(TIERS[provider], provider=provider, **options)

    def route(self, request: Request) -> Route:
        """Classify the request, pick its tier's model, and estimate the worst case: genai-prices' price (through
        agentkit.cost_usd, with this router's provider) of count_tokens(system) + count_tokens(prompt) input
        tokens and max_tokens output tokens. The Route carries the classifier's reasons and source."""
        ### BEGIN STARTER
        # # TODO step 3
        # raise NotImplementedError("step 3: Router.route")
        ### END STARTER
        ### BEGIN SOLUTION
        assessment = self.classifier(request)
        model = self.tiers[assessment.complexity]
        tokens_in = count_tokens(request.system) + count_tokens(request.prompt)
        worst_case = cost_usd(model, Usage(input_tokens=tokens_in, output_tokens=request.max_tokens),
                              provider=self.provider)
        return Route(model, assessment.complexity, worst_case, assessment.reasons, tokens_in, request.max_tokens,
                     assessment.source)
        ### END SOLUTION


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
        ### BEGIN STARTER
        # # TODO step 5
        # raise NotImplementedError("step 5: RoutedClient.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        route = self.router.route(Request(prompt, system, max_tokens))
        reply = self.client.chat(prompt, system=system, max_tokens=max_tokens, model=route.model)
        return Routed(route, reply)
        ### END SOLUTION
