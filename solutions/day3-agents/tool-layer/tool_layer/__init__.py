### BEGIN STARTER
# """Your tool_layer: the TODOs in its modules are yours; its given modules come from the unit's given/tool_layer."""
### END STARTER
### BEGIN SOLUTION
"""The reference tool_layer; its given modules live once, in the unit's given/tool_layer."""
### END SOLUTION
from agentkit.given import include

include(globals())
