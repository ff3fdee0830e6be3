"""A tool box: the Tool definitions the model is offered, and the Python functions that run them."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from agentkit import Message, Tool, ToolCall


class ToolBox:
    """`ToolBox([(Tool(...), function), ...])`; `run(call)` gives the tool-result message for one call."""

    def __init__(self, tools: list[tuple[Tool, Callable[..., Any]]] = ()):
        self.functions: dict[str, Callable[..., Any]] = {}
        self.tools: list[Tool] = []
        for tool, function in tools:
            self.add(tool, function)

    def add(self, tool: Tool, function: Callable[..., Any]) -> None:
        self.tools.append(tool)
        self.functions[tool.name] = function

    def run(self, call: ToolCall) -> Message:
        """The tool's result as text (a string as it is, anything else as JSON). A tool the box does not have,
        or one that raises, gives an error result (is_error=True) that says what went wrong: the model reads it
        and can try something else, and the loop goes on."""
        ### BEGIN SOLUTION
        function = self.functions.get(call.name)
        if function is None:
            return Message.tool_result(call, f"error: there is no tool named {call.name!r}; the tools are "
                                             f"{', '.join(self.functions)}", is_error=True)
        try:
            result = function(**call.arguments)
        except Exception as exc:  # noqa: BLE001 - any tool failure goes back to the model, not up the stack
            return Message.tool_result(call, f"error: {call.name} failed: {type(exc).__name__}: {exc}",
                                       is_error=True)
        text = result if isinstance(result, str) else json.dumps(result, default=str)
        return Message.tool_result(call, text)
        ### END SOLUTION
