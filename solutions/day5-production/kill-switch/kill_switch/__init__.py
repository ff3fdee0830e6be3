### BEGIN STARTER
# """Your kill_switch: the TODOs in its modules are yours; its given modules come from the unit's given/kill_switch."""
### END STARTER
### BEGIN SOLUTION
"""The reference kill_switch; its given modules live once, in the unit's given/kill_switch."""
### END SOLUTION
from agentkit.given import include

include(globals())
