### BEGIN STARTER
# """Your automation_decision: the TODOs in its modules are yours; its given modules come from the unit's given/automation_decision."""
### END STARTER
### BEGIN SOLUTION
"""The reference automation_decision; its given modules live once, in the unit's given/automation_decision."""
### END SOLUTION
from agentkit.given import include

include(globals())
