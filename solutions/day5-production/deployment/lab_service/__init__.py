### BEGIN STARTER
# """Your lab_service: the TODOs in its modules are yours; its given modules come from the unit's given/lab_service."""
### END STARTER
### BEGIN SOLUTION
"""The reference lab_service; its given modules live once, in the unit's given/lab_service."""
### END SOLUTION
from agentkit.given import include

include(globals())
