"""The two wire formats of tool use.

                      Anthropic Messages                         OpenAI Chat Completions
    tool definition   {name, description, input_schema}          {type: function, function: {name, description,
                                                                   parameters}}
    the model's call  a `tool_use` block: id, name, input (dict)  message.tool_calls[i]: id, function.name,
                                                                   function.arguments (a JSON *string*)
    the answer        ONE user turn holding a `tool_result`       one message per call: role "tool",
                      block per call: tool_use_id, content,       tool_call_id, content (no error flag: say so
                      is_error                                    in the text)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tool_layer.schema import ToolSpec
    from tool_layer.toolbox import Result


@dataclass(frozen=True)
class ToolCall:
    """One call the model asked for. `arguments` is a dict, or the raw text when it was not a JSON object."""

    id: str
    name: str
    arguments: Any


### BEGIN STARTER
# def anthropic_tools(specs: list[ToolSpec]) -> list[dict]:
#     """`tools=` for `messages.create`."""
#     # TODO step 2a: {"name", "description", "input_schema"} per spec (spec.parameters is the JSON Schema)
#     raise NotImplementedError("step 2a: anthropic_tools")
#
#
# def openai_tools(specs: list[ToolSpec]) -> list[dict]:
#     """`tools=` for `chat.completions.create`."""
#     # TODO step 2b: {"type": "function", "function": {"name", "description", "parameters"}} per spec
#     raise NotImplementedError("step 2b: openai_tools")
#
#
# def calls_from_anthropic(message) -> list[ToolCall]:
#     """The tool calls in an `anthropic.types.Message`, in order."""
#     # TODO step 3a: every content block of type "tool_use": block.id, block.name, block.input
#     raise NotImplementedError("step 3a: calls_from_anthropic")
#
#
# def calls_from_openai(completion) -> list[ToolCall]:
#     """The tool calls in an `openai.types.chat.ChatCompletion`, in order."""
#     # TODO step 3b: choices[0].message.tool_calls (None when there are none); function.arguments is a JSON
#     # string: parse it, and keep the raw text when it is not a JSON object (the toolbox reports that)
#     raise NotImplementedError("step 3b: calls_from_openai")
#
#
# def anthropic_turns(message, results: list[Result]) -> list[dict]:
#     """The turns to append after an Anthropic reply that called tools."""
#     # TODO step 5a: the assistant turn with the reply's content blocks as they came (model_dump), then ONE
#     # user turn whose content is a tool_result block per result (tool_use_id, content, is_error)
#     raise NotImplementedError("step 5a: anthropic_turns")
#
#
# def openai_turns(completion, results: list[Result]) -> list[dict]:
#     """The messages to append after an OpenAI reply that called tools."""
#     # TODO step 5b: the assistant message with its tool_calls (arguments as the JSON string it sent), then
#     # one {"role": "tool", "tool_call_id", "content"} message per result
#     raise NotImplementedError("step 5b: openai_turns")
### END STARTER
### BEGIN SOLUTION
def anthropic_tools(specs: list[ToolSpec]) -> list[dict]:
    """`tools=` for `messages.create`."""
    return [{"name": s.name, "description": s.description, "input_schema": s.parameters} for s in specs]


def openai_tools(specs: list[ToolSpec]) -> list[dict]:
    """`tools=` for `chat.completions.create`."""
    return [{"type": "function", "function": {"name": s.name, "description": s.description,
                                              "parameters": s.parameters}} for s in specs]


def calls_from_anthropic(message) -> list[ToolCall]:
    """The tool calls in an `anthropic.types.Message`, in order."""
    return [ToolCall(block.id, block.name, block.input) for block in message.content if block.type == "tool_use"]


def calls_from_openai(completion) -> list[ToolCall]:
    """The tool calls in an `openai.types.chat.ChatCompletion`, in order."""
    calls = []
    for call in completion.choices[0].message.tool_calls or []:
        try:
            arguments = json.loads(call.function.arguments or "{}")
        except json.JSONDecodeError:
            arguments = call.function.arguments  # the toolbox answers "invalid arguments"
        calls.append(ToolCall(call.id, call.function.name, arguments))
    return calls


def anthropic_turns(message, results: list[Result]) -> list[dict]:
    """The turns to append after an Anthropic reply that called tools."""
    assistant = {"role": "assistant", "content": [b.model_dump(mode="json", exclude_none=True)
                                                  for b in message.content]}
    answers = [{"type": "tool_result", "tool_use_id": r.call_id, "content": r.content, "is_error": r.is_error}
               for r in results]
    return [assistant, {"role": "user", "content": answers}]


def openai_turns(completion, results: list[Result]) -> list[dict]:
    """The messages to append after an OpenAI reply that called tools."""
    message = completion.choices[0].message
    calls = [{"id": c.id, "type": "function", "function": {"name": c.function.name, "arguments": c.function.arguments}}
             for c in message.tool_calls or []]
    assistant = {"role": "assistant", "content": message.content, "tool_calls": calls}
    return [assistant, *({"role": "tool", "tool_call_id": r.call_id, "content": r.content} for r in results)]
### END SOLUTION
