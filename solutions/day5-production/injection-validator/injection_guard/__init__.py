### BEGIN STARTER
# """Your injection_guard: the TODOs in its modules are yours; its given modules come from the unit's given/injection_guard."""
### END STARTER
### BEGIN SOLUTION
"""The reference injection_guard; its given modules live once, in the unit's given/injection_guard."""
### END SOLUTION
from agentkit.given import include

include(globals())
