### BEGIN STARTER
# """Your research desk: the TODOs in its modules are yours; its given modules come from the unit's given/research_desk."""
### END STARTER
### BEGIN SOLUTION
"""The reference research desk; its given modules live once, in the unit's given/research_desk."""
### END SOLUTION
from agentkit.given import include

include(globals())
