### BEGIN STARTER
# """Your streaming: the TODOs in its modules are yours; its given modules come from the unit's given/streaming."""
### END STARTER
### BEGIN SOLUTION
"""The reference streaming; its given modules live once, in the unit's given/streaming."""
### END SOLUTION
from agentkit.given import include

include(globals())
