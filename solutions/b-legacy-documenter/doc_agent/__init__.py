### BEGIN STARTER
# """Your documenter: the TODOs in its modules are yours; its given modules come from the unit's given/doc_agent."""
### END STARTER
### BEGIN SOLUTION
"""The reference documenter; its given modules live once, in the unit's given/doc_agent."""
### END SOLUTION
from agentkit.given import include

include(globals())
