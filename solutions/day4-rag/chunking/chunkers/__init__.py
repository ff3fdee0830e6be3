### BEGIN STARTER
# """Your chunkers: the TODOs in its modules are yours; its given modules come from the unit's given/chunkers."""
### END STARTER
### BEGIN SOLUTION
"""The reference chunkers; its given modules live once, in the unit's given/chunkers."""
### END SOLUTION
from agentkit.given import include

include(globals())
