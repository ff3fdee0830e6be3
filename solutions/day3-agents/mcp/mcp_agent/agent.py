"""The agent as an MCP client: the server's tools become model tools, the model's calls go to the server."""
from __future__ import annotations

from dataclasses import dataclass, field

from mcp import Client

import agentkit
from agentkit import Message, Tool

SYSTEM = ("You are the order desk assistant. Use the tools to look orders up; never guess an order's status. "
          "Answer in two sentences at most.")


@dataclass
class Answer:
    text: str
    steps: int                      # model calls made
    tool_calls: list[str] = field(default_factory=list)  # "name(arguments)" in the order they ran
    stopped: bool = False           # True when the step budget ran out before a final answer


async def model_tools(client: Client) -> list[Tool]:
    """Every tool the server lists, as an agentkit Tool: same name, its description, its input schema."""
    ### BEGIN SOLUTION
    listed = await client.list_tools()
    return [Tool(name=t.name, description=t.description or t.title or t.name,
                 parameters=t.input_schema or {"type": "object", "properties": {}})
            for t in listed.tools]
    ### END SOLUTION


def result_text(result) -> tuple[str, bool]:
    """A CallToolResult as (the text of its text content blocks joined by newlines, whether it is an error)."""
    ### BEGIN SOLUTION
    texts = [block.text for block in result.content if getattr(block, "type", None) == "text"]
    return "\n".join(texts), bool(result.is_error)
    ### END SOLUTION


async def read_resource(client: Client, uri: str) -> str:
    """The text of the resource at `uri` (text contents joined by newlines)."""
    ### BEGIN SOLUTION
    read = await client.read_resource(uri)
    return "\n".join(c.text for c in read.contents if getattr(c, "text", None) is not None)
    ### END SOLUTION


async def ask(question: str, client: Client, llm: agentkit.Client, *, resource: str | None = None,
              max_steps: int = 6) -> Answer:
    """Answer `question` with the server's tools. If `resource` is given, its text goes into the system prompt
    (after SYSTEM, on its own lines). Each tool call the model makes is run on the server and its result sent
    back (is_error set when the server says the call failed). At most `max_steps` model calls."""
    ### BEGIN STARTER
    # # TODO: tools = await model_tools(client); system = SYSTEM, plus "\n\n" + the resource's text if one is given
    # # TODO: loop at most max_steps times: reply = await llm.achat(messages, system=system, tools=tools)
    # #   - no tool calls: return Answer(reply.text, steps, calls)
    # #   - otherwise append reply.as_message(), run each call with client.call_tool(name, arguments), and append
    # #     Message.tool_result(call, text, is_error) from result_text(...)
    # # TODO: budget spent: return Answer(last text, max_steps, calls, stopped=True)
    # raise NotImplementedError("ask")
    ### END STARTER
    ### BEGIN SOLUTION
    tools = await model_tools(client)
    system = SYSTEM
    if resource is not None:
        system += "\n\n" + await read_resource(client, resource)
    messages: list[Message] = [Message.user(question)]
    calls: list[str] = []
    text = ""
    for step in range(1, max_steps + 1):
        reply = await llm.achat(messages, system=system, tools=tools)
        text = reply.text
        if not reply.tool_calls:
            return Answer(text, step, calls)
        messages.append(reply.as_message())
        for call in reply.tool_calls:
            calls.append(f"{call.name}({call.arguments})")
            result = await client.call_tool(call.name, call.arguments)
            content, failed = result_text(result)
            messages.append(Message.tool_result(call, content, is_error=failed))
    return Answer(text, max_steps, calls, stopped=True)
    ### END SOLUTION
