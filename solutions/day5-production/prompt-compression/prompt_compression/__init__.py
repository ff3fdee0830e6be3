### BEGIN STARTER
# """Your prompt_compression: the TODOs in its modules are yours; its given modules come from the unit's given/prompt_compression."""
### END STARTER
### BEGIN SOLUTION
"""The reference prompt_compression; its given modules live once, in the unit's given/prompt_compression."""
### END SOLUTION
from agentkit.given import include

include(globals())
