"""`python -m mcp_agent`: the order desk's MCP server over stdio (an MCP host starts it as a subprocess)."""
from mcp_agent.server import build_server

build_server().run()
