### BEGIN STARTER
# """Your context_window: the TODOs in its modules are yours; its given modules come from the unit's given/context_window."""
### END STARTER
### BEGIN SOLUTION
"""The reference context_window; its given modules live once, in the unit's given/context_window."""
### END SOLUTION
from agentkit.given import include

include(globals())
