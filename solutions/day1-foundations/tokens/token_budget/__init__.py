### BEGIN STARTER
# """Your token_budget: the TODOs in its modules are yours; its given modules come from the unit's given/token_budget."""
### END STARTER
### BEGIN SOLUTION
"""The reference token_budget; its given modules live once, in the unit's given/token_budget."""
### END SOLUTION
from agentkit.given import include

include(globals())
