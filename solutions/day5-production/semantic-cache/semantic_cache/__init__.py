### BEGIN STARTER
# """Your semantic_cache: the TODOs in its modules are yours; its given modules come from the unit's given/semantic_cache."""
### END STARTER
### BEGIN SOLUTION
"""The reference semantic_cache; its given modules live once, in the unit's given/semantic_cache."""
### END SOLUTION
from agentkit.given import include

include(globals())
