### BEGIN STARTER
# """Your mcp_agent: the TODOs in its modules are yours; its given modules come from the unit's given/mcp_agent."""
### END STARTER
### BEGIN SOLUTION
"""The reference mcp_agent; its given modules live once, in the unit's given/mcp_agent."""
### END SOLUTION
from agentkit.given import include

include(globals())
