### BEGIN STARTER
# """Your resilience: the TODOs in its modules are yours; its given modules come from the unit's given/resilience."""
### END STARTER
### BEGIN SOLUTION
"""The reference resilience; its given modules live once, in the unit's given/resilience."""
### END SOLUTION
from agentkit.given import include

include(globals())
