### BEGIN STARTER
# """Your personas: the TODOs in its modules are yours; its given modules come from the unit's given/personas."""
### END STARTER
### BEGIN SOLUTION
"""The reference personas; its given modules live once, in the unit's given/personas."""
### END SOLUTION
from agentkit.given import include

include(globals())
