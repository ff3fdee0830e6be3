"""Adapter for OpenAI's Chat Completions API (and any OpenAI-compatible server) through the `openai` SDK."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import openai

from agentkit.providers import Request, translated_errors
from agentkit.types import Message, Reply, ToolCall, Usage

FINISH_REASONS = {"stop": "end", "tool_calls": "tool_use", "function_call": "tool_use",
                  "length": "max_tokens", "content_filter": "refusal"}


class OpenAIAdapter:
    name = "openai"

    def __init__(self, *, api_key: str, base_url: str | None, timeout: float, max_retries: int,
                 compatible: bool = False):
        options = dict(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries)
        self.sdk = openai.OpenAI(**options)
        self.async_sdk = openai.AsyncOpenAI(**options)
        self.compatible = compatible  # self-hosted servers know `max_tokens`, not `max_completion_tokens`
        self.name = "openai-compatible" if compatible else "openai"

    def complete(self, request: Request) -> Reply:
        with translated_errors(openai, self.name):
            return self.to_reply(self.sdk.chat.completions.create(**self.to_params(request)))

    async def acomplete(self, request: Request) -> Reply:
        with translated_errors(openai, self.name):
            return self.to_reply(await self.async_sdk.chat.completions.create(**self.to_params(request)))

    def stream(self, request: Request) -> Iterator[str | Reply]:
        with translated_errors(openai, self.name):
            merged = ChunkMerger(self.name)
            for chunk in self.sdk.chat.completions.create(**self.to_params(request, stream=True)):
                if text := merged.add(chunk):
                    yield text
            yield merged.reply()

    async def astream(self, request: Request) -> AsyncIterator[str | Reply]:
        with translated_errors(openai, self.name):
            merged = ChunkMerger(self.name)
            async for chunk in await self.async_sdk.chat.completions.create(**self.to_params(request, stream=True)):
                if text := merged.add(chunk):
                    yield text
            yield merged.reply()

    def to_params(self, request: Request, stream: bool = False) -> dict:
        messages = [{"role": "system", "content": request.system}] if request.system else []
        messages += [to_message(m) for m in request.messages]
        params: dict = {"model": request.model, "messages": messages,
                        ("max_tokens" if self.compatible else "max_completion_tokens"): request.max_tokens}
        if request.stop:
            params["stop"] = request.stop
        if request.tools:
            params["tools"] = [{"type": "function", "function": {
                "name": t.name, "description": t.description, "parameters": t.parameters}} for t in request.tools]
            choice = request.tool_choice
            if choice in ("auto", "required", "none"):
                params["tool_choice"] = choice
            elif choice:
                params["tool_choice"] = {"type": "function", "function": {"name": choice}}
        if stream:
            params.update(stream=True, stream_options={"include_usage": True})
        return params

    def to_reply(self, completion) -> Reply:
        choice = completion.choices[0]
        calls = [ToolCall(id=c.id, name=c.function.name, arguments=parse_arguments(c.function.arguments))
                 for c in choice.message.tool_calls or []]
        return Reply(text=choice.message.content or "", tool_calls=calls,
                     stop_reason=FINISH_REASONS.get(choice.finish_reason, "end"),
                     model=completion.model, provider=self.name, usage=to_usage(completion.usage))


def to_message(m: Message) -> dict:
    if m.role == "tool":
        return {"role": "tool", "tool_call_id": m.tool_call_id, "content": m.content}
    if m.role == "assistant" and m.tool_calls:
        return {"role": "assistant", "content": m.content or None, "tool_calls": [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": json.dumps(c.arguments)}}
            for c in m.tool_calls]}
    return {"role": m.role, "content": m.content}


def parse_arguments(raw: str | None) -> dict:
    """Models occasionally emit invalid JSON arguments; keep the raw text rather than crash."""
    try:
        value = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return {"_raw": raw}
    return value if isinstance(value, dict) else {"_value": value}


def to_usage(usage) -> Usage:
    if usage is None:
        return Usage()
    details = getattr(usage, "prompt_tokens_details", None)
    cached = (getattr(details, "cached_tokens", 0) or 0) if details else 0
    written = (getattr(details, "cache_write_tokens", 0) or 0) if details else 0
    return Usage(input_tokens=usage.prompt_tokens - cached - written, output_tokens=usage.completion_tokens,
                 cache_read_tokens=cached, cache_write_tokens=written)


class ChunkMerger:
    """Folds streamed chat-completion chunks into one Reply (text, tool-call deltas, final usage chunk)."""

    def __init__(self, provider: str):
        self.provider, self.text, self.model, self.finish = provider, [], "", None
        self.calls: dict[int, dict] = {}
        self.usage = Usage()

    def add(self, chunk) -> str:
        self.model = chunk.model or self.model
        if chunk.usage:
            self.usage = to_usage(chunk.usage)
        if not chunk.choices:
            return ""
        choice = chunk.choices[0]
        self.finish = choice.finish_reason or self.finish
        for delta in choice.delta.tool_calls or []:
            call = self.calls.setdefault(delta.index, {"id": "", "name": "", "arguments": ""})
            call["id"] = delta.id or call["id"]
            if delta.function:
                call["name"] += delta.function.name or ""
                call["arguments"] += delta.function.arguments or ""
        text = choice.delta.content or ""
        self.text.append(text)
        return text

    def reply(self) -> Reply:
        calls = [ToolCall(id=c["id"], name=c["name"], arguments=parse_arguments(c["arguments"]))
                 for _, c in sorted(self.calls.items())]
        return Reply(text="".join(self.text), tool_calls=calls, stop_reason=FINISH_REASONS.get(self.finish, "end"),
                     model=self.model, provider=self.provider, usage=self.usage)
