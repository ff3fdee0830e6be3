### BEGIN STARTER
# """Your output_guard: the TODOs in its modules are yours; its given modules come from the unit's given/output_guard."""
### END STARTER
### BEGIN SOLUTION
"""The reference output_guard; its given modules live once, in the unit's given/output_guard."""
### END SOLUTION
from agentkit.given import include

include(globals())
