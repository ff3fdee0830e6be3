### BEGIN STARTER
# """Your rag_judge: the TODOs in its modules are yours; its given modules come from the unit's given/rag_judge."""
### END STARTER
### BEGIN SOLUTION
"""The reference rag_judge; its given modules live once, in the unit's given/rag_judge."""
### END SOLUTION
from agentkit.given import include

include(globals())
