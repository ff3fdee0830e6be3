"""The desk in the course's own loop: agentkit's client, a tool schema written by hand, about twenty lines."""
from __future__ import annotations

import agentkit
from agentkit import Message, Tool

from framework_desk.desk import INSTRUCTIONS, MAX_STEPS, MAX_TOKENS, Answer, UnknownOrder, lookup_order

### BEGIN SOLUTION
LOOKUP_TOOL = Tool(
    name="lookup_order",
    description=lookup_order.__doc__,
    parameters={"type": "object", "properties": {"order_id": {"type": "string", "description": "like A1001"}},
                "required": ["order_id"]},
)
### END SOLUTION
### BEGIN STARTER
# # TODO: the tool the model sees: name "lookup_order", the function's docstring as its description, and a JSON
# # Schema with one required string property, order_id.
# LOOKUP_TOOL = Tool(name="lookup_order", description="", parameters={"type": "object", "properties": {}})
### END STARTER


def run_tool(name: str, arguments: dict) -> tuple[str, bool]:
    """(result text, is_error) for one tool call; an UnknownOrder goes back to the model as an error."""
    ### BEGIN SOLUTION
    if name != "lookup_order":
        return f"unknown tool {name!r}", True
    try:
        return lookup_order(**arguments), False
    except UnknownOrder as exc:
        return str(exc), True
    except TypeError as exc:  # wrong or missing arguments
        return f"bad arguments for lookup_order: {exc}", True
    ### END SOLUTION


def ask(question: str, provider: str, max_steps: int = MAX_STEPS) -> Answer:
    """Answer `question` with the model of `provider` (agentkit's default), INSTRUCTIONS as the system prompt,
    LOOKUP_TOOL offered, MAX_TOKENS per reply and at most `max_steps` model calls."""
    ### BEGIN STARTER
    # # TODO: llm = agentkit.Client(provider); messages = [Message.user(question)]
    # # TODO: at most max_steps times: reply = llm.chat(messages, system=INSTRUCTIONS, tools=[LOOKUP_TOOL],
    # #       max_tokens=MAX_TOKENS); no tool calls -> Answer(reply.text); else append reply.as_message() and a
    # #       Message.tool_result(call, text, is_error=...) per call, from run_tool
    # # TODO: budget spent: Answer("", stopped=True)
    # raise NotImplementedError("ask")
    ### END STARTER
    ### BEGIN SOLUTION
    llm = agentkit.Client(provider)
    messages: list[Message] = [Message.user(question)]
    for _ in range(max_steps):
        reply = llm.chat(messages, system=INSTRUCTIONS, tools=[LOOKUP_TOOL], max_tokens=MAX_TOKENS)
        if not reply.tool_calls:
            return Answer(reply.text)
        messages.append(reply.as_message())
        for call in reply.tool_calls:
            text, failed = run_tool(call.name, call.arguments)
            messages.append(Message.tool_result(call, text, is_error=failed))
    return Answer("", stopped=True)
    ### END SOLUTION
