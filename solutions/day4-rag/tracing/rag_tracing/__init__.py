### BEGIN STARTER
# """Your rag_tracing: the TODOs in its modules are yours; its given modules come from the unit's given/rag_tracing."""
### END STARTER
### BEGIN SOLUTION
"""The reference rag_tracing; its given modules live once, in the unit's given/rag_tracing."""
### END SOLUTION
from agentkit.given import include

include(globals())
