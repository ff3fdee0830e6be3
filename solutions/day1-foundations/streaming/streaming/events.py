"""What each provider streams, turned into text deltas, a usage and a stop reason.

    Anthropic Messages (stream=True)            OpenAI Chat Completions (stream=True)
    message_start        usage.input_tokens     chunk  choices[0].delta.content  (the first is role only, "")
    content_block_delta  delta.text             chunk  choices[0].finish_reason
    message_delta        usage.output_tokens,   chunk  choices == [], usage  -- sent ONLY when the request
                         delta.stop_reason             asks: stream_options={"include_usage": True}
    message_stop
"""
from __future__ import annotations

from dataclasses import dataclass, field

from agentkit.types import Usage

ANTHROPIC_STOP = {"end_turn": "end", "max_tokens": "max_tokens", "stop_sequence": "stop_sequence",
                  "tool_use": "tool_use", "refusal": "refusal", "pause_turn": "end"}
OPENAI_STOP = {"stop": "end", "length": "max_tokens", "tool_calls": "tool_use", "content_filter": "refusal"}


@dataclass
class Progress:
    """What a stream has told us so far."""

    parts: list[str] = field(default_factory=list)
    usage: Usage | None = None        # None until the provider reports it
    stop_reason: str | None = None    # "end", "max_tokens", ... once known


### BEGIN STARTER
# def stream_params(provider: str, model: str, messages: list[dict], system: str | None, max_tokens: int, *,
#                   compatible: bool = False) -> dict:
#     """Keyword arguments for a streamed call: anthropic `messages.create(**params)` or openai
#     `chat.completions.create(**params)`, as in the chat-client pattern, plus what streaming needs."""
#     # TODO step 1: stream=True for both; for OpenAI also stream_options={"include_usage": True}, or the
#     # stream carries no usage at all
#     raise NotImplementedError("step 1: stream_params")
### END STARTER
### BEGIN SOLUTION
def stream_params(provider: str, model: str, messages: list[dict], system: str | None, max_tokens: int, *,
                  compatible: bool = False) -> dict:
    """Keyword arguments for a streamed call: anthropic `messages.create(**params)` or openai
    `chat.completions.create(**params)`."""
    if provider == "anthropic":
        params = {"model": model, "max_tokens": max_tokens, "messages": messages, "stream": True}
        if system:
            params["system"] = system
        return params
    turns = ([{"role": "system", "content": system}] if system else []) + messages
    limit = "max_tokens" if compatible else "max_completion_tokens"
    return {"model": model, "messages": turns, limit: max_tokens, "stream": True,
            "stream_options": {"include_usage": True}}
### END SOLUTION


### BEGIN STARTER
# def read_anthropic_event(event, progress: Progress) -> str:
#     """Update `progress` from one Anthropic stream event; return the text it carries ("" if none)."""
#     # TODO step 2: see the table above. event.type tells the events apart; message_start's
#     # event.message.usage has the input tokens, message_delta's event.usage the output tokens.
#     raise NotImplementedError("step 2: read_anthropic_event")
### END STARTER
### BEGIN SOLUTION
def read_anthropic_event(event, progress: Progress) -> str:
    """Update `progress` from one Anthropic stream event; return the text it carries ("" if none)."""
    if event.type == "message_start":
        progress.usage = Usage(input_tokens=event.message.usage.input_tokens,
                               output_tokens=event.message.usage.output_tokens)
    elif event.type == "content_block_delta" and event.delta.type == "text_delta":
        progress.parts.append(event.delta.text)
        return event.delta.text
    elif event.type == "message_delta":
        usage = progress.usage or Usage()
        progress.usage = Usage(input_tokens=usage.input_tokens, output_tokens=event.usage.output_tokens)
        progress.stop_reason = ANTHROPIC_STOP.get(event.delta.stop_reason or "end_turn", "end")
    return ""
### END SOLUTION


### BEGIN STARTER
# def read_openai_chunk(chunk, progress: Progress) -> str:
#     """Update `progress` from one Chat Completions chunk; return the text it carries ("" if none)."""
#     # TODO step 3: the usage chunk has no choices; the others carry choices[0].delta.content (None or "" for
#     # the role-only first chunk) and, on the last, choices[0].finish_reason
#     raise NotImplementedError("step 3: read_openai_chunk")
### END STARTER
### BEGIN SOLUTION
def read_openai_chunk(chunk, progress: Progress) -> str:
    """Update `progress` from one Chat Completions chunk; return the text it carries ("" if none)."""
    if chunk.usage is not None:
        progress.usage = Usage(input_tokens=chunk.usage.prompt_tokens, output_tokens=chunk.usage.completion_tokens)
    if not chunk.choices:
        return ""
    choice = chunk.choices[0]
    if choice.finish_reason:
        progress.stop_reason = OPENAI_STOP.get(choice.finish_reason, "end")
    text = choice.delta.content or ""
    if text:
        progress.parts.append(text)
    return text
### END SOLUTION
