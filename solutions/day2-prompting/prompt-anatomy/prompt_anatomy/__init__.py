### BEGIN STARTER
# """Your prompt_anatomy: the TODOs in its modules are yours; its given modules come from the unit's given/prompt_anatomy."""
### END STARTER
### BEGIN SOLUTION
"""The reference prompt_anatomy; its given modules live once, in the unit's given/prompt_anatomy."""
### END SOLUTION
from agentkit.given import include

include(globals())
