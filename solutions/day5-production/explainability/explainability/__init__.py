### BEGIN STARTER
# """Your explainability: the TODOs in its modules are yours; its given modules come from the unit's given/explainability."""
### END STARTER
### BEGIN SOLUTION
"""The reference explainability; its given modules live once, in the unit's given/explainability."""
### END SOLUTION
from agentkit.given import include

include(globals())
