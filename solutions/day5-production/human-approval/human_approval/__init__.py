### BEGIN STARTER
# """Your human_approval: the TODOs in its modules are yours; its given modules come from the unit's given/human_approval."""
### END STARTER
### BEGIN SOLUTION
"""The reference human_approval; its given modules live once, in the unit's given/human_approval."""
### END SOLUTION
from agentkit.given import include

include(globals())
