### BEGIN STARTER
# """Your migrator: the TODOs in its modules are yours; its given modules come from the unit's given/migrator."""
### END STARTER
### BEGIN SOLUTION
"""The reference migrator; its given modules live once, in the unit's given/migrator."""
### END SOLUTION
from agentkit.given import include

include(globals())
