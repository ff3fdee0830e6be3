### BEGIN STARTER
# """Your grounding: the TODOs in its modules are yours; its given modules come from the unit's given/grounding."""
### END STARTER
### BEGIN SOLUTION
"""The reference grounding; its given modules live once, in the unit's given/grounding."""
### END SOLUTION
from agentkit.given import include

include(globals())
