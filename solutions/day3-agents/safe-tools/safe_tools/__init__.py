### BEGIN STARTER
# """Your safe_tools: the TODOs in its modules are yours; its given modules come from the unit's given/safe_tools."""
### END STARTER
### BEGIN SOLUTION
"""The reference safe_tools; its given modules live once, in the unit's given/safe_tools."""
### END SOLUTION
from agentkit.given import include

include(globals())
