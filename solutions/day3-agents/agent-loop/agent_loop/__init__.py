### BEGIN STARTER
# """Your agent_loop: the TODOs in its modules are yours; its given modules come from the unit's given/agent_loop."""
### END STARTER
### BEGIN SOLUTION
"""The reference agent_loop; its given modules live once, in the unit's given/agent_loop."""
### END SOLUTION
from agentkit.given import include

include(globals())
