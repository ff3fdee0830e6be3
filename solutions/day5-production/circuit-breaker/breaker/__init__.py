### BEGIN STARTER
# """Your breaker: the TODOs in its modules are yours; its given modules come from the unit's given/breaker."""
### END STARTER
### BEGIN SOLUTION
"""The reference breaker; its given modules live once, in the unit's given/breaker."""
### END SOLUTION
from agentkit.given import include

include(globals())
