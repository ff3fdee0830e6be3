### BEGIN STARTER
# """Your model_selection: the TODOs in its modules are yours; its given modules come from the unit's given/model_selection."""
### END STARTER
### BEGIN SOLUTION
"""The reference model_selection; its given modules live once, in the unit's given/model_selection."""
### END SOLUTION
from agentkit.given import include

include(globals())
