"""Compression in front of a model call: the user's turns are compressed before Client.chat sends them.

The system prompt is left alone: it is the same on every call, so the provider's prompt cache makes it cheap
already, and rewriting it would only risk its meaning. Assistant turns and tool results are what the model
said or saw; they are kept as they were.
"""
from __future__ import annotations

from typing import Any

from agentkit import Message, Reply
from agentkit.client import as_messages

from prompt_compression.budget import PromptTooLong, marker  # noqa: F401
from prompt_compression.compress import compress  # noqa: F401
from prompt_compression.tokens import count_tokens


def _tokens(messages: list[Message]) -> int:
    """The text tokens of the conversation (each message also costs a few tokens of framing, not counted)."""
    return sum(count_tokens(m.content) for m in messages)


def _turns(messages: list[Message]) -> list[list[Message]]:
    """The conversation cut before each user message: a turn is a user message and the replies that follow."""
    turns: list[list[Message]] = []
    for message in messages:
        if message.role == "user" or not turns:
            turns.append([])
        turns[-1].append(message)
    return turns


def compress_messages(messages: str | list, *, max_tokens: int | None = None, **options: Any) -> list[Message]:
    """The conversation with every user message compressed (options as for `compress`).

    max_tokens (the prompt's text tokens, not the reply's): leave out the oldest turns first, noting how many
    tokens went in a marker at the start of the first turn kept; the last user message and its code blocks
    are never dropped. If that message alone is still too long, its prose is shortened with `compress`.
    """
    # TODO step 7: compress each user message (Message.model_copy(update={"content": ...})); with max_tokens,
    # drop whole turns, oldest first, then prepend marker(N) + a blank line to the first message kept; if the
    # last turn alone is still too long, compress its user message with the tokens that are left.
    raise NotImplementedError("step 7: compress_messages")


class CompressedClient:
    """An agentkit Client whose chat() compresses the user's messages first; everything else passes through.

    >>> client = CompressedClient(agentkit.Client("anthropic"), max_prompt_tokens=4000)
    >>> reply = client.chat(long_question_with_code, system=SYSTEM, max_tokens=500)   # max_tokens: the reply
    """

    def __init__(self, client, *, max_prompt_tokens: int | None = None, **options: Any):
        self.client, self.max_prompt_tokens, self.options = client, max_prompt_tokens, options
        self.tokens_before = self.tokens_after = 0   # text tokens of the messages, over every call

    def chat(self, messages: str | list, **params: Any) -> Reply:
        # TODO step 8: compress_messages(messages, max_tokens=self.max_prompt_tokens, **self.options), add the
        # text tokens before and after to the counters, then self.client.chat(compressed, **params).
        raise NotImplementedError("step 8: CompressedClient.chat")

    @property
    def saved_tokens(self) -> int:
        return self.tokens_before - self.tokens_after

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)   # model, calls, total_cost_usd, ...
