### BEGIN STARTER
# """Your hybrid_search: the TODOs in its modules are yours; its given modules come from the unit's given/hybrid_search."""
### END STARTER
### BEGIN SOLUTION
"""The reference hybrid_search; its given modules live once, in the unit's given/hybrid_search."""
### END SOLUTION
from agentkit.given import include

include(globals())
