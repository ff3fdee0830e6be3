### BEGIN STARTER
# """Your prompt_isolation: the TODOs in its modules are yours; its given modules come from the unit's given/prompt_isolation."""
### END STARTER
### BEGIN SOLUTION
"""The reference prompt_isolation; its given modules live once, in the unit's given/prompt_isolation."""
### END SOLUTION
from agentkit.given import include

include(globals())
