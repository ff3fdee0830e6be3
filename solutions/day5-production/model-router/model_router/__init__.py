### BEGIN STARTER
# """Your model_router: the TODOs in its modules are yours; its given modules come from the unit's given/model_router."""
### END STARTER
### BEGIN SOLUTION
"""The reference model_router; its given modules live once, in the unit's given/model_router."""
### END SOLUTION
from agentkit.given import include

include(globals())
