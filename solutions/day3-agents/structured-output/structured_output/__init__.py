### BEGIN STARTER
# """Your structured_output: the TODOs in its modules are yours; its given modules come from the unit's given/structured_output."""
### END STARTER
### BEGIN SOLUTION
"""The reference structured_output; its given modules live once, in the unit's given/structured_output."""
### END SOLUTION
from agentkit.given import include

include(globals())
