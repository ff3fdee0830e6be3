### BEGIN STARTER
# """Your supervisor: the TODOs in its modules are yours; its given modules come from the unit's given/supervisor."""
### END STARTER
### BEGIN SOLUTION
"""The reference supervisor; its given modules live once, in the unit's given/supervisor."""
### END SOLUTION
from agentkit.given import include

include(globals())
