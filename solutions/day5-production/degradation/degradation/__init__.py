### BEGIN STARTER
# """Your degradation: the TODOs in its modules are yours; its given modules come from the unit's given/degradation."""
### END STARTER
### BEGIN SOLUTION
"""The reference degradation; its given modules live once, in the unit's given/degradation."""
### END SOLUTION
from agentkit.given import include

include(globals())
