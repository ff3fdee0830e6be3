"""The two wire formats: one request becomes SDK keyword arguments, an SDK response becomes one Reply.

The same conversation travels differently:

    Anthropic Messages          system=... is a top-level field; messages hold only user/assistant turns;
                                max_tokens is required
    OpenAI Chat Completions     the system prompt is the first message, role "system"; the reply limit is
                                max_completion_tokens (OpenAI) or max_tokens (OpenAI-compatible servers)
"""
from __future__ import annotations

from chat_client.types import Reply, Usage

ANTHROPIC_STOP = {"end_turn": "end", "max_tokens": "max_tokens", "stop_sequence": "stop_sequence",
                  "tool_use": "tool_use", "refusal": "refusal", "pause_turn": "end"}
OPENAI_STOP = {"stop": "end", "length": "max_tokens", "tool_calls": "tool_use", "function_call": "tool_use",
               "content_filter": "refusal"}


### BEGIN STARTER
# def anthropic_params(model: str, messages: list[dict], system: str | None, max_tokens: int) -> dict:
#     """Keyword arguments for `anthropic.Anthropic().messages.create(**params)`."""
#     # TODO step 1: model, max_tokens, messages; `system` as its own field, only when there is one
#     raise NotImplementedError("step 1: anthropic_params")
### END STARTER
### BEGIN SOLUTION
def anthropic_params(model: str, messages: list[dict], system: str | None, max_tokens: int) -> dict:
    """Keyword arguments for `anthropic.Anthropic().messages.create(**params)`."""
    params = {"model": model, "max_tokens": max_tokens, "messages": messages}
    if system:
        params["system"] = system
    return params
### END SOLUTION


### BEGIN STARTER
# def openai_params(model: str, messages: list[dict], system: str | None, max_tokens: int, *,
#                   compatible: bool = False) -> dict:
#     """Keyword arguments for `openai.OpenAI().chat.completions.create(**params)`.
#
#     `compatible` is True for an OpenAI-compatible server (base_url), which knows `max_tokens`; OpenAI's own
#     API wants `max_completion_tokens` (its reasoning models refuse `max_tokens`)."""
#     # TODO step 2: the system prompt as the first message ({"role": "system", ...}), then the conversation
#     raise NotImplementedError("step 2: openai_params")
### END STARTER
### BEGIN SOLUTION
def openai_params(model: str, messages: list[dict], system: str | None, max_tokens: int, *,
                  compatible: bool = False) -> dict:
    """Keyword arguments for `openai.OpenAI().chat.completions.create(**params)`."""
    turns = ([{"role": "system", "content": system}] if system else []) + messages
    limit = "max_tokens" if compatible else "max_completion_tokens"
    return {"model": model, "messages": turns, limit: max_tokens}
### END SOLUTION


### BEGIN STARTER
# def reply_from_anthropic(message) -> Reply:
#     """A Reply from an `anthropic.types.Message` (cost_usd is filled in by the client)."""
#     # TODO step 3: the text of every "text" block joined; message.model; stop_reason through ANTHROPIC_STOP;
#     # usage from message.usage.input_tokens / output_tokens
#     raise NotImplementedError("step 3: reply_from_anthropic")
### END STARTER
### BEGIN SOLUTION
def reply_from_anthropic(message) -> Reply:
    """A Reply from an `anthropic.types.Message` (cost_usd is filled in by the client)."""
    return Reply(text="".join(block.text for block in message.content if block.type == "text"),
                 model=message.model, provider="anthropic",
                 stop_reason=ANTHROPIC_STOP.get(message.stop_reason or "end_turn", "end"),
                 usage=Usage(input_tokens=message.usage.input_tokens, output_tokens=message.usage.output_tokens))
### END SOLUTION


### BEGIN STARTER
# def reply_from_openai(completion) -> Reply:
#     """A Reply from an `openai.types.chat.ChatCompletion` (cost_usd is filled in by the client)."""
#     # TODO step 4: choices[0].message.content (None when there is no text); finish_reason through
#     # OPENAI_STOP; usage.prompt_tokens and usage.completion_tokens
#     raise NotImplementedError("step 4: reply_from_openai")
### END STARTER
### BEGIN SOLUTION
def reply_from_openai(completion) -> Reply:
    """A Reply from an `openai.types.chat.ChatCompletion` (cost_usd is filled in by the client)."""
    choice = completion.choices[0]
    usage = completion.usage
    return Reply(text=choice.message.content or "", model=completion.model, provider="openai",
                 stop_reason=OPENAI_STOP.get(choice.finish_reason, "end"),
                 usage=Usage(input_tokens=usage.prompt_tokens if usage else 0,
                             output_tokens=usage.completion_tokens if usage else 0))
### END SOLUTION
