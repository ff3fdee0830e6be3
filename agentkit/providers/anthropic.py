"""Adapter for Anthropic's Messages API through the official `anthropic` SDK."""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import anthropic

from agentkit.providers import Request, translated_errors
from agentkit.types import Message, Reply, ToolCall, Usage

STOP_REASONS = {"end_turn": "end", "tool_use": "tool_use", "max_tokens": "max_tokens",
                "stop_sequence": "stop_sequence", "refusal": "refusal", "pause_turn": "end"}


class AnthropicAdapter:
    name = "anthropic"

    def __init__(self, *, api_key: str, base_url: str | None, timeout: float, max_retries: int):
        options = dict(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries)
        self.sdk = anthropic.Anthropic(**options)
        self.async_sdk = anthropic.AsyncAnthropic(**options)

    def complete(self, request: Request) -> Reply:
        with translated_errors(anthropic, self.name):
            return to_reply(self.sdk.messages.create(**to_params(request)))

    async def acomplete(self, request: Request) -> Reply:
        with translated_errors(anthropic, self.name):
            return to_reply(await self.async_sdk.messages.create(**to_params(request)))

    def stream(self, request: Request) -> Iterator[str | Reply]:
        with translated_errors(anthropic, self.name):
            with self.sdk.messages.stream(**to_params(request)) as events:
                yield from events.text_stream
                yield to_reply(events.get_final_message())

    async def astream(self, request: Request) -> AsyncIterator[str | Reply]:
        with translated_errors(anthropic, self.name):
            async with self.async_sdk.messages.stream(**to_params(request)) as events:
                async for text in events.text_stream:
                    yield text
                yield to_reply(await events.get_final_message())


def to_params(request: Request) -> dict:
    params: dict = {"model": request.model, "max_tokens": request.max_tokens,
                    "messages": to_messages(request.messages)}
    if request.system:
        params["system"] = request.system
    if request.stop:
        params["stop_sequences"] = request.stop
    if request.tools:
        params["tools"] = [{"name": t.name, "description": t.description, "input_schema": t.parameters}
                           for t in request.tools]
        choice = request.tool_choice
        if choice == "required":
            params["tool_choice"] = {"type": "any"}
        elif choice in ("auto", "none"):
            params["tool_choice"] = {"type": choice}
        elif choice:
            params["tool_choice"] = {"type": "tool", "name": choice}
    return params


def to_messages(messages: list[Message]) -> list[dict]:
    """Anthropic wants tool results as `tool_result` blocks in a user turn, all results of one turn together."""
    out: list[dict] = []
    for m in messages:
        if m.role == "tool":
            block = {"type": "tool_result", "tool_use_id": m.tool_call_id, "content": m.content}
            if m.is_error:
                block["is_error"] = True
            if out and out[-1]["role"] == "user" and isinstance(out[-1]["content"], list):
                out[-1]["content"].append(block)
            else:
                out.append({"role": "user", "content": [block]})
        elif m.role == "assistant" and m.tool_calls:
            blocks = [{"type": "text", "text": m.content}] if m.content else []
            blocks += [{"type": "tool_use", "id": c.id, "name": c.name, "input": c.arguments} for c in m.tool_calls]
            out.append({"role": "assistant", "content": blocks})
        else:
            out.append({"role": m.role, "content": m.content})
    return out


def to_reply(message: anthropic.types.Message) -> Reply:
    usage = message.usage
    return Reply(
        text="".join(b.text for b in message.content if b.type == "text"),
        tool_calls=[ToolCall(id=b.id, name=b.name, arguments=dict(b.input or {}))
                    for b in message.content if b.type == "tool_use"],
        stop_reason=STOP_REASONS.get(message.stop_reason or "end_turn", "end"),
        model=message.model,
        provider="anthropic",
        usage=Usage(input_tokens=usage.input_tokens, output_tokens=usage.output_tokens,
                    cache_read_tokens=usage.cache_read_input_tokens or 0,
                    cache_write_tokens=usage.cache_creation_input_tokens or 0),
    )
