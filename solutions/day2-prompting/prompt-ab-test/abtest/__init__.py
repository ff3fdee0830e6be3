### BEGIN STARTER
# """Your abtest: the TODOs in its modules are yours; its given modules come from the unit's given/abtest."""
### END STARTER
### BEGIN SOLUTION
"""The reference abtest; its given modules live once, in the unit's given/abtest."""
### END SOLUTION
from agentkit.given import include

include(globals())
