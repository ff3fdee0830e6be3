### BEGIN STARTER
# """Your vector_store: the TODOs in its modules are yours; its given modules come from the unit's given/vector_store."""
### END STARTER
### BEGIN SOLUTION
"""The reference vector_store; its given modules live once, in the unit's given/vector_store."""
### END SOLUTION
from agentkit.given import include

include(globals())
