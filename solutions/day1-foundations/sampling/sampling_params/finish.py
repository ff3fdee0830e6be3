"""Why a reply stopped, as one of five names whatever the provider and API."""
from __future__ import annotations

FINISH_REASONS = ("end", "max_tokens", "stop_sequence", "tool_use", "refusal")


def finish_reason(response) -> str:
    """The finish reason of an SDK response: an anthropic Message, an openai ChatCompletion, or an openai Response.

    Anthropic: end_turn -> end, max_tokens and model_context_window_exceeded -> max_tokens, stop_sequence,
    tool_use, refusal. Chat Completions: a message with a `refusal` -> refusal; else stop -> end, length ->
    max_tokens, tool_calls or function_call -> tool_use, content_filter -> refusal. Responses: incomplete for
    max_output_tokens -> max_tokens, for content_filter -> refusal; a function_call in the output -> tool_use;
    a refusal content part -> refusal; else end. Anything else (pause_turn, a stream still running) is a
    ValueError naming the value: it is not one of the five, and guessing "end" would hide it."""
    ### BEGIN SOLUTION
    kind = type(response).__name__
    if kind == "Message":
        mapping = {"end_turn": "end", "max_tokens": "max_tokens", "model_context_window_exceeded": "max_tokens",
                   "stop_sequence": "stop_sequence", "tool_use": "tool_use", "refusal": "refusal"}
        if response.stop_reason not in mapping:
            raise ValueError(f"Anthropic stop_reason {response.stop_reason!r} is not a finish")
        return mapping[response.stop_reason]
    if kind == "ChatCompletion":
        choice = response.choices[0]
        if choice.message.refusal:
            return "refusal"
        mapping = {"stop": "end", "length": "max_tokens", "tool_calls": "tool_use", "function_call": "tool_use",
                   "content_filter": "refusal"}
        if choice.finish_reason not in mapping:
            raise ValueError(f"Chat Completions finish_reason {choice.finish_reason!r} is not a finish")
        return mapping[choice.finish_reason]
    if kind == "Response":
        if response.status == "incomplete":
            reason = response.incomplete_details.reason if response.incomplete_details else None
            mapping = {"max_output_tokens": "max_tokens", "content_filter": "refusal"}
            if reason not in mapping:
                raise ValueError(f"Responses incomplete for {reason!r}")
            return mapping[reason]
        if response.status != "completed":
            raise ValueError(f"Responses status {response.status!r} is not a finish")
        if any(item.type == "function_call" for item in response.output):
            return "tool_use"
        parts = [part for item in response.output if item.type == "message" for part in item.content]
        return "refusal" if any(part.type == "refusal" for part in parts) else "end"
    raise TypeError(f"not an SDK response: {kind}")
    ### END SOLUTION
