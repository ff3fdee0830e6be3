### BEGIN STARTER
# """Your multimodal: the TODOs in its modules are yours; its given modules come from the unit's given/multimodal."""
### END STARTER
### BEGIN SOLUTION
"""The reference multimodal; its given modules live once, in the unit's given/multimodal."""
### END SOLUTION
from agentkit.given import include

include(globals())
