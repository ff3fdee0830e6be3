### BEGIN STARTER
# """Your cost_manager: the TODOs in its modules are yours; its given modules come from the unit's given/cost_manager."""
### END STARTER
### BEGIN SOLUTION
"""The reference cost_manager; its given modules live once, in the unit's given/cost_manager."""
### END SOLUTION
from agentkit.given import include

include(globals())
