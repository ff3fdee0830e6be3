### BEGIN STARTER
# """Your audit_trail: the TODOs in its modules are yours; its given modules come from the unit's given/audit_trail."""
### END STARTER
### BEGIN SOLUTION
"""The reference audit_trail; its given modules live once, in the unit's given/audit_trail."""
### END SOLUTION
from agentkit.given import include

include(globals())
