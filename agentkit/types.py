"""The provider-neutral shapes every adapter speaks: messages, tools, tool calls, replies, usage."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Role = Literal["user", "assistant", "tool"]
StopReason = Literal["end", "tool_use", "max_tokens", "stop_sequence", "refusal"]


class ToolCall(BaseModel):
    """The model asking for one tool to be run."""

    id: str
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class Message(BaseModel):
    """One turn of a conversation.

    A `tool` message carries the result of the tool call named by `tool_call_id`;
    an `assistant` message may carry the tool calls the model made.
    """

    role: Role
    content: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    tool_call_id: str | None = None
    is_error: bool = False

    @classmethod
    def user(cls, content: str) -> Message:
        return cls(role="user", content=content)

    @classmethod
    def assistant(cls, content: str = "", tool_calls: list[ToolCall] | None = None) -> Message:
        return cls(role="assistant", content=content, tool_calls=tool_calls or [])

    @classmethod
    def tool_result(cls, call: ToolCall | str, content: str, is_error: bool = False) -> Message:
        call_id = call if isinstance(call, str) else call.id
        return cls(role="tool", content=content, tool_call_id=call_id, is_error=is_error)


class Tool(BaseModel):
    """A tool the model may call: a name, what it does, and a JSON Schema for its arguments."""

    name: str
    description: str
    parameters: dict[str, Any] = Field(default_factory=lambda: {"type": "object", "properties": {}})


class Usage(BaseModel):
    """Tokens one call used. Cache fields are the provider's prompt-cache counts (0 if none)."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{name: getattr(self, name) + getattr(other, name) for name in Usage.model_fields})


class Reply(BaseModel):
    """What one call returned, the same whichever provider answered."""

    text: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    stop_reason: StopReason = "end"
    model: str = ""
    provider: str = ""
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = None

    def as_message(self) -> Message:
        """The reply as the assistant turn to append to the conversation."""
        return Message.assistant(self.text, self.tool_calls)
