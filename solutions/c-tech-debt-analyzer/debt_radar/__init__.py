### BEGIN STARTER
# """Your analyzer: the TODOs in its modules are yours; its given modules come from the unit's given/debt_radar."""
### END STARTER
### BEGIN SOLUTION
"""The reference tech-debt analyzer; its given modules live once, in the unit's given/debt_radar."""
### END SOLUTION
from agentkit.given import include

include(globals())
