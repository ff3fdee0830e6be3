### BEGIN STARTER
# """Your coderag: the TODOs in its modules are yours; its given modules come from the unit's given/coderag."""
### END STARTER
### BEGIN SOLUTION
"""The reference coderag; its given modules live once, in the unit's given/coderag."""
### END SOLUTION
from agentkit.given import include

include(globals())
