### BEGIN STARTER
# """Your large_transformations: the TODOs in its modules are yours; its given modules come from the unit's given/large_transformations."""
### END STARTER
### BEGIN SOLUTION
"""The reference large_transformations; its given modules live once, in the unit's given/large_transformations."""
### END SOLUTION
from agentkit.given import include

include(globals())
