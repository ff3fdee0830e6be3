### BEGIN STARTER
# """Your framework_desk: the TODOs in its modules are yours; its given modules come from the unit's given/framework_desk."""
### END STARTER
### BEGIN SOLUTION
"""The reference framework_desk; its given modules live once, in the unit's given/framework_desk."""
### END SOLUTION
from agentkit.given import include

include(globals())
