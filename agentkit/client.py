"""The provider-agnostic chat client: one interface over Anthropic, OpenAI and OpenAI-compatible servers."""
from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from agentkit import models, pricing, replay
from agentkit.errors import AuthError, NoRecordingError, StructuredOutputError, UnknownModelError
from agentkit.providers import Request
from agentkit.types import Message, Reply, Tool, ToolCall

Schema = TypeVar("Schema", bound=BaseModel)
KEY_VARIABLES = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY", "openai-compatible": "OPENAI_API_KEY"}


def choose_provider(provider: str | None = None, base_url: str | None = None) -> str:
    """Argument first, then COURSE_PROVIDER, then a base URL means OpenAI-compatible, then whichever key is set."""
    chosen = provider or os.environ.get("COURSE_PROVIDER")
    if not chosen and (base_url or os.environ.get("COURSE_BASE_URL")):
        chosen = "openai-compatible"
    if not chosen:
        chosen = "openai" if os.environ.get("OPENAI_API_KEY") and not os.environ.get("ANTHROPIC_API_KEY") else "anthropic"
    if chosen not in KEY_VARIABLES:
        raise ValueError(f"unknown provider {chosen!r}; choose one of {sorted(KEY_VARIABLES)}")
    return chosen


class Client:
    """Chat, tools, structured output and streaming, with usage and cost on every reply.

    >>> client = Client("anthropic")            # or "openai", or base_url="http://localhost:11434/v1"
    >>> reply = client.chat("Name one prime.", system="Answer in one word.")
    """

    def __init__(self, provider: str | None = None, model: str | None = None, *, base_url: str | None = None,
                 api_key: str | None = None, timeout: float = 60.0, max_retries: int | None = None,
                 prices: tuple[float, float] | None = None):
        self.provider = choose_provider(provider, base_url)
        self.mode = replay.mode()
        base_url = base_url or os.environ.get("COURSE_BASE_URL")
        self.model = model or os.environ.get("COURSE_MODEL") or models.DEFAULT_MODELS.get(self.provider)
        if not self.model:
            raise ValueError("an OpenAI-compatible server needs a model: pass model= or set COURSE_MODEL")
        self.prices = prices  # (input, output) $ per million, for self-hosted models genai-prices cannot know
        self._check_priced(self.model)
        if max_retries is None:
            max_retries = 0 if self.mode == "replay" else 2
        options = dict(api_key=self._api_key(api_key), base_url=base_url, timeout=timeout, max_retries=max_retries)
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

    def _check_priced(self, model: str) -> None:
        if self.prices is None and self.provider != "openai-compatible":
            info = models.model_info(model)
            if info.provider != self.provider:
                raise UnknownModelError(f"{model} is a {info.provider} model, not {self.provider}")
        self._cost(model, Reply().usage)  # raises UnknownModelError now rather than after the call

    def _cost(self, model: str, usage) -> float:
        if self.prices is not None:
            per_in, per_out = self.prices
            return ((usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens) * per_in
                    + usage.output_tokens * per_out) / 1_000_000
        provider = None if self.provider == "openai-compatible" else self.provider
        try:
            return pricing.cost_usd(model, usage, provider=provider)
        except UnknownModelError as exc:
            raise UnknownModelError(f"{exc}; pass prices=(input, output) per million tokens for a "
                                    "self-hosted model", provider=self.provider) from None

    @property
    def total_cost_usd(self) -> float:
        return sum(r.cost_usd or 0.0 for r in self.calls)

    def request(self, messages: str | list, *, system: str | None = None, tools: list[Tool] | None = None,
                tool_choice: str | None = None, max_tokens: int = 1024, stop: list[str] | None = None,
                model: str | None = None) -> Request:
        if model and model != self.model:
            self._check_priced(model)
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
