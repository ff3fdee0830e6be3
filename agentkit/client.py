"""The provider-agnostic chat client: one interface over Anthropic, OpenAI and OpenAI-compatible servers."""
from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from agentkit import models, pricing, replay
from agentkit.errors import AuthError, NoRecordingError, StructuredOutputError, UnknownModelError
from agentkit.providers import Request
from agentkit.types import Message, Reply, Tool, ToolCall, Usage

Schema = TypeVar("Schema", bound=BaseModel)
KEY_VARIABLES = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY", "openai-compatible": "OPENAI_API_KEY"}


def choose_provider(provider: str | None = None, base_url: str | None = None) -> str:
    """Argument first, then COURSE_PROVIDER, then a base URL means OpenAI-compatible, then whichever key is set."""
    chosen = provider or os.environ.get("COURSE_PROVIDER")
    if not chosen and base_url:
        chosen = "openai-compatible"
    if not chosen:
        chosen = "openai" if os.environ.get("OPENAI_API_KEY") and not os.environ.get("ANTHROPIC_API_KEY") else "anthropic"
    if chosen not in KEY_VARIABLES:
        raise ValueError(f"unknown provider {chosen!r}; choose one of {sorted(KEY_VARIABLES)}")
    return chosen


@dataclass(frozen=True)
class Target:
    """Where a client's calls go: what the code asked for, with the learner's settings applied."""

    mode: str
    provider: str
    model: str | None
    base_url: str | None
    redirected: bool  # COURSE_BASE_URL overrode the provider and model the code named


def resolve(provider: str | None = None, model: str | None = None, base_url: str | None = None) -> Target:
    """In live mode COURSE_BASE_URL sends every client to that OpenAI-compatible server with COURSE_MODEL: the
    provider and model a notebook names are its defaults, not an override. Replay and record keep the provider
    the fixtures were made for (replay ignores COURSE_BASE_URL)."""
    current = replay.mode()
    server = os.environ.get("COURSE_BASE_URL") if current != "replay" else None
    if current == "live" and server and not base_url:
        return Target(current, "openai-compatible", os.environ.get("COURSE_MODEL"), server, redirected=True)
    base_url = base_url or server
    chosen = choose_provider(provider, base_url)
    model = model or os.environ.get("COURSE_MODEL") or models.DEFAULT_MODELS.get(chosen)
    return Target(current, chosen, model, base_url, redirected=False)


class Client:
    """Chat, tools, structured output and streaming, with usage and cost on every reply.

    >>> client = Client("anthropic")            # or "openai", or base_url="http://localhost:11434/v1"
    >>> reply = client.chat("Name one prime.", system="Answer in one word.")

    `reply.cost_usd` is None when the model has no price (a self-hosted model, say): see agentkit.pricing.
    """

    def __init__(self, provider: str | None = None, model: str | None = None, *, base_url: str | None = None,
                 api_key: str | None = None, timeout: float = 60.0, max_retries: int | None = None,
                 prices: tuple[float, float] | None = None):
        target = resolve(provider, model, base_url)
        self.mode, self.provider, self.model = target.mode, target.provider, target.model
        self.base_url, self.redirected = target.base_url, target.redirected
        if not self.model:
            raise ValueError("COURSE_BASE_URL is set: set COURSE_MODEL to the model that server serves"
                             if self.redirected else
                             "an OpenAI-compatible server needs a model: pass model= or set COURSE_MODEL")
        # (input, output) $ per million tokens, for a model genai-prices cannot know; COURSE_PRICE_PER_MTOK
        # does the same for COURSE_MODEL without a code change.
        self.prices = prices
        self._check_model(self.model)
        pricing.configured_price(self.model)  # a malformed COURSE_PRICE_PER_MTOK fails here, not after a call
        if max_retries is None:
            max_retries = 0 if self.mode == "replay" else 2
        options = dict(api_key=self._api_key(api_key), base_url=self.base_url, timeout=timeout,
                       max_retries=max_retries)
        if self.provider == "anthropic":
            from agentkit.providers.anthropic import AnthropicAdapter
            self.adapter = AnthropicAdapter(**options)
        else:
            from agentkit.providers.openai import OpenAIAdapter
            self.adapter = OpenAIAdapter(**options, compatible=self.provider == "openai-compatible")
        self.calls: list[Reply] = []

    def _api_key(self, api_key: str | None) -> str:
        if api_key:
            return api_key
        if self.mode == "replay":
            return "replay-mode-no-key"
        key = os.environ.get(KEY_VARIABLES[self.provider])
        if key:
            return key
        if self.provider == "openai-compatible":
            return "not-needed"  # local servers such as Ollama accept any key
        raise AuthError(f"{self.mode} mode needs {KEY_VARIABLES[self.provider]}; unset COURSE_LLM_MODE to replay "
                        "offline, or run `course doctor`", provider=self.provider)

    def _check_model(self, model: str) -> None:
        """A provider's own model must be one the registry lists for that provider (a typo fails here, before
        any call). Any model id goes to an OpenAI-compatible server."""
        if self.provider != "openai-compatible" and self.prices is None:
            info = models.model_info(model)
            if info.provider != self.provider:
                raise UnknownModelError(f"{model} is a {info.provider} model, not {self.provider}")

    def _cost_decimal(self, model: str, usage) -> Decimal:
        if self.prices is not None:
            return pricing.per_mtok_cost(tuple(Decimal(str(p)) for p in self.prices), usage)
        return pricing.cost_decimal(model, usage, provider=None if self.provider == "openai-compatible"
                                    else self.provider)

    def _cost(self, model: str, usage) -> float | None:
        try:
            return float(self._cost_decimal(model, usage))
        except UnknownModelError:
            return None  # unknown, not free: budgets must ask require_price() first

    def price_per_million(self, model: str | None = None) -> tuple[float, float] | None:
        """(input, output) US dollars per million tokens for `model` (this client's by default); None if unknown."""
        model = model or self.model
        try:
            return (float(self._cost_decimal(model, Usage(input_tokens=1_000))) * 1_000,
                    float(self._cost_decimal(model, Usage(output_tokens=1_000))) * 1_000)
        except UnknownModelError:
            return None

    def require_price(self, model: str | None = None, *, purpose: str = "a cost budget") -> None:
        """UnknownModelError, naming the setting that fixes it, unless `model` has a price. Code that enforces
        a budget calls this first, so that an unpriced model fails clearly instead of counting as free."""
        model = model or self.model
        if self.price_per_million(model) is None:
            raise UnknownModelError(f"{purpose} needs a price for model {model!r}, and it has none: "
                                    f"{pricing.PRICE_HINT}, or pass prices=(input, output) to Client",
                                    provider=self.provider)

    @property
    def total_cost_usd(self) -> float | None:
        """What every call so far cost; None if any of them has no price (an unknown part makes the sum unknown)."""
        costs = [r.cost_usd for r in self.calls]
        return None if None in costs else sum(costs, 0.0)

    def request(self, messages: str | list, *, system: str | None = None, tools: list[Tool] | None = None,
                tool_choice: str | None = None, max_tokens: int = 1024, stop: list[str] | None = None,
                model: str | None = None) -> Request:
        if self.redirected:
            model = None  # the learner's server serves COURSE_MODEL, whichever model the code names
        elif model and model != self.model:
            self._check_model(model)
        if self.mode == "replay" and replay.active() is None:
            raise NoRecordingError("replay mode, but no fixtures are loaded: start with agentkit.connect(FIXTURES) "
                                   "or run inside a test's scenario. " + replay.HOW_TO_GO_LIVE, provider=self.provider)
        return Request(model=model or self.model, messages=as_messages(messages), system=system,
                       tools=list(tools or []), tool_choice=tool_choice, max_tokens=max_tokens, stop=stop)

    def _finish(self, reply: Reply, model: str) -> Reply:
        reply.model = reply.model or model
        reply.cost_usd = self._cost(model, reply.usage)
        self.calls.append(reply)
        return reply

    def chat(self, messages: str | list, **options: Any) -> Reply:
        """One call. `messages` is a user string or a list of Message / {"role", "content"} dicts."""
        request = self.request(messages, **options)
        return self._finish(self.adapter.complete(request), request.model)

    async def achat(self, messages: str | list, **options: Any) -> Reply:
        request = self.request(messages, **options)
        return self._finish(await self.adapter.acomplete(request), request.model)

    def stream(self, messages: str | list, **options: Any) -> ReplyStream:
        """Iterate for text as it arrives; `.reply` holds the whole Reply once the stream is done."""
        request = self.request(messages, **options)
        return ReplyStream(self, self.adapter.stream(request), request.model)

    async def astream(self, messages: str | list, **options: Any) -> AsyncIterator[str | Reply]:
        """Yields text chunks, then the final Reply as the last item."""
        request = self.request(messages, **options)
        async for item in self.adapter.astream(request):
            yield self._finish(item, request.model) if isinstance(item, Reply) else item

    def structured(self, messages: str | list, schema: type[Schema], *, retries: int = 2, **options: Any) -> Schema:
        """Get a validated `schema` instance: the schema is offered as a forced tool; invalid output is fed
        back to the model as a tool error up to `retries` times."""
        tool = Tool(name="respond", description=f"Give the answer as a {schema.__name__}.",
                    parameters=schema.model_json_schema())
        history = as_messages(messages)
        for _ in range(retries + 1):
            reply = self.chat(history, tools=[tool], tool_choice="respond", **options)
            call = reply.tool_calls[0] if reply.tool_calls else None
            try:
                return schema.model_validate(call.arguments if call else json.loads(reply.text))
            except (ValidationError, ValueError) as exc:
                error = str(exc)
                call = call or ToolCall(id="respond-0", name="respond", arguments={})
                history += [Message.assistant(reply.text, [call]), Message.tool_result(call, error, is_error=True)]
        raise StructuredOutputError(f"no valid {schema.__name__} after {retries + 1} attempts: {error}",
                                    provider=self.provider)


class ReplyStream:
    def __init__(self, client: Client, items: Iterator[str | Reply], model: str):
        self._client, self._items, self._model = client, items, model
        self.reply: Reply | None = None

    def __iter__(self) -> Iterator[str]:
        for item in self._items:
            if isinstance(item, Reply):
                self.reply = self._client._finish(item, self._model)
            else:
                yield item

    def text(self) -> str:
        """Consume the stream and return the whole text."""
        return "".join(self)


def as_messages(messages: str | list) -> list[Message]:
    if isinstance(messages, str):
        return [Message.user(messages)]
    return [m if isinstance(m, Message) else Message.model_validate(m) for m in messages]
