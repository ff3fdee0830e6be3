"""An order desk served over the Model Context Protocol, and an agent that uses it as an MCP client."""
from mcp_agent.agent import Answer, ask, model_tools, read_resource, result_text
from mcp_agent.server import ORDERS, POLICY_URI, build_server

__all__ = ["ORDERS", "POLICY_URI", "Answer", "ask", "build_server", "model_tools", "read_resource", "result_text"]
