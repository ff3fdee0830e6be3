"""A provider-agnostic tool layer over the official SDKs: schemas from type hints or pydantic models, each
provider's wire format, parallel calls answered in one turn, tool errors fed back, a failure limit per tool."""
from tool_layer.agent import TurnLimitError, run_agent
from tool_layer.schema import ToolSpec, spec_from_function, spec_from_model
from tool_layer.toolbox import Result, Toolbox
from tool_layer.wire import (ToolCall, anthropic_tools, anthropic_turns, calls_from_anthropic, calls_from_openai,
                             openai_tools, openai_turns)

__all__ = ["ToolSpec", "spec_from_function", "spec_from_model", "Toolbox", "Result", "ToolCall", "anthropic_tools",
           "openai_tools", "calls_from_anthropic", "calls_from_openai", "anthropic_turns", "openai_turns",
           "run_agent", "TurnLimitError"]
