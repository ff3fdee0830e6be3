### BEGIN STARTER
# """Your reasoning: the TODOs in its modules are yours; its given modules come from the unit's given/reasoning."""
### END STARTER
### BEGIN SOLUTION
"""The reference reasoning; its given modules live once, in the unit's given/reasoning."""
### END SOLUTION
from agentkit.given import include

include(globals())
