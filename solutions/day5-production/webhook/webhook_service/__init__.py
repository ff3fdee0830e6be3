### BEGIN STARTER
# """Your webhook_service: the TODOs in its modules are yours; its given modules come from the unit's given/webhook_service."""
### END STARTER
### BEGIN SOLUTION
"""The reference webhook_service; its given modules live once, in the unit's given/webhook_service."""
### END SOLUTION
from agentkit.given import include

include(globals())
