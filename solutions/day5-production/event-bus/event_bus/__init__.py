### BEGIN STARTER
# """Your event_bus: the TODOs in its modules are yours; its given modules come from the unit's given/event_bus."""
### END STARTER
### BEGIN SOLUTION
"""The reference event_bus; its given modules live once, in the unit's given/event_bus."""
### END SOLUTION
from agentkit.given import include

include(globals())
