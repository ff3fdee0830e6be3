"""Compression in front of a model call: the user's turns are compressed before Client.chat sends them.

The system prompt is left alone: it is the same on every call, so the provider's prompt cache makes it cheap
already, and rewriting it would only risk its meaning. Assistant turns and tool results are what the model
said or saw; they are kept as they were.
"""
from __future__ import annotations

from typing import Any

from agentkit import Message, Reply
from agentkit.client import as_messages

### BEGIN STARTER
# from prompt_compression.budget import PromptTooLong, marker  # noqa: F401
# from prompt_compression.compress import compress  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from prompt_compression.budget import PromptTooLong, marker
from prompt_compression.compress import compress
### END SOLUTION
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
    ### BEGIN STARTER
    # # TODO step 7: compress each user message (Message.model_copy(update={"content": ...})); with max_tokens,
    # # drop whole turns, oldest first, then prepend marker(N) + a blank line to the first message kept; if the
    # # last turn alone is still too long, compress its user message with the tokens that are left.
    # raise NotImplementedError("step 7: compress_messages")
    ### END STARTER
    ### BEGIN SOLUTION
    compressed = [m.model_copy(update={"content": compress(m.content, **options).text})
                  if m.role == "user" and m.content else m for m in as_messages(messages)]
    if max_tokens is None or _tokens(compressed) <= max_tokens:
        return compressed

    turns = _turns(compressed)
    dropped = 0

    def total() -> int:
        note = count_tokens(f"{marker(dropped)}\n\n") if dropped else 0
        return note + _tokens([m for turn in turns for m in turn])

    while len(turns) > 1 and total() > max_tokens:
        dropped += _tokens(turns.pop(0))   # the oldest turn first
    kept = [m for turn in turns for m in turn]
    if dropped:
        first = kept[0]
        kept[0] = first.model_copy(update={"content": f"{marker(dropped)}\n\n{first.content}"})
    over = _tokens(kept) - max_tokens
    if over > 0:  # one turn left and still too long: shorten the prose of its user message
        last = max((n for n, m in enumerate(kept) if m.role == "user"), default=None)
        if last is None:
            raise PromptTooLong(f"the conversation needs {_tokens(kept)} tokens, more than max_tokens={max_tokens}")
        own = count_tokens(kept[last].content)
        shorter = compress(kept[last].content, max_tokens=own - over, **options).text
        kept[last] = kept[last].model_copy(update={"content": shorter})
    return kept
    ### END SOLUTION


class CompressedClient:
    """An agentkit Client whose chat() compresses the user's messages first; everything else passes through.

    >>> client = CompressedClient(agentkit.Client("anthropic"), max_prompt_tokens=4000)
    >>> reply = client.chat(long_question_with_code, system=SYSTEM, max_tokens=500)   # max_tokens: the reply
    """

    def __init__(self, client, *, max_prompt_tokens: int | None = None, **options: Any):
        self.client, self.max_prompt_tokens, self.options = client, max_prompt_tokens, options
        self.tokens_before = self.tokens_after = 0   # text tokens of the messages, over every call

    def chat(self, messages: str | list, **params: Any) -> Reply:
        ### BEGIN STARTER
        # # TODO step 8: compress_messages(messages, max_tokens=self.max_prompt_tokens, **self.options), add the
        # # text tokens before and after to the counters, then self.client.chat(compressed, **params).
        # raise NotImplementedError("step 8: CompressedClient.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        original = as_messages(messages)
        sent = compress_messages(original, max_tokens=self.max_prompt_tokens, **self.options)
        self.tokens_before += _tokens(original)
        self.tokens_after += _tokens(sent)
        return self.client.chat(sent, **params)
        ### END SOLUTION

    @property
    def saved_tokens(self) -> int:
        return self.tokens_before - self.tokens_after

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)   # model, calls, total_cost_usd, ...
