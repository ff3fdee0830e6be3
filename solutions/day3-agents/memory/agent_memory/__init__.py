### BEGIN STARTER
# """Your agent_memory: the TODOs in its modules are yours; its given modules come from the unit's given/agent_memory."""
### END STARTER
### BEGIN SOLUTION
"""The reference agent_memory; its given modules live once, in the unit's given/agent_memory."""
### END SOLUTION
from agentkit.given import include

include(globals())
