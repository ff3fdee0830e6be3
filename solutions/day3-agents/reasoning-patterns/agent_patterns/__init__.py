### BEGIN STARTER
# """Your agent_patterns: the TODOs in its modules are yours; its given modules come from the unit's given/agent_patterns."""
### END STARTER
### BEGIN SOLUTION
"""The reference agent_patterns; its given modules live once, in the unit's given/agent_patterns."""
### END SOLUTION
from agentkit.given import include

include(globals())
