"""What the graders call: run the student's `mcp_agent` package in-process over the SDK's in-memory transport
(no sockets, no network) and hand back plain JSON data only.

The graders' own MCP client inspects the student's server, and the graders' own server (GRADER_TOOLS below,
tools the student has never seen) is what the student's client code is pointed at, so a client that hard-codes
the order desk's tools cannot pass."""
from __future__ import annotations

import logging

import anyio
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

import agentkit

logging.getLogger("mcp").setLevel(logging.CRITICAL)  # the SDK logs every failed tool call with a traceback

RATES = {"EUR": 0.92, "GBP": 0.79, "JPY": 151.0}
GRADER_POLICY = "Conversions are indicative; the bank's rate on the day of payment applies."


def grader_server() -> MCPServer:
    """A server the student has never seen: a currency tool with an enum and a number, and a ping tool."""
    server = MCPServer("fx-desk", log_level="CRITICAL")

    @server.tool()
    def convert(amount: float, currency: str) -> str:
        """Convert an amount in US dollars to EUR, GBP or JPY."""
        if currency not in RATES:
            raise ToolError(f"unknown currency {currency!r}; use one of {', '.join(RATES)}")
        return f"{amount * RATES[currency]:.2f} {currency}"

    @server.tool(description="Check the desk is up.")
    def ping() -> str:
        return "pong"

    @server.resource("policy://fx", mime_type="text/plain")
    def fx_policy() -> str:
        return GRADER_POLICY

    return server


def listed(tools) -> list[dict]:
    return [{"name": t.name, "description": t.description, "parameters": t.input_schema} for t in tools]


def as_plain(tool) -> dict:
    """A student's model tool as plain data (whatever object it is, read its fields)."""
    if isinstance(tool, dict):
        return {k: tool.get(k) for k in ("name", "description", "parameters")}
    return {k: getattr(tool, k, None) for k in ("name", "description", "parameters")}


def inspect_server(submission, calls: list) -> dict:
    """The graders' client on the student's server: tools, resources, each call's (text, is_error), the policy."""
    async def main():
        async with Client(submission.build_server()) as client:
            tools = listed((await client.list_tools()).tools)
            resources = [{"uri": str(r.uri), "mime_type": r.mime_type}
                         for r in (await client.list_resources()).resources]
            results = []
            for name, arguments in calls:
                result = await client.call_tool(name, arguments)
                text = "\n".join(b.text for b in result.content if getattr(b, "type", None) == "text")
                results.append({"text": text, "is_error": bool(result.is_error)})
            policy = None
            if any(r["uri"] == submission.POLICY_URI for r in resources):
                read = await client.read_resource(submission.POLICY_URI)
                policy = "\n".join(c.text for c in read.contents if getattr(c, "text", None) is not None)
            return {"tools": tools, "resources": resources, "results": results, "policy": policy}
    return anyio.run(main)


def convert_tools(submission) -> dict:
    """The student's model_tools() on the graders' server, beside what that server lists."""
    async def main():
        server = grader_server()
        async with Client(server) as client:
            expected = listed((await client.list_tools()).tools)
            got = [as_plain(t) for t in await submission.model_tools(client)]
            return {"expected": expected, "got": got}
    return anyio.run(main)


def result_texts(submission, calls: list) -> list:
    """The student's result_text() on real CallToolResults from the graders' server."""
    async def main():
        async with Client(grader_server()) as client:
            out = []
            for name, arguments in calls:
                text, failed = submission.result_text(await client.call_tool(name, arguments))
                out.append({"text": str(text), "is_error": bool(failed)})
            return out
    return anyio.run(main)


def answer(submission, provider: str, question: str, server: str = "student", resource: str | None = None,
           max_steps: int = 6) -> dict:
    """The student's ask() against their own server (server="student") or the graders' ("grader")."""
    async def main():
        target = submission.build_server() if server == "student" else grader_server()
        llm = agentkit.Client(provider)
        async with Client(target) as client:
            found = await submission.ask(question, client, llm, resource=resource, max_steps=max_steps)
        return {"text": str(found.text), "steps": int(found.steps), "stopped": bool(found.stopped),
                "tool_calls": [str(c) for c in found.tool_calls]}
    return anyio.run(main)
