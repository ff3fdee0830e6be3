"""`ChatClient`: one interface over Anthropic, OpenAI and OpenAI-compatible servers, sync and async.

    >>> client = ChatClient("anthropic")                  # or "openai"; or ChatClient("openai",
    >>> reply = client.chat("Name one prime.",            #     base_url="http://localhost:11434/v1",
    ...                     system="Answer in one word.")  #     model="llama3.2") for a local Ollama
    >>> reply.text, reply.usage.output_tokens, reply.cost_usd
"""
from __future__ import annotations

import os
from decimal import Decimal

import anthropic
import openai

from agentkit.models import DEFAULT_MODELS
from chat_client.errors import SDK_ERRORS, LLMError, from_sdk_error
from chat_client.types import Reply, Usage
from chat_client.wire import anthropic_params, openai_params, reply_from_anthropic, reply_from_openai

PROVIDERS = ("anthropic", "openai")
KEY_VARIABLES = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}
ROLES = ("user", "assistant")


def as_messages(messages: str | list[dict]) -> list[dict]:
    """A string is one user message; a list holds {"role": "user" | "assistant", "content": str} turns.
    The system prompt is not a message here: pass it as `system=`."""
    if isinstance(messages, str):
        return [{"role": "user", "content": messages}]
    turns = [{"role": m["role"], "content": m["content"]} for m in messages]
    wrong = [t["role"] for t in turns if t["role"] not in ROLES]
    if wrong:
        raise ValueError(f"roles must be user or assistant, not {wrong}; give the system prompt as system=")
    return turns


### BEGIN STARTER
# def price(model: str, usage: Usage, provider: str | None) -> Decimal | None:
#     """US dollars for `usage` on `model`, from genai-prices; None when the model has no price.
#
#     `provider` is the genai-prices provider id ("anthropic", "openai"), or None for a server of unknown price.
#     """
#     # TODO step 6: agentkit.pricing.cost_decimal(model, usage, provider=provider) raises UnknownModelError
#     # (agentkit.errors) for a model it cannot price: return None then. Never 0 for "unknown".
#     raise NotImplementedError("step 6: price")
### END STARTER
### BEGIN SOLUTION
def price(model: str, usage: Usage, provider: str | None) -> Decimal | None:
    """US dollars for `usage` on `model`, from genai-prices; None when the model has no price."""
    from agentkit.errors import UnknownModelError
    from agentkit.pricing import cost_decimal

    try:
        return cost_decimal(model, usage, provider=provider)
    except UnknownModelError:
        return None  # unknown is not free: a budget must refuse it, and "0" would let it through
### END SOLUTION


class ChatClient:
    def __init__(self, provider: str, model: str | None = None, *, base_url: str | None = None,
                 api_key: str | None = None, timeout: float = 60.0, max_retries: int = 2):
        if provider not in PROVIDERS:
            raise ValueError(f"provider must be one of {PROVIDERS}, not {provider!r}")
        if base_url and not model and provider == "openai":
            raise ValueError("an OpenAI-compatible server needs model=, the name it serves the model under")
        self.provider, self.model, self.base_url = provider, model or DEFAULT_MODELS[provider], base_url
        self.compatible = provider == "openai" and base_url is not None
        # genai-prices knows what Anthropic and OpenAI charge; a compatible server's price is its own business
        self.price_provider = None if self.compatible else provider
        key = api_key or os.environ.get(KEY_VARIABLES[provider]) or ("not-needed" if self.compatible else None)
        ### BEGIN STARTER
        # # TODO step 0: the SDKs retry twice and wait 10 minutes by default; pass timeout and max_retries on
        # options = dict(api_key=key, base_url=base_url)
        ### END STARTER
        ### BEGIN SOLUTION
        options = dict(api_key=key, base_url=base_url, timeout=timeout, max_retries=max_retries)
        ### END SOLUTION
        sdk = anthropic if provider == "anthropic" else openai
        self.sdk = (sdk.Anthropic if provider == "anthropic" else sdk.OpenAI)(**options)
        self.async_sdk = (sdk.AsyncAnthropic if provider == "anthropic" else sdk.AsyncOpenAI)(**options)

    def params(self, messages: str | list[dict], system: str | None, max_tokens: int) -> dict:
        turns = as_messages(messages)
        if self.provider == "anthropic":
            return anthropic_params(self.model, turns, system, max_tokens)
        return openai_params(self.model, turns, system, max_tokens, compatible=self.compatible)

    def _finish(self, response) -> Reply:
        reply = reply_from_anthropic(response) if self.provider == "anthropic" else reply_from_openai(response)
        reply.cost_usd = price(reply.model or self.model, reply.usage, self.price_provider)
        return reply

    def chat(self, messages: str | list[dict], *, system: str | None = None, max_tokens: int = 1024) -> Reply:
        """One call. LLMError (one of its subclasses) for anything that goes wrong on the way."""
        params = self.params(messages, system, max_tokens)
        try:
            if self.provider == "anthropic":
                response = self.sdk.messages.create(**params)
            else:
                response = self.sdk.chat.completions.create(**params)
        except SDK_ERRORS as exc:
            raise from_sdk_error(exc, self.provider) from exc
        return self._finish(response)

    async def achat(self, messages: str | list[dict], *, system: str | None = None,
                    max_tokens: int = 1024) -> Reply:
        ### BEGIN STARTER
        # """As chat, without blocking the event loop while the provider answers."""
        # # TODO step 7: as chat, with self.async_sdk and `await`; map errors the same way
        # raise NotImplementedError("step 7: achat")
        ### END STARTER
        ### BEGIN SOLUTION
        """As chat, without blocking the event loop while the provider answers."""
        params = self.params(messages, system, max_tokens)
        try:
            if self.provider == "anthropic":
                response = await self.async_sdk.messages.create(**params)
            else:
                response = await self.async_sdk.chat.completions.create(**params)
        except SDK_ERRORS as exc:
            raise from_sdk_error(exc, self.provider) from exc
        return self._finish(response)
        ### END SOLUTION
