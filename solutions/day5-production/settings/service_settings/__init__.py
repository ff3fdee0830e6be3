### BEGIN STARTER
# """Your service_settings: the TODOs in its modules are yours; its given modules come from the unit's given/service_settings."""
### END STARTER
### BEGIN SOLUTION
"""The reference service_settings; its given modules live once, in the unit's given/service_settings."""
### END SOLUTION
from agentkit.given import include

include(globals())
