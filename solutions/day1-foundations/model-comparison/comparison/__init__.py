### BEGIN STARTER
# """Your comparison: the TODOs in its modules are yours; its given modules come from the unit's given/comparison."""
### END STARTER
### BEGIN SOLUTION
"""The reference comparison; its given modules live once, in the unit's given/comparison."""
### END SOLUTION
from agentkit.given import include

include(globals())
